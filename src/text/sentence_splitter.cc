#include <algorithm>
#include <array>
#include <cmath>

#include "dyad/model_file.h"
#include "text/char_class_internal.h"
#include "text/sentence_splitter_internal.h"

namespace dyad::text_internal {
namespace {

char32_t FirstCp(std::string_view text, const RawToken& t) {
  size_t len;
  return PeekAt(text, t.start, &len);
}

// One code point, which is a closing quotation mark or bracket.
bool IsClosingToken(std::string_view text, const RawToken& t) {
  // Most tokens are rejected on their first byte: the closing marks are
  // '"', '\'', ')', ']', '}' and non-ASCII ones that start with 0xC2 (») or
  // 0xE2 (” ’ ›).
  const char c = text[t.start];
  if (c != '"' && c != '\'' && c != ')' && c != ']' && c != '}' && c != '\xC2' && c != '\xE2') {
    return false;
  }
  size_t len;
  char32_t cp = PeekAt(text, t.start, &len);
  return t.start + len == t.end && IsClosingQuoteOrBracket(cp);
}

// ".", "!", "?", "...", "?!", "…", "….": only these characters.
bool IsFinalPunct(std::string_view text, const RawToken& t) {
  const char c = text[t.start];
  if (c != '.' && c != '!' && c != '?' && c != '\xE2') return false;  // '\xE2': "…"
  size_t len;
  for (size_t k = t.start; k < t.end; k += len) {
    char32_t cp = PeekAt(text, k, &len);
    if (cp != '.' && cp != '!' && cp != '?' && cp != 0x2026) return false;
  }
  return t.end > t.start;
}

constexpr uint64_t Mix(uint64_t x) {  // splitmix64 finaliser
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

constexpr uint64_t Combine(uint64_t a, uint64_t b) { return Mix(a * 0x100000001B3ull ^ b); }

// Each byte with ASCII letters lower-cased.
struct LowerBytes {
  uint8_t c[256];
  constexpr LowerBytes() : c() {
    for (int b = 0; b < 256; ++b) c[b] = static_cast<uint8_t>(b >= 'A' && b <= 'Z' ? b + 32 : b);
  }
};
constexpr LowerBytes kLowerBytes;

// The lower-cased form (ASCII letters only; at most 24 bytes), hashed.
uint64_t FormHash(std::string_view text, const RawToken& t) {
  uint64_t h = 0xCBF29CE484222325ull;
  const uint8_t* p = reinterpret_cast<const uint8_t*>(text.data());
  const uint32_t end = std::min(t.end, t.start + 24);
  for (uint32_t k = t.start; k < end; ++k) h = (h ^ kLowerBytes.c[p[k]]) * 0x100000001B3ull;
  return h;
}

// The shape character of each ASCII character ('X', 'x', 'd', or itself),
// so that the common case of ShapeHash is one load; `run`: it is one of the
// classes whose runs collapse (X, x, d).
struct AsciiShapes {
  char c[128];
  bool run[128];
  constexpr AsciiShapes() : c(), run() {
    for (int k = 0; k < 128; ++k) {
      c[k] = k >= 'A' && k <= 'Z'   ? 'X'
             : k >= 'a' && k <= 'z' ? 'x'
             : k >= '0' && k <= '9' ? 'd'
                                    : static_cast<char>(k);
      run[k] = c[k] == 'X' || c[k] == 'x' || c[k] == 'd';
    }
  }
};
constexpr AsciiShapes kAsciiShapes;

// The word's shape: "Xx", "x", "X.", "d,d", "“": letters and digits by class
// (runs collapsed), anything else as itself; at most 8 code points read.
uint64_t ShapeHash(std::string_view text, const RawToken& t) {
  uint64_t h = 0x84222325CBF29CE4ull;
  char32_t last = 0;
  size_t k = t.start;
  for (int n = 0; k < t.end && n < 8; ++n) {
    const unsigned char b = static_cast<unsigned char>(text[k]);
    char32_t c;
    if (b < 0x80) {
      c = static_cast<unsigned char>(kAsciiShapes.c[b]);
      ++k;
      if (kAsciiShapes.run[b] && c == last) continue;
    } else {
      const char32_t cp = utf8::Next(text, k);
      switch (ClassifyNonAscii(cp)) {
        case CharClass::kLetter:
          c = utf8::IsUpper(cp) ? 'X' : 'x';
          break;
        case CharClass::kDigit:
          c = 'd';
          break;
        default:
          c = cp;
          break;
      }
      if (c == last && (c == 'X' || c == 'x' || c == 'd')) continue;
    }
    last = c;
    h = (h ^ c) * 0x100000001B3ull;
  }
  if (k < t.end) h = (h ^ '+') * 0x100000001B3ull;
  return h;
}

// Counts in buckets of growing width: n <= 1, 2, 3, 4, 6, 9, 14, 24, 39, more.
constexpr int kNumBuckets = 10;
constexpr int Bucket(size_t n) {
  constexpr size_t kLimits[] = {1, 2, 3, 4, 6, 9, 14, 24, 39};
  int b = 0;
  for (size_t l : kLimits) {
    if (n <= l) return b;
    ++b;
  }
  return b;
}

// Feature templates. The features of a boundary after token 0 read tokens
// -1, 0 and 1: forms (w), shapes (s), the rule's verdict, and the state of the
// left-to-right walk (tokens since the last sentence end, inside quotes).
// Renumbering them changes every hash: retrain after any change here, and
// bump kSegmenterModelVersion if the old model would load but mean nothing.
enum Template : uint64_t {
  kBias = 1,
  kW0,
  kW1,
  kWm1,
  kS0,
  kS1,
  kSm1,
  kW0S1,
  kS0W1,
  kW0W1,
  kSm1S0S1,
  kWm1W0,
  kSpace,
  kRule,
  kRuleS1,
  kAbbrevS1,
  kSince,
  kSinceS0S1,
  kRemaining,
  kNewline,
  kQuoteS0S1,
  kNumTemplates,
};

// Mix(template id), computed once at compile time.
constexpr std::array<uint64_t, kNumTemplates> kTemplateSeeds = [] {
  std::array<uint64_t, kNumTemplates> seeds{};
  for (uint64_t t = 0; t < kNumTemplates; ++t) seeds[t] = Mix(t);
  return seeds;
}();

constexpr uint64_t FeatureHash(Template t, uint64_t value) {
  return Combine(kTemplateSeeds[t], value);
}

// The hashes of the features that take a few small values (a flag, a
// bucket), computed at compile time: 5 of the 21 features of a boundary.
template <size_t N>
constexpr std::array<uint64_t, N> SmallValueHashes(Template t) {
  std::array<uint64_t, N> h{};
  for (size_t v = 0; v < N; ++v) h[v] = FeatureHash(t, v);
  return h;
}
constexpr uint64_t kBiasHash = FeatureHash(kBias, 0);
constexpr std::array<uint64_t, 2> kRuleHashes = SmallValueHashes<2>(kRule);
constexpr std::array<uint64_t, kNumBuckets> kSinceHashes = SmallValueHashes<kNumBuckets>(kSince);
constexpr std::array<uint64_t, kNumBuckets> kRemainingHashes =
    SmallValueHashes<kNumBuckets>(kRemaining);
constexpr std::array<uint64_t, 2> kNewlineHashes = SmallValueHashes<2>(kNewline);

// Passes the feature hashes of the boundary after tokens[i] to `add`, in
// template order. The one definition of the features: BoundaryFeatures
// collects them, BoundaryScore adds up their weights.
template <typename Add>
void ForEachBoundaryFeature(std::string_view text, const std::vector<RawToken>& tokens,
                            const std::vector<TokenHashes>& hashes, size_t i, size_t since_boundary,
                            bool inside_quotes, Add add) {
  const size_t n = tokens.size();
  // Stands for the token before the first. (i + 1 < n always holds, so no
  // token after the last is ever read.)
  constexpr uint64_t kStart = 0x5354415254ull;
  const uint64_t w0 = hashes[i].form, w1 = hashes[i + 1].form;
  const uint64_t s0 = hashes[i].shape, s1 = hashes[i + 1].shape;
  const uint64_t wm1 = i > 0 ? hashes[i - 1].form : kStart;
  const uint64_t sm1 = i > 0 ? hashes[i - 1].shape : kStart;
  const bool rule = RuleBoundary(text, tokens, i);
  const int since = Bucket(since_boundary);
  add(kBiasHash);
  add(FeatureHash(kW0, w0));
  add(FeatureHash(kW1, w1));
  add(FeatureHash(kWm1, wm1));
  add(FeatureHash(kS0, s0));
  add(FeatureHash(kS1, s1));
  add(FeatureHash(kSm1, sm1));
  add(FeatureHash(kW0S1, Combine(w0, s1)));
  add(FeatureHash(kS0W1, Combine(s0, w1)));
  add(FeatureHash(kW0W1, Combine(w0, w1)));
  add(FeatureHash(kSm1S0S1, Combine(Combine(sm1, s0), s1)));
  add(FeatureHash(kWm1W0, Combine(wm1, w0)));
  add(FeatureHash(kSpace, Combine(Combine(tokens[i].space_after, s0), s1)));
  add(kRuleHashes[rule]);
  add(FeatureHash(kRuleS1, Combine(rule, s1)));
  add(FeatureHash(kAbbrevS1, Combine(tokens[i].abbreviation, s1)));
  add(kSinceHashes[since]);
  add(FeatureHash(kSinceS0S1, Combine(Combine(since, s0), s1)));
  add(kRemainingHashes[Bucket(n - 1 - i)]);
  add(kNewlineHashes[tokens[i + 1].newline_before]);
  add(FeatureHash(kQuoteS0S1, Combine(Combine(inside_quotes, s0), s1)));
}

}  // namespace

bool StartsLowerCase(std::string_view text, const RawToken& t) {
  char32_t cp = FirstCp(text, t);
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return Classify(cp) == CharClass::kLetter && !utf8::IsUpper(cp) && utf8::ToLower(cp) == cp;
}

bool EndsAlnum(std::string_view text, const RawToken& t) {
  unsigned char c = static_cast<unsigned char>(text[t.end - 1]);
  if (c < 0x80) return IsAlnum(c);
  size_t i = t.end;
  return IsAlnum(utf8::Prev(text, i));
}

bool RuleBoundary(std::string_view text, const std::vector<RawToken>& tokens, size_t i) {
  if (i + 1 >= tokens.size()) return true;
  const RawToken& next = tokens[i + 1];
  // Closing quotes and brackets after the final punctuation stay in the
  // sentence ("... do so.”").
  if (IsClosingToken(text, next) &&
      (!tokens[i].space_after || text[next.start] == ')' || text[next.start] == ']')) {
    size_t j = i;
    while (j > 0 && IsClosingToken(text, tokens[j])) --j;
    if (IsFinalPunct(text, tokens[j])) return false;
  }
  size_t j = i;
  while (j > 0 && IsClosingToken(text, tokens[j])) --j;
  if (!IsFinalPunct(text, tokens[j])) return false;
  return !StartsLowerCase(text, next);
}

void ComputeTokenHashes(std::string_view text, const std::vector<RawToken>& tokens, size_t first,
                        size_t last, std::vector<TokenHashes>* hashes, std::vector<uint8_t>* done) {
  for (size_t k = first; k <= last; ++k) {
    if ((*done)[k]) continue;
    (*done)[k] = 1;
    (*hashes)[k].form = FormHash(text, tokens[k]);
    (*hashes)[k].shape = ShapeHash(text, tokens[k]);
  }
}

void BoundaryFeatures(std::string_view text, const std::vector<RawToken>& tokens,
                      const std::vector<TokenHashes>& hashes, size_t i, size_t since_boundary,
                      bool inside_quotes, std::vector<uint64_t>* f) {
  ForEachBoundaryFeature(text, tokens, hashes, i, since_boundary, inside_quotes,
                         [f](uint64_t h) { f->push_back(h); });
}

float BoundaryScore(const BoundaryModel& model, std::string_view text,
                    const std::vector<RawToken>& tokens, const std::vector<TokenHashes>& hashes,
                    size_t i, size_t since_boundary, bool inside_quotes) {
  const float* w = model.weights();
  const uint64_t mask = model.mask();
  float s = 0;
  ForEachBoundaryFeature(text, tokens, hashes, i, since_boundary, inside_quotes,
                         [&](uint64_t h) { s += w[h & mask]; });
  return s;
}

Result<BoundaryModel> BoundaryModel::Load(const std::string& path) {
  Result<ModelReader> r = ModelReader::Open(path, ModelComponent::kSegmenter);
  if (!r.ok()) return r.status();
  ModelReader& in = *r;
  if (in.component_version() != kSegmenterModelVersion) {
    return Status::Corruption(path + ": segmenter model version " +
                              std::to_string(in.component_version()) + ", expected " +
                              std::to_string(kSegmenterModelVersion));
  }
  uint32_t bits = 0;
  in.U32(&bits);
  if (in.status().ok() && (bits < 8 || bits > 24)) return Status::Corruption(path + ": bad feature table size");
  BoundaryModel model(static_cast<int>(bits));
  in.SparseF32Table(model.weights_.size(), &model.weights_);
  DYAD_RETURN_IF_ERROR(in.Finish());
  return model;
}

Status BoundaryModel::Save(const std::string& path) const {
  ModelWriter out(ModelComponent::kSegmenter, kSegmenterModelVersion);
  out.U32(static_cast<uint32_t>(bits_));
  out.SparseF32Table(weights_);
  return out.WriteTo(path);
}

void SplitSentences(std::string_view text, const std::vector<RawToken>& tokens,
                    const BoundaryModel* model, BoundaryScratch* scratch,
                    std::vector<uint8_t>* ends) {
  if (model == nullptr || model->empty()) {
    WalkCandidates(text, tokens, ends,
                   [&](size_t i, size_t, bool) { return RuleBoundary(text, tokens, i); });
    return;
  }
  scratch->hashes.resize(tokens.size());
  scratch->hashed.assign(tokens.size(), 0);
  WalkCandidates(text, tokens, ends, [&](size_t i, size_t since, bool inside) {
    // Only the tokens around a candidate are ever hashed.
    ComputeTokenHashes(text, tokens, i == 0 ? 0 : i - 1, i + 1, &scratch->hashes, &scratch->hashed);
    return BoundaryScore(*model, text, tokens, scratch->hashes, i, since, inside) > 0;
  });
}

}  // namespace dyad::text_internal
