// `dyad dict check` for the event dictionaries: verb / noun patterns,
// discards, issues and the coding ontology.
#include <sstream>

#include "dyad/events.h"
#include "events/event_coder_internal.h"
#include "util/ascii.h"
#include "util/read_file.h"

namespace dyad {
namespace {

enum class EventFileKind { kNone, kPatterns, kDiscards, kIssues, kOntology };

EventFileKind KindOf(const std::string& path, const std::string* text) {
  std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  std::string lower = AsciiLower(base);
  if (lower.find("actor") != std::string::npos || lower.find("agent") != std::string::npos) {
    return EventFileKind::kNone;
  }
  if (lower.find("verb") != std::string::npos || lower.find("noun") != std::string::npos ||
      lower.find("cameo") != std::string::npos) {
    return EventFileKind::kPatterns;
  }
  if (lower.find("discard") != std::string::npos) return EventFileKind::kDiscards;
  if (lower.find("issue") != std::string::npos) return EventFileKind::kIssues;
  if (lower.find("ontology") != std::string::npos) return EventFileKind::kOntology;
  if (text == nullptr) return EventFileKind::kNone;
  // By content: a "--- NAME [code] ---" block header or "- ... * ... [code]".
  std::istringstream in(*text);
  std::string line;
  for (int n = 0; n < 400 && std::getline(in, line); ++n) {
    if (line.rfind("---", 0) == 0 && line.find('[') != std::string::npos) return EventFileKind::kPatterns;
    if (line.rfind("<ISSUE", 0) == 0) return EventFileKind::kIssues;
  }
  return EventFileKind::kNone;
}

}  // namespace

bool IsEventDictionaryFile(const std::string& path) {
  if (KindOf(path, nullptr) != EventFileKind::kNone) return true;
  std::string text;
  if (!ReadFileInto(path, &text, "dictionary").ok()) return false;
  return KindOf(path, &text) != EventFileKind::kNone;
}

Status CheckEventDictionaries(const std::vector<std::string>& files, std::vector<std::string>* problems) {
  std::vector<std::string> found;
  for (const std::string& f : files) {
    std::string text;
    DYAD_RETURN_IF_ERROR(ReadFileInto(f, &text, "dictionary"));
    switch (KindOf(f, &text)) {
      case EventFileKind::kPatterns:
      case EventFileKind::kNone: {
        events_internal::PatternDictionary dict;
        events_internal::ReadPatternFile(f, text, &dict, &found);
        break;
      }
      case EventFileKind::kDiscards: {
        std::vector<events_internal::DiscardEntry> d;
        events_internal::ReadDiscards(f, text, &d, &found);
        break;
      }
      case EventFileKind::kIssues: {
        std::vector<events_internal::IssueEntry> d;
        events_internal::ReadIssues(f, text, &d, &found);
        break;
      }
      case EventFileKind::kOntology: {
        events_internal::Ontology o;
        events_internal::ReadOntology(f, text, &o, &found);
        break;
      }
    }
  }
  size_t count = found.size();
  if (problems != nullptr) problems->insert(problems->end(), found.begin(), found.end());
  if (count == 0) return Status::OK();
  return Status::InvalidArgument(std::to_string(count) + " problem" + (count == 1 ? "" : "s") +
                                 " in the event dictionaries");
}

}  // namespace dyad
