// The averaged multi-class perceptron during training: sparse rows of
// (class, weight, running total, last update time) per feature, averaged
// lazily (Daumé's trick) into the run-time SparseWeights.
#ifndef DYAD_TRAIN_PERCEPTRON_TRAINER_H_
#define DYAD_TRAIN_PERCEPTRON_TRAINER_H_

#include <cstdint>
#include <random>
#include <unordered_map>
#include <utility>
#include <vector>

#include "nlp/perceptron_internal.h"

namespace dyad::train_internal {

class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(uint32_t num_classes) : num_classes_(num_classes) {}

  uint32_t num_classes() const { return num_classes_; }
  // scores[c] += current (not averaged) weight of class c over the features.
  void Score(const uint64_t* feats, int n, float* scores) const;
  // One more training decision has been made.
  void Tick() { ++time_; }
  // Moves the weights of the features toward `gold` and away from `pred`.
  void Update(const uint64_t* feats, int n, int gold, int pred);
  // Adds `delta` to the weight of class `cls` of one feature (structured
  // updates, where the gold and predicted paths have different features).
  void Adjust(uint64_t feat, int cls, float delta) { Add(feat, cls, delta); }
  // The averaged weights; entries whose magnitude is below `min_abs` dropped.
  nlp_internal::SparseWeights Average(float min_abs = 0.0f) const;
  size_t num_features() const { return rows_.size(); }

 private:
  struct Entry {
    uint16_t cls;
    uint32_t ts;
    float w;
    double total;
  };
  void Add(uint64_t feat, int cls, float delta);
  // The row of a feature, or -1.
  int64_t Find(uint64_t feat) const;
  void Grow();

  uint32_t num_classes_;
  uint32_t time_ = 1;
  // Open addressing: feature key (0 = empty) -> row.
  struct Slot {
    uint64_t key = 0;
    uint32_t row = 0;
  };
  std::vector<Slot> slots_ = std::vector<Slot>(1 << 16);
  std::vector<uint64_t> keys_;
  std::vector<std::vector<Entry>> rows_;
};

// Parameter mixing: the mean of the weights of models trained on different
// shuffles of the same data.
class WeightMixer {
 public:
  void Add(const nlp_internal::SparseWeights& w);
  // The mean over the models added; entries whose magnitude is below
  // `min_abs` dropped.
  nlp_internal::SparseWeights Mean(uint32_t num_classes, float min_abs) const;

 private:
  int members_ = 0;
  // Feature key -> (class, sum of weights), classes in first-seen order.
  std::unordered_map<uint64_t, std::vector<std::pair<uint16_t, float>>> sums_;
};

// A deterministic shuffle (the same on every platform for a seed).
template <typename T>
void Shuffle(std::vector<T>* v, std::mt19937* rng) {
  for (size_t i = v->size(); i > 1; --i) {
    size_t j = (*rng)() % i;
    std::swap((*v)[i - 1], (*v)[j]);
  }
}

}  // namespace dyad::train_internal

#endif  // DYAD_TRAIN_PERCEPTRON_TRAINER_H_
