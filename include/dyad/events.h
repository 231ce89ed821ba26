// dyad/events.h: the event coder. Reads verb and noun pattern dictionaries
// (PETRARCH2 format, e.g. CAMEO.2.0.txt; TABARI / PETRARCH-1 style patterns
// where a file uses them), discard and issue lists and the PETRARCH2 internal
// coding ontology, and codes the parsed sentences of a document (UD words:
// upos, lemma, head, deprel) into CAMEO events: source actor, event code,
// target actor, with quad class, Goldstein value and PLOVER category beside,
// and the words and dictionary line that produced each event.
//
// Formats as dyad reads them, and its decisions where they are ambiguous:
// docs/events.md.
#ifndef DYAD_EVENTS_H_
#define DYAD_EVENTS_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/actors.h"
#include "dyad/dictionary_files.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

namespace events_internal {
struct CoderRep;  // src/events/event_coder_internal.h
}  // namespace events_internal

// One CAMEO event code as dyad ships it (data/cameo/events.tsv).
struct CameoCode {
  std::string code;     // "051"
  double goldstein = 0;
  int quad_class = 0;   // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  std::string plover;   // "SUPPORT"; empty for roots 01 and 02 (not PLOVER events)
  std::string name;     // short description
};

// The CAMEO code table: Goldstein value, quad class and PLOVER category per
// code. Immutable after Load; thread-safe.
class CameoTable {
 public:
  // Reads data/cameo/events.tsv (code, goldstein, quad class, plover, name;
  // '#' comments). InvalidArgument naming file:line on a malformed line.
  static Result<CameoTable> Load(const std::string& path);
  // The table found with FindResource("data") + "/cameo/events.tsv".
  static Result<CameoTable> LoadDefault();
  // The entry for `code`; a code not in the table falls back to its parent
  // ("0431" -> "043" -> "04"), nullptr if none.
  const CameoCode* Find(std::string_view code) const;
  const std::vector<CameoCode>& codes() const { return codes_; }

  // Quad class of a root (GDELT's split): 01-05 -> 1, 06-08 -> 2,
  // 09-13 and 16 -> 3, 14-15 and 17-20 -> 4; 0 for anything else.
  static int QuadClassOfRoot(std::string_view root);
  // PLOVER category of a CAMEO code (CAMEO-PLOVER mapping); "" for 01, 02.
  static std::string PloverOf(std::string_view code);

 private:
  std::vector<CameoCode> codes_;  // sorted by code
};

// The UD v2 label of a UD v1 relation, for parses made with v1 labels (the
// coder reads v2): dobj -> obj, nsubjpass -> nsubj:pass, csubjpass ->
// csubj:pass, auxpass -> aux:pass, name -> flat, mwe -> fixed, neg -> advmod,
// foreign -> flat:foreign, remnant -> orphan, nmod:agent -> obl:agent; nmod
// and its subtypes other than nmod:poss -> obl (obl:tmod, ...) when the head
// is a predicate (UPOS VERB, AUX, ADJ or ADV). v2 labels pass unchanged.
std::string UdV2Deprel(std::string_view deprel, std::string_view head_upos);

// How the coder behaves where PETRARCH's practice leaves a choice.
struct EventCoderOptions {
  // Emit events whose verb is negated ("did not attack"), with
  // Event::negated set. PETRARCH drops them; so does dyad by default.
  bool emit_negated = false;
  // Emit events with a missing source or target (null actor). The records'
  // scorer ignores them; they are useful evidence for users.
  bool emit_incomplete = true;
  // Keep the reporting event ("X said ...") besides the event of the
  // reported clause, as PETRARCH does.
  bool code_reporting = true;
};

// The verb/noun pattern dictionaries with the discard list, issue list and
// internal coding ontology (any may be empty), loaded once and then immutable.
// Thread-safety: Code may be called from any number of threads at once.
class EventCoder {
 public:
  ~EventCoder();
  EventCoder(const EventCoder&) = delete;
  EventCoder& operator=(const EventCoder&) = delete;

  // Loads files.verbs (verb pattern files, in order), files.nouns (noun
  // pattern files: every trigger of theirs is a noun, looked up on NOUN /
  // PROPN words only, so it never competes with a verb), files.discards,
  // files.issues and files.ontology (empty names: none). A malformed line is
  // skipped and described in *problems as "file:line: what is wrong"; the rest
  // loads. `problems` may be null. Fails only when a file cannot be read
  // (NotFound / IOError naming it) or the CAMEO code table cannot be found.
  // `actors` resolves the actors of events; it may be null (events then carry
  // spans but no actor codes). files.actors / files.agents are not read here.
  static Result<std::unique_ptr<EventCoder>> Load(const DictionaryFiles& files,
                                                  std::shared_ptr<const ActorDictionary> actors,
                                                  std::vector<std::string>* problems,
                                                  const EventCoderOptions& options = {});
  // As Load, from text in memory (tests, fuzzing). Null pointers: none.
  // `nouns`: noun pattern files.
  static Result<std::unique_ptr<EventCoder>> LoadFromSources(
      const std::vector<DictionarySource>& verbs, const DictionarySource* discards,
      const DictionarySource* issues, const DictionarySource* ontology,
      std::shared_ptr<const ActorDictionary> actors, std::vector<std::string>* problems,
      const EventCoderOptions& options = {}, const std::vector<DictionarySource>& nouns = {});

  // Codes every sentence of a parsed document (words with upos, lemma, head,
  // deprel; doc->entities may be empty, and is preferred for actors when it
  // covers an argument's words) and appends to doc->events. Event::date is
  // the article date. Thread-safe.
  void Code(Document* doc) const;
  // Codes the sentence doc->sentences[sentence] only.
  void CodeSentence(Document* doc, uint32_t sentence) const;

  // Counts, for messages and tests.
  size_t verb_count() const;     // verbs (lemmas) with patterns
  size_t pattern_count() const;  // patterns of every verb and noun

 private:
  explicit EventCoder(std::unique_ptr<events_internal::CoderRep> rep);
  std::unique_ptr<events_internal::CoderRep> rep_;
};

// Reads verb/noun pattern, discard, issue and ontology files as `dyad dict
// check` does and appends every problem ("file:line: ...", including
// patterns that can never match) to *problems. The kind of a file is guessed
// from its name (verb, noun, discard, issue, ontology) and else from its
// content. OK when there is no problem; InvalidArgument saying how many
// otherwise; NotFound / IOError when a file cannot be read.
Status CheckEventDictionaries(const std::vector<std::string>& files,
                              std::vector<std::string>* problems);
// True when `path` names an event dictionary (verb, noun, discard, issue or
// ontology file) by its name or first lines, i.e. CheckEventDictionaries
// rather than CheckDictionaries should read it.
bool IsEventDictionaryFile(const std::string& path);

}  // namespace dyad

#endif  // DYAD_EVENTS_H_
