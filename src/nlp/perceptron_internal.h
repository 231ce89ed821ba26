// Pieces shared by the tagger and the parser and by their trainers
// (src/train): integer feature hashing, the sparse weight table of an
// averaged perceptron as it is stored and used at run time, and a hashed
// u64 -> u32 index. Not part of the public interface.
#ifndef DYAD_NLP_PERCEPTRON_INTERNAL_H_
#define DYAD_NLP_PERCEPTRON_INTERNAL_H_

#include "util/ascii.h"
#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/model_file.h"

namespace dyad::nlp_internal {

// splitmix64's finalizer: a fast bijective 64-bit mixer.
inline uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// FNV-1a over the bytes, then mixed. Never returns 0.
inline uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  h = Mix(h);
  return h ? h : 1;
}

// A feature: a template number and up to three hashed values. Never 0, the
// empty-slot marker of the tables.
inline uint64_t Feat(uint32_t tmpl, uint64_t a) {
  uint64_t h = Mix(a ^ (uint64_t(tmpl) * 0x9e3779b97f4a7c15ULL));
  return h ? h : 1;
}
inline uint64_t Feat(uint32_t tmpl, uint64_t a, uint64_t b) {
  uint64_t h = Mix(Feat(tmpl, a) + b * 0xc2b2ae3d27d4eb4fULL);
  return h ? h : 1;
}
inline uint64_t Feat(uint32_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
  uint64_t h = Mix(Feat(tmpl, a, b) + c * 0x165667b19e3779f9ULL);
  return h ? h : 1;
}

// Allocates large arrays on 2 MiB boundaries and asks the kernel for huge
// pages (Linux, transparent huge pages in "madvise" mode): the weight tables
// are read at random, and with 4 KiB pages nearly every lookup also misses the
// TLB. Small arrays come from malloc.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding
  T* allocate(size_t n) {
    constexpr size_t kHuge = size_t{2} << 20;
    const size_t bytes = n * sizeof(T);
    void* p = nullptr;
    if (bytes >= 2 * kHuge) {
      p = std::aligned_alloc(kHuge, (bytes + kHuge - 1) / kHuge * kHuge);
#if defined(MADV_HUGEPAGE) && !defined(DYAD_NO_HUGE_PAGES)
      if (p != nullptr) madvise(p, bytes, MADV_HUGEPAGE);
#endif
    } else {
      p = std::malloc(bytes ? bytes : 1);
    }
    if (p == nullptr) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { std::free(p); }
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};
template <typename T>
using BigVector = std::vector<T, HugePageAllocator<T>>;

// u64 keys -> u32 values, open addressing, immutable after Build.
// Key 0 marks an empty slot and must never be looked up.
class HashIndex {
 public:
  static constexpr uint32_t kMissing = 0xffffffffu;

  // REQUIRES: keys are distinct and non-zero (checked by Read, not here).
  void Build(const std::vector<uint64_t>& keys, const std::vector<uint32_t>& values);
  uint32_t Find(uint64_t key) const {
    for (uint64_t i = Mix(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == key) return s.value;
      if (s.key == 0) return kMissing;
    }
  }
  size_t size() const { return size_; }

  // Writes the entries in a deterministic order (sorted by key).
  void Write(ModelWriter* w) const;
  // Reads what Write wrote; values must be < value_limit. False (with the
  // reader's status set) on any problem.
  bool Read(ModelReader* r, uint32_t value_limit, const char* what);

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
  };
  BigVector<Slot> slots_ = BigVector<Slot>(1);  // a power of two, never full
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

// Word clusters learned from unlabelled text (src/train/word_clusters.h):
// lower-cased form hash -> the word's cluster at each of up to three
// granularities, packed 10 bits per level (level l at bits 10 l .. 10 l + 9).
// Features read them as id + 1, 0 for a word without clusters.
struct WordClusters {
  static constexpr int kMaxLevels = 3;
  std::vector<uint32_t> sizes;  // clusters per level, each in 1..1024
  HashIndex index;

  bool empty() const { return sizes.empty(); }
  // out[l] = cluster of level l + 1, or 0 (unknown word, or no such level).
  void Lookup(uint64_t lower, uint32_t out[kMaxLevels]) const {
    const uint32_t v = sizes.empty() ? HashIndex::kMissing : index.Find(lower);
    for (int l = 0; l < kMaxLevels; ++l) {
      out[l] = v == HashIndex::kMissing || l >= static_cast<int>(sizes.size())
                   ? 0
                   : ((v >> (10 * l)) & 1023u) + 1;
    }
  }
  // Level sizes, then the index (see docs/formats/model-payloads.md).
  void Write(ModelWriter* w) const;
  bool Read(ModelReader* r, const char* what);
};

