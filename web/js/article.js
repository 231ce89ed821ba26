// The article view: the text with entities, quotations and event triggers
// highlighted, and beside it each event with its evidence (the trigger words
// and the rule that matched): the answer to "why was this coded?".
import { h, api, rootName, QUAD_NAMES, goldsteinColor } from './dom.js';
import { codePointToUtf16, segment } from './text.js';

function actorLabel(code, span) {
  if (code && span) return `${code} (“${span.text}”)`;
  if (code) return code;
  if (span) return `“${span.text}”`;
  return '—';
}

// Spans to highlight, each {start, end, kind, ...} in code points.
function layers(doc) {
  const spans = [];
  for (const r of doc.removed) spans.push({ start: r.start, end: r.end, kind: 'removed', title: `removed: ${r.reason}` });
  doc.entities.forEach((e, i) => {
    for (const m of e.mentions) {
      spans.push({ start: m.start, end: m.end, kind: 'entity', type: e.type, entity: i,
        title: `${e.type}: ${e.canonical}${e.actor ? ' → ' + e.actor : ''}${e.actor_rule ? ' (' + e.actor_rule + ')' : ''}` });
    }
  });
  for (const q of doc.quotes) {
    const pieces = q.pieces && q.pieces.length ? q.pieces : [q.content];
    for (const p of pieces) spans.push({ start: p.start, end: p.end, kind: 'quote', quote: q.id, title: `${q.kind} quotation` });
    if (q.cue) spans.push({ start: q.cue.start, end: q.cue.end, kind: 'cue', quote: q.id, title: 'cue' });
    if (q.speaker) spans.push({ start: q.speaker.start, end: q.speaker.end, kind: 'speaker', quote: q.id,
      title: `speaker${q.speaker_actor ? ': ' + q.speaker_actor : ''}` });
  }
  for (const e of doc.events) {
    spans.push({ start: e.evidence.trigger.start, end: e.evidence.trigger.end, kind: 'trigger', event: e.id,
      title: `event ${e.code} ${rootName(e.root)} — rule: ${e.evidence.rule}` });
    if (e.source) spans.push({ start: e.source.start, end: e.source.end, kind: 'ev-source', event: e.id, title: `source ${e.source_actor || ''}` });
    if (e.target) spans.push({ start: e.target.start, end: e.target.end, kind: 'ev-target', event: e.id, title: `target ${e.target_actor || ''}` });
  }
  return spans;
}

function renderText(doc) {
  const map = codePointToUtf16(doc.text);
  const pieces = segment(doc.text, layers(doc), map);
  const body = h('div', { class: 'article-text', id: 'article-text' });
  const seenTrigger = new Set();
  for (const p of pieces) {
    if (!p.spans.length) {
      body.append(p.text);
      continue;
    }
    const kinds = new Set(p.spans.map((x) => x.kind));
    const cls = ['hl', ...[...kinds].map((k) => `hl-${k}`)];
    const ent = p.spans.find((x) => x.kind === 'entity');
    if (ent) cls.push(`ent-${ent.type}`);
    const events = [...new Set(p.spans.filter((x) => x.event !== undefined).map((x) => x.event))];
    const quotes = [...new Set(p.spans.filter((x) => x.quote !== undefined).map((x) => x.quote))];
    const el = h('span', { class: cls, title: p.spans.map((x) => x.title).join('\n'),
      dataset: { events: events.join(' '), quotes: quotes.join(' ') } }, p.text);
    for (const sp of p.spans) {
      // One word can trigger several events ("said" towards two targets):
      // the element keeps the first one's id; data-events names them all.
      if (sp.kind === 'trigger' && !seenTrigger.has(sp.event)) {
        seenTrigger.add(sp.event);
        if (!el.id) el.id = `trigger-${sp.event}`;
      }
    }
    body.append(el);
  }
  return body;
}

