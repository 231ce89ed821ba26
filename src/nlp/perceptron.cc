#include <algorithm>
#include <numeric>

#include "nlp/perceptron_internal.h"

namespace dyad::nlp_internal {

void HashIndex::Build(const std::vector<uint64_t>& keys, const std::vector<uint32_t>& values) {
  size_t cap = 2;
  while (cap < keys.size() * 2 + 2) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  size_ = keys.size();
  for (size_t k = 0; k < keys.size(); ++k) {
    uint64_t i = Mix(keys[k]) & mask_;
    while (slots_[i].key != 0 && slots_[i].key != keys[k]) i = (i + 1) & mask_;
    slots_[i] = Slot{keys[k], values[k]};
  }
}

void HashIndex::Write(ModelWriter* w) const {
  std::vector<const Slot*> live;
  for (const Slot& s : slots_) {
    if (s.key != 0) live.push_back(&s);
  }
  std::sort(live.begin(), live.end(), [](const Slot* a, const Slot* b) { return a->key < b->key; });
  std::vector<uint64_t> keys;
  std::vector<uint32_t> values;
  for (const Slot* s : live) {
    keys.push_back(s->key);
    values.push_back(s->value);
  }
  w->String(PackU64(keys));
  w->U32Array(values);
}

bool HashIndex::Read(ModelReader* r, uint32_t value_limit, const char* what) {
  std::string bytes;
  std::vector<uint64_t> keys;
  std::vector<uint32_t> values;
  if (!r->String(&bytes)) return false;
  if (!UnpackU64(bytes, &keys)) return r->Fail(std::string(what) + ": key array has a bad size");
  if (!r->U32Array(&values)) return false;
  if (values.size() != keys.size())
    return r->Fail(std::string(what) + ": keys and values differ in number");
  for (size_t k = 0; k < keys.size(); ++k) {
    // Written sorted: strictly increasing keys are distinct and non-zero.
    if (keys[k] == 0 || (k > 0 && keys[k] <= keys[k - 1])) {
      return r->Fail(std::string(what) + ": keys not sorted or zero");
    }
    if (values[k] >= value_limit) return r->Fail(std::string(what) + ": value out of range");
  }
  Build(keys, values);
  return true;
}

void WordClusters::Write(ModelWriter* w) const {
  w->U32Array(sizes);
  index.Write(w);
}

bool WordClusters::Read(ModelReader* r, const char* what) {
  if (!r->U32Array(&sizes)) return false;
  if (sizes.size() > kMaxLevels) return r->Fail(std::string(what) + ": too many cluster levels");
  uint32_t limit = 1;
  for (uint32_t n : sizes) {
    if (n == 0 || n > 1024) return r->Fail(std::string(what) + ": bad number of clusters");
    limit <<= 10;
  }
  if (sizes.size() == kMaxLevels) limit = 0x40000000u;
  return index.Read(r, limit, what);
}

void SparseWeights::Build(uint32_t num_classes, const std::vector<Row>& rows) {
  num_classes_ = num_classes;
  keys_.clear();
  row_start_.assign(1, 0);
  entries_.clear();
  // Rows in key order so that the written file does not depend on the order
  // the trainer produced them in.
  std::vector<uint32_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return rows[a].key < rows[b].key; });
  for (uint32_t i : order) {
    keys_.push_back(rows[i].key);
    for (const auto& [c, w] : rows[i].entries) entries_.push_back(Entry{c, w});
    row_start_.push_back(static_cast<uint32_t>(entries_.size()));
  }
  BuildSlots();
}

std::vector<SparseWeights::Row> SparseWeights::Rows() const {
  std::vector<Row> rows(keys_.size());
  for (size_t r = 0; r < keys_.size(); ++r) {
    rows[r].key = keys_[r];
    for (uint32_t e = row_start_[r]; e < row_start_[r + 1]; ++e) {
      rows[r].entries.emplace_back(static_cast<uint16_t>(entries_[e].cls), entries_[e].w);
    }
  }
  return rows;
}

void SparseWeights::BuildSlots() {
  size_t cap = 2;
  while (cap < keys_.size() * 2 + 2) cap <<= 1;
  slots_.assign(cap, Slot{});
  mask_ = cap - 1;
  score_size_ = (num_classes_ + 3) & ~3u;
  dense_.clear();
  uint32_t num_dense = 0;
  for (size_t r = 0; r < keys_.size(); ++r) {
    uint64_t i = Mix(keys_[r]) & mask_;
    while (slots_[i].key != 0) i = (i + 1) & mask_;
    Slot slot{keys_[r], row_start_[r], row_start_[r + 1]};
    if ((slot.end - slot.start) * 4 > num_classes_) {
      dense_.resize(dense_.size() + score_size_, 0.0f);
      float* row = &dense_[size_t(num_dense) * score_size_];
      for (uint32_t e = slot.start; e < slot.end; ++e) row[entries_[e].cls] += entries_[e].w;
      slot.start = kDense | num_dense++;
    }
    slots_[i] = slot;
  }
}

