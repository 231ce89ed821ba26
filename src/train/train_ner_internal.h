// Pieces of the NER trainer: the tables learned from unlabelled text (word
// clusters, capitalisation statistics) and the gazetteer reader.
#ifndef DYAD_TRAIN_TRAIN_NER_INTERNAL_H_
#define DYAD_TRAIN_TRAIN_NER_INTERNAL_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "dyad/status.h"
#include "ner/ner_internal.h"

namespace dyad::train_internal {

// Sentences of unlabelled text, each a list of word forms as written.
using WordSentences = std::vector<std::vector<std::string>>;

// Reads the .txt files named (folders are walked, files sorted by path),
// segments them with the segmenter under `data_dir` and appends their
// sentences to `out`.
Status ReadUnlabelledText(const std::vector<std::string>& paths, const std::string& data_dir,
                          WordSentences* out);

// Spherical k-means over the left/right neighbour counts of every lower-cased
// word seen at least `min_count` times, once per size in `sizes` (each <=
// 1024); fills lexicon->clusters and cluster_sizes. Deterministic for `seed`.
void BuildClusters(const WordSentences& text, const std::vector<uint32_t>& sizes, int min_count,
                   uint32_t seed, ner_internal::Lexicon* lexicon, std::ostream* log);

// How often each lower-cased word is capitalised where capitals are not
// forced (not sentence-initial, not after sentence punctuation): fills
// lexicon->caps with buckets 1..kCapBuckets.
void BuildCapTable(const WordSentences& text, int min_count, ner_internal::Lexicon* lexicon);

// Reads "TYPE<TAB>name" lines ('#' comments, blank lines ignored) into
// lexicon->gaz_types and lexicon->gazetteer. Errors name file:line.
Status ReadGazetteer(const std::string& path, ner_internal::Lexicon* lexicon);

}  // namespace dyad::train_internal

#endif  // DYAD_TRAIN_TRAIN_NER_INTERNAL_H_