// The averaged weights of a multi-class perceptron: for each feature, a short
// sparse row of (class, weight) pairs.
class SparseWeights {
 public:
  struct Row {
    uint64_t key;
    std::vector<std::pair<uint16_t, float>> entries;
  };
  // REQUIRES: distinct non-zero keys, classes < num_classes.
  void Build(uint32_t num_classes, const std::vector<Row>& rows);

  uint32_t num_classes() const { return num_classes_; }
  // The rows back, in key order (for tools and tests).
  std::vector<Row> Rows() const;
  size_t num_entries() const { return entries_.size(); }

  // The size the scores array of Score must have: num_classes() rounded up
  // to a multiple of 4 (the padding receives zeros).
  uint32_t score_size() const { return score_size_; }

  // scores[c] += sum of the weights of class c over the features.
  // REQUIRES: n <= kMaxScoreFeatures, scores has score_size() elements.
  static constexpr size_t kMaxScoreFeatures = 128;
  void Score(const uint64_t* feats, size_t n, float* scores) const {
    // Prefetch every probe first so that the cache misses overlap: the
    // tables are far larger than the cache and the lookups are independent.
    uint64_t pos[kMaxScoreFeatures];
    for (size_t k = 0; k < n; ++k) {
      pos[k] = Mix(feats[k]) & mask_;
      __builtin_prefetch(&slots_[pos[k]]);
    }
    const Slot* found[kMaxScoreFeatures];
    size_t nfound = 0;
    for (size_t k = 0; k < n; ++k) {
      for (uint64_t i = pos[k];; i = (i + 1) & mask_) {
        const Slot& s = slots_[i];
        if (s.key == feats[k]) {
          __builtin_prefetch(&entries_[s.start]);
          found[nfound++] = &s;
          break;
        }
        if (s.key == 0) break;
      }
    }
    for (size_t k = 0; k < nfound; ++k) {
      const Slot& s = *found[k];
      if (s.start & kDense) {
        // A dense row of score_size() floats, added four at a time.
        typedef float V4 __attribute__((vector_size(16)));
        const float* row = &dense_[size_t(s.start & ~kDense) * score_size_];
        for (uint32_t c = 0; c < score_size_; c += 4) {
          V4 a, b;
          __builtin_memcpy(&a, scores + c, 16);
          __builtin_memcpy(&b, row + c, 16);
          a += b;
          __builtin_memcpy(scores + c, &a, 16);
        }
        continue;
      }
      for (uint32_t e = s.start, end = s.end; e < end; ++e)
        scores[entries_[e].cls] += entries_[e].w;
    }
  }

  void Write(ModelWriter* w) const;
  bool Read(ModelReader* r, const char* what);

 private:
  // Rows with more than a quarter of the classes are kept dense.
  static constexpr uint32_t kDense = 0x80000000u;
  struct Slot {
    uint64_t key = 0;  // 0: empty
    // The row in entries_, or if start & kDense, row (start & ~kDense) of dense_.
    uint32_t start = 0, end = 0;
  };
  struct Entry {
    uint32_t cls;
    float w;
  };
  void BuildSlots();

  uint32_t num_classes_ = 0;
  uint32_t score_size_ = 0;
  BigVector<float> dense_;
  BigVector<Slot> slots_ = BigVector<Slot>(1);  // a power of two, never full
  uint64_t mask_ = 0;
  std::vector<uint64_t> keys_;  // per row, in key order
  std::vector<uint32_t> row_start_;
  BigVector<Entry> entries_;
};

// Raw little-endian arrays stored as one String field of the container.
std::string PackU64(const std::vector<uint64_t>& v);
bool UnpackU64(const std::string& bytes, std::vector<uint64_t>* v);
std::string PackU16(const std::vector<uint16_t>& v);
bool UnpackU16(const std::string& bytes, std::vector<uint16_t>* v);

using ::dyad::AsciiLower;  // util/ascii.h
// A word's shape with runs collapsed: "Kim-Jong" -> "Xx-Xx", "1990s" -> "dx".
std::string WordShape(std::string_view s);

}  // namespace dyad::nlp_internal

#endif  // DYAD_NLP_PERCEPTRON_INTERNAL_H_
