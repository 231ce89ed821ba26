// CheckDictionaries: what `dyad dict check FILE...` runs.


#include "actors/actor_dictionary_internal.h"
#include "actors/dictionary_lines_internal.h"
#include "dyad/utf8.h"
#include "util/read_file.h"

namespace dyad {
namespace {

// An agents file by name, or by its first code being "~X" / "X~".
bool LooksLikeAgents(const DictionarySource& s) {
  if (utf8::ToLower(s.name).find("agent") != std::string::npos) return true;
  actors_internal::DictionaryLineReader reader(s.name, s.text, nullptr);
  uint32_t n = 0;
  std::string_view line;
  while (reader.Next(&n, &line)) {
    size_t open = line.find('[');
    if (open == std::string_view::npos) continue;
    size_t close = line.find_first_of("]}", open);
    return line.substr(open, close == std::string_view::npos ? close : close - open).find('~') !=
           std::string_view::npos;
  }
  return false;
}

}  // namespace

Status CheckDictionaries(const std::vector<std::string>& files,
                         std::vector<std::string>* problems) {
  std::vector<std::string> found;
  for (const std::string& f : files) {
    DictionarySource s{f, std::string()};
    DYAD_RETURN_IF_ERROR(ReadFileInto(f, &s.text, "dictionary"));
    // Each file on its own: a conflict between files is a choice of the
    // user's file order, not a fault of either file.
    actors_internal::DictionaryRep rep;
    if (LooksLikeAgents(s)) {
      actors_internal::ReadAgentSource(s, &rep, &found);
    } else {
      actors_internal::ReadActorSource(s, &rep, &found);
    }
  }
  size_t count = found.size();
  if (problems != nullptr) problems->insert(problems->end(), found.begin(), found.end());
  if (count == 0) return Status::OK();
  return Status::InvalidArgument(std::to_string(count) + " problem" + (count == 1 ? "" : "s") +
                                 " in " + std::to_string(files.size()) + " dictionary file" +
                                 (files.size() == 1 ? "" : "s"));
}

}  // namespace dyad
