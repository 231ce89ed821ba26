// Training of the sentence-boundary model of the text stage
// (models/segmenter.dyad) from a UD treebank.
#ifndef DYAD_TRAIN_SEGMENTER_TRAIN_H_
#define DYAD_TRAIN_SEGMENTER_TRAIN_H_

#include <string>

#include "dyad/status.h"
#include "dyad/train.h"

namespace dyad {

// Trains the averaged perceptron that decides sentence ends (see
// src/text/sentence_splitter_internal.h) on the treebank's raw text
// (ConlluRawText), tokenized by the segmenter's own tokenizer with the word
// lists under `data_dir` (the repository's data/), and writes it to
// options.output_path.
// Every token boundary inside a paragraph is an example; it is positive when a
// gold sentence ends there. Deterministic for options.seed. epochs 0 = 6.
// With options.dev_path, logs the dev Sentences F1 after each epoch.
Status TrainSegmenter(const TrainOptions& options, const std::string& data_dir);

}  // namespace dyad

#endif  // DYAD_TRAIN_SEGMENTER_TRAIN_H_
