// Sentence boundaries inside one paragraph. Two deciders share one interface:
//  - rules: final punctuation (plus the closing quotes and brackets after
//    it) followed by something that can start a sentence; abbreviations do
//    not end sentences;
//  - a learned model (models/segmenter.dyad): an averaged perceptron over
//    features of the tokens around each token boundary, trained on UD
//    English EWT by src/train/segmenter_train.cc. It sees the rule's verdict
//    as one feature, and every boundary between tokens is a candidate, so it
//    also finds the unpunctuated sentence ends of web text.
// A paragraph always ends a sentence; a sentence never crosses one.
#ifndef DYAD_TEXT_SENTENCE_SPLITTER_INTERNAL_H_
#define DYAD_TEXT_SENTENCE_SPLITTER_INTERNAL_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "text/char_class_internal.h"
#include "text/tokenizer_internal.h"

namespace dyad::text_internal {

// Version of the segmenter model payload (component kSegmenter).
// History: 1 — hashed features, sparse weights.
constexpr uint32_t kSegmenterModelVersion = 1;

// Per-token hashes that the features of several boundaries share.
struct TokenHashes {
  uint64_t form = 0;   // lower-cased form
  uint64_t shape = 0;  // "Xx", "d.d", "“"...
};
// Fills (*hashes)[k] for k in [first, last] that `done` does not mark yet.
void ComputeTokenHashes(std::string_view text, const std::vector<RawToken>& tokens, size_t first,
                        size_t last, std::vector<TokenHashes>* hashes, std::vector<uint8_t>* done);

// The feature hashes of the boundary after tokens[i] (i + 1 < tokens.size()).
// `since_boundary` is the number of tokens since the last sentence end,
// decided left to right. Deterministic; shared by the runtime and training.
void BoundaryFeatures(std::string_view text, const std::vector<RawToken>& tokens,
                      const std::vector<TokenHashes>& hashes, size_t i, size_t since_boundary,
                      bool inside_quotes, std::vector<uint64_t>* features);

class BoundaryModel;
// The model's score for the boundary after tokens[i]: the weights of the
// features BoundaryFeatures lists, added in the same order (so the sum is
// the same float), without building the list. The runtime's path.
float BoundaryScore(const BoundaryModel& model, std::string_view text,
                    const std::vector<RawToken>& tokens, const std::vector<TokenHashes>& hashes,
                    size_t i, size_t since_boundary, bool inside_quotes);

// Per-call scratch of the sentence splitter.
struct BoundaryScratch {
  std::vector<TokenHashes> hashes;
  std::vector<uint8_t> hashed;  // whether hashes[k] is filled
  std::vector<uint64_t> features;
};

// The rule decider's verdict for the boundary after tokens[i].
bool RuleBoundary(std::string_view text, const std::vector<RawToken>& tokens, size_t i);

// Whether the token's first character is a lower-case letter.
bool StartsLowerCase(std::string_view text, const RawToken& t);
// Whether the token's last character is a letter or digit.
bool EndsAlnum(std::string_view text, const RawToken& t);

// Whether tokens[i] opens (+1) or closes (-1) a double quotation, or neither
// (0); used to know whether a boundary falls inside a quotation. Inline, as
// IsCandidate: both are asked at every token and mostly answer on one byte.
inline int QuoteDelta(std::string_view text, const RawToken& t, bool inside_quotes) {
  // Called for every token: reject on the first byte all but '"', '`', '\''
  // and the curly quotes (0xE2 ...).
  const char c = text[t.start];
  if (c != '"' && c != '`' && c != '\'' && c != '\xE2') return 0;
  if (t.end - t.start == 1 && text[t.start] == '"') return inside_quotes ? -1 : 1;
  std::string_view s = text.substr(t.start, t.end - t.start);
  if (s == "\xE2\x80\x9C" || s == "``") return 1;
  if (s == "\xE2\x80\x9D" || s == "''") return -1;
  return 0;
}

// Whether tokens[i] is a straight or doubled quotation mark that opens a
// quotation: written against the word after it and apart from the one
// before ("said. ''But", "said. \"We"), where the sentence splitter would
// otherwise take it for the closing mark of the sentence before.
inline bool OpensQuotation(std::string_view text, const std::vector<RawToken>& tokens, size_t i) {
  const RawToken& t = tokens[i];
  if (t.space_after || (i > 0 && !tokens[i - 1].space_after)) return false;
  const std::string_view s = text.substr(t.start, t.end - t.start);
  return s == "\"" || s == "''" || s == "``";
}

// Whether a sentence may end after tokens[i]. Not between a word and a word
// in lower case, nor after a comma before lower case, nor before a comma,
// colon or closing bracket, nor after an opening bracket: of EWT's 150,000
// such boundaries 109 end a sentence, and not asking there makes the
// splitter four times faster.
inline bool IsCandidate(std::string_view text, const std::vector<RawToken>& tokens, size_t i) {
  const RawToken& t = tokens[i];
  const RawToken& next = tokens[i + 1];
  const char n0 = text[next.start];
  // The most common boundary, between a word and a lower-case word, by two
  // loads (what the general test below also answers).
  if (n0 >= 'a' && n0 <= 'z' && IsAsciiAlnumByte(text[t.end - 1])) return false;
  if (n0 == ',' || n0 == ';' || n0 == ':' || n0 == ')' || n0 == ']' || n0 == '}' || n0 == '%') {
    return false;
  }
  if (t.end - t.start == 1) {
    const char c = text[t.start];
    if (c == '(' || c == '[' || c == '{' || c == '$' || c == '#') return false;
    if (c == ',') return !StartsLowerCase(text, next);
  }
  if (t.end - t.start == 3 && text.compare(t.start, 3, "\xE2\x80\x9C") == 0) return false;  // “
  return !EndsAlnum(text, t) || !StartsLowerCase(text, next);
}

// Perceptron weights over hashed features. Immutable once loaded.
class BoundaryModel {
 public:
  static constexpr int kDefaultBits = 15;

