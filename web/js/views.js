// The list and chart views. Each takes the <main> element and the current
// filters (URLSearchParams) and fills it from the API.
import { h, api, rootName, QUAD_NAMES, goldsteinColor, fmtNumber, articleLink } from './dom.js';
import { codePointToUtf16, sliceCodePoints } from './text.js';
import { stackedTimeline, quadLegend, actorNetwork, goldsteinLegend, heatMap, sparkline } from './charts.js';

const FILTERS = ['actor', 'source_actor', 'target_actor', 'code', 'quad', 'since', 'until', 'text', 'speaker', 'source', 'article'];

export function filtersOf(params, keep = FILTERS) {
  const f = {};
  for (const k of keep) if (params.get(k)) f[k] = params.get(k);
  return f;
}

function withParams(view, params, changes) {
  const q = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, v);
  }
  return `#/${view}?${q}`;
}

function pager(view, params, data) {
  const page = data.page;
  const total = data.total !== undefined ? ` of ${fmtNumber(data.total)}` : '';
  const first = (page - 1) * data.page_size + 1;
  const last = first + data.rows.length - 1;
  return h('div', { class: 'pager' },
    page > 1 ? h('a', { href: withParams(view, params, { page: page - 1 }), class: 'prev' }, '← previous') : h('span', {}),
    h('span', { class: 'count' }, data.rows.length ? `${fmtNumber(first)}–${fmtNumber(last)}${total}` : `0${total}`),
    data.has_more ? h('a', { href: withParams(view, params, { page: page + 1 }), class: 'next' }, 'next →') : h('span', {}));
}

function quadChip(q) {
  return h('span', { class: `quad q${q}`, title: QUAD_NAMES[q] || '' });
}

// The sentence of an event with its trigger marked (offsets are code points
// into the article; the sentence text starts at sentence.start).
function sentenceWithTrigger(e) {
  const sent = e.sentence;
  if (!sent || !sent.text) return h('span', {}, e.evidence.trigger.text);
  const map = codePointToUtf16(sent.text);
  const ts = e.evidence.trigger.start - sent.start;
  const te = e.evidence.trigger.end - sent.start;
  const n = map.length - 1;
  if (ts < 0 || te > n || te <= ts) return h('span', {}, sent.text);
  return h('span', {}, sliceCodePoints(sent.text, 0, ts, map),
    h('mark', { class: 'hl-trigger' }, sliceCodePoints(sent.text, ts, te, map)),
    sliceCodePoints(sent.text, te, n, map));
}

function side(code, span) {
  if (!code && !span) return h('span', { class: 'none' }, '—');
  return h('span', { class: 'actor' }, code ? h('a', { href: `#/events?actor=${encodeURIComponent(code)}`, class: 'code' }, code) : null,
    span ? h('span', { class: 'words' }, ` ${span.text}`) : null);
}

export async function eventsView(main, params) {
  const data = await api('events', { ...filtersOf(params), page: params.get('page'), page_size: params.get('page_size'), count: 1 });
  main.append(h('h2', {}, 'Events'), pager('events', params, data));
  if (!data.rows.length) {
    main.append(h('p', { class: 'empty' }, 'No event matches these filters.'));
    return;
  }
  const rows = data.rows.map((e) => h('tr', { class: 'event-row', dataset: { id: e.id } },
    h('td', { class: 'date' }, e.date || '—'),
    h('td', {}, side(e.source_actor, e.source)),
    h('td', { class: 'code' }, quadChip(e.quad_class), h('b', {}, e.code), h('div', { class: 'small' }, rootName(e.root)), e.negated ? h('div', { class: 'neg' }, 'negated') : null),
    h('td', {}, side(e.target_actor, e.target)),
    h('td', { class: 'gold' }, e.goldstein.toFixed(1)),
    h('td', { class: 'evidence-cell' }, sentenceWithTrigger(e), h('div', { class: 'rule small', title: 'the rule that matched' }, e.evidence.rule)),
    h('td', {}, h('a', { href: articleLink(e.article_id, { event: e.id }), class: 'article-link' }, e.article_title || e.article_id))));
  for (const r of rows) r.querySelector('.gold').style.color = goldsteinColor(Number(r.querySelector('.gold').textContent));
  main.append(h('table', { class: 'rows events' },
    h('thead', {}, h('tr', {}, ['date', 'source', 'event', 'target', 'Goldstein', 'evidence (trigger, rule)', 'article'].map((t) => h('th', {}, t)))),
    h('tbody', {}, rows)), pager('events', params, data));
}

