// The learned cue model: reading, writing and training it. Its features are
// read from the parse in quote_finder.cc (Scratch::CueFeatures).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <random>

#include "dyad/model_file.h"
#include "quotes/quotes_internal.h"

namespace dyad {
namespace quotes_internal {

uint64_t CueFeatureHash(std::initializer_list<std::string_view> pieces) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (std::string_view piece : pieces) {
    for (unsigned char c : piece) h = (h ^ c) * 0x100000001B3ull;
  }
  return h;
}

Result<CueModel> CueModel::Load(const std::string& path) {
  auto r = ModelReader::Open(path, ModelComponent::kQuoteCues);
  if (!r.ok()) return r.status();
  ModelReader& in = *r;
  if (in.component_version() != kVersion) {
    return Status::Corruption(path + ": cue model version " + std::to_string(in.component_version()) +
                              ", expected " + std::to_string(kVersion));
  }
  CueModel m;
  in.U32(&m.bits);
  in.F32(&m.threshold);
  in.F32(&m.veto);
  if (in.status().ok() && (m.bits < 8 || m.bits > 24)) {
    return Status::Corruption(path + ": bad feature table size");
  }
  in.SparseF32Table(size_t{1} << m.bits, &m.weights);
  DYAD_RETURN_IF_ERROR(in.Finish());
  if (!std::isfinite(m.threshold) || std::isnan(m.veto)) return Status::Corruption(path + ": bad threshold");
  return m;
}

Status CueModel::Save(const std::string& path) const {
  ModelWriter out(ModelComponent::kQuoteCues, kVersion);
  out.U32(bits);
  out.F32(threshold);
  out.F32(veto);
  out.SparseF32Table(weights);
  return out.WriteTo(path);
}

}  // namespace quotes_internal

Status QuoteFinder::LoadCueModel(const std::string& path) {
  auto m = quotes_internal::CueModel::Load(path);
  if (!m.ok()) return m.status();
  lex_->cue_model = std::move(*m);
  return Status::OK();
}

bool QuoteFinder::has_cue_model() const { return lex_->cue_model.has_value(); }

Status QuoteFinder::TrainCueModel(const std::vector<Document>& docs,
                                  const std::vector<std::vector<Span>>& gold_cues,
                                  const CueModelOptions& options, const std::string& path,
                                  std::string* report) const {
  if (docs.size() != gold_cues.size()) return Status::InvalidArgument("one list of gold cues per document");
  // Every verb as (features, label): a verb is a cue when a gold cue
  // covers its first byte.
  struct Example {
    uint32_t first, count;
    bool cue;
  };
  std::vector<uint64_t> features;
  std::vector<Example> examples;
  for (size_t d = 0; d < docs.size(); ++d) {
    std::vector<Span> gold = gold_cues[d];
    std::sort(gold.begin(), gold.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    const Document& doc = docs[d];
    quotes_internal::ForEachCueCandidate(doc, *lex_, [&](uint32_t w, const std::vector<uint64_t>& f) {
      const uint32_t at = doc.words[w].span.start;
      // The last gold piece starting at or before the word.
      auto it = std::upper_bound(gold.begin(), gold.end(), at,
                                 [](uint32_t x, const Span& s) { return x < s.start; });
      const bool cue = it != gold.begin() && std::prev(it)->end > at;
      examples.push_back({static_cast<uint32_t>(features.size()), static_cast<uint32_t>(f.size()), cue});
      features.insert(features.end(), f.begin(), f.end());
    });
  }
  if (examples.empty()) return Status::InvalidArgument("no verbs to train the cue model on");
  // Averaged binary perceptron over a hashed table (averaging by running
  // totals with last-update times).
  quotes_internal::CueModel model;
  model.threshold = options.threshold;
  model.veto = options.veto;
  const size_t size = size_t{1} << model.bits;
  const uint64_t mask = size - 1;
  std::vector<float> w(size, 0.0f);
  std::vector<double> total(size, 0.0);
  std::vector<uint64_t> stamp(size, 0);
  uint64_t now = 0;
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::mt19937 rng(options.seed);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t k : order) {
      const Example& e = examples[k];
      ++now;
      float score = 0;
      for (uint32_t j = 0; j < e.count; ++j) score += w[features[e.first + j] & mask];
      const bool said = score > 0;
      tp += said && e.cue;
      fp += said && !e.cue;
      fn += !said && e.cue;
      if (said == e.cue) continue;
      const float delta = e.cue ? 1.0f : -1.0f;
      for (uint32_t j = 0; j < e.count; ++j) {
        const uint64_t h = features[e.first + j] & mask;
        total[h] += static_cast<double>(now - stamp[h]) * w[h];
        stamp[h] = now;
        w[h] += delta;
      }
    }
    if (report) {
      const double p = tp + fp ? 100.0 * tp / (tp + fp) : 0, r = tp + fn ? 100.0 * tp / (tp + fn) : 0;
      char line[160];
      std::snprintf(line, sizeof line, "epoch %d: %zu verbs, training P %.2f R %.2f F1 %.2f\n", epoch,
                    examples.size(), p, r, p + r > 0 ? 2 * p * r / (p + r) : 0.0);
      *report += line;
    }
  }
  model.weights.assign(size, 0.0f);
  for (size_t h = 0; h < size; ++h) {
    const double t = total[h] + static_cast<double>(now - stamp[h]) * w[h];
    model.weights[h] = static_cast<float>(t / static_cast<double>(now));
  }
  return model.Save(path);
}

}  // namespace dyad
