// Reading the cue and title lexicons (data/quotes/cues.txt, titles.txt).

#include "quotes/quotes_internal.h"
#include "util/ascii.h"
#include "util/read_file.h"

namespace dyad {

const char* CueClassName(CueClass c) {
  switch (c) {
    case CueClass::kSpeech: return "speech";
    case CueClass::kAttribution: return "attribution";
    case CueClass::kBelief: return "belief";
  }
  return "speech";
}

namespace quotes_internal {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Calls fn(line_number, line) for each line with its comment removed and
// trimmed, skipping blank ones; stops at the first error.
template <typename Fn>
Status ForEachLine(std::string_view text, Fn fn) {
  size_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    DYAD_RETURN_IF_ERROR(fn(line_no, line));
  }
  return Status::OK();
}

}  // namespace

Status ParseCues(std::string_view text, const std::string& name, Lexicon* lex) {
  return ForEachLine(text, [&](size_t line_no, std::string_view line) -> Status {
    size_t sep = line.find('\t');
    if (sep == std::string_view::npos) sep = line.rfind(' ');
    if (sep == std::string_view::npos) {
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) +
                                     ": expected \"cue<TAB>class\"");
    }
    std::string cue = AsciiLower(Trim(line.substr(0, sep)));
    std::string_view cls = Trim(line.substr(sep + 1));
    if (cls == "noun") {
      if (cue.empty() || cue.find(' ') != std::string::npos) {
        return Status::InvalidArgument(name + ":" + std::to_string(line_no) + ": a nominal cue is one lemma");
      }
      lex->nominal.insert(std::move(cue));
      return Status::OK();
    }
    CueClass c;
    if (cls == "speech") c = CueClass::kSpeech;
    else if (cls == "attribution") c = CueClass::kAttribution;
    else if (cls == "belief") c = CueClass::kBelief;
    else {
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) + ": unknown class \"" +
                                     std::string(cls) + "\" (speech, attribution, belief or noun)");
    }
    if (cue.empty()) {
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) + ": empty cue");
    }
    lex->cues[cue] = c;
    return Status::OK();
  });
}

Status ParseTitles(std::string_view text, const std::string& name, Lexicon* lex) {
  return ForEachLine(text, [&](size_t, std::string_view line) -> Status {
    lex->titles.insert(AsciiLower(line));
    return Status::OK();
  });
}

}  // namespace quotes_internal

QuoteFinder::QuoteFinder(std::unique_ptr<quotes_internal::Lexicon> lex) : lex_(std::move(lex)) {}
QuoteFinder::~QuoteFinder() = default;

Result<std::unique_ptr<QuoteFinder>> QuoteFinder::FromText(std::string_view cues,
                                                           std::string_view titles,
                                                           const std::string& cues_name,
                                                           const std::string& titles_name) {
  auto lex = std::make_unique<quotes_internal::Lexicon>();
  DYAD_RETURN_IF_ERROR(quotes_internal::ParseCues(cues, cues_name, lex.get()));
  DYAD_RETURN_IF_ERROR(quotes_internal::ParseTitles(titles, titles_name, lex.get()));
  return std::unique_ptr<QuoteFinder>(new QuoteFinder(std::move(lex)));
}

Result<std::unique_ptr<QuoteFinder>> QuoteFinder::Load(const std::string& data_dir) {
  const std::string cues_path = data_dir + "/" + kCueLexiconFile;
  const std::string titles_path = data_dir + "/" + kTitleLexiconFile;
  std::string cues, titles;
  DYAD_RETURN_IF_ERROR(ReadFileInto(cues_path, &cues, "cue lexicon"));
  DYAD_RETURN_IF_ERROR(ReadFileInto(titles_path, &titles, "title lexicon"));
  return FromText(cues, titles, cues_path, titles_path);
}

std::optional<CueClass> QuoteFinder::ClassOf(std::string_view lemma) const {
  auto it = lex_->cues.find(std::string(lemma));
  if (it == lex_->cues.end()) return std::nullopt;
  return it->second;
}

}  // namespace dyad