  BoundaryModel() = default;
  explicit BoundaryModel(int bits) : bits_(bits), weights_(size_t{1} << bits, 0.0f) {}

  // Loads models/segmenter.dyad. Corruption names the file.
  static Result<BoundaryModel> Load(const std::string& path);
  // Writes the nonzero weights (training only).
  Status Save(const std::string& path) const;

  bool empty() const { return weights_.empty(); }
  float Score(const std::vector<uint64_t>& features) const {
    float s = 0;
    const uint64_t mask = weights_.size() - 1;
    for (uint64_t f : features) s += weights_[f & mask];
    return s;
  }
  const float* weights() const { return weights_.data(); }
  uint64_t mask() const { return weights_.size() - 1; }
  std::vector<float>& mutable_weights() { return weights_; }
  int bits() const { return bits_; }

 private:
  int bits_ = 0;
  std::vector<float> weights_;
};

// Walks the boundaries of one paragraph left to right and asks
// `decide(i, since_boundary, inside_quotes)` whether a sentence ends after
// tokens[i], at the candidate boundaries only (IsCandidate). A line break
// before a token that does not start in lower case always ends the sentence
// (headlines and lists in plain text). The walk shared by the runtime
// (SplitSentences) and by training (WalkBoundaries), so that both see the
// same boundaries and the same state.
// `Flags` is std::vector<bool> (training) or std::vector<uint8_t> (the
// runtime: plain bytes are cheaper to set and read).
template <typename Flags, typename Decide>
void WalkCandidates(std::string_view text, const std::vector<RawToken>& tokens, Flags* ends,
                    Decide decide) {
  const size_t n = tokens.size();
  ends->assign(n, false);
  if (n == 0) return;
  (*ends)[n - 1] = true;
  size_t since = 0;
  bool inside = false;
  for (size_t i = 0; i + 1 < n; ++i) {
    int d = QuoteDelta(text, tokens[i], inside);
    if (d != 0) inside = d > 0;
    ++since;
    bool end = IsCandidate(text, tokens, i) && decide(i, since, inside);
    if (tokens[i + 1].newline_before && !StartsLowerCase(text, tokens[i + 1])) end = true;
    // "... the former adviser. ''That means ...": a final mark, then an
    // opening quotation mark and a capital always end the sentence.
    if (i + 2 < n && tokens[i].end - tokens[i].start == 1 &&
        (text[tokens[i].start] == '.' || text[tokens[i].start] == '?' || text[tokens[i].start] == '!') &&
        OpensQuotation(text, tokens, i + 1) && text[tokens[i + 2].start] >= 'A' && text[tokens[i + 2].start] <= 'Z') {
      end = true;
    }
    if (end && OpensQuotation(text, tokens, i)) {
      // "said. ''But ...": the mark opens the next sentence's quotation.
      if (i > 0) (*ends)[i - 1] = true;
      since = 1;
    } else if (end) {
      (*ends)[i] = true;
      since = 0;
    }
  }
}

// As WalkCandidates, with `decide(i, features)` given the feature hashes of
// each candidate boundary (BoundaryFeatures); with `with_features` false,
// `decide` gets an empty feature list (rules). Used by training.
template <typename Decide>
void WalkBoundaries(std::string_view text, const std::vector<RawToken>& tokens, bool with_features,
                    BoundaryScratch* scratch, std::vector<bool>* ends, Decide decide) {
  std::vector<uint64_t>* features = &scratch->features;
  features->clear();
  if (with_features) {
    scratch->hashes.resize(tokens.size());
    scratch->hashed.assign(tokens.size(), 0);
  }
  WalkCandidates(text, tokens, ends, [&](size_t i, size_t since, bool inside) {
    if (with_features) {
      // Only the tokens around a candidate are ever hashed.
      ComputeTokenHashes(text, tokens, i == 0 ? 0 : i - 1, i + 1, &scratch->hashes,
                         &scratch->hashed);
      features->clear();
      BoundaryFeatures(text, tokens, scratch->hashes, i, since, inside, features);
    }
    return decide(i, static_cast<const std::vector<uint64_t>&>(*features));
  });
}

// Decides the sentence ends of one paragraph's tokens: (*ends)[k] is true when
// a sentence ends after tokens[k]; the last token always ends one. `model`
// may be null or empty (rules only). Thread-safe.
void SplitSentences(std::string_view text, const std::vector<RawToken>& tokens,
                    const BoundaryModel* model, BoundaryScratch* scratch,
                    std::vector<uint8_t>* ends);

}  // namespace dyad::text_internal

#endif  // DYAD_TEXT_SENTENCE_SPLITTER_INTERNAL_H_
