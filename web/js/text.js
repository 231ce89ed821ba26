// Spans from the API are Unicode code point offsets (dyad/1). JavaScript
// strings are indexed in UTF-16 units, which differ as soon as the text holds
// a character outside the Basic Multilingual Plane (emoji, some CJK, ...).
// These helpers convert once per text and cut it into highlighted pieces.

// utf16[i] is the UTF-16 index of code point i; utf16[length] = str.length.
export function codePointToUtf16(str) {
  const map = [0];
  let u = 0;
  for (const ch of str) {
    u += ch.length;
    map.push(u);
  }
  return map;
}

// The substring of `str` between code point offsets [start, end).
export function sliceCodePoints(str, start, end, map = codePointToUtf16(str)) {
  const n = map.length - 1;
  const s = Math.max(0, Math.min(start, n));
  const e = Math.max(s, Math.min(end, n));
  return str.slice(map[s], map[e]);
}

// Cuts `str` at every span boundary. `spans` are {start, end} in code points
// with any other fields; returns [{text, start, end, spans: [span...]}] in
// order, covering the whole text, each piece listing the spans that cover it.
export function segment(str, spans, map = codePointToUtf16(str)) {
  const n = map.length - 1;
  const cuts = new Set([0, n]);
  const valid = [];
  for (const sp of spans) {
    const s = Math.max(0, Math.min(sp.start, n));
    const e = Math.max(0, Math.min(sp.end, n));
    if (e <= s) continue;
    valid.push({ ...sp, start: s, end: e });
    cuts.add(s);
    cuts.add(e);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i];
    const e = points[i + 1];
    const covering = valid.filter((sp) => sp.start <= s && sp.end >= e);
    pieces.push({ text: str.slice(map[s], map[e]), start: s, end: e, spans: covering });
  }
  return pieces;
}
