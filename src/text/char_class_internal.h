// Character classes used by the tokenizer, the sentence splitter and the
// cleaner. ASCII is answered from a table; other code points go to utf8proc
// (through dyad/utf8.h), so the common case costs no call.
#ifndef DYAD_TEXT_CHAR_CLASS_INTERNAL_H_
#define DYAD_TEXT_CHAR_CLASS_INTERNAL_H_

#include <cstdint>
#include <string_view>

#include "dyad/utf8.h"

namespace dyad::text_internal {

enum class CharClass : uint8_t {
  kSpace,   // White_Space (includes U+00A0 and U+3000)
  kLetter,  // L* and combining marks (a mark belongs to the letter before it)
  kDigit,   // Nd
  kOther,   // punctuation, symbols, everything else
};

CharClass ClassifyNonAscii(char32_t cp);

// The classes of the ASCII characters, built at compile time.
struct AsciiClasses {
  CharClass c[128];
  constexpr AsciiClasses() : c() {
    for (int k = 0; k < 128; ++k) {
      c[k] = k == ' ' || (k >= '\t' && k <= '\r')       ? CharClass::kSpace
             : ((k | 0x20) >= 'a' && (k | 0x20) <= 'z') ? CharClass::kLetter
             : (k >= '0' && k <= '9')                   ? CharClass::kDigit
                                                        : CharClass::kOther;
    }
  }
};
inline constexpr AsciiClasses kAsciiClasses;

// What a byte is, so that the scanners step over ASCII text one load per
// byte and decode only the rest. kOther and kAlnum come first: "kind <=
// kAlnum" is the ordinary ASCII inside a chunk.
enum class ByteKind : uint8_t {
  kOther,     // ASCII punctuation and symbols except '@'
  kAlnum,     // ASCII letter or digit
  kSpace,     // ASCII whitespace
  kAt,        // '@' (a chunk with one may hold an e-mail address)
  kNonAscii,  // a byte of a multi-byte character: decode it
};
struct ByteKinds {
  ByteKind k[256];
  constexpr ByteKinds() : k() {
    for (int b = 0; b < 256; ++b) {
      const CharClass c = b < 128 ? AsciiClasses().c[b] : CharClass::kOther;
      k[b] = b >= 128                                            ? ByteKind::kNonAscii
             : b == '@'                                          ? ByteKind::kAt
             : c == CharClass::kLetter || c == CharClass::kDigit ? ByteKind::kAlnum
             : c == CharClass::kSpace                            ? ByteKind::kSpace
                                                                 : ByteKind::kOther;
    }
  }
};
inline constexpr ByteKinds kByteKinds;
inline ByteKind KindOf(char c) { return kByteKinds.k[static_cast<unsigned char>(c)]; }
inline bool IsAsciiAlnumByte(char c) { return KindOf(c) == ByteKind::kAlnum; }
inline bool IsAsciiSpaceByte(char c) { return KindOf(c) == ByteKind::kSpace; }

inline CharClass Classify(char32_t cp) {
  return cp < 0x80 ? kAsciiClasses.c[cp] : ClassifyNonAscii(cp);
}

inline bool IsAlnum(char32_t cp) {
  CharClass c = Classify(cp);
  return c == CharClass::kLetter || c == CharClass::kDigit;
}

// The code point at byte `i` of valid UTF-8 `s`, and its length in bytes.
// REQUIRES: i < s.size().
inline char32_t PeekAt(std::string_view s, size_t i, size_t* len) {
  if (static_cast<unsigned char>(s[i]) < 0x80) {
    *len = 1;
    return static_cast<unsigned char>(s[i]);
  }
  size_t j = i;
  char32_t cp = utf8::Next(s, j);
  *len = j - i;
  return cp;
}

// Apostrophes that can start a clitic ("don't", "Kim’s", "mama`s").
inline bool IsApostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019 || cp == '`'; }

// Opening and closing quotation marks and brackets: always tokens of their
// own, and what a sentence may end with after its final punctuation.
inline bool IsClosingQuoteOrBracket(char32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 || cp == 0x00BB || cp == ')' ||
         cp == ']' || cp == '}' || cp == 0x203A;
}
inline bool IsOpeningQuoteOrBracket(char32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == 0x00AB || cp == '(' ||
         cp == '[' || cp == '{' || cp == 0x2039 || cp == 0x201E || cp == '`';
}

}  // namespace dyad::text_internal

#endif  // DYAD_TEXT_CHAR_CLASS_INTERNAL_H_
