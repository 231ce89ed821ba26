// dyad/train.h: training the NLP models from a UD treebank (CoNLL-U).
//
// Library dyad_train, which the run-time pipeline does not link; only the
// `dyad train` command does. Training is deterministic for a given seed
// (single-threaded; the corpus is shuffled with a seeded generator).
#ifndef DYAD_TRAIN_H_
#define DYAD_TRAIN_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

struct TrainOptions {
  std::string train_path;   // CoNLL-U to learn from (required)
  std::string dev_path;     // CoNLL-U to report progress on; may be empty
  std::string output_path;  // model file to write (required)
  uint32_t seed = 1;
  // Passes over the training data; 0 = the component's default (tagger 8,
  // parser 10). The model of the last epoch is written.
  int epochs = 0;
  // Use only the first N training sentences (0 = all): for tests.
  size_t max_sentences = 0;
  // Progress (one line per epoch with dev scores and speed); may be null.
  std::ostream* log = nullptr;
  // Tagger and parser: plain-text files (or folders of .txt files) from
  // which, with the training words, word clusters are learned (segmented
  // with the segmenter under FindResource("data")); empty: the training
  // words alone. The clusters are stored in the model.
  std::vector<std::string> cluster_text;
};

// Trains the tagger (UPOS, XPOS and FEATS) and writes it to output_path.
Status TrainTagger(const TrainOptions& options);

// Learns the lemmatizer tables from the gold (form, XPOS, lemma) triples of
// the training file and writes them to output_path (no epochs: one pass).
Status TrainLemmatizer(const TrainOptions& options);

// Trains the dependency parser and writes it to output_path. The parser is
// trained on tags predicted by taggers trained on the other folds of the
// training data (jackknifing, `jackknife_folds` folds; 0 or 1 = gold tags), so
// that it learns on the kind of tags it will see.
struct ParserTrainOptions : TrainOptions {
  int jackknife_folds = 5;
  // Epochs of the jackknife taggers (0 = the tagger's default).
  int tagger_epochs = 0;
  // Parsers trained with different shuffles (seed, seed + 7919, ...) whose
  // averaged weights are averaged into the one model written (parameter
  // mixing): slower training, same parsing speed.
  int ensemble = 4;
  // Beam width: 1 = greedy parser trained with the dynamic oracle and error
  // exploration; > 1 = beam search, trained as a structured perceptron with
  // early update (and parsing with the same width).
  int beam = 1;
  // Whether the parser reads the word clusters too (ten more templates, the
  // clusters stored in its file). The jackknife taggers always use them, as
  // the tagger does.
  bool parser_clusters = true;
};
Status TrainParser(const ParserTrainOptions& options);

// Trains the averaged perceptron that decides sentence ends (see
// src/text/sentence_splitter_internal.h) on the treebank's raw text
// (ConlluRawText), tokenized by the segmenter's own tokenizer with the word
// lists under `data_dir` (the repository's data/), and writes it to
// options.output_path.
// Every token boundary inside a paragraph is an example; it is positive when a
// gold sentence ends there. Deterministic for options.seed. epochs 0 = 6.
// With options.dev_path, logs the dev Sentences F1 after each epoch.
Status TrainSegmenter(const TrainOptions& options, const std::string& data_dir);

// Trains the named-entity recognizer (dyad/ner.h) on IOB files and writes it
// to options.output_path. options.train_path and dev_path are IOB2 files
// (Universal NER; types other than PER, ORG, LOC read as O); the words are
// tagged first by the tagger model at `tagger_path`, whose UPOS/XPOS the
// features read. Word clusters and capitalisation statistics are learned
// from the training words plus the unlabelled text files (or folders of .txt
// files) in `unlabelled`, segmented with the segmenter under `data_dir`;
// only the tables derived from them go into the model. With a dev file the
// weights of the epoch with the best dev F1 are kept. epochs 0 = 12.
struct NerTrainOptions : TrainOptions {
  std::string tagger_path;               // required
  std::vector<std::string> extra_paths;  // more training data (IOB1 or IOB2; MISC read as O)
  std::vector<std::string> unlabelled;   // .txt files or folders
  std::string gazetteer_path;            // "TYPE<TAB>name" lines (data/ner/); may be empty
  std::string data_dir;                  // segmenter data, needed with `unlabelled`
  // Models trained on different shuffles (seed, seed + 7919, ...) whose
  // weights are averaged into the one written (parameter mixing).
  int ensemble = 4;
  // 2: a second stage over document-level features built from the first
  // stage's tags, trained on jackknifed first-stage tags (`folds` parts of
  // the training documents); 1: the first stage alone.
  int stages = 2;
  int folds = 5;
  // The train file is partly labelled: where it has no name, a capitalised
  // word the gazetteer lists as an organisation may still be an ORG, a tag
  // the second stage learns as latent (the best allowed path is its gold).
  bool partial_train = false;
};
Status TrainNer(const NerTrainOptions& options);

// The learned quotation-cue model (models/en_quote_cues.dyad, read by
// QuoteFinder::LoadCueModel): an averaged perceptron that says whether a verb
// lies inside a gold cue, trained on parsed documents and the byte spans of
// their gold cues (one list per document). The lexicon of
// `data_dir`/quotes/cues.txt gives one of its features (the verb's class).
struct CueModelOptions {
  int epochs = 8;
  uint32_t seed = 1;
  // A verb outside the lexicon is a cue when its score is above `threshold`;
  // a verb of the lexicon stops being one when its score is below `veto`.
  // (The defaults are those of the shipped model, chosen on PolNeAR dev.)
  float threshold = 6.0f;
  float veto = -10.0f;
};
Status TrainCueModel(const std::string& data_dir, const std::vector<Document>& docs,
                     const std::vector<std::vector<Span>>& gold_cues, const CueModelOptions& options,
                     const std::string& output_path, std::ostream* log);

}  // namespace dyad

#endif  // DYAD_TRAIN_H_
