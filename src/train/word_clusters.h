// Word clusters for the tagger and the parser, learned from unlabelled text
// (the treebank's own words plus plain-text files) with the spherical k-means
// of the NER lexicon (train_ner_internal.h, BuildClusters).
#ifndef DYAD_TRAIN_WORD_CLUSTERS_H_
#define DYAD_TRAIN_WORD_CLUSTERS_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"
#include "nlp/perceptron_internal.h"

namespace dyad::train_internal {

// Clusters per level (coarse to fine) and the minimum count of a clustered
// word.
inline const std::vector<uint32_t> kWordClusterSizes = {64, 256, 1024};
inline constexpr int kWordClusterMinCount = 3;

// Learns the clusters of every lower-cased word seen at least
// kWordClusterMinCount times in the words of `treebank` plus the .txt files
// (or folders of them) in `paths`, segmented with the segmenter under
// `data_dir` (empty: FindResource("data"); not needed without paths).
// Deterministic for `seed`.
Status LearnWordClusters(const Document& treebank, const std::vector<std::string>& paths,
                         const std::string& data_dir, uint32_t seed,
                         nlp_internal::WordClusters* out, std::ostream* log);

}  // namespace dyad::train_internal

#endif  // DYAD_TRAIN_WORD_CLUSTERS_H_
