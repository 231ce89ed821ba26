// The tagger's model and its features, shared with the trainer
// (src/train/train_tagger.cc) so that training and tagging see the same
// features.
#ifndef DYAD_NLP_TAGGER_INTERNAL_H_
#define DYAD_NLP_TAGGER_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/model_file.h"
#include "nlp/perceptron_internal.h"

namespace dyad::nlp_internal {

// Payload version of the tagger written (see the history beside
// TaggerModel::Write); version 1 (no word clusters) is still read.
inline constexpr uint32_t kTaggerVersion = 2;

// What the tagger knows of one word before tagging it, all hashed.
struct TaggerWord {
  uint64_t form = 0, lower = 0, shape = 0;
  uint64_t prefix[3] = {0, 0, 0};        // first 1, 2, 3 bytes of the lower-cased form
  uint64_t suffix[5] = {0, 0, 0, 0, 0};  // last 1..5 bytes
  uint64_t after_hyphen = 0;             // the part after the last hyphen, if any
  uint32_t flags = 0;           // bit 0 upper first, 1 all upper, 2 digit, 3 hyphen, 4 has letter
  int32_t frequent_class = -1;  // the word's most frequent class in training, if known
  int32_t sure_class = -1;      // set when the word is frequent and unambiguous
  int32_t form_class = -1;      // most frequent class of the exact (cased) form
  uint32_t sentence_caps = 0;   // share of capitalized words in the sentence, bucketed
  // The word's clusters (WordClusters::Lookup: id + 1 per level, 0 unknown).
  uint32_t cluster[WordClusters::kMaxLevels] = {0, 0, 0};
  bool clustered = false;  // the model has clusters (cluster features are on)
};

// Upper bound on the number of features ExtractTaggerFeatures writes.
inline constexpr int kMaxTaggerFeatures = 64;

struct TaggerModel {
  // Class c is the pair (upos[c], xpos[c]).
  std::vector<std::string> upos, xpos;
  SparseWeights weights;
  // Lower-cased form hash -> 2 * class + (1 if the word is unambiguous).
  HashIndex tag_dict;
  // Exact form hash -> most frequent class.
  HashIndex form_dict;
  // FEATS: strings; Feat(0, lower hash, class) -> 2 * string index + 1 if
  // the word had several FEATS with that class in training; the FEATS seen
  // with each class (class_cands[class_cand_start[c] .. class_cand_start[c+1]),
  // the first being the most frequent); and a perceptron over FEATS strings
  // that chooses among a class's candidates from the context when the table
  // does not decide.
  std::vector<std::string> feats;
  HashIndex word_feats;
  std::vector<uint32_t> class_cand_start, class_cands;
  SparseWeights feats_weights;
  // Word clusters from unlabelled text (empty in version 1 files).
  WordClusters clusters;

  // Writes payload version `version` (1: without the clusters).
  void Write(ModelWriter* w, uint32_t version = kTaggerVersion) const;
  Status Read(ModelReader* r);

  // Fills the hashed view of a word (including the tag dictionary lookups).
  void Describe(std::string_view form, TaggerWord* out) const;
  // Describes the words of a sentence, with the sentence-level fields.
  void DescribeSentence(const std::vector<std::string_view>& forms,
                        std::vector<TaggerWord>* out) const;
  // Tags a sentence (greedy, left to right). `scores` has room for
  // weights.score_size() floats.
  void Tag(const std::vector<TaggerWord>& words, std::vector<int>* cls, float* scores) const;
  // The FEATS of word i of a tagged sentence (classes in `cls`): the table's
  // answer, else -1 when the classifier must choose.
  int TableFeats(const TaggerWord& w, int cls) const;
  // The FEATS (string index) of word i of a tagged sentence.
  int PredictFeats(const std::vector<TaggerWord>& words, const std::vector<int>& cls, int i,
                   float* scores) const;
  // Derived from upos/xpos at load (SetVerbClasses), not stored: what
  // TakeAFiniteVerb asks of each class (kFinite: VBD, VBZ, VBP, MD; kAux,
  // kAdp, kNominal: those UPOS), and the classes of the past tense and past
  // participle of a verb (-1 when absent).
  enum : uint8_t { kFinite = 1, kAux = 2, kAdp = 4, kNominal = 8 };
  std::vector<uint8_t> class_kind;
  int past = -1, participle = -1;
  void SetVerbClasses();
  // When a sentence was tagged with no finite verb, the past participle
  // whose runner-up was the past tense and by the least margin becomes it,
  // and the words after it are tagged again; returns whether one did.
  bool TakeAFiniteVerb(const std::vector<TaggerWord>& words, std::vector<int>* cls,
                       float* scores) const;
  // Whether class c is nominal (PRON, NOUN, PROPN): subject candidates.
  bool Nominal(int c) const { return upos[c] == "PRON" || upos[c] == "NOUN" || upos[c] == "PROPN"; }
};

// Upper bound on the number of features ExtractFeatsFeatures writes.
inline constexpr int kMaxFeatsFeatures = 24;
// The features of the FEATS classifier for word i of a tagged sentence.
int ExtractFeatsFeatures(const TaggerModel& model, const std::vector<TaggerWord>& words,
                         const std::vector<int>& cls, int i, uint64_t* out);

// Fills the hashed view of a word without the dictionary fields.
void DescribeWord(std::string_view form, TaggerWord* out);

// The features for position i given the two previous predicted classes
// (-1 before the sentence start). Returns how many were written to `out`
// (at most kMaxTaggerFeatures).
int ExtractTaggerFeatures(const std::vector<TaggerWord>& words, int i, int p1, int p2,
                          uint64_t* out);

// The text of a word: its form, else its span of the text.
inline std::string_view WordText(const Document& doc, const Word& w) {
  return w.form.empty() ? doc.Text(w.span) : std::string_view(w.form);
}

}  // namespace dyad::nlp_internal

#endif  // DYAD_NLP_TAGGER_INTERNAL_H_