export async function timelineView(main, params) {
  const bucket = params.get('bucket') || 'day';
  const data = await api('timeline', { ...filtersOf(params), bucket });
  const buckets = h('span', { class: 'buckets' }, ['day', 'month', 'year'].map((b) =>
    h('a', { href: withParams('timeline', params, { bucket: b }), class: b === bucket ? 'on' : '' }, b)));
  main.append(h('h2', {}, 'Events per ', bucket, ', by quad class ', buckets));
  if (!data.periods.length) {
    main.append(h('p', { class: 'empty' }, 'No dated event matches these filters.'));
    return;
  }
  const total = data.periods.reduce((a, p) => a + p.events, 0);
  main.append(h('p', { class: 'meta' }, `${fmtNumber(total)} events over ${data.periods.length} ${bucket}s, ${data.periods[0].period} to ${data.periods[data.periods.length - 1].period}. Click a bar for its events.`));
  main.append(quadLegend());
  main.append(stackedTimeline(data.periods, {
    onSelect: (p) => {
      const since = p.period.length === 4 ? `${p.period}-01-01` : p.period.length === 7 ? `${p.period}-01` : p.period;
      const until = p.period.length === 4 ? `${p.period}-12-31` : p.period.length === 7 ? `${p.period}-31` : p.period;
      location.hash = withParams('events', params, { since, until, bucket: null, page: null });
    },
  }));
}

export async function networkView(main, params) {
  const data = await api('network', { ...filtersOf(params), page_size: params.get('page_size') || 80 });
  main.append(h('h2', {}, 'Actors and their interactions'));
  if (!data.edges.length) {
    main.append(h('p', { class: 'empty' }, 'No event with both a source and a target actor matches these filters.'));
    return;
  }
  main.append(h('p', { class: 'meta' }, `${data.nodes.length} actors, ${data.edges.length} directed edges (source → target). Width: number of events; colour: mean Goldstein value. Click a node to filter on it, an edge for its events.`));
  main.append(goldsteinLegend());
  main.append(actorNetwork(data.nodes, data.edges, {
    onNode: (n) => { location.hash = withParams('network', params, { actor: n.actor }); },
    onEdge: (e) => { location.hash = withParams('events', params, { actor: null, source_actor: e.source, target_actor: e.target, page: null }); },
  }));
  const top = [...data.edges].slice(0, 15);
  main.append(h('table', { class: 'rows edges' },
    h('thead', {}, h('tr', {}, ['source', 'target', 'events', 'mean Goldstein', 'verbal coop.', 'material coop.', 'verbal confl.', 'material confl.'].map((t) => h('th', {}, t)))),
    h('tbody', {}, top.map((e) => h('tr', {},
      h('td', {}, e.source), h('td', {}, e.target),
      h('td', {}, h('a', { href: withParams('events', params, { actor: null, source_actor: e.source, target_actor: e.target, page: null }) }, fmtNumber(e.events))),
      h('td', {}, e.mean_goldstein.toFixed(2)), e.quad.map((n) => h('td', {}, fmtNumber(n))))))));
}

export async function quotesView(main, params) {
  const data = await api('quotes', { ...filtersOf(params), page: params.get('page'), page_size: params.get('page_size'), count: 1 });
  main.append(h('h2', {}, 'Quotations'), h('p', { class: 'meta' }, 'Words search the quotation itself; Speaker matches the speaker’s words, name or actor code.'), pager('quotes', params, data));
  if (!data.rows.length) {
    main.append(h('p', { class: 'empty' }, 'No quotation matches these filters.'));
    return;
  }
  main.append(h('ol', { class: 'quotes' }, data.rows.map((q) => h('li', { class: 'quote-row', dataset: { id: q.id } },
    h('div', { class: 'who' },
      h('b', { class: 'speaker' }, q.speaker_name || (q.speaker && q.speaker.text) || 'unattributed'),
      q.speaker_actor ? h('code', {}, ` ${q.speaker_actor}`) : null,
      q.description ? h('span', { class: 'desc' }, ` — ${q.description.text}`) : null),
    h('blockquote', {}, q.content.text),
    h('div', { class: 'meta' }, q.date || 'undated', ' · ', q.kind, q.cue ? ` · “${q.cue.text}”` : '', ' · ',
      h('a', { href: articleLink(q.article_id, { quote: q.id }), class: 'article-link' }, q.article_title || q.article_id))))), pager('quotes', params, data));
}

