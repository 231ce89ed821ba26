// Internal to src/actors: what the actors stage (entity_linker.cc) needs from
// the parse and the dictionaries to code one mention: the description words
// of a name (title, apposition), the code of a description or an
// organisation name, and the date-aware code of a dictionary entry.
#ifndef DYAD_SRC_ACTORS_ACTOR_CODER_INTERNAL_H_
#define DYAD_SRC_ACTORS_ACTOR_CODER_INTERNAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/actors.h"
#include "dyad/document.h"

namespace dyad::entities_internal {

// ---- the parse ------------------------------------------------------------

// Absolute index (into doc.words) of the head of word `w` of sentence `s`,
// -1 for the root or a head outside the sentence.
int32_t AbsoluteHead(const Document& doc, const Sentence& s, uint32_t w);
// Whether `ancestor` is `w` or one of its ancestors (both absolute).
bool Dominates(const Document& doc, const Sentence& s, uint32_t ancestor, uint32_t w);
// The head word of the words [b, e): the one whose head is outside them (the
// last such when the parse gives several). REQUIRES: b < e.
uint32_t PhraseHead(const Document& doc, const Sentence& s, uint32_t b, uint32_t e);
// [first, last + 1) of the words `w` dominates (contiguous span of its
// subtree; projective parses make it exact).
std::pair<uint32_t, uint32_t> SubtreeRange(const Document& doc, const Sentence& s, uint32_t w);

enum class DescriptionKind { kTitle, kApposition };
struct DescriptionWords {
  uint32_t begin = 0, end = 0;  // words [begin, end) of doc.words
  DescriptionKind kind = DescriptionKind::kTitle;
};
// The title before a name or, failing that, its apposition (see
// MentionDescription in dyad/entities.h). REQUIRES: m.num_words > 0.
std::optional<DescriptionWords> FindDescription(const Document& doc, const Mention& m);

// ---- codes ------------------------------------------------------------------

struct CodedActor {
  std::string code;
  std::string rule;  // "file:line" or a note naming the words and entries used
};

// Dictionary lookups over one document's words, on the article's date.
// Per call, per document: holds the lower-cased word forms.
class ActorCoder {
 public:
  ActorCoder(const ActorDictionary& dict, const Document& doc);

  const ActorDictionary& dict() const { return dict_; }
  // The code of entry `entry` on the article's date, or its unrestricted code
  // when the article has no date.
  std::optional<std::string> Code(uint32_t entry) const;
  // The lower-cased forms of the words of sentence `s`, for the tries.
  const std::vector<std::string_view>& Tokens(uint32_t s) const { return views_[s]; }
  // The longest actor phrase that starts at word `w` (absolute) of sentence
  // `s`, ending inside it and before word `limit` (absolute), that reads as a
  // name in the text (LooksLikeName) and has a code on the date.
  PhraseMatch ActorAt(uint32_t s, uint32_t w, uint32_t limit) const;
  // A phrase from the actor dictionary that matched words [b, e) reads as a
  // name: its last word starts with a capital letter and one of its words is
  // a noun, proper noun or adjective ("us" and "Will" are not countries).
  bool LooksLikeName(uint32_t b, uint32_t e) const;
  // The code of the description words [b, e) of sentence `s`: its country
  // (the first actor phrase in it) composed with the role of its head word
  // (an agent phrase). `kind` names it in the rule ("title", "apposition").
  std::optional<CodedActor> CodeDescription(uint32_t s, uint32_t b, uint32_t e,
                                            std::string_view kind) const;
  // The code of an organisation name without an entry of its own: the role of
  // its head word (an agent: "University" -> EDU) with the country named in
  // it or in the noun phrase around it ("... School of International Studies
  // in Beijing" -> CHN).
  std::optional<CodedActor> CodeOrganisation(const Mention& m) const;

 private:
  struct Role {
    uint32_t begin = 0, end = 0;  // words
    AgentCode agent;
    std::string source;
  };
  // The agent of word w (absolute) of sentence s: a phrase of the agents
  // dictionary, or an adjective read as its noun ("presidential" ->
  // "president"). nullopt when there is none.
  std::optional<Role> RoleAt(uint32_t s, uint32_t w, uint32_t limit) const;

  const ActorDictionary& dict_;
  const Document& doc_;
  int32_t date_ = 0;
  std::vector<std::string> lowered_;                // one per word
  std::vector<std::vector<std::string_view>> views_;  // per sentence
};

// Whether a code is a bare country (three capital letters, "KOR").
bool IsCountryCode(std::string_view code);

}  // namespace dyad::entities_internal

#endif  // DYAD_SRC_ACTORS_ACTOR_CODER_INTERNAL_H_
