// dyad/eval.h: scoring against gold annotations.
//
// UD: the CoNLL 2018 shared task's definitions. Tokens, Sentences and Words
// are span F1 over the character sequence with whitespace removed (gold and
// system must spell the same characters); words inside multi-word tokens are
// aligned by the longest common subsequence of lower-cased forms; UPOS, XPOS,
// UFeats (universal features only), Lemmas, UAS and LAS (deprel subtypes
// stripped) are F1 over aligned words.
#ifndef DYAD_EVAL_H_
#define DYAD_EVAL_H_

#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

struct Score {
  std::string metric;
  size_t gold = 0, system = 0, correct = 0;
  size_t aligned = 0;  // aligned words, for the attribute metrics
  double precision() const { return system ? double(correct) / system : 0; }
  double recall() const { return gold ? double(correct) / gold : 0; }
  double f1() const { return gold + system ? 2.0 * correct / (gold + system) : 0; }
  double aligned_accuracy() const { return aligned ? double(correct) / aligned : 0; }
};

// Scores `system` against `gold`. InvalidArgument when the two do not have
// the same non-whitespace characters (names the first difference).
// Metrics, in order: Tokens, Sentences, Words, UPOS, XPOS, UFeats, Lemmas,
// UAS, LAS.
Result<std::vector<Score>> EvaluateUd(const Document& gold, const Document& system);

// The CoNLL 2018 table: "Metric | Precision | Recall | F1 Score | AligndAcc".
std::string FormatScores(const std::vector<Score>& scores);

// NER: exact-span micro precision, recall and F1 over Document::mentions. A
// system mention is correct when a gold mention has the same first word,
// number of words and type. `gold` and `system` must have the same words
// (InvalidArgument naming the first difference otherwise). Metrics, in
// order: "All" (every type), then one per type, PER, ORG, LOC first and any
// other type after them in name order.
Result<std::vector<Score>> EvaluateNer(const Document& gold, const Document& system);

// "Type | Gold | System | Correct | Precision | Recall | F1" table.
std::string FormatNerScores(const std::vector<Score>& scores);

}  // namespace dyad

#endif  // DYAD_EVAL_H_
