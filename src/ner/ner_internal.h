// The NER model and its features, shared with the trainer
// (src/train/train_ner.cc) so that training and tagging see the same
// features.
#ifndef DYAD_NER_NER_INTERNAL_H_
#define DYAD_NER_NER_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/model_file.h"
#include "nlp/perceptron_internal.h"

namespace dyad::ner_internal {

using nlp_internal::HashIndex;
using nlp_internal::SparseWeights;

// Payload version of the NER model (see the history beside NerModelData::Read).
inline constexpr uint32_t kNerVersion = 2;

// Tags: 0 = O, 1 + 2t = B-type t, 2 + 2t = I-type t (types of kNerTypes).
inline constexpr int kNumTypes = 3;
inline constexpr int kNumTags = 1 + 2 * kNumTypes;
inline constexpr int kScoreSize = 8;  // kNumTags rounded up to a multiple of 4
inline bool IsInside(int tag) { return tag > 0 && tag % 2 == 0; }
inline int TagType(int tag) { return tag > 0 ? (tag - 1) / 2 : -1; }
// Whether `cur` may follow `prev` (-1 = sentence start): I-X only after B-X or I-X.
inline bool Allowed(int prev, int cur) {
  return !IsInside(cur) || (prev > 0 && TagType(prev) == TagType(cur));
}
std::string TagName(int tag);

// Cluster granularities: a word has one cluster id at each level.
inline constexpr int kClusterLevels = 3;
// Capitalisation buckets learned from unlabelled text: 1..kCapBuckets.
inline constexpr uint32_t kCapBuckets = 5;
// At most this many gazetteer types (each uses 4 bits of NerWord::gaz).
inline constexpr uint32_t kMaxGazTypes = 8;
inline constexpr uint32_t kMaxGazWords = 8;

// What the model knows of one word before tagging it, all hashed.
struct NerWord {
  uint64_t form = 0, lower = 0, shape = 0, upos = 0, xpos = 0;
  uint64_t prefix[4] = {0, 0, 0, 0};  // first 1..4 bytes of the lower-cased form
  uint64_t suffix[4] = {0, 0, 0, 0};  // last 1..4 bytes
  // bit 0 upper first, 1 all upper, 2 digit, 3 hyphen, 4 letter, 5 all lower,
  // 6 no letter or digit, 7 period, 8 upper after the first byte
  uint32_t flags = 0;
  uint32_t cluster[kClusterLevels] = {0, 0, 0};  // 0 unknown, else cluster + 1
  uint32_t cap = 0;        // capitalisation bucket, 0 unknown
  uint32_t gaz = 0;        // bit 4 * type + position (0 begin, 1 inside, 2 end, 3 single)
  uint32_t length = 0;     // bytes, capped at 12
  uint32_t sentence = 0;   // sentence style: share of capitalised words, bucketed
  // Document level: how the word is written where capitals are not forced
  // elsewhere in the same document (0 nowhere, 1 always lower-case, 2 mixed,
  // 3 always capitalised), and how often it occurs there (bucketed).
  uint32_t doc_caps = 0, doc_count = 0;

