// dyad/agreement_eval.h: how far two dictionary sets agree when they code the
// same articles (dyad eval agreement). Both sets run through the same
// pipeline (same cleaning, sentences and parse), so their events can be
// compared sentence by sentence at the level of (source country, target
// country, CAMEO root): the country is the first three letters of the actor
// code (USAGOV -> USA, IGOUNO -> IGO). Only events whose source and target
// both carry an actor code are compared; a key counts once per sentence.
// Figures and commands: docs/dictionaries.md, "Agreement with Phoenix".
#ifndef DYAD_AGREEMENT_EVAL_H_
#define DYAD_AGREEMENT_EVAL_H_

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/io.h"
#include "dyad/pipeline.h"
#include "dyad/status.h"

namespace dyad {

// One event as the comparison sees it.
struct AgreementKey {
  std::string source, target;  // first three letters of the actor codes
  std::string root;            // "04"
  auto operator<=>(const AgreementKey&) const = default;
};

// The keys of the events of doc, sorted and without repeats, each with its
// sentence: (sentence, key) pairs.
std::vector<std::pair<uint32_t, AgreementKey>> AgreementKeys(const Document& doc);

struct AgreementCounts {
  size_t both = 0;            // keys both codings have
  size_t only_dyad = 0;       // keys only the evaluated set has
  size_t only_reference = 0;  // keys only the reference set has
  // both / (both + only_dyad + only_reference); 0 when there is no key.
  double Agreement() const;
  // Share of the evaluated set's keys that the reference also has, and the
  // other way round; 0 when there is none.
  double DyadInReference() const;
  double ReferenceInDyad() const;
};

// A sentence where the two codings differ, for a person to read.
struct Disagreement {
  std::string article;  // article id
  uint32_t sentence = 0;
  std::string text;  // the sentence
  // Every event of the sentence on each side: "USAGOV -> CHN 051 [trigger] rule".
  std::vector<std::string> dyad, reference;
};

struct AgreementTally {
  size_t articles = 0;
  size_t dyad_events = 0, reference_events = 0;  // every event, before keys
  size_t dyad_keys = 0, reference_keys = 0;
  AgreementCounts overall;
  std::map<std::string, AgreementCounts> by_root;  // by CAMEO root
  size_t disagreeing_sentences = 0;
  // A uniform sample (reservoir sampling from `seed`, which CompareCodings
  // advances) of the disagreeing sentences, at most sample_size of them.
  size_t sample_size = 0;
  uint64_t seed = 1;
  std::vector<Disagreement> disagreements;
};

// Adds one article, coded by both sets, to *tally. REQUIRES: both documents
// come from the same article through the same text and NLP stages (same
// sentences); otherwise the comparison is meaningless.
void CompareCodings(const Document& dyad, const Document& reference, AgreementTally* tally);

struct AgreementOptions {
  DictionaryOptions dyad;            // empty: dyad's default dictionaries/
  DictionaryOptions reference;       // the reference set
  std::string data_dir, models_dir;  // empty: found as for extract
  ReadOptions read;
  int threads = 0;           // 0 = all cores
  size_t disagreements = 0;  // sample size
  uint64_t seed = 1;
};

// The reference set of a folder: the folder's files sorted by kind as for
// extract; when it has no verb or noun file, `verbs` if given, else the
// folder's CAMEO*.txt file (PETRARCH's CAMEO.2.0.txt). NotFound when the
// folder does not exist.
Result<DictionaryOptions> ReferenceDictionaries(const std::string& dir, const std::string& verbs);

// Codes every article of `inputs` with both sets and compares them. Reading
// problems go to `diagnostics`; fails when a set or a model cannot be loaded
// or an input cannot be opened.
Result<AgreementTally> RunAgreement(const std::vector<InputSource>& inputs,
                                    const AgreementOptions& options,
                                    const Diagnostics& diagnostics);

// The figures as a table: overall and per root.
std::string FormatAgreement(const AgreementTally& tally);
// The sampled disagreements, one block per sentence.
std::string FormatDisagreements(const AgreementTally& tally);

}  // namespace dyad

#endif  // DYAD_AGREEMENT_EVAL_H_
