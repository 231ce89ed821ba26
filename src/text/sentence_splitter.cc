#include <algorithm>
#include <array>
#include <cmath>

#include "dyad/model_file.h"
#include "text/char_class_internal.h"
#include "text/sentence_splitter_internal.h"

namespace dyad::text_internal {
namespace {

std::string_view TokenText(std::string_view text, const RawToken& t) {
  return text.substr(t.start, t.end - t.start);
}

char32_t FirstCp(std::string_view text, const RawToken& t) {
  size_t len;
  return PeekAt(text, t.start, &len);
}

// One code point, which is a closing quotation mark or bracket.
bool IsClosingToken(std::string_view text, const RawToken& t) {
  size_t len;
  char32_t cp = PeekAt(text, t.start, &len);
  return t.start + len == t.end && IsClosingQuoteOrBracket(cp);
}

// ".", "!", "?", "...", "?!", "…", "….": only these characters.
bool IsFinalPunct(std::string_view text, const RawToken& t) {
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

// The lower-cased form (ASCII letters only; at most 24 bytes), hashed.
uint64_t FormHash(std::string_view text, const RawToken& t) {
  uint64_t h = 0xCBF29CE484222325ull;
  uint32_t end = std::min(t.end, t.start + 24);
  for (uint32_t k = t.start; k < end; ++k) {
    char c = text[k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
  }
  return h;
}

// The word's shape: "Xx", "x", "X.", "d,d", "“": letters and digits by class
// (runs collapsed), anything else as itself; at most 8 code points read.
uint64_t ShapeHash(std::string_view text, const RawToken& t) {
  uint64_t h = 0x84222325CBF29CE4ull;
  char32_t last = 0;
  size_t k = t.start;
  for (int n = 0; k < t.end && n < 8; ++n) {
    char32_t cp = utf8::Next(text, k);
    char32_t c = cp;
    switch (Classify(cp)) {
      case CharClass::kLetter:
        c = (cp < 0x80 ? (cp >= 'A' && cp <= 'Z') : utf8::IsUpper(cp)) ? 'X' : 'x';
        break;
      case CharClass::kDigit:
        c = 'd';
        break;
      default:
        break;
    }
    if (c == last && (c == 'X' || c == 'x' || c == 'd')) continue;
    last = c;
    h = (h ^ c) * 0x100000001B3ull;
  }
  if (k < t.end) h = (h ^ '+') * 0x100000001B3ull;
  return h;
}

int Bucket(size_t n) {
  static constexpr size_t kLimits[] = {1, 2, 3, 4, 6, 9, 14, 24, 39};
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

bool IsCandidate(std::string_view text, const std::vector<RawToken>& tokens, size_t i) {
  const RawToken& t = tokens[i];
  const RawToken& next = tokens[i + 1];
  const char n0 = text[next.start];
  if (n0 == ',' || n0 == ';' || n0 == ':' || n0 == ')' || n0 == ']' || n0 == '}' || n0 == '%') {
    return false;
  }
  if (t.end - t.start == 1) {
    const char c = text[t.start];
    if (c == '(' || c == '[' || c == '{' || c == '$' || c == '#') return false;
    if (c == ',') return !StartsLowerCase(text, next);
  }
  if (text.substr(t.start, t.end - t.start) == "\xE2\x80\x9C") return false;  // “
  return !EndsAlnum(text, t) || !StartsLowerCase(text, next);
}

int QuoteDelta(std::string_view text, const RawToken& t, bool inside_quotes) {
  if (t.end - t.start == 1 && text[t.start] == '"') return inside_quotes ? -1 : 1;
  std::string_view s = TokenText(text, t);
  if (s == "\xE2\x80\x9C" || s == "``") return 1;
  if (s == "\xE2\x80\x9D" || s == "''") return -1;
  return 0;
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
  const size_t n = tokens.size();
  constexpr uint64_t kStart = 0x5354415254ull, kEnd = 0x454E44ull;
  auto form = [&](ptrdiff_t k) {
    if (k < 0) return kStart;
    if (static_cast<size_t>(k) >= n) return kEnd;
    return hashes[k].form;
  };
  auto shape = [&](ptrdiff_t k) {
    if (k < 0) return kStart;
    if (static_cast<size_t>(k) >= n) return kEnd;
    return hashes[k].shape;
  };
  const ptrdiff_t p = static_cast<ptrdiff_t>(i);
  const uint64_t w0 = form(p), w1 = form(p + 1), wm1 = form(p - 1);
  const uint64_t s0 = shape(p), s1 = shape(p + 1), sm1 = shape(p - 1);
  const bool rule = RuleBoundary(text, tokens, i);
  auto add = [&](Template t, uint64_t v) { f->push_back(Combine(kTemplateSeeds[t], v)); };
  add(kBias, 0);
  add(kW0, w0);
  add(kW1, w1);
  add(kWm1, wm1);
  add(kS0, s0);
  add(kS1, s1);
  add(kSm1, sm1);
  add(kW0S1, Combine(w0, s1));
  add(kS0W1, Combine(s0, w1));
  add(kW0W1, Combine(w0, w1));
  add(kSm1S0S1, Combine(Combine(sm1, s0), s1));
  add(kWm1W0, Combine(wm1, w0));
  add(kSpace, Combine(Combine(tokens[i].space_after, s0), s1));
  add(kRule, rule);
  add(kRuleS1, Combine(rule, s1));
  add(kAbbrevS1, Combine(tokens[i].abbreviation, s1));
  add(kSince, Bucket(since_boundary));
  add(kSinceS0S1, Combine(Combine(Bucket(since_boundary), s0), s1));
  add(kRemaining, Bucket(n - 1 - i));
  add(kNewline, tokens[i + 1].newline_before);
  add(kQuoteS0S1, Combine(Combine(inside_quotes, s0), s1));
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
  std::vector<uint32_t> index;
  std::vector<float> value;
  in.U32(&bits);
  in.U32Array(&index);
  in.F32Array(&value);
  DYAD_RETURN_IF_ERROR(in.Finish());
  if (bits < 8 || bits > 24) return Status::Corruption(path + ": bad feature table size");
  if (index.size() != value.size()) {
    return Status::Corruption(path + ": index and weight counts differ");
  }
  BoundaryModel model(static_cast<int>(bits));
  for (size_t k = 0; k < index.size(); ++k) {
    if (index[k] >= model.weights_.size() || !std::isfinite(value[k])) {
      return Status::Corruption(path + ": weight " + std::to_string(k) + " out of range");
    }
    model.weights_[index[k]] = value[k];
  }
  return model;
}

Status BoundaryModel::Save(const std::string& path) const {
  std::vector<uint32_t> index;
  std::vector<float> value;
  for (size_t k = 0; k < weights_.size(); ++k) {
    if (weights_[k] != 0.0f) {
      index.push_back(static_cast<uint32_t>(k));
      value.push_back(weights_[k]);
    }
  }
  ModelWriter out(ModelComponent::kSegmenter, kSegmenterModelVersion);
  out.U32(static_cast<uint32_t>(bits_));
  out.U32Array(index);
  out.F32Array(value);
  return out.WriteTo(path);
}

void SplitSentences(std::string_view text, const std::vector<RawToken>& tokens,
                    const BoundaryModel* model, BoundaryScratch* scratch, std::vector<bool>* ends) {
  const bool learned = model != nullptr && !model->empty();
  WalkBoundaries(text, tokens, learned, scratch, ends,
                 [&](size_t i, const std::vector<uint64_t>& f) {
                   return learned ? model->Score(f) > 0 : RuleBoundary(text, tokens, i);
                 });
}

}  // namespace dyad::text_internal