  // Second stage (SetFirstStage): what the first stage said of this word and
  // of the same words elsewhere in the document.
  uint8_t first_char = 0;  // first byte of the form (acronyms)
  uint8_t first_tag = 0;   // the first stage's tag of this word
  // Other occurrences of the lower-cased word in the document, by the type
  // of their first-stage tag: [0] O, [1 + t] type t (capped at 255).
  uint8_t others[kNumTypes + 1] = {0, 0, 0, 0};
  uint8_t prev_type = 0;   // of the previous occurrence: 0 none, 1 O, 2 + t type t
  // When the word is in a first-stage name: 1 + the most frequent type of
  // the other first-stage names with the same words, 0 none.
  uint8_t same_name = 0;
  uint8_t in_names = 0;    // bit t: in a first-stage name of type t elsewhere
  uint8_t acronym = 0;     // bit t: the initials of a first-stage name of type t
};

// Upper bound on the number of features ExtractNerFeatures writes.
inline constexpr int kMaxNerFeatures = 112;
static_assert(kMaxNerFeatures <= static_cast<int>(SparseWeights::kMaxScoreFeatures));

// The features of word i of a described sentence. Returns how many.
int ExtractNerFeatures(const std::vector<NerWord>& words, int i, uint64_t* out);
// The document-level features of the second stage for word i (the fields
// set by SetFirstStage). Returns how many; at most kMaxDocFeatures.
inline constexpr int kMaxDocFeatures = 16;
int ExtractDocFeatures(const std::vector<NerWord>& words, int i, uint64_t* out);

// Sets the second-stage fields of the words of one document (its sentences
// described in `scope`) from the first stage's tags of every sentence.
void SetFirstStage(const std::vector<std::vector<int>>& tags,
                   std::vector<std::vector<NerWord>>* scope);

// The key of the transition feature from tag `prev` (-1 = sentence start);
// its weight for class c scores prev -> c.
uint64_t TransitionFeature(int prev);
// The key of the feature scoring the last tag of a sentence.
uint64_t EndFeature();

// Transition scores: from[p + 1][c] for p -> c (p = -1: start), end[c].
struct Transitions {
  float from[kNumTags + 1][kScoreSize] = {};
  float end[kScoreSize] = {};
};

// Best tag sequence under the BIO constraints. `emit` holds n rows of
// kScoreSize scores.
void Viterbi(const float* emit, int n, const Transitions& trans, std::vector<int>* tags);

// The tables the features read, learned from unlabelled text and the
// gazetteer; shared by the model and the trainer.
struct Lexicon {
  // hash(lower-cased form) -> cluster ids packed 10 bits per level (level 0
  // lowest); each < cluster_sizes[level] <= 1024.
  HashIndex clusters;
  std::vector<uint32_t> cluster_sizes;
  // hash(lower-cased form) -> capitalisation bucket 1..kCapBuckets.
  HashIndex caps;
  // hash(lower-cased words concatenated without spaces) -> bit mask of types.
  std::vector<std::string> gaz_types;
  HashIndex gazetteer;
  uint32_t gaz_max_words = 0;

  void Write(ModelWriter* w) const;
  bool Read(ModelReader* r);

  // Describes the words of a sentence (forms and their UPOS/XPOS).
  void DescribeSentence(const std::vector<std::string_view>& forms,
                        const std::vector<std::string_view>& upos,
                        const std::vector<std::string_view>& xpos,
                        std::vector<NerWord>* out) const;
};

// Two stages (Krishnan & Manning 2006): the first tags every sentence of a
// document; the second sees the first's features plus the document-level
// features built from the first's tags of the whole document.
struct NerModelData {
  Lexicon lexicon;
  SparseWeights weights;   // first stage; C = kNumTags; includes the transition features
  Transitions transitions;  // derived from `weights` at load
  bool two_stage = false;
  SparseWeights doc_weights;  // second stage, when two_stage
  Transitions doc_transitions;

  void Write(ModelWriter* w) const;
  Status Read(ModelReader* r);
  // Fills `transitions` and `doc_transitions` from the weights.
  void PrepareTransitions();
  // Tags one described sentence with the first stage, or with the second
  // (SetFirstStage done).
  void Decode(const std::vector<NerWord>& words, std::vector<int>* tags,
              bool second_stage = false) const;
  // Tags the described sentences of one document with both stages (the
  // second only when two_stage); sets the second-stage fields of `scope`.
  void DecodeScope(std::vector<std::vector<NerWord>>* scope,
                   std::vector<std::vector<int>>* tags) const;
};

// The word's text: its form, else its span of the text.
inline std::string_view NerWordText(const Document& doc, const Word& w) {
  return w.form.empty() ? doc.Text(w.span) : std::string_view(w.form);
}

// Describes the words [first, first + count) of doc.words.
void DescribeDocumentSentence(const Lexicon& lexicon, const Document& doc, uint32_t first,
                              uint32_t count, std::vector<NerWord>* out);

// Describes the sentences [first_sentence, end_sentence) of `doc` as one
// document (the document-level fields included); one vector per sentence.
void DescribeScope(const Lexicon& lexicon, const Document& doc, uint32_t first_sentence,
                   uint32_t end_sentence, std::vector<std::vector<NerWord>>* out);

// Tags the sentences [first_sentence, end_sentence) of `doc` as one document
// and appends their mentions to `out`.
void TagScope(const NerModelData& model, const Document& doc, uint32_t first_sentence,
              uint32_t end_sentence, std::vector<Mention>* out);

// Mentions of one sentence from its tags (word indices relative to `first`).
void AppendMentions(const Document& doc, uint32_t sentence, uint32_t first,
                    const std::vector<int>& tags, std::vector<Mention>* out);

}  // namespace dyad::ner_internal

#endif  // DYAD_NER_NER_INTERNAL_H_
