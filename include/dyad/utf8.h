// dyad/utf8.h: UTF-8 helpers shared by the stages: repair, decoding, and the
// byte -> code point conversion that the output uses for offsets.
#ifndef DYAD_UTF8_H_
#define DYAD_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::utf8 {

// Replaces every maximal invalid subsequence with U+FFFD. Returns the byte
// offset (in `in`) of the first invalid byte, or npos when `in` was valid.
// When it returns npos, *out is an exact copy of `in`.
size_t Repair(std::string_view in, std::string* out);
constexpr size_t npos = static_cast<size_t>(-1);

// The byte offset of the first invalid byte of `in`, or npos when it is valid
// UTF-8. Lets callers skip Repair's copy for the common, valid case.
size_t FindInvalid(std::string_view in);

// Decodes the code point that starts at byte `i` of valid UTF-8 `s` and
// advances `i` past it. REQUIRES: i < s.size(), s valid UTF-8.
inline char32_t Next(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { ++i; return c; }
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  char32_t cp = c & (0x3F >> n);
  for (int k = 0; k < n && i + 1 < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[++i]) & 0x3F);
  ++i;
  return cp;
}

// Decodes the code point that ends just before byte `i` and moves `i` to its
// first byte. REQUIRES: i > 0, s valid UTF-8.
char32_t Prev(std::string_view s, size_t& i);

void Append(char32_t cp, std::string* out);

// Number of code points in valid UTF-8.
size_t Length(std::string_view s);

// Maps byte offsets of one text to code point offsets. Cheap for ASCII text
// (identity); otherwise one table of the text's size.
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text);
  // REQUIRES: byte <= text.size() and on a code point boundary.
  uint32_t operator()(uint32_t byte) const { return ascii_ ? byte : table_[byte]; }

 private:
  bool ascii_ = true;
  std::vector<uint32_t> table_;
};

// Unicode properties (via utf8proc).
bool IsSpace(char32_t cp);       // White_Space, including U+00A0 and U+3000
bool IsLetter(char32_t cp);      // general category L*
bool IsDigit(char32_t cp);       // Nd
bool IsPunct(char32_t cp);       // P*
bool IsSymbol(char32_t cp);      // S*
bool IsUpper(char32_t cp);       // Lu, Lt
char32_t ToLower(char32_t cp);
std::string ToLower(std::string_view s);

}  // namespace dyad::utf8

#endif  // DYAD_UTF8_H_
