// ASCII-only case folding, shared by the stages (internal: include as
// "util/ascii.h"). For Unicode case folding use utf8::ToLower.
#ifndef DYAD_SRC_UTIL_ASCII_H_
#define DYAD_SRC_UTIL_ASCII_H_

#include <string>
#include <string_view>

namespace dyad {

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// `s` with A-Z lowered; every other byte (UTF-8 included) unchanged.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

}  // namespace dyad

#endif  // DYAD_SRC_UTIL_ASCII_H_
