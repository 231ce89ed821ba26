// dyad/entities.h: the actors stage. Turns the name mentions of the ner
// stage, plus the names the actor dictionaries find on their own (countries,
// demonyms, capitals used for governments, "the North"), into one Entity per
// real-world entity of the article, with every mention, the longest full form
// as its canonical name, and the CAMEO actor code valid on the article's date
// with the rule that gave it.
//
// How names are linked and coded, with every decision: docs/entities.md.
// In short:
//   * a dictionary phrase gives its code on the date (ActorDictionary::CodeOn);
//     without an article date, the entry's unrestricted code;
//   * a person without an entry takes the code of the title before the name
//     or of the apposition after it: country (a dictionary phrase in it) +
//     role (the agent of its head word), composed the CAMEO way
//     ("South Korean presidential spokesperson" -> KORGOV);
//   * surnames and short forms go to the one full name they fit; when two
//     full names share it, to the one the context supports (not a person
//     already named earlier in the same sentence, the headline, the title
//     before the short form, the most recent mention); when nothing decides,
//     the mention is left out of every entity (never guessed).
#ifndef DYAD_ENTITIES_H_
#define DYAD_ENTITIES_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dyad/actors.h"
#include "dyad/dictionary_files.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

// The actors stage, loaded once. Immutable: Annotate may be called from any
// number of threads at once.
class EntityLinker {
 public:
  // Loads files.actors and files.agents. When files.actors is empty, a tiny
  // built-in set of major countries and roles is used instead (so that dyad
  // codes something without any dictionary; builtin() tells). A malformed
  // dictionary line does not fail the load: it is described in *problems
  // ("file:line: ..."; may be null). Fails only when a file cannot be read.
  static Result<std::unique_ptr<EntityLinker>> Create(const DictionaryFiles& files,
                                                      std::vector<std::string>* problems);
  // Codes with an already loaded dictionary (shared with the events stage).
  // REQUIRES: dictionary is not null.
  explicit EntityLinker(std::shared_ptr<const ActorDictionary> dictionary, bool builtin = false);
  ~EntityLinker();

  // Fills doc->entities (replacing what was there) from doc->mentions, the
  // words with their tags and parse, the title and the article date.
  // Mentions the dictionaries find that the ner stage did not (countries,
  // demonyms, capitals, "the North") are added to the entities' mentions
  // (type "LOC" for a country code, "PER" for an entry with dated codes:
  // a term of office, "ORG" otherwise); doc->mentions itself is not
  // changed. Entities are in the order of their first mention; each has at
  // least one mention. Works without a parse (fewer titles found) and
  // without ner mentions (only dictionary names). Thread-safe.
  void Annotate(Document* doc) const;

  const std::shared_ptr<const ActorDictionary>& dictionary() const { return dictionary_; }
  bool builtin() const { return builtin_; }

 private:
  std::shared_ptr<const ActorDictionary> dictionary_;
  bool builtin_ = false;
};

// The built-in fallback dictionary: a few major countries (with demonyms and
// capitals) and the commonest government roles. Kept tiny on purpose: dyad's
// own dictionaries/ folder is the real default.
std::unique_ptr<ActorDictionary> BuiltinActorDictionary();

// Article::date ("YYYY-MM-DD") as YYYYMMDD; 0 when there is no date or it is
// not of that form.
int32_t ArticleDateNumber(const Article& article);

// ---- For the quotes and events stages -------------------------------------

// Index in doc.entities of the entity one of whose mentions covers word
// `word` (an index into doc.words), -1 when none does. Title mentions are not
// words and never match. Linear in the number of mentions.
int32_t EntityAtWord(const Document& doc, uint32_t word);

// The words describing a mention, from the parse: the title before the name
// ("U.S. Secretary of State" Mike Pompeo, "South Korean presidential
// spokesperson" Kim Eui-kyeom) or, when there is none, the apposition after
// it (Cheng Xiaohe, "professor at Renmin University's School of International
// Studies in Beijing"); nullopt when there is neither. REQUIRES: doc is parsed
// and m's words are in doc.words (num_words > 0; title mentions give
// nullopt).
std::optional<Span> MentionDescription(const Document& doc, const Mention& m);

}  // namespace dyad

#endif  // DYAD_ENTITIES_H_
