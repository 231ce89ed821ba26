// The tokenizer: text -> tokens (with multi-word tokens split into words)
// following the UD English EWT conventions. Internal to the text stage; the
// public entry point is Segmenter in dyad/text.h.
#ifndef DYAD_TEXT_TOKENIZER_INTERNAL_H_
#define DYAD_TEXT_TOKENIZER_INTERNAL_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "dyad/status.h"

namespace dyad::text_internal {

// Hash and equality that let an unordered_set<std::string> be searched with a
// string_view, so that lookups in the hot path allocate nothing.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// The word lists the tokenizer consults, loaded from data/text/.
struct Lexicon {
  StringSet abbreviations_any_case;  // lower case, without the final '.'
  StringSet abbreviations_exact;     // as written, without the final '.'
  StringSet hyphen_prefixes;         // lower case, without the '-'
  // Emoticons by their first byte, longest first, so that a position is
  // compared with the few that can start there.
  std::array<std::vector<std::string>, 256> emoticons;

  // Reads abbreviations.txt, hyphen_prefixes.txt and emoticons.txt from
  // `dir`. NotFound when a file is missing.
  static Result<Lexicon> Load(const std::string& dir);

  // Whether `word` (without its period) followed by '.' is an abbreviation.
  bool IsAbbreviation(std::string_view word) const;
};

// One token. Offsets are bytes into the text given to Tokenize.
struct RawToken {
  uint32_t start = 0, end = 0;
  // Word boundaries inside a multi-word token ("don't": split[0] at "n't").
  uint32_t split[2] = {0, 0};
  uint8_t num_words = 1;
  bool space_after = true;      // the next character is whitespace (or none)
  bool newline_before = false;  // a line break precedes the token
  bool abbreviation = false;    // a word that kept its final '.'
};

// Splits text into tokens. Thread-safe; the Lexicon must outlive it.
class Tokenizer {
 public:
  explicit Tokenizer(const Lexicon* lexicon) : lex_(*lexicon) {}

  // Appends the tokens of text[begin, end) to *out, in order. `text` is the
  // whole document, so that space_after can look past `end`.
  void Tokenize(std::string_view text, uint32_t begin, uint32_t end,
                std::vector<RawToken>* out) const;

 private:
  // Tokens of one whitespace-free chunk text[begin, end); `has_at`: the
  // chunk contains an '@'.
  void TokenizeChunk(std::string_view text, uint32_t begin, uint32_t end, bool has_at,
                     std::vector<RawToken>* out) const;
  // Length of a URL or e-mail address starting at `pos`, or 0. `has_at`:
  // the chunk contains an '@'.
  uint32_t MatchUrlOrEmail(std::string_view text, uint32_t pos, uint32_t end, bool has_at) const;
  // Length of an emoticon starting at `pos`, or 0.
  uint32_t MatchEmoticon(std::string_view text, uint32_t pos, uint32_t end) const;
  // End of the word starting at `pos` (letters, digits and the joiners that
  // EWT keeps inside a token). *plain: the word is only ASCII letters and
  // digits (most are), so it holds no apostrophe.
  uint32_t ScanWord(std::string_view text, uint32_t pos, uint32_t end, bool* plain) const;
  // Emits the word text[start, end) with its clitics split off. `plain` as
  // ScanWord's (false is always safe).
  void EmitWord(std::string_view text, uint32_t start, uint32_t end, bool abbreviation, bool plain,
                std::vector<RawToken>* out) const;

  const Lexicon& lex_;
};

// Splits `word` (case-insensitive) the way EWT splits contractions. Returns
// the number of words (1 if none) and fills split[] with offsets from the
// start of `word`. Exposed for tests.
int SplitContraction(std::string_view word, uint32_t split[2]);

}  // namespace dyad::text_internal

#endif  // DYAD_TEXT_TOKENIZER_INTERNAL_H_
