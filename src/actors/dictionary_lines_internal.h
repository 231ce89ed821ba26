// Internal to src/actors: the line layer shared by the actor and agent
// readers: encodings, comments, blank lines, problem messages.
#ifndef DYAD_SRC_ACTORS_DICTIONARY_LINES_INTERNAL_H_
#define DYAD_SRC_ACTORS_DICTIONARY_LINES_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::actors_internal {

// Blanks inside a dictionary line (not newlines: lines are split first).
inline bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// 's' in single quotes, for problem messages.
inline std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// Appends "name:line: message" to *problems (when problems is not null).
void AddProblem(std::vector<std::string>* problems, std::string_view name, uint32_t line,
                std::string_view message);

// Yields the non-blank lines of a dictionary file with comments removed and
// blanks trimmed at both ends. Comments, as the PETRARCH readers and the
// Phoenix files use them: '#' or ';' to the end of the line; "<!-- ... -->",
// which may span lines; and a line that starts with "<!" ("<! -- ... -->").
// A line that is not valid UTF-8 is read as Windows-1252 (the code page of
// the editors TABARI-era files were written with), with a problem saying so. An unterminated
// "<!--" is a problem reported at the end.
class DictionaryLineReader {
 public:
  // `text` must outlive the reader.
  DictionaryLineReader(std::string_view name, std::string_view text,
                       std::vector<std::string>* problems);
  // False at the end of the text.
  bool Next(uint32_t* line_number, std::string_view* line);

 private:
  std::string_view name_;
  std::string_view text_;
  std::vector<std::string>* problems_;
  size_t pos_ = 0;
  uint32_t line_number_ = 0;
  bool in_comment_ = false;
  uint32_t comment_start_ = 0;
  std::string decoded_;
  std::string buffer_;
};

}  // namespace dyad::actors_internal

#endif  // DYAD_SRC_ACTORS_DICTIONARY_LINES_INTERNAL_H_
