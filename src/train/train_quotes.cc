// Training the learned quotation-cue model (models/en_quote_cues.dyad): an
// averaged perceptron (PerceptronTrainer, two classes) over the features
// the quotes stage reads for each verb (quotes_internal::ForEachCueCandidate),
// folded into the hashed weight table the stage scores with.
#include <algorithm>
#include <cstdio>
#include <random>

#include "dyad/train.h"
#include "quotes/quotes_internal.h"
#include "train/perceptron_trainer.h"
#include "util/read_file.h"

namespace dyad {

Status TrainCueModel(const std::string& data_dir, const std::vector<Document>& docs,
                     const std::vector<std::vector<Span>>& gold_cues, const CueModelOptions& options,
                     const std::string& output_path, std::ostream* log) {
  if (docs.size() != gold_cues.size()) return Status::InvalidArgument("one list of gold cues per document");
  if (options.epochs < 1) return Status::InvalidArgument("the cue model needs at least one epoch");
  // The lexicon: the class of a verb in it is one of the features.
  const std::string cues_path = data_dir + "/" + kCueLexiconFile;
  std::string cues;
  DYAD_RETURN_IF_ERROR(ReadFileInto(cues_path, &cues, "cue lexicon"));
  quotes_internal::Lexicon lex;
  DYAD_RETURN_IF_ERROR(quotes_internal::ParseCues(cues, cues_path, &lex));
  // Every verb as (features, label): a verb is a cue when a gold cue
  // covers its first byte.
  struct Example {
    uint32_t first, count;
    int cue;  // 1: inside a gold cue
  };
  std::vector<uint64_t> features;
  std::vector<Example> examples;
  for (size_t d = 0; d < docs.size(); ++d) {
    std::vector<Span> gold = gold_cues[d];
    std::sort(gold.begin(), gold.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    const Document& doc = docs[d];
    quotes_internal::ForEachCueCandidate(doc, lex, [&](uint32_t w, const std::vector<uint64_t>& f) {
      const uint32_t at = doc.words[w].span.start;
      // The last gold piece starting at or before the word.
      auto it = std::upper_bound(gold.begin(), gold.end(), at,
                                 [](uint32_t x, const Span& s) { return x < s.start; });
      const bool cue = it != gold.begin() && std::prev(it)->end > at;
      examples.push_back({static_cast<uint32_t>(features.size()), static_cast<uint32_t>(f.size()), cue ? 1 : 0});
      features.insert(features.end(), f.begin(), f.end());
    });
  }
  if (examples.empty()) return Status::InvalidArgument("no verbs to train the cue model on");
  train_internal::PerceptronTrainer trainer(2);
  std::vector<size_t> order(examples.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::mt19937 rng(options.seed);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    train_internal::Shuffle(&order, &rng);
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t k : order) {
      const Example& e = examples[k];
      const uint64_t* f = &features[e.first];
      const int n = static_cast<int>(e.count);
      float scores[2] = {0.0f, 0.0f};
      trainer.Score(f, n, scores);
      const int said = scores[1] > scores[0] ? 1 : 0;
      tp += said && e.cue;
      fp += said && !e.cue;
      fn += !said && e.cue;
      trainer.Update(f, n, e.cue, said);
      trainer.Tick();
    }
    if (log != nullptr) {
      const double p = tp + fp ? 100.0 * tp / (tp + fp) : 0, r = tp + fn ? 100.0 * tp / (tp + fn) : 0;
      char line[160];
      std::snprintf(line, sizeof line, "epoch %d: %zu verbs, training P %.2f R %.2f F1 %.2f", epoch,
                    examples.size(), p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0);
      *log << line << std::endl;
    }
  }
  // A verb's score is the cue class's weight less the other's, summed
  // over its features in a hashed table.
  quotes_internal::CueModel model;
  model.threshold = options.threshold;
  model.veto = options.veto;
  model.weights.assign(size_t{1} << model.bits, 0.0f);
  const uint64_t mask = model.weights.size() - 1;
  for (const auto& row : trainer.Average().Rows()) {
    float diff = 0.0f;
    for (const auto& [cls, w] : row.entries) diff += cls == 1 ? w : -w;
    model.weights[row.key & mask] += diff;
  }
  return model.Save(output_path);
}

}  // namespace dyad