void SparseWeights::Write(ModelWriter* w) const {
  std::vector<uint16_t> cls;
  std::vector<float> weights;
  for (const Entry& e : entries_) {
    cls.push_back(static_cast<uint16_t>(e.cls));
    weights.push_back(e.w);
  }
  w->U32(num_classes_);
  w->String(PackU64(keys_));
  w->U32Array(row_start_);
  w->String(PackU16(cls));
  w->F32Array(weights);
}

bool SparseWeights::Read(ModelReader* r, const char* what) {
  std::string bytes;
  const std::string name(what);
  std::vector<uint16_t> cls;
  std::vector<float> weights;
  if (!r->U32(&num_classes_)) return false;
  if (num_classes_ == 0 || num_classes_ > 65535) return r->Fail(name + ": bad class count");
  if (!r->String(&bytes)) return false;
  if (!UnpackU64(bytes, &keys_)) return r->Fail(name + ": key array has a bad size");
  if (!r->U32Array(&row_start_)) return false;
  if (!r->String(&bytes)) return false;
  if (!UnpackU16(bytes, &cls)) return r->Fail(name + ": class array has a bad size");
  if (!r->F32Array(&weights)) return false;
  if (row_start_.size() != keys_.size() + 1 || row_start_[0] != 0 ||
      row_start_.back() != cls.size() || weights.size() != cls.size()) {
    return r->Fail(name + ": row table does not match the weights");
  }
  for (size_t k = 0; k < keys_.size(); ++k) {
    if (row_start_[k + 1] < row_start_[k]) return r->Fail(name + ": rows out of order");
    if (keys_[k] == 0 || (k > 0 && keys_[k] <= keys_[k - 1]))
      return r->Fail(name + ": keys not sorted or zero");
  }
  entries_.resize(cls.size());
  for (size_t k = 0; k < cls.size(); ++k) {
    if (cls[k] >= num_classes_) return r->Fail(name + ": class out of range");
    entries_[k] = Entry{cls[k], weights[k]};
  }
  BuildSlots();
  return true;
}

std::string PackU64(const std::vector<uint64_t>& v) {
  std::string s;
  s.reserve(v.size() * 8);
  for (uint64_t x : v) {
    for (int i = 0; i < 8; ++i) s.push_back(static_cast<char>((x >> (8 * i)) & 0xff));
  }
  return s;
}

bool UnpackU64(const std::string& bytes, std::vector<uint64_t>* v) {
  if (bytes.size() % 8 != 0) return false;
  v->resize(bytes.size() / 8);
  for (size_t k = 0; k < v->size(); ++k) {
    uint64_t x = 0;
    for (int i = 0; i < 8; ++i)
      x |= uint64_t(static_cast<unsigned char>(bytes[k * 8 + i])) << (8 * i);
    (*v)[k] = x;
  }
  return true;
}

std::string PackU16(const std::vector<uint16_t>& v) {
  std::string s;
  s.reserve(v.size() * 2);
  for (uint16_t x : v) {
    s.push_back(static_cast<char>(x & 0xff));
    s.push_back(static_cast<char>(x >> 8));
  }
  return s;
}

bool UnpackU16(const std::string& bytes, std::vector<uint16_t>* v) {
  if (bytes.size() % 2 != 0) return false;
  v->resize(bytes.size() / 2);
  for (size_t k = 0; k < v->size(); ++k) {
    (*v)[k] = static_cast<uint16_t>(static_cast<unsigned char>(bytes[2 * k]) |
                                    (static_cast<unsigned char>(bytes[2 * k + 1]) << 8));
  }
  return true;
}

std::string WordShape(std::string_view s) {
  std::string out;
  char last = 0;
  int run = 0;
  for (unsigned char c : s) {
    char k;
    if (c >= 'A' && c <= 'Z') {
      k = 'X';
    } else if (c >= 'a' && c <= 'z') {
      k = 'x';
    } else if (c >= '0' && c <= '9') {
      k = 'd';
    } else if (c >= 0x80) {
      k = 'u';
    } else {
      k = static_cast<char>(c);
    }
    if (k == last) {
      // Keep up to two of a kind so that "Xx" and "Xxx..." stay apart from "X".
      if (++run >= 2) continue;
    } else {
      run = 0;
    }
    out.push_back(k);
    last = k;
  }
  return out;
}

}  // namespace dyad::nlp_internal
