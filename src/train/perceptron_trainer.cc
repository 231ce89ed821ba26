#include "train/perceptron_trainer.h"

#include <algorithm>
#include <cmath>

namespace dyad::train_internal {

int64_t PerceptronTrainer::Find(uint64_t feat) const {
  const uint64_t mask = slots_.size() - 1;
  for (uint64_t i = nlp_internal::Mix(feat) & mask;; i = (i + 1) & mask) {
    if (slots_[i].key == feat) return slots_[i].row;
    if (slots_[i].key == 0) return -1;
  }
}

void PerceptronTrainer::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const uint64_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.key == 0) continue;
    uint64_t i = nlp_internal::Mix(s.key) & mask;
    while (slots_[i].key != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void PerceptronTrainer::Score(const uint64_t* feats, int n, float* scores) const {
  const uint64_t mask = slots_.size() - 1;
  for (int k = 0; k < n; ++k) __builtin_prefetch(&slots_[nlp_internal::Mix(feats[k]) & mask]);
  const std::vector<Entry>* rows[nlp_internal::SparseWeights::kMaxScoreFeatures];
  int nrows = 0;
  for (int k = 0; k < n; ++k) {
    const int64_t r = Find(feats[k]);
    if (r < 0) continue;
    rows[nrows] = &rows_[r];
    __builtin_prefetch(rows[nrows]->data());
    ++nrows;
  }
  for (int k = 0; k < nrows; ++k) {
    for (const Entry& e : *rows[k]) scores[e.cls] += e.w;
  }
}

void PerceptronTrainer::Add(uint64_t feat, int cls, float delta) {
  int64_t r = Find(feat);
  if (r < 0) {
    if ((rows_.size() + 1) * 2 > slots_.size()) Grow();
    const uint64_t mask = slots_.size() - 1;
    uint64_t i = nlp_internal::Mix(feat) & mask;
    while (slots_[i].key != 0) i = (i + 1) & mask;
    r = static_cast<int64_t>(rows_.size());
    slots_[i] = Slot{feat, static_cast<uint32_t>(r)};
    rows_.emplace_back();
    keys_.push_back(feat);
  }
  std::vector<Entry>& row = rows_[r];
  for (Entry& e : row) {
    if (e.cls == cls) {
      e.total += double(time_ - e.ts) * e.w;
      e.ts = time_;
      e.w += delta;
      return;
    }
  }
  row.push_back(Entry{static_cast<uint16_t>(cls), time_, delta, 0.0});
}

void PerceptronTrainer::Update(const uint64_t* feats, int n, int gold, int pred) {
  if (gold == pred) return;
  for (int k = 0; k < n; ++k) {
    Add(feats[k], gold, 1.0f);
    Add(feats[k], pred, -1.0f);
  }
}

nlp_internal::SparseWeights PerceptronTrainer::Average(float min_abs) const {
  std::vector<nlp_internal::SparseWeights::Row> rows;
  rows.reserve(rows_.size());
  for (size_t r = 0; r < rows_.size(); ++r) {
    nlp_internal::SparseWeights::Row out{keys_[r], {}};
    for (const Entry& e : rows_[r]) {
      const double total = e.total + double(time_ - e.ts) * e.w;
      const float avg = static_cast<float>(total / time_);
      if (avg != 0.0f && std::fabs(avg) >= min_abs) out.entries.emplace_back(e.cls, avg);
    }
    if (!out.entries.empty()) rows.push_back(std::move(out));
  }
  nlp_internal::SparseWeights w;
  w.Build(num_classes_, rows);
  return w;
}

void WeightMixer::Add(const nlp_internal::SparseWeights& w) {
  ++members_;
  for (const auto& row : w.Rows()) {
    auto& dst = sums_[row.key];
    for (const auto& [c, v] : row.entries) {
      auto it = std::find_if(dst.begin(), dst.end(), [c = c](const auto& e) { return e.first == c; });
      if (it == dst.end()) {
        dst.emplace_back(c, v);
      } else {
        it->second += v;
      }
    }
  }
}

nlp_internal::SparseWeights WeightMixer::Mean(uint32_t num_classes, float min_abs) const {
  std::vector<nlp_internal::SparseWeights::Row> rows;
  for (const auto& [key, entries] : sums_) {
    nlp_internal::SparseWeights::Row row{key, {}};
    for (const auto& [c, w] : entries) {
      const float mean = w / static_cast<float>(std::max(members_, 1));
      if (std::fabs(mean) >= min_abs) row.entries.emplace_back(c, mean);
    }
    if (!row.entries.empty()) rows.push_back(std::move(row));
  }
  nlp_internal::SparseWeights out;
  out.Build(num_classes, rows);  // sorts the rows by key
  return out;
}

}  // namespace dyad::train_internal