function flash(root, attr, id) {
  for (const el of root.querySelectorAll('.active')) el.classList.remove('active');
  let first = null;
  for (const el of root.querySelectorAll(`[data-${attr}]`)) {
    if (el.dataset[attr].split(' ').includes(String(id))) {
      el.classList.add('active');
      first = first || el;
    }
  }
  if (first) first.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function eventCard(e, root) {
  const card = h('li', { class: 'evidence', id: `event-${e.id}`, dataset: { event: e.id } },
    h('div', { class: 'ev-head' },
      h('span', { class: `quad q${e.quad_class}`, title: QUAD_NAMES[e.quad_class] || '' }),
      h('b', {}, e.code), ' ', rootName(e.root),
      e.negated ? h('span', { class: 'neg' }, ' (negated)') : null,
      h('span', { class: 'gold', title: 'Goldstein value' }, e.goldstein.toFixed(1))),
    h('div', { class: 'ev-actors' }, actorLabel(e.source_actor, e.source), ' → ', actorLabel(e.target_actor, e.target)),
    h('dl', { class: 'why' },
      h('dt', {}, 'trigger'), h('dd', {}, h('mark', { class: 'hl-trigger' }, e.evidence.trigger.text)),
      h('dt', {}, 'rule'), h('dd', { class: 'rule' }, h('code', {}, e.evidence.rule || '—')),
      e.plover ? [h('dt', {}, 'PLOVER'), h('dd', {}, e.plover)] : null,
      e.date ? [h('dt', {}, 'date'), h('dd', {}, e.date)] : null,
      e.issues && e.issues.length ? [h('dt', {}, 'issues'), h('dd', {}, e.issues.join(', '))] : null));
  card.querySelector('.gold').style.color = goldsteinColor(e.goldstein);
  card.addEventListener('click', () => flash(root, 'events', e.id));
  return card;
}

function quoteCard(q, root) {
  const who = q.speaker_name || (q.speaker && q.speaker.text) || 'unattributed';
  const card = h('li', { class: 'quote-card', dataset: { quote: q.id } },
    h('div', {}, h('b', {}, who), q.speaker_actor ? ` (${q.speaker_actor})` : '',
      q.description ? h('span', { class: 'desc' }, ` — ${q.description.text}`) : ''),
    h('blockquote', {}, q.content.text),
    h('div', { class: 'meta' }, q.kind, q.cue ? ` · cue “${q.cue.text}”` : ''));
  card.addEventListener('click', () => flash(root, 'quotes', q.id));
  return card;
}

export async function articleView(main, params) {
  const id = params.get('id');
  if (!id) {
    main.append(h('p', { class: 'empty' }, 'No article chosen.'));
    return;
  }
  const doc = await api('article', { id });
  const a = doc.article;
  const root = h('div', { class: 'article-view' });
  const text = renderText(doc);
  const side = h('aside', { class: 'article-side' },
    h('h3', {}, `Events (${doc.events.length})`),
    doc.events.length ? h('ol', { class: 'evidence-list' }, doc.events.map((e) => eventCard(e, text)))
      : h('p', { class: 'empty' }, 'No event was coded in this article.'),
    h('h3', {}, `Quotations (${doc.quotes.length})`),
    doc.quotes.length ? h('ol', { class: 'quote-list' }, doc.quotes.map((q) => quoteCard(q, text)))
      : h('p', { class: 'empty' }, 'No quotation was found in this article.'),
    h('h3', {}, `Entities (${doc.entities.length})`),
    h('ul', { class: 'entity-list' }, doc.entities.map((e) => h('li', {},
      h('span', { class: `hl hl-entity ent-${e.type}` }, e.canonical), ` ${e.type}`,
      e.actor ? h('code', {}, ` ${e.actor}`) : null))));
  root.append(
    h('header', { class: 'article-head' },
      h('h2', {}, a.title || a.id),
      h('div', { class: 'meta' }, [a.date, a.source, a.id].filter(Boolean).join(' · '),
        a.url ? [' · ', h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null),
      h('div', { class: 'legend-text' },
        h('span', { class: 'hl hl-entity' }, 'entity'), ' ', h('span', { class: 'hl hl-quote' }, 'quotation'), ' ',
        h('span', { class: 'hl hl-speaker' }, 'speaker'), ' ', h('span', { class: 'hl hl-cue' }, 'cue'), ' ',
        h('span', { class: 'hl hl-trigger' }, 'event trigger'), ' ', h('span', { class: 'hl hl-removed' }, 'removed line'))),
    h('div', { class: 'article-cols' }, text, side));
  main.append(root);
  const ev = params.get('event');
  const qu = params.get('quote');
  if (ev) {
    flash(text, 'events', ev);
    const card = side.querySelector(`#event-${CSS.escape(ev)}`);
    if (card) card.classList.add('selected');
  } else if (qu) {
    flash(text, 'quotes', qu);
  }
}
