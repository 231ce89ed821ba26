// The lemmatizer's model, shared with its trainer (src/train/train_lemmatizer.cc).
#ifndef DYAD_NLP_LEMMATIZER_INTERNAL_H_
#define DYAD_NLP_LEMMATIZER_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/model_file.h"
#include "nlp/perceptron_internal.h"

namespace dyad::nlp_internal {

inline constexpr uint32_t kLemmatizerVersion = 1;
// Longest form suffix (bytes) a rewrite rule is keyed on.
inline constexpr uint32_t kMaxLemmaSuffix = 8;

// A suffix rewrite: take the form (lower-cased if `lowercase`), strip `strip`
// bytes from its end, append `append`.
struct LemmaRule {
  bool lowercase = false;
  uint32_t strip = 0;
  std::string append;
  friend bool operator==(const LemmaRule&, const LemmaRule&) = default;
};

// Applies a rule; false if the form is too short or the cut would split a
// UTF-8 sequence.
bool ApplyLemmaRule(const LemmaRule& rule, std::string_view form, std::string* out);

// Keys of the tables.
inline uint64_t ExactLemmaKey(std::string_view form, std::string_view xpos) {
  return Feat(0, HashBytes(form), HashBytes(xpos));
}
inline uint64_t LowerLemmaKey(std::string_view lower, std::string_view xpos) {
  return Feat(1, HashBytes(lower), HashBytes(xpos));
}
inline uint64_t SuffixRuleKey(std::string_view xpos, std::string_view lower_suffix) {
  return Feat(2, HashBytes(xpos), HashBytes(lower_suffix));
}

struct LemmatizerModel {
  std::vector<std::string> lemmas;
  HashIndex exact;        // ExactLemmaKey -> lemma
  HashIndex lower_exact;  // LowerLemmaKey -> lemma
  std::vector<LemmaRule> rules;
  HashIndex suffix_rules;  // SuffixRuleKey(xpos, last k bytes, k = 0..kMaxLemmaSuffix) -> rule

  void Write(ModelWriter* w) const;
  Status Read(ModelReader* r);
  std::string Lemmatize(std::string_view form, std::string_view xpos, std::string_view upos) const;
};

}  // namespace dyad::nlp_internal

#endif  // DYAD_NLP_LEMMATIZER_INTERNAL_H_
