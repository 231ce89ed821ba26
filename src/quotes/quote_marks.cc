// The quotation-mark scanner: one pass over each paragraph, a small state
// machine (no quotation open / a double quotation open / a single quotation
// open), so that any sequence of marks, balanced or not, costs linear time.
#include <algorithm>

#include "dyad/utf8.h"
#include "quotes/quotes_internal.h"

namespace dyad::quotes_internal {
namespace {

enum class Mark { kNone, kOpenDouble, kCloseDouble, kAmbiguousDouble, kOpenSingle, kCloseSingle, kAmbiguousSingle };

bool IsOpeningContext(char32_t prev) {
  // Start of text, whitespace, an opening bracket or a dash before the mark.
  return prev == 0 || utf8::IsSpace(prev) || prev == '(' || prev == '[' || prev == '{' ||
         prev == 0x2014 || prev == 0x2013 || prev == '-' || prev == '/' || prev == ':';
}

bool IsWordChar(char32_t c) { return c != 0 && (utf8::IsLetter(c) || utf8::IsDigit(c)); }

// Classifies the mark at byte i (and its length: "''" and "``" are two bytes).
Mark Classify(std::string_view s, size_t i, size_t end, size_t* len, char32_t* cp_out) {
  size_t j = i;
  char32_t cp = utf8::Next(s, j);
  *len = j - i;
  *cp_out = cp;
  switch (cp) {
    case 0x201C: case 0x201E: case 0x00AB: return Mark::kOpenDouble;
    case 0x201D: case 0x00BB: return Mark::kCloseDouble;
    case '"': return Mark::kAmbiguousDouble;
    case '`':
      if (j < end && s[j] == '`') { *len = 2; return Mark::kOpenDouble; }
      return Mark::kOpenSingle;
    case '\'':
      if (j < end && s[j] == '\'') { *len = 2; return Mark::kAmbiguousDouble; }
      return Mark::kAmbiguousSingle;
    case 0x2018: return Mark::kOpenSingle;
    case 0x2019: return Mark::kCloseSingle;
    default: return Mark::kNone;
  }
}

bool IsMarkStartByte(unsigned char c) {
  return c == '"' || c == '\'' || c == '`' || c == 0xE2 /* U+2018..U+201E */ || c == 0xC2 /* « » */;
}

// The first code point at or after byte i that is not whitespace, or 0.
size_t SkipSpace(std::string_view s, size_t i, size_t end) {
  while (i < end) {
    size_t j = i;
    char32_t c = utf8::Next(s, j);
    if (!utf8::IsSpace(c)) break;
    i = j;
  }
  return i;
}

size_t TrimEnd(std::string_view s, size_t start, size_t end) {
  while (end > start) {
    size_t j = end;
    char32_t c = utf8::Prev(s, j);
    if (!utf8::IsSpace(c)) break;
    end = j;
  }
  return end;
}

bool OpensDouble(std::string_view s, size_t i, size_t end) {
  if (i >= end) return false;
  size_t len;
  char32_t cp;
  Mark m = Classify(s, i, end, &len, &cp);
  return m == Mark::kOpenDouble || m == Mark::kAmbiguousDouble;
}

}  // namespace

std::vector<QuoteRegion> ScanQuoteMarks(std::string_view text, const std::vector<Span>& paragraphs) {
  std::vector<QuoteRegion> out;
  bool carry = false;  // the previous paragraph's quotation continues here
  for (uint32_t p = 0; p < paragraphs.size(); ++p) {
    const size_t pstart = paragraphs[p].start;
    const size_t pend = std::min<size_t>(paragraphs[p].end, text.size());
    // State: the open region, if any; double or single.
    // `open` is meaningful only while `is_open`.
    QuoteRegion open;
    bool is_open = false;
    bool open_single = false;
    bool open_curly = false;
    char32_t prev = 0;
    bool first_mark_of_paragraph = true;
    auto emit = [&](size_t close_start, size_t close_end, bool closed) {
      QuoteRegion r = open;
      r.closed = closed;
      r.inner.end = static_cast<uint32_t>(std::max<size_t>(close_start, r.inner.start));
      r.span.end = static_cast<uint32_t>(close_end);
      out.push_back(r);
      is_open = false;
    };
    for (size_t i = pstart; i < pend;) {
      const unsigned char b = static_cast<unsigned char>(text[i]);
      if (!IsMarkStartByte(b)) {
        if (b < 0x80) {
          prev = b;
          ++i;
        } else {
          prev = utf8::Next(text, i);
        }
        continue;
      }
      size_t len;
      char32_t cp;
      Mark m = Classify(text, i, pend, &len, &cp);
      if (m == Mark::kNone) {
        prev = cp;
        i += len;
        continue;
      }
      char32_t next = 0;
      if (i + len < pend) {
        size_t j = i + len;
        next = utf8::Next(text, j);
      }
      const bool opening_ctx = IsOpeningContext(prev);
      auto start_region = [&](bool single, bool curly) {
        QuoteRegion r;
        r.span.start = static_cast<uint32_t>(i);
        r.inner.start = static_cast<uint32_t>(i + len);
        r.paragraph = p;
        r.continuation = carry && first_mark_of_paragraph && !single &&
                         SkipSpace(text, pstart, pend) == i;
        open = r;
        is_open = true;
        open_single = single;
        open_curly = curly;
      };
      switch (m) {
        case Mark::kOpenDouble:
          if (is_open && !open_single) {
            if (open_curly) {
              // A second opening mark: the first one was never closed.
              emit(TrimEnd(text, open.inner.start, i), TrimEnd(text, open.inner.start, i), false);
              start_region(false, true);
            }  // else nested inside a straight quotation: part of it
          } else {
            if (is_open && open_single) is_open = false;  // a single mark was an apostrophe
            start_region(false, true);
          }
          break;
        case Mark::kCloseDouble:
          if (is_open && !open_single) {
            emit(i, i + len, true);
          } else if (!is_open && opening_ctx && IsWordChar(next)) {
            start_region(false, true);  // a closing mark used to open
          }  // else a stray closing mark
          break;
        case Mark::kAmbiguousDouble:
          if (is_open && !open_single) {
            if (!open_curly || !opening_ctx) emit(i, i + len, true);
          } else {
            if (is_open && open_single) is_open = false;
            start_region(false, false);
          }
          break;
        case Mark::kOpenSingle:
        case Mark::kAmbiguousSingle:
        case Mark::kCloseSingle: {
          if (is_open && !open_single) break;  // nested: part of the quotation
          const bool can_open = m != Mark::kCloseSingle && opening_ctx && IsWordChar(next);
          const bool can_close = m != Mark::kOpenSingle && !opening_ctx && !IsWordChar(next) &&
                                 prev != 's';  // "leaders’ summit": a possessive
          if (is_open && can_close) {
            emit(i, i + len, true);
          } else if (!is_open && can_open) {
            start_region(true, m == Mark::kOpenSingle);
          }
          break;
        }
        case Mark::kNone:
          break;
      }
      first_mark_of_paragraph = false;
      prev = cp;
      i += len;
    }
    carry = false;
    if (is_open) {
      if (open_single) {
        is_open = false;  // a single mark that never closed was an apostrophe
      } else {
        size_t e = TrimEnd(text, open.inner.start, pend);
        // The news convention: a quotation that runs over several paragraphs
        // leaves each one open and reopens the next.
        const bool reopened = p + 1 < paragraphs.size() &&
                              OpensDouble(text, SkipSpace(text, paragraphs[p + 1].start,
                                                          std::min<size_t>(paragraphs[p + 1].end, text.size())),
                                          std::min<size_t>(paragraphs[p + 1].end, text.size()));
        emit(e, e, false);
        if (reopened) {
          out.back().continues = true;
          carry = true;
        }
      }
    }
  }
  return out;
}

}  // namespace dyad::quotes_internal
