// Internal to src/events: the loaded pattern dictionaries (verb and noun
// patterns, transformations, coding ontology, discards, issues) as the coder
// uses them. Everything here is immutable after loading.
#ifndef DYAD_SRC_EVENTS_EVENT_CODER_INTERNAL_H_
#define DYAD_SRC_EVENTS_EVENT_CODER_INTERNAL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/actors.h"
#include "dyad/events.h"

namespace dyad::events_internal {

// Hash and equality that look std::string keys up by std::string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// A run of words that must be consecutive in the sentence, lower-case.
// `form_only`: match the word form only (no lemma, so no plural) — the
// format's trailing '_' ("CLOSURE_").
struct WordSeq {
  std::vector<std::string> words;
  bool form_only = false;
  std::string last_plural;  // regular plural of the last word (unless form_only)
};

// One element of a pattern.
struct Elem {
  enum Kind : uint8_t {
    kTerm,      // a word, a '_'-joined phrase or a synset: alternatives in `alts`
    kPhrase,    // {A B C}: `parts` are terms, the last one the head of a noun phrase
    kPrep,      // (P X): parts[0] the preposition (a term), parts[1] its object if any
    kSource,    // $ — the source actor is here
    kTarget,    // + — the target actor is here
    kSkip,      // ^ — any noun phrase (TABARI); no constraint
    kCompound,  // % — the subject is a compound actor coded reciprocally
  };
  Kind kind = kTerm;
  std::vector<WordSeq> alts;
  std::vector<Elem> parts;
  // Sorted, distinct: every word an alternative can start with (its first
  // word, and the plural of a one-word alternative). A word in none of them
  // cannot start a match (built after loading).
  std::vector<std::string> firsts;
};

// The code of a pattern or verb: "050", "042:043" (the second code is the
// event of the target towards the source), "---" (no event).
struct PatternCode {
  std::string code;     // "---" = null
  std::string reverse;  // empty = none
  bool null() const { return code == "---"; }
};

struct Pattern {
  std::vector<Elem> pre;   // before the verb, in text order
  std::vector<Elem> post;  // after the verb, in text order
  PatternCode code;
  bool reciprocal = false;  // '%' present
  int weight = 0;           // words the pattern requires: more = more specific
  std::string rule;         // "file:line: - * (FOR AID) [..]"
  std::vector<std::string> anchors;  // one of these words must be in the sentence
};

// Fills p->anchors from its first word element.
void SetAnchors(Pattern* p);

enum class TriggerKind : uint8_t { kVerb, kNoun };

// One written form of a trigger word of a block: "tap" with "wire" before
// it, "cordon" with "off" after it.
struct TriggerForm {
  std::string word;                 // lower-case
  std::vector<std::string> before;  // words right before it
  std::vector<std::string> after;   // words right after it (or its particle)
  std::optional<PatternCode> code;  // its own code; else the block's
  uint32_t block = 0;
  TriggerKind kind = TriggerKind::kVerb;
  std::string rule;  // "file:line: text" of the line that defined it
};

// A "--- NAME [code] ---" block: its triggers share its patterns.
struct Block {
  PatternCode code;
  std::string rule;
  std::vector<Pattern> patterns;
  // Patterns without anchors (built after loading).
  std::vector<uint32_t> unanchored;
};

// "~ a (a b ATTACK) SAY = a b 015": when the verb SAY (any verb of the same
// code) governs a clause whose event is (x, y, ATTACK), code (r, s, code).
// Variables: a letter names an actor, '.' any actor, '_' none.
struct Transformation {
  char top_source = '.';
  char low_source = '.', low_target = '.';
  std::string low_code;          // "" = Q (any)
  std::vector<std::string> low_aux;  // auxiliaries the low verb needs ("will")
  std::string top_code;
  char out_source = '.', out_target = '.';
  std::string out_code;  // "Q" = the low event's code
  std::string rule;
};

// PETRARCH2 internal coding ontology: CAMEO code <-> integer meaning.
struct Ontology {
  std::unordered_map<std::string, int64_t> value;  // code -> first value
  std::unordered_map<int64_t, std::string> code;   // every value -> first code
  bool empty() const { return value.empty(); }
  std::optional<int64_t> Value(std::string_view c) const;
  const std::string* Code(int64_t v) const;
};

struct DiscardEntry {
  std::string text;  // lower-case, words joined by single blanks
  bool story = false;
  bool whole_word = false;  // ended in '_'
  std::string rule;
};

struct IssueEntry {
  std::vector<std::vector<std::string>> alternatives;  // token sequences
  std::string code;  // empty for an ignore phrase
  std::string rule;
};

// A 64K-bit filter of a table's keys: most words of a sentence are not in a
// dictionary table, and a clear bit says so from the first-level cache
// instead of a hash-table probe. A set bit may be a false alarm.
class KeyFilter {
 public:
  void Add(std::string_view key);
  bool MayHave(std::string_view key) const;

