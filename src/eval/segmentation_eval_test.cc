// The text stage's figures on UD English EWT (docs/text.md): the test
// treebank's raw text, segmented in raw mode, scored with the CoNLL 2018
// metrics. Skips when the shared data is absent.
#include <fstream>
#include <string>

#include "dyad/conllu.h"
#include "dyad/eval.h"
#include "dyad/text.h"
#include "gtest/gtest.h"

namespace dyad {
namespace {

TEST(SegmentationEvalTest, EwtTestFigures) {
  const std::string path =
      std::string(DYAD_SHARED_DIR) + "/data/ud-english-ewt/en_ewt-ud-test.conllu";
  if (!std::ifstream(path)) GTEST_SKIP() << "UD English EWT not found at " << path;
  auto gold = ReadConlluFile(path);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  auto segmenter = Segmenter::Create(std::string(DYAD_SOURCE_DIR) + "/data",
                                     std::string(DYAD_SOURCE_DIR) + "/models/segmenter.dyad");
  ASSERT_TRUE(segmenter.ok()) << segmenter.status().ToString();
  Document system;
  system.article.text = ConlluRawText(*gold);
  (*segmenter)->Segment(&system, SegmentOptions{.raw = true});
  auto scores = EvaluateUd(gold->doc, system);
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  double tokens = 0, words = 0, sentences = 0;
  for (const Score& s : *scores) {
    if (s.metric == "Tokens") tokens = 100 * s.f1();
    if (s.metric == "Words") words = 100 * s.f1();
    if (s.metric == "Sentences") sentences = 100 * s.f1();
  }
  // The targets (UDPipe 1 trained on EWT: 99.2 / 99.0 / 86.0).
  EXPECT_GE(tokens, 99.3);
  EXPECT_GE(words, 99.1);
  EXPECT_GE(sentences, 86.0);
  std::cout << "EWT test: Tokens " << tokens << " Words " << words << " Sentences " << sentences
            << "\n";
}

}  // namespace
}  // namespace dyad