export async function articlesView(main, params) {
  const data = await api('articles', { ...filtersOf(params), page: params.get('page'), page_size: params.get('page_size'), count: 1 });
  main.append(h('h2', {}, 'Articles'), pager('articles', params, data));
  if (!data.rows.length) {
    main.append(h('p', { class: 'empty' }, 'No article matches these filters.'));
    return;
  }
  main.append(h('table', { class: 'rows articles' },
    h('thead', {}, h('tr', {}, ['date', 'title', 'source', 'entities', 'quotations', 'events'].map((t) => h('th', {}, t)))),
    h('tbody', {}, data.rows.map((a) => h('tr', {},
      h('td', { class: 'date' }, a.date || '—'),
      h('td', {}, h('a', { href: articleLink(a.id), class: 'article-link' }, a.title || a.id), a.snippet ? h('div', { class: 'small' }, a.snippet) : null),
      h('td', {}, a.source || ''), h('td', {}, fmtNumber(a.entities)), h('td', {}, fmtNumber(a.quotes)), h('td', {}, fmtNumber(a.events)))))),
  pager('articles', params, data));
}

export async function issuesView(main, params) {
  const data = await api('issues', filtersOf(params));
  main.append(h('h2', {}, 'Issues'));
  if (!data.issues.length) {
    main.append(h('p', { class: 'empty' }, 'No event with an issue matches these filters.'));
    return;
  }
  const issues = data.issues.slice(0, 12).map((i) => i.issue);
  main.append(h('p', { class: 'meta' }, `Issues coded in the selected events, the actors whose events carry them, and when (from the ${fmtNumber(data.sampled)} newest events selected).`));
  // Counts.
  const maxEv = Math.max(...data.issues.map((i) => i.events));
  main.append(h('h3', {}, 'Issues by events'), h('table', { class: 'rows issues' },
    h('thead', {}, h('tr', {}, ['issue', 'events', 'articles', 'over time'].map((t) => h('th', {}, t)))),
    h('tbody', {}, data.issues.slice(0, 20).map((i) => {
      const months = Object.keys(data.by_month[i.issue] || {}).sort();
      const bar = h('span', { class: 'bar' });
      bar.style.width = `${Math.round((100 * i.events) / maxEv)}px`;
      return h('tr', {}, h('td', {}, h('b', {}, i.issue)),
        h('td', {}, bar, ' ', fmtNumber(i.events)), h('td', {}, fmtNumber(i.articles)),
        h('td', { title: months.length ? `${months[0]} to ${months[months.length - 1]}` : '' }, sparkline(allMonths(data.by_month).map((m) => (data.by_month[i.issue] || {})[m] || 0))));
    }))));
  // Issue x actor.
  const actorTotals = {};
  for (const is of issues) for (const [a, n] of Object.entries(data.by_actor[is] || {})) actorTotals[a] = (actorTotals[a] || 0) + n;
  const actors = Object.entries(actorTotals).sort((a, b) => b[1] - a[1]).slice(0, 15).map(([a]) => a);
  if (actors.length) {
    main.append(h('h3', {}, 'Which actors’ events carry each issue'),
      heatMap(issues, actors, (r, c) => (data.by_actor[r] || {})[c] || 0, { title: (r, c, v) => `${c} in ${v} events on ${r}` }));
  }
  // Issue x issue.
  if (data.pairs.length) {
    const pairIssues = [...new Set(data.pairs.slice(0, 40).flatMap((p) => [p.a, p.b]))].slice(0, 12);
    const pv = {};
    for (const p of data.pairs) { pv[`${p.a}|${p.b}`] = p.articles; pv[`${p.b}|${p.a}`] = p.articles; }
    main.append(h('h3', {}, 'Issues that co-occur in the same articles'),
      heatMap(pairIssues, pairIssues, (r, c) => (r === c ? 0 : pv[`${r}|${c}`] || 0), { title: (r, c, v) => `${r} and ${c}: ${v} articles` }));
  }
  // Issue x month.
  const months = allMonths(data.by_month);
  if (months.length > 1) {
    main.append(h('h3', {}, 'Issues over time (events per month)'),
      heatMap(issues, months, (r, c) => (data.by_month[r] || {})[c] || 0, { title: (r, c, v) => `${r}, ${c}: ${v} events` }));
  }
}

function allMonths(byMonth) {
  const set = new Set();
  for (const m of Object.values(byMonth)) for (const k of Object.keys(m)) set.add(k);
  return [...set].sort();
}
