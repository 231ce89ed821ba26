// The dashboard: a search bar whose filters live in the URL fragment
// (#/view?actor=USA&since=...), so that every view can be linked and reloaded.
import { h, api, CAMEO_ROOTS, fmtNumber } from './dom.js';
import { eventsView, timelineView, networkView, quotesView, articlesView, issuesView } from './views.js';
import { articleView } from './article.js';

const VIEWS = {
  events: eventsView,
  timeline: timelineView,
  network: networkView,
  quotes: quotesView,
  articles: articlesView,
  issues: issuesView,
  article: articleView,
};
const FORM_FIELDS = ['actor', 'code', 'quad', 'since', 'until', 'text', 'speaker'];

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [name, query = ''] = hash.split('?');
  return { view: VIEWS[name] ? name : 'events', params: new URLSearchParams(query) };
}

function fillForm(form, params) {
  for (const f of FORM_FIELDS) {
    const el = form.elements.namedItem(f);
    if (el) el.value = params.get(f) || '';
  }
}

let renderSeq = 0;

async function render() {
  const { view, params } = route();
  const seq = ++renderSeq;
  const form = document.getElementById('search');
  if (view !== 'article') fillForm(form, params);
  document.body.dataset.view = view;
  for (const a of document.querySelectorAll('#tabs a')) {
    a.classList.toggle('on', a.dataset.view === view);
    if (a.dataset.view !== 'article' && view !== 'article') {
      // keep the filters when switching tabs
      const q = new URLSearchParams(params);
      q.delete('page');
      q.delete('bucket');
      a.href = `#/${a.dataset.view}${q.toString() ? '?' + q : ''}`;
    }
  }
  const tab = document.getElementById('article-tab');
  if (view === 'article') {
    tab.classList.remove('hidden');
    tab.href = location.hash;
  }
  const main = document.getElementById('view');
  const fresh = h('div', { class: `view view-${view}`, 'data-loading': 'true' });
  main.replaceChildren(fresh);
  try {
    await VIEWS[view](fresh, params);
  } catch (err) {
    if (seq !== renderSeq) return;
    fresh.append(h('p', { class: 'error', role: 'alert' }, `Could not load: ${err.message}`));
  }
  if (seq === renderSeq) fresh.dataset.loading = 'false';
}

function submit(ev) {
  ev.preventDefault();
  const form = ev.target;
  const { view } = route();
  const q = new URLSearchParams();
  for (const f of FORM_FIELDS) {
    const v = form.elements.namedItem(f).value.trim();
    if (v) q.set(f, f === 'actor' ? v.toUpperCase() : v);
  }
  const target = view === 'article' ? 'events' : view;
  location.hash = `#/${target}${q.toString() ? '?' + q : ''}`;
}

async function init() {
  const select = document.getElementById('code-select');
  for (const [code, name] of CAMEO_ROOTS) select.append(h('option', { value: code }, `${code} ${name}`));
  const form = document.getElementById('search');
  form.addEventListener('submit', submit);
  document.getElementById('reset').addEventListener('click', () => {
    form.reset();
    const { view } = route();
    location.hash = `#/${view === 'article' ? 'events' : view}`;
  });
  window.addEventListener('hashchange', render);
  render();
  try {
    const st = await api('stats');
    document.getElementById('stats').textContent =
      `${fmtNumber(st.articles)} articles · ${fmtNumber(st.events)} events · ${fmtNumber(st.quotes)} quotations · ${fmtNumber(st.entities)} entities` +
      (st.first_date ? ` · ${st.first_date} to ${st.last_date}` : '');
  } catch (err) {
    document.getElementById('stats').textContent = `store unavailable: ${err.message}`;
  }
}

init();
