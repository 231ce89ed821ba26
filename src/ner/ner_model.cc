// The NER model at run time: word descriptions, features, Viterbi decoding,
// and the model file.
#include <algorithm>
#include <array>
#include <limits>
#include <unordered_map>

#include "dyad/ner.h"
#include "ner/ner_internal.h"

namespace dyad {
namespace ner_internal {

using nlp_internal::Feat;
using nlp_internal::HashBytes;

namespace {

constexpr uint64_t kBos = 0x5bd1e9955bd1e995ULL;  // stands for words before the sentence
constexpr uint64_t kEos = 0x27d4eb2f165667c5ULL;  // and after it

uint32_t Flags(std::string_view form) {
  uint32_t f = 0;
  bool all_upper = true, all_lower = true, alnum = false;
  for (size_t k = 0; k < form.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(form[k]);
    const bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
    if (up) {
      all_lower = false;
      if (k > 0) f |= 256;
    }
    if (low) all_upper = false;
    if (c >= '0' && c <= '9') f |= 4, alnum = true;
    if (c == '-') f |= 8;
    if (c == '.') f |= 128;
    if (up || low) f |= 16, alnum = true;
    if (c >= 0x80) alnum = true;
  }
  if (!form.empty() && form[0] >= 'A' && form[0] <= 'Z') f |= 1;
  if ((f & 16) && all_upper) f |= 2;
  if ((f & 16) && all_lower) f |= 32;
  if (!alnum) f |= 64;
  return f;
}

}  // namespace

std::string TagName(int tag) {
  if (tag <= 0 || tag >= kNumTags) return "O";
  return std::string(IsInside(tag) ? "I-" : "B-") + kNerTypes[TagType(tag)];
}

uint64_t TransitionFeature(int prev) { return Feat(200, static_cast<uint64_t>(prev + 2)); }
uint64_t EndFeature() { return Feat(201, 1); }

void Lexicon::DescribeSentence(const std::vector<std::string_view>& forms,
                               const std::vector<std::string_view>& upos,
                               const std::vector<std::string_view>& xpos,
                               std::vector<NerWord>* out) const {
  const size_t n = forms.size();
  out->assign(n, NerWord{});
  std::vector<std::string> lowers(n);
  int letters = 0, capitalised = 0;
  for (size_t i = 0; i < n; ++i) {
    NerWord& w = (*out)[i];
    const std::string_view form = forms[i];
    lowers[i] = nlp_internal::AsciiLower(form);
    const std::string& lower = lowers[i];
    w.form = HashBytes(form);
    w.lower = HashBytes(lower);
    w.shape = HashBytes(nlp_internal::WordShape(form));
    w.upos = HashBytes(upos[i]);
    w.xpos = HashBytes(xpos[i]);
    for (size_t k = 0; k < 4; ++k) {
      const size_t len = std::min(lower.size(), k + 1);
      w.prefix[k] = HashBytes(std::string_view(lower).substr(0, len));
      w.suffix[k] = HashBytes(std::string_view(lower).substr(lower.size() - len));
    }
    w.flags = Flags(form);
    w.first_char = form.empty() ? 0 : static_cast<uint8_t>(form[0]);
    w.length = static_cast<uint32_t>(std::min<size_t>(form.size(), 12));
    uint32_t v = clusters.Find(w.lower);
    if (v != HashIndex::kMissing) {
      for (int l = 0; l < kClusterLevels; ++l) w.cluster[l] = ((v >> (10 * l)) & 1023) + 1;
    }
    v = caps.Find(w.lower);
    if (v != HashIndex::kMissing) w.cap = v;
    if (w.flags & 16) {
      ++letters;
      if (w.flags & 1) ++capitalised;
    }
  }
  const uint32_t style = letters < 3               ? 0
                         : capitalised == 0                ? 1
                         : capitalised * 10 < letters * 3  ? 2
                         : capitalised * 10 < letters * 6  ? 3
                                                    : 4;
  for (NerWord& w : *out) w.sentence = style;
  // Gazetteer: every run of up to gaz_max_words words whose lower-cased
  // forms, concatenated, are an entry.
  if (gazetteer.size() == 0) return;
  std::string key;
  for (size_t i = 0; i < n; ++i) {
    if ((*out)[i].flags & 64) continue;  // no entry starts with punctuation
    key.clear();
    for (size_t j = i; j < n && j < i + gaz_max_words; ++j) {
      key += lowers[j];
      const uint32_t mask = gazetteer.Find(HashBytes(key));
      if (mask == HashIndex::kMissing) continue;
      for (uint32_t t = 0; t < gaz_types.size(); ++t) {
        if (!(mask & (1u << t))) continue;
        if (i == j) {
          (*out)[i].gaz |= 1u << (4 * t + 3);
          continue;
        }
        (*out)[i].gaz |= 1u << (4 * t);
        for (size_t k = i + 1; k < j; ++k) (*out)[k].gaz |= 1u << (4 * t + 1);
        (*out)[j].gaz |= 1u << (4 * t + 2);
      }
    }
  }
}

int ExtractNerFeatures(const std::vector<NerWord>& words, int i, uint64_t* out) {
  const int n = static_cast<int>(words.size());
  const NerWord& w = words[i];
  int k = 0;
  auto add = [&](uint64_t f) { out[k++] = f; };
  auto lower = [&](int j) { return j < 0 ? kBos : j >= n ? kEos : words[j].lower; };
  auto shape = [&](int j) { return j < 0 ? kBos : j >= n ? kEos : words[j].shape; };
  auto upos = [&](int j) { return j < 0 ? kBos : j >= n ? kEos : words[j].upos; };
  auto flags = [&](int j) -> uint64_t { return j < 0 ? 1000 : j >= n ? 2000 : words[j].flags; };
  auto cluster = [&](int j, int l) -> uint64_t {
    return j < 0 ? 5000 : j >= n ? 6000 : words[j].cluster[l];
  };
  const bool first = i == 0;
  const uint64_t initial = first || (words[i - 1].flags & 64) ? 1 : 0;

  add(Feat(1, 1));
  add(Feat(2, w.lower));
  add(Feat(3, w.form));
  add(Feat(4, lower(i - 1)));
  add(Feat(5, lower(i + 1)));
  add(Feat(6, lower(i - 2)));
  add(Feat(7, lower(i + 2)));
  add(Feat(8, w.shape));
  add(Feat(9, shape(i - 1)));
  add(Feat(10, shape(i + 1)));
  add(Feat(11, shape(i - 1), w.shape));
  add(Feat(12, w.shape, shape(i + 1)));
  for (int a = 0; a < 4; ++a) {
    add(Feat(13, a, w.prefix[a]));
    add(Feat(14, a, w.suffix[a]));
  }
  add(Feat(15, w.upos));
  add(Feat(16, upos(i - 1)));
  add(Feat(17, upos(i + 1)));
  add(Feat(18, upos(i - 2)));
  add(Feat(19, upos(i + 2)));
  add(Feat(20, w.xpos));
  add(Feat(21, i > 0 ? words[i - 1].xpos : kBos, w.xpos));
  add(Feat(22, w.xpos, i + 1 < n ? words[i + 1].xpos : kEos));
  add(Feat(23, upos(i - 1), w.upos, upos(i + 1)));
  add(Feat(24, lower(i - 1), w.lower));
  add(Feat(25, w.lower, lower(i + 1)));
  add(Feat(26, w.flags));
  add(Feat(27, w.flags, initial));
  add(Feat(28, w.flags, w.sentence));
  add(Feat(29, w.flags, flags(i - 1), flags(i + 1)));
  add(Feat(30, lower(i - 1), w.shape));
  add(Feat(31, w.shape, lower(i + 1)));
  add(Feat(32, w.length, w.flags & 3));
  add(Feat(33, w.upos, w.flags & 3, initial));
  add(Feat(34, w.xpos, w.lower));
  for (int l = 0; l < kClusterLevels; ++l) {
    add(Feat(40, l, w.cluster[l]));
    add(Feat(41, l, cluster(i - 1, l)));
    add(Feat(42, l, cluster(i + 1, l)));
    add(Feat(43, l, w.cluster[l], w.flags & 3));
    add(Feat(44, l, w.cluster[l], w.upos));
  }
  add(Feat(45, cluster(i - 2, 1)));
  add(Feat(46, cluster(i + 2, 1)));
  add(Feat(47, cluster(i - 1, 1), w.cluster[1]));
  add(Feat(48, w.cluster[1], cluster(i + 1, 1)));
  add(Feat(50, w.cap));
  add(Feat(51, w.cap, w.flags & 3, initial));
  add(Feat(52, w.cap, w.sentence));
  add(Feat(53, i > 0 ? words[i - 1].cap : 99, w.cap));
  add(Feat(54, w.cap, i + 1 < n ? words[i + 1].cap : 99));
  add(Feat(55, w.cap, w.upos));
  add(Feat(70, w.doc_caps, w.flags & 3));
  add(Feat(71, w.doc_caps, w.doc_count, initial));
  add(Feat(72, w.doc_caps, w.cap));
  add(Feat(73, w.doc_caps, w.upos));
  // The run of capitalised words around i: its length, i's place in it, its
  // first and last words ("Housing Authority of ..." -> "authority").
  auto capitalised = [&](int j) { return (words[j].flags & 3) != 0; };
  if (capitalised(i)) {
    int a = i, b = i;
    while (a > 0 && capitalised(a - 1)) --a;
    while (b + 1 < n && capitalised(b + 1)) ++b;
    const uint64_t len = std::min(b - a + 1, 4);
    const uint64_t place = a == b ? 3 : i == a ? 0 : i == b ? 2 : 1;
    add(Feat(80, len, place, initial));
    if (b > i) {
      add(Feat(81, words[b].lower));
      add(Feat(83, words[b].cluster[1]));
      for (uint32_t t = 0; t < 8; ++t) {
        if (words[b].gaz & (1u << (4 * t + 3))) add(Feat(84, t));
      }
    }
    if (a < i) add(Feat(82, words[a].lower));
  }
  for (uint32_t b = 0; b < 32; ++b) {
    if (w.gaz & (1u << b)) {
      add(Feat(60, b));
      add(Feat(61, b, w.flags & 3));
    }
    if (i > 0 && (words[i - 1].gaz & (1u << b))) add(Feat(62, b));
    if (i + 1 < n && (words[i + 1].gaz & (1u << b))) add(Feat(63, b));
    if (k > kMaxNerFeatures - 4) break;
  }
  return k;
}

int ExtractDocFeatures(const std::vector<NerWord>& words, int i, uint64_t* out) {
  const int n = static_cast<int>(words.size());
  const NerWord& w = words[i];
  int k = 0;
  auto add = [&](uint64_t f) { out[k++] = f; };
  const uint64_t caps = w.flags & 3;
  const uint64_t before = i > 0 ? words[i - 1].first_tag : 99;
  const uint64_t after = i + 1 < n ? words[i + 1].first_tag : 99;
  add(Feat(100, w.first_tag));
  add(Feat(101, before, w.first_tag));
  add(Feat(102, w.first_tag, after));
  if (w.flags & 16) {
    // The other occurrences of the word: the share of each type, and the
    // most frequent one with the word's capitalisation and first-stage tag.
    uint32_t total = 0, major = 0;
    for (int t = 0; t <= kNumTypes; ++t) {
      total += w.others[t];
      if (w.others[t] > w.others[major]) major = t;
    }
    if (total == 0) {
      add(Feat(103, caps, w.first_tag));
    } else {
      for (int t = 1; t <= kNumTypes; ++t) {
        if (w.others[t] == 0) continue;
        const uint64_t share = w.others[t] * 3 >= total * 2 ? 3 : w.others[t] * 3 >= total ? 2 : 1;
        add(Feat(104, t, share, caps));
      }
      add(Feat(105, major, caps, w.first_tag));
      add(Feat(106, major, std::min<uint32_t>(total, 4)));
    }
    add(Feat(107, w.prev_type, caps));
  }
  if (w.same_name) add(Feat(108, w.same_name, w.first_tag));
  if (w.in_names) add(Feat(109, w.in_names, caps));
  if (w.acronym) add(Feat(110, w.acronym, caps));
  return k;
}

void SetFirstStage(const std::vector<std::vector<int>>& tags,
                   std::vector<std::vector<NerWord>>* scope) {
  struct Seen {
    uint32_t count[kNumTypes + 1] = {0, 0, 0, 0};
  };
  std::unordered_map<uint64_t, Seen> seen;  // lower-cased word -> types
  std::unordered_map<uint64_t, uint8_t> last;  // lower-cased word -> type of the last occurrence
  struct Name {
    uint32_t sentence, first, end;
    int type;
    uint64_t key;
  };
  std::vector<Name> names;
  for (size_t s = 0; s < scope->size(); ++s) {
    std::vector<NerWord>& words = (*scope)[s];
    const std::vector<int>& t = tags[s];
    for (size_t i = 0; i < words.size(); ++i) {
      NerWord& w = words[i];
      w.first_tag = static_cast<uint8_t>(t[i]);
      w.others[0] = w.others[1] = w.others[2] = w.others[3] = 0;
      w.same_name = w.in_names = w.acronym = 0;
      const int type = TagType(t[i]) + 1;
      if (w.flags & 16) {
        ++seen[w.lower].count[type];
        auto [it, fresh] = last.try_emplace(w.lower, static_cast<uint8_t>(type + 1));
        w.prev_type = fresh ? 0 : it->second;
        it->second = static_cast<uint8_t>(type + 1);
      }
      if (t[i] != 0 && !IsInside(t[i])) {
        Name nm{static_cast<uint32_t>(s), static_cast<uint32_t>(i), static_cast<uint32_t>(i) + 1,
                TagType(t[i]), 0};
        while (nm.end < words.size() && IsInside(t[nm.end]) && TagType(t[nm.end]) == nm.type) {
          ++nm.end;
        }
        uint64_t key = 0x9e3779b97f4a7c15ULL;
        for (uint32_t j = nm.first; j < nm.end; ++j) key = Feat(120, key, words[j].lower);
        nm.key = key;
        names.push_back(nm);
      }
    }
  }
  // Names by their words; the words of names of two or more words; the
  // initials of names of two or more capitalised words.
  std::unordered_map<uint64_t, std::array<uint32_t, kNumTypes>> by_key;
  std::unordered_map<uint64_t, std::array<uint32_t, kNumTypes>> word_in;
  std::unordered_map<uint64_t, uint8_t> initials;
  for (const Name& nm : names) {
    ++by_key[nm.key][nm.type];
    const std::vector<NerWord>& words = (*scope)[nm.sentence];
    if (nm.end - nm.first < 2) continue;
    std::string letters;
    for (uint32_t j = nm.first; j < nm.end; ++j) {
      if (words[j].flags & 16) ++word_in[words[j].lower][nm.type];
      if (words[j].flags & 1) letters.push_back(static_cast<char>(words[j].first_char));
    }
    if (letters.size() >= 2) initials[HashBytes(letters)] |= static_cast<uint8_t>(1u << nm.type);
  }
  for (const Name& nm : names) {
    std::vector<NerWord>& words = (*scope)[nm.sentence];
    std::array<uint32_t, kNumTypes> c = by_key[nm.key];
    --c[nm.type];
    int best = -1;
    for (int t = 0; t < kNumTypes; ++t) {
      if (c[t] > 0 && (best < 0 || c[t] > c[best])) best = t;
    }
    if (best >= 0) {
      for (uint32_t j = nm.first; j < nm.end; ++j) words[j].same_name = static_cast<uint8_t>(best + 1);
    }
  }
  for (size_t s = 0; s < scope->size(); ++s) {
    std::vector<NerWord>& words = (*scope)[s];
    const std::vector<int>& t = tags[s];
    for (size_t i = 0; i < words.size(); ++i) {
      NerWord& w = words[i];
      if (!(w.flags & 16)) continue;
      const Seen& sn = seen[w.lower];
      const int own = TagType(t[i]) + 1;
      for (int k = 0; k <= kNumTypes; ++k) {
        w.others[k] = static_cast<uint8_t>(std::min<uint32_t>(sn.count[k] - (k == own), 255));
      }
      auto in = word_in.find(w.lower);
      if (in != word_in.end()) {
        // Names of two or more words that hold the word, other than its own.
        const bool own_long = own > 0 && ((i > 0 && IsInside(t[i])) ||
                                          (i + 1 < words.size() && IsInside(t[i + 1])));
        for (int k = 0; k < kNumTypes; ++k) {
          const uint32_t c = in->second[k] - (own_long && own - 1 == k ? 1 : 0);
          if (c > 0) w.in_names |= static_cast<uint8_t>(1u << k);
        }
      }
      if ((w.flags & 2) && w.length >= 2 && w.length <= 6) {
        auto a = initials.find(w.form);
        if (a != initials.end()) w.acronym = a->second;
      }
    }
  }
}

void Viterbi(const float* emit, int n, const Transitions& trans, std::vector<int>* tags) {
  tags->assign(n, 0);
  if (n == 0) return;
  constexpr float kNone = -std::numeric_limits<float>::infinity();
  std::vector<float> score(static_cast<size_t>(n) * kNumTags, kNone);
  std::vector<int8_t> back(static_cast<size_t>(n) * kNumTags, -1);
  for (int c = 0; c < kNumTags; ++c) {
    if (Allowed(-1, c)) score[c] = trans.from[0][c] + emit[c];
  }
  for (int i = 1; i < n; ++i) {
    const float* prev = &score[static_cast<size_t>(i - 1) * kNumTags];
    float* cur = &score[static_cast<size_t>(i) * kNumTags];
    int8_t* bp = &back[static_cast<size_t>(i) * kNumTags];
    const float* e = emit + static_cast<size_t>(i) * kScoreSize;
    for (int c = 0; c < kNumTags; ++c) {
      float best = kNone;
      int arg = -1;
      for (int p = 0; p < kNumTags; ++p) {
        if (prev[p] == kNone || !Allowed(p, c)) continue;
        const float s = prev[p] + trans.from[p + 1][c];
        if (s > best) best = s, arg = p;
      }
      if (arg >= 0) {
        cur[c] = best + e[c];
        bp[c] = static_cast<int8_t>(arg);
      }
    }
  }
  const float* last = &score[static_cast<size_t>(n - 1) * kNumTags];
  int best = 0;
  float best_score = kNone;
  for (int c = 0; c < kNumTags; ++c) {
    if (last[c] == kNone) continue;
    const float s = last[c] + trans.end[c];
    if (s > best_score) best_score = s, best = c;
  }
  for (int i = n - 1; i >= 0; --i) {
    (*tags)[i] = best;
    if (i > 0) best = back[static_cast<size_t>(i) * kNumTags + best];
    if (best < 0) best = 0;  // unreachable: O is allowed everywhere
  }
}

void Lexicon::Write(ModelWriter* w) const {
  w->U32Array(cluster_sizes);
  clusters.Write(w);
  caps.Write(w);
  w->StringArray(gaz_types);
  w->U32(gaz_max_words);
  gazetteer.Write(w);
}

bool Lexicon::Read(ModelReader* r) {
  if (!r->U32Array(&cluster_sizes)) return false;
  if (cluster_sizes.size() != static_cast<size_t>(kClusterLevels))
    return r->Fail("ner: cluster level count is not " + std::to_string(kClusterLevels));
  for (uint32_t s : cluster_sizes) {
    if (s > 1024) return r->Fail("ner: cluster count above 1024");
  }
  if (!clusters.Read(r, 0xffffffffu, "ner clusters")) return false;
  if (!caps.Read(r, kCapBuckets + 1, "ner capitalisation table")) return false;
  if (!r->StringArray(&gaz_types)) return false;
  if (gaz_types.size() > kMaxGazTypes) return r->Fail("ner: too many gazetteer types");
  if (!r->U32(&gaz_max_words)) return false;
  if (gaz_max_words > kMaxGazWords) return r->Fail("ner: gazetteer entries too long");
  if (!gazetteer.Read(r, 1u << gaz_types.size(), "ner gazetteer")) return false;
  return true;
}

void NerModelData::Write(ModelWriter* w) const {
  lexicon.Write(w);
  weights.Write(w);
  w->U32(two_stage ? 2 : 1);
  if (two_stage) doc_weights.Write(w);
}

// Version history: 1 — first version; 2 — a stage count (1 or 2) after the
// weights, then the second stage's weights when it is 2.
Status NerModelData::Read(ModelReader* r) {
  const uint32_t version = r->component_version();
  if (version != 1 && version != kNerVersion) {
    r->Fail("unsupported ner payload version " + std::to_string(version));
    return r->status();
  }
  if (!lexicon.Read(r)) return r->status();
  auto check = [&](const SparseWeights& ws) {
    if (ws.num_classes() == static_cast<uint32_t>(kNumTags)) return true;
    r->Fail("ner: weights have " + std::to_string(ws.num_classes()) + " classes, not " +
            std::to_string(kNumTags));
    return false;
  };
  if (!weights.Read(r, "ner weights") || !check(weights)) return r->status();
  two_stage = false;
  if (version >= 2) {
    uint32_t stages = 0;
    if (!r->U32(&stages)) return r->status();
    if (stages != 1 && stages != 2) {
      r->Fail("ner: stage count " + std::to_string(stages) + " is not 1 or 2");
      return r->status();
    }
    two_stage = stages == 2;
    if (two_stage && (!doc_weights.Read(r, "ner second-stage weights") || !check(doc_weights))) {
      return r->status();
    }
  }
  // Cluster ids are used only as hashed feature values: any stored value is
  // safe, so they are not checked against cluster_sizes.
  DYAD_RETURN_IF_ERROR(r->Finish());
  PrepareTransitions();
  return Status::OK();
}

namespace {

Transitions TransitionsOf(const SparseWeights& ws) {
  Transitions t;
  for (int p = -1; p < kNumTags; ++p) {
    const uint64_t f = TransitionFeature(p);
    ws.Score(&f, 1, t.from[p + 1]);
  }
  const uint64_t e = EndFeature();
  ws.Score(&e, 1, t.end);
  return t;
}

}  // namespace

void NerModelData::PrepareTransitions() {
  transitions = TransitionsOf(weights);
  doc_transitions = two_stage ? TransitionsOf(doc_weights) : Transitions{};
}

void NerModelData::Decode(const std::vector<NerWord>& words, std::vector<int>* tags,
                          bool second_stage) const {
  const SparseWeights& ws = second_stage ? doc_weights : weights;
  const int n = static_cast<int>(words.size());
  std::vector<float> emit(static_cast<size_t>(n) * kScoreSize, 0.0f);
  uint64_t feats[std::max(kMaxNerFeatures, kMaxDocFeatures)];
  for (int i = 0; i < n; ++i) {
    float* e = &emit[static_cast<size_t>(i) * kScoreSize];
    int k = ExtractNerFeatures(words, i, feats);
    ws.Score(feats, static_cast<size_t>(k), e);
    if (second_stage) {
      k = ExtractDocFeatures(words, i, feats);
      ws.Score(feats, static_cast<size_t>(k), e);
    }
  }
  Viterbi(emit.data(), n, second_stage ? doc_transitions : transitions, tags);
}

void NerModelData::DecodeScope(std::vector<std::vector<NerWord>>* scope,
                               std::vector<std::vector<int>>* tags) const {
  tags->resize(scope->size());
  for (size_t s = 0; s < scope->size(); ++s) Decode((*scope)[s], &(*tags)[s]);
  if (!two_stage) return;
  SetFirstStage(*tags, scope);
  for (size_t s = 0; s < scope->size(); ++s) Decode((*scope)[s], &(*tags)[s], /*second_stage=*/true);
}

void DescribeDocumentSentence(const Lexicon& lexicon, const Document& doc, uint32_t first,
                              uint32_t count, std::vector<NerWord>* out) {
  std::vector<std::string_view> forms(count), upos(count), xpos(count);
  for (uint32_t i = 0; i < count; ++i) {
    const Word& w = doc.words[first + i];
    forms[i] = NerWordText(doc, w);
    upos[i] = w.upos;
    xpos[i] = w.xpos;
  }
  lexicon.DescribeSentence(forms, upos, xpos, out);
}

void DescribeScope(const Lexicon& lexicon, const Document& doc, uint32_t first_sentence,
                   uint32_t end_sentence, std::vector<std::vector<NerWord>>* out) {
  out->resize(end_sentence - first_sentence);
  // Per lower-cased word: capitalised and lower-case occurrences where
  // capitals are not forced (not first in the sentence, not after
  // punctuation), and all occurrences.
  struct Counts {
    uint32_t upper = 0, lower = 0, all = 0;
  };
  std::unordered_map<uint64_t, Counts> counts;
  for (uint32_t s = first_sentence; s < end_sentence; ++s) {
    const Sentence& sent = doc.sentences[s];
    std::vector<NerWord>& words = (*out)[s - first_sentence];
    DescribeDocumentSentence(lexicon, doc, sent.first_word, sent.num_words, &words);
    for (size_t i = 0; i < words.size(); ++i) {
      if (!(words[i].flags & 16)) continue;
      Counts& c = counts[words[i].lower];
      ++c.all;
      if (i == 0 || (words[i - 1].flags & 64)) continue;
      if (words[i].flags & 1) ++c.upper;
      else ++c.lower;
    }
  }
  for (auto& words : *out) {
    for (NerWord& w : words) {
      if (!(w.flags & 16)) continue;
      const Counts& c = counts[w.lower];
      w.doc_caps = c.upper + c.lower == 0 ? 0 : c.upper == 0 ? 1 : c.lower == 0 ? 3 : 2;
      w.doc_count = c.all <= 1 ? 1 : c.all == 2 ? 2 : c.all <= 5 ? 3 : 4;
    }
  }
}

void TagScope(const NerModelData& model, const Document& doc, uint32_t first_sentence,
              uint32_t end_sentence, std::vector<Mention>* out) {
  std::vector<std::vector<NerWord>> words;
  DescribeScope(model.lexicon, doc, first_sentence, end_sentence, &words);
  std::vector<std::vector<int>> tags;
  model.DecodeScope(&words, &tags);
  for (uint32_t s = first_sentence; s < end_sentence; ++s) {
    AppendMentions(doc, s, doc.sentences[s].first_word, tags[s - first_sentence], out);
  }
}

void AppendMentions(const Document& doc, uint32_t sentence, uint32_t first,
                    const std::vector<int>& tags, std::vector<Mention>* out) {
  const uint32_t n = static_cast<uint32_t>(tags.size());
  for (uint32_t i = 0; i < n;) {
    if (tags[i] == 0) {
      ++i;
      continue;
    }
    const int type = TagType(tags[i]);
    uint32_t j = i + 1;
    while (j < n && IsInside(tags[j]) && TagType(tags[j]) == type) ++j;
    // A name that goes on through a hyphen with no space ("Kim Eui-kyeom",
    // "Jean-Pierre") takes the rest of the hyphenated word when the tags
    // left it out.
    auto joined = [&](uint32_t a, uint32_t b) {
      return doc.words[first + a].span.end == doc.words[first + b].span.start;
    };
    while (j + 1 < n && tags[j] == 0 && tags[j + 1] == 0 && doc.words[first + j].form == "-" &&
           joined(j - 1, j) && joined(j, j + 1)) {
      j += 2;
    }
    Mention m;
    m.type = kNerTypes[type];
    m.sentence = sentence;
    m.first_word = first + i;
    m.num_words = j - i;
    m.span = Span{doc.words[first + i].span.start, doc.words[first + j - 1].span.end};
    out->push_back(std::move(m));
    i = j;
  }
}

}  // namespace ner_internal

using ner_internal::NerModelData;

NerModel::NerModel(std::unique_ptr<NerModelData> m) : m_(std::move(m)) {}
NerModel::~NerModel() = default;

Result<std::unique_ptr<NerModel>> NerModel::FromBytes(std::string bytes, const std::string& name) {
  auto r = ModelReader::FromBytes(std::move(bytes), name, ModelComponent::kNer);
  if (!r.ok()) return r.status();
  auto m = std::make_unique<NerModelData>();
  DYAD_RETURN_IF_ERROR(m->Read(&r.value()));
  return std::unique_ptr<NerModel>(new NerModel(std::move(m)));
}

Result<std::unique_ptr<NerModel>> NerModel::Load(const std::string& path) {
  auto r = ModelReader::Open(path, ModelComponent::kNer);
  if (!r.ok()) return r.status();
  auto m = std::make_unique<NerModelData>();
  DYAD_RETURN_IF_ERROR(m->Read(&r.value()));
  return std::unique_ptr<NerModel>(new NerModel(std::move(m)));
}

std::vector<std::string> NerModel::TagSentence(const Document& doc, uint32_t first,
                                               uint32_t count) const {
  std::vector<std::vector<ner_internal::NerWord>> words(1);
  ner_internal::DescribeDocumentSentence(m_->lexicon, doc, first, count, &words[0]);
  std::vector<std::vector<int>> tags;
  m_->DecodeScope(&words, &tags);
  std::vector<std::string> out;
  for (int t : tags[0]) out.push_back(ner_internal::TagName(t));
  return out;
}

void NerModel::Annotate(Document* doc) const {
  std::vector<Mention> mentions;
  ner_internal::TagScope(*m_, *doc, 0, static_cast<uint32_t>(doc->sentences.size()), &mentions);
  doc->mentions = std::move(mentions);
}

void NerModel::AnnotateIob(IobCorpus* corpus) const {
  std::vector<Mention> mentions;
  const uint32_t n = static_cast<uint32_t>(corpus->doc.sentences.size());
  for (size_t d = 0; d < corpus->documents.size(); ++d) {
    const uint32_t end = d + 1 < corpus->documents.size() ? corpus->documents[d + 1] : n;
    ner_internal::TagScope(*m_, corpus->doc, corpus->documents[d], end, &mentions);
  }
  corpus->doc.mentions = std::move(mentions);
}

}  // namespace dyad
