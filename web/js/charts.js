// Charts in plain SVG: a stacked bar timeline, a force-directed actor
// network and a heat map. Each returns an <svg> element.
import { s, goldsteinColor, QUAD_NAMES, fmtNumber } from './dom.js';

export const QUAD_COLORS = ['#999', '#3f9e6a', '#2c6e9b', '#e3a33b', '#c4413a'];

function niceMax(v) {
  if (v <= 5) return Math.max(1, Math.ceil(v));
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

// periods: [{period, quad: [_, q1, q2, q3, q4], events}], oldest first.
export function stackedTimeline(periods, { width = 960, height = 320, onSelect } = {}) {
  const m = { top: 16, right: 16, bottom: 56, left: 48 };
  const w = width - m.left - m.right;
  const hgt = height - m.top - m.bottom;
  const max = niceMax(Math.max(1, ...periods.map((p) => p.events)));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart timeline', role: 'img',
    'aria-label': 'events per period, stacked by quad class' });
  const y = (v) => m.top + hgt - (v / max) * hgt;
  // grid and y axis
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    svg.append(s('line', { x1: m.left, x2: m.left + w, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(s('text', { x: m.left - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' }, fmtNumber(Math.round(v))));
  }
  const n = Math.max(1, periods.length);
  const band = w / n;
  const bar = Math.max(1, Math.min(40, band * 0.8));
  const labelEvery = Math.max(1, Math.ceil(n / Math.floor(w / 70)));
  periods.forEach((p, i) => {
    const x = m.left + i * band + (band - bar) / 2;
    let acc = 0;
    const g = s('g', { class: 'bar', dataset: { period: p.period } });
    for (let q = 1; q <= 4; q++) {
      const v = p.quad[q] || 0;
      if (!v) continue;
      g.append(s('rect', { x, y: y(acc + v), width: bar, height: Math.max(0.5, y(acc) - y(acc + v)),
        fill: QUAD_COLORS[q], class: `q${q}` },
      s('title', {}, `${p.period}: ${fmtNumber(v)} ${QUAD_NAMES[q]}`)));
      acc += v;
    }
    if (onSelect) {
      g.addEventListener('click', () => onSelect(p));
      g.setAttribute('tabindex', '0');
    }
    svg.append(g);
    if (i % labelEvery === 0) {
      const lx = m.left + i * band + band / 2;
      svg.append(s('text', { x: lx, y: m.top + hgt + 14, class: 'tick', 'text-anchor': 'end',
        transform: `rotate(-35 ${lx} ${m.top + hgt + 14})` }, p.period));
    }
  });
  svg.append(s('line', { x1: m.left, x2: m.left + w, y1: y(0), y2: y(0), class: 'axis' }));
  return svg;
}

export function quadLegend() {
  const svg = s('svg', { viewBox: '0 0 640 20', class: 'legend', role: 'img', 'aria-label': 'quad classes' });
  for (let q = 1; q <= 4; q++) {
    const x = (q - 1) * 160;
    svg.append(s('rect', { x, y: 4, width: 12, height: 12, fill: QUAD_COLORS[q] }));
    svg.append(s('text', { x: x + 17, y: 15, class: 'tick' }, QUAD_NAMES[q]));
  }
  return svg;
}

// nodes: [{actor, name, events}], edges: [{source, target, events, mean_goldstein}].
// A deterministic force layout (fixed start on a circle, fixed iterations).
export function actorNetwork(nodes, edges, { width = 960, height = 600, onNode, onEdge } = {}) {
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart network', role: 'img',
    'aria-label': 'actors and their interactions' });
  const defs = s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5,
    markerUnits: 'userSpaceOnUse', markerWidth: 11, markerHeight: 11, orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead' })));
  svg.append(defs);
  if (!nodes.length) return svg;
  const idx = new Map(nodes.map((n, i) => [n.actor, i]));
  const maxNode = Math.max(...nodes.map((n) => n.events));
  const maxEdge = Math.max(...edges.map((e) => e.events), 1);
  const radius = (n) => 6 + 18 * Math.sqrt(n.events / maxNode);
  const cx = width / 2;
  const cy = height / 2;
  const P = nodes.map((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length;
    return { x: cx + Math.cos(a) * width * 0.3, y: cy + Math.sin(a) * height * 0.3, vx: 0, vy: 0 };
  });
  const links = edges.filter((e) => idx.has(e.source) && idx.has(e.target) && e.source !== e.target)
    .map((e) => ({ ...e, a: idx.get(e.source), b: idx.get(e.target) }));
  // Fruchterman-Reingold with gravity (keeps separate groups near the
  // centre), then scaled to fill the box.
  const k = Math.sqrt((width * height) / nodes.length) * 0.5;
  let temp = width / 8;
  for (let it = 0; it < 400; it++) {
    const D = P.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < P.length; i++) {
      for (let j = i + 1; j < P.length; j++) {
        let dx = P[i].x - P[j].x;
        let dy = P[i].y - P[j].y;
        let d = Math.sqrt(dx * dx + dy * dy);
        if (d < 0.01) { dx = 0.01 * (i - j); dy = 0.01; d = Math.sqrt(dx * dx + dy * dy); }
        const f = (k * k) / d;
        D[i].x += (dx / d) * f; D[i].y += (dy / d) * f;
        D[j].x -= (dx / d) * f; D[j].y -= (dy / d) * f;
      }
    }
    for (const l of links) {
      const dx = P[l.a].x - P[l.b].x;
      const dy = P[l.a].y - P[l.b].y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = (d * d) / k;
      D[l.a].x -= (dx / d) * f; D[l.a].y -= (dy / d) * f;
      D[l.b].x += (dx / d) * f; D[l.b].y += (dy / d) * f;
    }
    for (let i = 0; i < P.length; i++) {
      D[i].x += (cx - P[i].x) * 0.3 * (k / 100);
      D[i].y += (cy - P[i].y) * 0.3 * (k / 100);
      const d = Math.sqrt(D[i].x * D[i].x + D[i].y * D[i].y) || 1;
      const step = Math.min(d, temp);
      P[i].x += (D[i].x / d) * step;
      P[i].y += (D[i].y / d) * step;
    }
    temp = Math.max(1, temp * 0.985);
  }
  const mx0 = 60;
  const my0 = 40;
  const xs = P.map((p) => p.x);
  const ys = P.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = x1 > x0 ? (width - 2 * mx0) / (x1 - x0) : 1;
  const sy = y1 > y0 ? (height - 2 * my0) / (y1 - y0) : 1;
  for (const p of P) {
    p.x = x1 > x0 ? mx0 + (p.x - x0) * sx : cx;
    p.y = y1 > y0 ? my0 + (p.y - y0) * sy : cy;
  }
  const gEdges = s('g', { class: 'edges' });
  for (const l of links) {
    const A = P[l.a];
    const B = P[l.b];
    const rb = radius(nodes[l.b]) + 2;
    const dx = B.x - A.x;
    const dy = B.y - A.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1;
    // curve so that A->B and B->A do not overlap
    const mx = (A.x + B.x) / 2 - (dy / d) * 18;
    const my = (A.y + B.y) / 2 + (dx / d) * 18;
    const ex = B.x - (dx / d) * rb;
    const ey = B.y - (dy / d) * rb;
    const path = s('path', { d: `M${A.x.toFixed(1)},${A.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
      stroke: goldsteinColor(l.mean_goldstein), 'stroke-width': (1 + 7 * Math.sqrt(l.events / maxEdge)).toFixed(2),
      class: 'edge', 'marker-end': 'url(#arrow)', dataset: { source: l.source, target: l.target } },
    s('title', {}, `${l.source} → ${l.target}: ${fmtNumber(l.events)} events, mean Goldstein ${l.mean_goldstein.toFixed(1)}`));
    if (onEdge) path.addEventListener('click', () => onEdge(l));
    gEdges.append(path);
  }
  svg.append(gEdges);
  const gNodes = s('g', { class: 'nodes' });
  nodes.forEach((n, i) => {
    const g = s('g', { class: 'node', transform: `translate(${P[i].x.toFixed(1)},${P[i].y.toFixed(1)})`,
      dataset: { actor: n.actor }, tabindex: 0 },
    s('circle', { r: radius(n).toFixed(1) }),
    s('text', { y: radius(n) + 12, 'text-anchor': 'middle', class: 'label' }, n.actor),
    s('title', {}, `${n.actor}${n.name ? ' — ' + n.name : ''}: ${fmtNumber(n.events)} events`));
    if (onNode) g.addEventListener('click', () => onNode(n));
    gNodes.append(g);
  });
  svg.append(gNodes);
  return svg;
}

export function goldsteinLegend() {
  const svg = s('svg', { viewBox: '0 0 420 24', class: 'legend', role: 'img', 'aria-label': 'Goldstein scale' });
  for (let i = 0; i <= 20; i++) {
    svg.append(s('rect', { x: 90 + i * 12, y: 4, width: 12, height: 12, fill: goldsteinColor(i - 10) }));
  }
  svg.append(s('text', { x: 0, y: 15, class: 'tick' }, 'conflict −10'));
  svg.append(s('text', { x: 348, y: 15, class: 'tick' }, '+10 cooperation'));
  return svg;
}

// rows, cols: labels; value(r, c) -> number. A grid of shaded cells.
export function heatMap(rows, cols, value, { cell = 26, label = 120, title = (r, c, v) => `${r} × ${c}: ${v}` } = {}) {
  const colLabel = 90;
  const width = label + cols.length * cell + 10;
  const height = colLabel + rows.length * cell + 10;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart heatmap', role: 'img' });
  let max = 0;
  for (const r of rows) for (const c of cols) max = Math.max(max, value(r, c) || 0);
  cols.forEach((c, j) => {
    const x = label + j * cell + cell / 2;
    svg.append(s('text', { x, y: colLabel - 6, class: 'tick', transform: `rotate(-50 ${x} ${colLabel - 6})` }, c));
  });
  rows.forEach((r, i) => {
    const y = colLabel + i * cell;
    svg.append(s('text', { x: label - 6, y: y + cell / 2 + 4, class: 'tick', 'text-anchor': 'end' }, r));
    cols.forEach((c, j) => {
      const v = value(r, c) || 0;
      const a = max ? v / max : 0;
      svg.append(s('rect', { x: label + j * cell + 1, y: y + 1, width: cell - 2, height: cell - 2,
        fill: v ? `rgba(44,110,155,${(0.15 + 0.85 * a).toFixed(3)})` : '#f2f2f2', class: 'cell' },
      s('title', {}, title(r, c, v))));
      if (v) {
        svg.append(s('text', { x: label + j * cell + cell / 2, y: y + cell / 2 + 4, 'text-anchor': 'middle',
          class: a > 0.55 ? 'cellnum light' : 'cellnum' }, v));
      }
    });
  });
  return svg;
}

// A small line of counts over periods, for one series.
export function sparkline(values, { width = 220, height = 36 } = {}) {
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'spark' });
  if (!values.length) return svg;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const pts = values.map((v, i) => `${(2 + i * step).toFixed(1)},${(height - 3 - (v / max) * (height - 6)).toFixed(1)}`);
  if (values.length === 1) svg.append(s('circle', { cx: 4, cy: pts[0].split(',')[1], r: 2.5, class: 'sparkdot' }));
  else svg.append(s('polyline', { points: pts.join(' '), class: 'sparkline' }));
  return svg;
}
