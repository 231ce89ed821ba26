// Helpers shared by the trainers.
#ifndef DYAD_TRAIN_TRAIN_INTERNAL_H_
#define DYAD_TRAIN_TRAIN_INTERNAL_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "dyad/conllu.h"
#include "dyad/document.h"
#include "dyad/status.h"
#include "nlp/tagger_internal.h"

namespace dyad::train_internal {

// Reads a treebank, keeping only the first `max_sentences` sentences if
// that is not 0.
Result<ConlluCorpus> ReadTreebank(const std::string& path, size_t max_sentences);

struct TaggerTrainSettings {
  int epochs = 10;
  uint32_t seed = 1;
  std::ostream* log = nullptr;
  const Document* dev = nullptr;  // gold dev corpus for progress lines; may be null
  // Word clusters the model gets (copied into it); may be null: none.
  const nlp_internal::WordClusters* clusters = nullptr;
  // Taggers mixed into one (parameter mixing); 1 = a single tagger.
  int ensemble = 1;
  // Mixed weights smaller than this in magnitude are dropped.
  float min_mixed_weight = 0.0f;
};

// Trains a tagger on the given sentences of `doc` (indices into
// doc.sentences; gold tags in doc.words).
nlp_internal::TaggerModel TrainTaggerModel(const Document& doc,
                                           const std::vector<uint32_t>& sentences,
                                           const TaggerTrainSettings& settings);

// Tags the sentences of `doc` in place with `model`.
Status TagWithModel(const nlp_internal::TaggerModel& model, Document* doc);

// "UPOS 95.12 XPOS 94.80 ..." for the named metrics of EvaluateUd(gold, sys).
std::string ScoreLine(const Document& gold, const Document& sys,
                      const std::vector<std::string>& metrics);

}  // namespace dyad::train_internal

#endif  // DYAD_TRAIN_TRAIN_INTERNAL_H_
