// The dashboard in headless Chromium, against two running `dyad serve`:
// one over the sample articles (examples/, whatever layers the pipeline fills
// today), one over hand-written documents with every layer (fixture), whose
// texts hold characters outside the BMP. A screenshot of each view is written
// to $DYAD_SCREENSHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const { chromium } = await import(pathToFileURL(path.resolve(process.env.DYAD_NODE_MODULES, 'playwright-core', 'index.mjs')).href);
const EXAMPLES = process.env.DYAD_EXAMPLES_URL;
const FIXTURE = process.env.DYAD_FIXTURE_URL;
const SHOTS = process.env.DYAD_SCREENSHOTS;

let browser;
let page;
const problems = [];

before(async () => {
  browser = await chromium.launch({ executablePath: process.env.DYAD_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    // A refused request is logged by Chromium as an error; those are tested on purpose.
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  page.setDefaultTimeout(20000);
});

after(async () => {
  if (browser) await browser.close();
});

// Loads a view and waits until it has rendered.
async function open(base, hash) {
  await page.goto(`${base}${hash}`);
  await page.waitForSelector('#view > .view[data-loading="false"]');
}

async function waitRendered() {
  await page.waitForSelector('#view > .view[data-loading="false"]');
}

async function shot(name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test('sample articles: every view loads, a search finds an article, its text is shown', async () => {
  await open(EXAMPLES, '/#/events');
  await page.waitForFunction(() => /articles/.test(document.getElementById('stats').textContent));
  const stats = await page.textContent('#stats');
  assert.match(stats, /[1-9]\d* articles/, `stats: ${stats}`);
  await shot('examples-events');
  for (const view of ['timeline', 'network', 'quotes', 'issues']) {
    await page.click(`#tabs a[data-view="${view}"]`);
    await page.waitForSelector(`#view > .view-${view}[data-loading="false"]`);
    assert.equal(await page.locator('#view .error').count(), 0, `${view}: ${await page.textContent('#view')}`);
    await shot(`examples-${view}`);
  }
  // Search by words: the Articles tab lists the sample on the Jeddah talks.
  await page.click('#tabs a[data-view="articles"]');
  await waitRendered();
  await page.fill('input[name="text"]', 'ceasefire');
  await page.click('#search button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('text=ceasefire'));
  await waitRendered();
  const links = page.locator('#view a.article-link');
  assert.ok((await links.count()) >= 1, 'the search found no article');
  await shot('examples-search');
  await links.first().click();
  await page.waitForSelector('#view > .view-article[data-loading="false"]');
  const text = await page.textContent('#article-text');
  assert.match(text, /Jeddah/);
  // Whatever layers exist today: each event's trigger is highlighted in the
  // text with the words the evidence names, and its rule is shown.
  const events = await page.locator('.evidence-list > li').count();
  const triggers = await page.locator('#article-text .hl-trigger').count();
  if (events > 0) {
    assert.ok(triggers > 0, 'events listed but no trigger highlighted');
    const first = page.locator('.evidence-list > li').first();
    const word = (await first.locator('mark.hl-trigger').textContent()).trim();
    const id = await first.getAttribute('data-event');
    const trigger = page.locator(`#article-text .hl-trigger[data-events~="${id}"]`).first();
    assert.equal((await trigger.textContent()).trim().startsWith(word.slice(0, 1)), true);
    assert.ok((await first.locator('.rule').textContent()).trim().length > 0, 'no rule shown');
  }
  await shot('examples-article');
});

test('fixture: events list with evidence, search by actor', async () => {
  await open(FIXTURE, '/#/events');
  assert.equal(await page.locator('tr.event-row').count(), 5);
  assert.match(await page.textContent('#view .pager .count'), /of 5/);
  const evidence = await page.locator('tr.event-row mark.hl-trigger').allTextContents();
  assert.deepEqual(evidence.sort(), ['accused', 'hosted', 'praised', 'sent aid', 'shelled']);
  await shot('fixture-events');
  await page.fill('input[name="actor"]', 'usa');
  await page.click('#search button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('actor=USA'));
  await waitRendered();
  assert.equal(await page.locator('tr.event-row').count(), 2);
  await page.selectOption('select[name="quad"]', '4');
  await page.fill('input[name="actor"]', '');
  await page.click('#search button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('quad=4'));
  await waitRendered();
  assert.equal(await page.locator('tr.event-row').count(), 1);
  assert.match(await page.textContent('tr.event-row'), /shelled/);
});

test('fixture: the article view highlights entities, quotations and triggers at the right code points', async () => {
  await open(FIXTURE, '/#/events?actor=USA');
  const row = page.locator('tr.event-row', { hasText: 'praised' });
  await row.locator('a.article-link').click();
  await page.waitForSelector('#view > .view-article[data-loading="false"]');
  // The title holds 🌍, the body 😀, 𝐍𝐄𝐖 and 🤝 before the spans: UTF-16
  // slicing would shift every highlight.
  const trig = await page.locator('#article-text .hl-trigger').allTextContents();
  assert.deepEqual(trig, ['praised', 'accused']);
  const ents = await page.locator('#article-text .hl-entity').allTextContents();
  for (const name of ['United States', 'China', 'Antony Blinken', 'Russia', 'Ukraine']) assert.ok(ents.includes(name), `${name} in ${ents}`);
  const quote = (await page.locator('#article-text .hl-quote').allTextContents()).join('');
  assert.equal(quote, 'We welcome 🤝 the talks,');
  assert.equal((await page.locator('#article-text .hl-cue').allTextContents()).join(''), 'said');
  assert.deepEqual(await page.locator('#article-text .hl-removed').allTextContents(), ['Advertisement']);
  // The event the link came from is selected, with its evidence.
  const card = page.locator('.evidence-list > li.selected');
  assert.equal(await card.count(), 1);
  assert.match(await card.textContent(), /051/);
  assert.equal((await card.locator('.rule').textContent()).trim(), 'fixture.verbs:12: PRAISE');
  assert.equal((await card.locator('mark.hl-trigger').textContent()).trim(), 'praised');
  assert.equal(await page.locator('#article-text .hl-trigger.active').first().textContent(), 'praised');
  // ... and its source and target words with it.
  assert.deepEqual(await page.locator('#article-text .hl-ev-source.active, #article-text .hl-ev-target.active').allTextContents(), ['The ', 'United States', 'China']);
  // Clicking the other event moves the highlight to its trigger.
  await page.locator('.evidence-list > li', { hasText: 'ACCUSE' }).click();
  await page.waitForFunction(() => document.querySelector('#article-text .hl-trigger.active')?.textContent === 'accused');
  await shot('fixture-article');
});

test('fixture: timeline, network, quotations and issues', async () => {
  await open(FIXTURE, '/#/timeline');
  assert.equal(await page.locator('svg.timeline g.bar').count(), 3);
  assert.equal(await page.locator('svg.timeline g.bar rect').count(), 5);
  await shot('fixture-timeline');

  await open(FIXTURE, '/#/network');
  assert.equal(await page.locator('svg.network .edge').count(), 5);
  assert.ok((await page.locator('svg.network .node').count()) >= 5);
  await shot('fixture-network');
  await page.locator('svg.network .node[data-actor="UKR"]').click();
  await page.waitForFunction(() => location.hash.includes('actor=UKR'));
  await waitRendered();
  assert.equal(await page.locator('svg.network .edge').count(), 3);

  await open(FIXTURE, '/#/quotes');
  assert.equal(await page.locator('li.quote-row').count(), 2);
  await page.fill('input[name="speaker"]', 'Blinken');
  await page.click('#search button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('speaker=Blinken'));
  await waitRendered();
  assert.equal(await page.locator('li.quote-row').count(), 1);
  assert.match(await page.textContent('li.quote-row'), /Antony Blinken[\s\S]*the U\.S\. Secretary of State[\s\S]*We welcome 🤝 the talks/);
  await shot('fixture-quotes');
  await page.locator('li.quote-row a.article-link').click();
  await page.waitForSelector('#view > .view-article[data-loading="false"]');
  assert.equal(await page.locator('#article-text .hl-quote.active').first().textContent(), 'We welcome 🤝 the talks,');

  await open(FIXTURE, '/#/issues');
  assert.match(await page.textContent('table.issues'), /MILITARY/);
  assert.ok((await page.locator('svg.heatmap').count()) >= 2);
  await shot('fixture-issues');
});

test('a refused request is shown as an error, and the dashboard goes on', async () => {
  await open(FIXTURE, '/#/events?page_size=100000');
  assert.match(await page.textContent('#view .error'), /page_size/);
  await open(FIXTURE, '/#/events');
  assert.equal(await page.locator('tr.event-row').count(), 5);
  assert.deepEqual(problems, []);
});
