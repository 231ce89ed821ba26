// The rules of the cleaner (data/cleaning.rules): parsing and matching. The
// file's format is described at its top; in short, one rule per line:
//
//   <reason> line:   <pattern>   the whole line matches the pattern
//   <reason> prefix: <pattern>   the line starts with it
//   <reason> suffix: <pattern>   the line ends with it
//   <reason> only:   <chars>     the line has nothing but these characters
//
// In a pattern, '*' matches any run of characters (also none), '#' a run of
// one or more digits, and '\' takes the next character literally. Letters
// match without regard to ASCII case. Lines are compared with their
// surrounding whitespace (no-break spaces included) trimmed.
#ifndef DYAD_TEXT_CLEANING_RULES_INTERNAL_H_
#define DYAD_TEXT_CLEANING_RULES_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad::text_internal {

struct CleaningRule {
  enum class Kind : uint8_t { kLine, kPrefix, kSuffix, kOnly };
  Kind kind = Kind::kLine;
  std::string reason;
  // The pattern compiled to a whole-line glob: literal bytes with kAny /
  // kDigits markers (a prefix rule ends with kAny, a suffix rule starts with
  // it); for kOnly, the allowed characters.
  std::string pattern;
  // The literal bytes before the first and after the last wildcard, lower
  // case: checked before the glob, so that most lines are rejected by two
  // short comparisons.
  std::string head, tail;
  bool has_wildcard = false;
  int line = 0;  // in the rules file, for messages
};

// Pattern markers; bytes that never occur in UTF-8 text.
constexpr char kAny = '\xFE';
constexpr char kDigits = '\xFF';

// Parses the rules file's text. InvalidArgument names `name`:line.
Result<std::vector<CleaningRule>> ParseCleaningRules(std::string_view text,
                                                     const std::string& name);

// Whether `line` (already trimmed, not empty) matches `rule`.
bool MatchesRule(const CleaningRule& rule, std::string_view line);

// Lines longer than this are article text whatever they look like: the
// rules are written for short lines, and a long paragraph that happens to
// start like boilerplate must stay.
constexpr size_t kMaxRuleLineBytes = 400;

}  // namespace dyad::text_internal

#endif  // DYAD_TEXT_CLEANING_RULES_INTERNAL_H_