 private:
  std::vector<uint64_t> bits_;
};

struct PatternDictionary {
  std::vector<Block> blocks;
  std::vector<TriggerForm> triggers;
  // Lower-case written forms (base, irregular and regular inflections) and
  // bases -> indices into `triggers`.
  StringMap<std::vector<uint32_t>> by_form;
  StringMap<std::vector<uint32_t>> by_base;
  std::vector<Transformation> transformations;
  size_t pattern_count = 0;
  // Anchor word -> (block, pattern), built after loading.
  StringMap<std::vector<std::pair<uint32_t, uint32_t>>> by_anchor;
  // Filters of the keys of by_form and by_base, and of by_anchor.
  KeyFilter trigger_filter, anchor_filter;
};

// Reads one verb / noun pattern file into *dict (several files accumulate).
// Every trigger of the file is of `kind`: a noun is indexed with its plural
// (not verb inflections) and is looked up only on nouns, so a noun never
// competes with a verb of the same spelling. Problems -> "name:line: ...".
void ReadPatternFile(std::string_view name, std::string_view text, PatternDictionary* dict,
                     std::vector<std::string>* problems, TriggerKind kind = TriggerKind::kVerb);
// Called once after the last file: resolves transformation verb names.
void FinishPatternDictionary(PatternDictionary* dict);
void ReadOntology(std::string_view name, std::string_view text, Ontology* ontology,
                  std::vector<std::string>* problems);
void ReadDiscards(std::string_view name, std::string_view text, std::vector<DiscardEntry>* out,
                  std::vector<std::string>* problems);
void ReadIssues(std::string_view name, std::string_view text, std::vector<IssueEntry>* out,
                std::vector<std::string>* problems);

// Regular English verb forms of a base ("s", "ed", "ing", with the usual
// spelling rules) and the regular plural of a noun (S / IES / ES).
std::vector<std::string> RegularVerbForms(const std::string& base);
std::string RegularPlural(const std::string& noun);

struct CoderRep {
  PatternDictionary patterns;
  Ontology ontology;
  std::vector<DiscardEntry> discards;
  std::vector<IssueEntry> issues;
  // Discards: entries by first word, and one-word stems (matched as a
  // prefix of a token) by their first three letters.
  StringMap<std::vector<uint32_t>> discard_first;
  StringMap<std::vector<uint32_t>> discard_stems;
  KeyFilter discard_filter;  // the keys of both
  // Bit k set: some stem is filed under a key of k letters (1-3).
  unsigned discard_stem_lengths = 0;
  // Issue phrases indexed by their first token.
  StringMap<std::vector<std::pair<uint32_t, uint32_t>>> issue_index;
  CameoTable cameo;
  std::shared_ptr<const ActorDictionary> actors;
  EventCoderOptions options;
};

}  // namespace dyad::events_internal

#endif  // DYAD_SRC_EVENTS_EVENT_CODER_INTERNAL_H_
