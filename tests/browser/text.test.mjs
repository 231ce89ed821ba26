// Unit tests of the dashboard's offset conversion (web/js/text.js): the API
// counts code points, JavaScript strings count UTF-16 units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codePointToUtf16, sliceCodePoints, segment } from '../../web/js/text.js';

const text = '😀 The 𝐍𝐄𝐖 talks, said 🤝 Blinken.';
// Code point offsets, as the store gives them.
const cp = (needle) => {
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    if (chars.slice(i, i + Array.from(needle).length).join('') === needle) return [i, i + Array.from(needle).length];
  }
  throw new Error(`${needle} not in text`);
};

test('code point to UTF-16 table', () => {
  const map = codePointToUtf16(text);
  assert.equal(map.length, Array.from(text).length + 1);
  assert.equal(map[map.length - 1], text.length);
  assert.equal(map[1], 2); // 😀 is two UTF-16 units
});

test('slices by code points across characters outside the BMP', () => {
  for (const word of ['talks', 'said', 'Blinken', '𝐍𝐄𝐖', '🤝']) {
    const [s, e] = cp(word);
    assert.equal(sliceCodePoints(text, s, e), word);
    // The naive slice is wrong here: that is what the table is for.
    if (word === 'Blinken') assert.notEqual(text.slice(s, e), word);
  }
});

test('segments cover the text and list the spans over each piece', () => {
  const [ts, te] = cp('talks');
  const [qs, qe] = cp('The 𝐍𝐄𝐖 talks,');
  const pieces = segment(text, [{ start: ts, end: te, kind: 'trigger' }, { start: qs, end: qe, kind: 'quote' }]);
  assert.equal(pieces.map((p) => p.text).join(''), text);
  const trig = pieces.filter((p) => p.spans.some((x) => x.kind === 'trigger'));
  assert.deepEqual(trig.map((p) => p.text), ['talks']);
  assert.ok(trig[0].spans.some((x) => x.kind === 'quote'));
  // Out-of-range and empty spans are ignored, not thrown on.
  assert.equal(segment(text, [{ start: 5, end: 5 }, { start: 1000, end: 2000 }]).length, 1);
});
