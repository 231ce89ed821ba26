// The parser's transition system (arc-eager, labelled), its features and its
// model, shared with the trainer (src/train/train_parser.cc).
//
// Transitions, as classes of the perceptron: 0 SHIFT, 1 REDUCE,
// 2 + 2l LEFT-ARC with label l (the buffer front becomes the head of the stack
// top, which is popped), 3 + 2l RIGHT-ARC with label l (the stack top becomes
// the head of the buffer front, which is pushed).
#ifndef DYAD_NLP_PARSER_INTERNAL_H_
#define DYAD_NLP_PARSER_INTERNAL_H_

#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/model_file.h"
#include "nlp/perceptron_internal.h"

namespace dyad::nlp_internal {

// Payload version written; versions 1 (greedy models, no beam width) and 2
// (no word clusters) are still read.
inline constexpr uint32_t kParserVersion = 3;
inline constexpr int kMaxBeam = 64;
inline constexpr int kShift = 0, kReduce = 1;
inline constexpr int kMaxParserFeatures = 124;
static_assert(kMaxParserFeatures <= int(SparseWeights::kMaxScoreFeatures));

inline bool IsLeft(int t) { return t >= 2 && (t & 1) == 0; }
inline bool IsRight(int t) { return t >= 3 && (t & 1) == 1; }
inline int LabelOf(int t) { return (t - 2) >> 1; }
inline int LeftOf(int label) { return 2 + 2 * label; }
inline int RightOf(int label) { return 3 + 2 * label; }

// The hashed view of a word the parser sees.
struct ParserWord {
  uint64_t w = 0;  // lower-cased form
  uint64_t p = 0;  // XPOS
  uint64_t u = 0;  // UPOS
  uint64_t s = 0;  // last three bytes of the lower-cased form
  // Word clusters (WordClusters::Lookup: id + 1 per level, 0 unknown).
  uint32_t c[WordClusters::kMaxLevels] = {0, 0, 0};
};

// `clusters` may be null or empty (a model without clusters).
ParserWord DescribeParserWord(std::string_view form, std::string_view upos, std::string_view xpos,
                              const WordClusters* clusters = nullptr);

struct ParseState {
  explicit ParseState(int n);

  int n;
  std::vector<int> stack;
  int b = 0;                            // buffer front; the buffer is [b, n)
  std::vector<int> head, label;         // -1: none yet
  std::vector<int> lc1, lc2, rc1, rc2;  // leftmost, 2nd leftmost, rightmost, 2nd rightmost child
  std::vector<int> nleft, nright;       // number of left / right children
  std::vector<uint64_t> lset, rset;     // bit sets of the labels of left / right children

  bool Terminal() const { return b >= n; }
  int S0() const { return stack.empty() ? -1 : stack.back(); }
  bool Legal(int t) const;
  void Apply(int t);
  void AddArc(int h, int d, int l);
};

// The features of a state. Returns how many were written (at most
// kMaxParserFeatures).
// `clustered`: the model has word clusters (their features are on).
int ExtractParserFeatures(const std::vector<ParserWord>& words, const ParseState& s, uint64_t* out,
                          bool clustered = false);

struct ParserModel {
  std::vector<std::string> deprels;
  int root_label = 0;  // index of "root" in deprels
  // Beam width the model was trained for: 1 = greedy (one transition at a
  // time), > 1 = beam search over whole transition sequences.
  int beam = 1;
  SparseWeights weights;
  // Word clusters from unlabelled text (empty before version 3).
  WordClusters clusters;

  // Writes payload version `version` (1: no beam width, 2: no clusters).
  void Write(ModelWriter* w, uint32_t version = kParserVersion) const;
  Status Read(ModelReader* r);
};

// The transitions a parser may take from `s`: legal, and never an arc with
// the "root" label (the root word only gets that label at the end).
inline bool Allowed(const ParseState& s, int t, int root_label) {
  return (t >> 1) != (LeftOf(root_label) >> 1) && s.Legal(t);
}

// Allowed(s, t, root_label) for every t of one state, its legality computed
// once: it depends only on the kind of transition (SHIFT, REDUCE, LEFT-ARC,
// RIGHT-ARC).
class AllowedTransitions {
 public:
  AllowedTransitions(const ParseState& s, int root_label)
      : legal_{s.Legal(kShift), s.Legal(kReduce), s.Legal(LeftOf(0)), s.Legal(RightOf(0))},
        root_pair_(LeftOf(root_label) >> 1) {}
  bool operator()(int t) const { return (t >> 1) != root_pair_ && legal_[t < 2 ? t : 2 + (t & 1)]; }

 private:
  bool legal_[4];
  int root_pair_;
};

// Parses one sentence: greedily (model.beam == 1) or with beam search. The
// returned state is terminal; words without a head are left at -1.
ParseState RunParser(const ParserModel& model, const std::vector<ParserWord>& words);

// A beam search candidate: the parent item, the transition (-1: the parent
// is terminal and is carried over) and the score of the sequence.
struct BeamCandidate {
  double score;
  int item;
  int t;
};
// Best first; ties broken by item then transition (deterministic).
inline bool BetterCandidate(const BeamCandidate& a, const BeamCandidate& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.item != b.item) return a.item < b.item;
  return a.t < b.t;
}
// Adds to `out` the at most `k` best allowed transitions of the item `item`
// (sequence score `base`, transition scores `scores`).
void TopCandidates(const ParseState& s, int item, double base, const float* scores,
                   uint32_t num_classes, int root_label, int k, std::vector<BeamCandidate>* out);

}  // namespace dyad::nlp_internal

#endif  // DYAD_NLP_PARSER_INTERNAL_H_
