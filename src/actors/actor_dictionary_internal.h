// Internal to src/actors: the loaded representation behind ActorDictionary
// and the two readers that fill it (actor_dictionary.cc, agent_dictionary.cc).
#ifndef DYAD_SRC_ACTORS_ACTOR_DICTIONARY_INTERNAL_H_
#define DYAD_SRC_ACTORS_ACTOR_DICTIONARY_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "actors/phrase_trie_internal.h"
#include "dyad/actors.h"

namespace dyad::actors_internal {

// Everything is in flat vectors of small records, with strings interned, so
// that loading allocates little and the loaded dictionary is compact.
struct DictionaryRep {
  struct CodeLine {
    uint32_t code;  // id in `codes`
    int32_t from;
    int32_t to;
    bool unrestricted;
  };
  struct ActorRecord {
    uint32_t name;  // id in `names`
    uint32_t first_code;
    uint32_t code_count;
    uint32_t default_code;  // index into code_lines, or kNone
    uint32_t source;        // index into `sources`
    uint32_t line;
  };
  struct AgentRecord {
    uint32_t name;
    uint32_t code;
    AgentSide side;
    uint32_t source;
    uint32_t line;
  };

  DictionaryRep() {
    actor_root = trie.AddRoot();
    agent_root = trie.AddRoot();
  }

  PhraseTrie trie;
  uint32_t actor_root = 0;
  uint32_t agent_root = 0;
  StringPool codes;
  StringPool names;
  std::vector<std::string> sources;
  std::vector<CodeLine> code_lines;
  std::vector<ActorRecord> actors;
  std::vector<AgentRecord> agents;
  // Build time only (emptied when loading ends): nodes whose value comes
  // from a generated form (hyphen split, regular plural), which an entry
  // written in a file replaces without a conflict being reported.
  std::vector<bool> generated;
};

// Reads one actors file into *rep; problems as "name:line: ...".
void ReadActorSource(const DictionarySource& source, DictionaryRep* rep,
                     std::vector<std::string>* problems);
// Reads one agents file into *rep.
void ReadAgentSource(const DictionarySource& source, DictionaryRep* rep,
                     std::vector<std::string>* problems);

// Upper-cases an actor code and checks it: "---" (the null code), or one or
// more '/'-separated parts of ASCII letters and digits. False when bad.
bool NormalizeActorCode(std::string_view in, std::string* out);

// Whether a normalized code is made of whole 3-letter CAMEO segments (each
// '/'-part), the shape of every CAMEO actor and agent code. A code that is
// not ("MNCCN", "NGOEEURENV" in Phoenix) is most likely a typo: it is
// reported but kept, since the format itself does not forbid it.
bool IsCameoShaped(std::string_view code);

// The regular plural of the last word of a lower-cased phrase, the format's
// rule refined for English: consonant + "y" -> "ies", s / x / z / ch / sh ->
// +"es", otherwise +"s". False when the last token does not end in a letter.
bool RegularPlural(std::vector<std::string>* tokens);

}  // namespace dyad::actors_internal

#endif  // DYAD_SRC_ACTORS_ACTOR_DICTIONARY_INTERNAL_H_
