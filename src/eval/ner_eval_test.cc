#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "dyad/eval.h"
#include "dyad/ner.h"
#include "dyad/nlp.h"

namespace dyad {
namespace {

Document Read(const std::string& iob) {
  std::istringstream in(iob);
  auto c = ReadIob(in, "test");
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? c->doc : Document{};
}

const Score& Find(const std::vector<Score>& v, const std::string& metric) {
  for (const Score& s : v) {
    if (s.metric == metric) return s;
  }
  static Score none;
  ADD_FAILURE() << "no metric " << metric;
  return none;
}

TEST(NerEvalTest, ExactSpansOnly) {
  const Document gold = Read(
      "1\tKim\tB-PER\n2\tJong\tI-PER\n3\tUn\tI-PER\n4\tmet\tO\n5\tXi\tB-PER\n"
      "6\tin\tO\n7\tNew\tB-LOC\n8\tYork\tI-LOC\n9\tand\tO\n10\tthe\tO\n11\tUN\tB-ORG\n");
  // Kim Jong (too short): wrong; Xi right; New York as ORG: wrong type;
  // "and": spurious; UN missed.
  const Document sys = Read(
      "1\tKim\tB-PER\n2\tJong\tI-PER\n3\tUn\tO\n4\tmet\tO\n5\tXi\tB-PER\n"
      "6\tin\tO\n7\tNew\tB-ORG\n8\tYork\tI-ORG\n9\tand\tB-LOC\n10\tthe\tO\n11\tUN\tO\n");
  auto scores = EvaluateNer(gold, sys);
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  const Score& all = Find(*scores, "All");
  EXPECT_EQ(all.gold, 4u);
  EXPECT_EQ(all.system, 4u);
  EXPECT_EQ(all.correct, 1u);
  EXPECT_DOUBLE_EQ(all.f1(), 0.25);
  const Score& per = Find(*scores, "PER");
  EXPECT_EQ(per.gold, 2u);
  EXPECT_EQ(per.system, 2u);
  EXPECT_EQ(per.correct, 1u);
  const Score& org = Find(*scores, "ORG");
  EXPECT_EQ(org.gold, 1u);
  EXPECT_EQ(org.system, 1u);
  EXPECT_EQ(org.correct, 0u);
  const Score& loc = Find(*scores, "LOC");
  EXPECT_EQ(loc.gold, 1u);
  EXPECT_EQ(loc.system, 1u);
  EXPECT_EQ(loc.correct, 0u);
  EXPECT_NE(FormatNerScores(*scores).find("PER"), std::string::npos);
}

TEST(NerEvalTest, PerfectAndEmpty) {
  const Document gold = Read("1\tParis\tB-LOC\n2\tis\tO\n\n1\tnice\tO\n");
  auto same = EvaluateNer(gold, gold);
  ASSERT_TRUE(same.ok());
  EXPECT_DOUBLE_EQ((*same)[0].f1(), 1.0);
  Document none = gold;
  none.mentions.clear();
  auto empty = EvaluateNer(gold, none);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ((*empty)[0].system, 0u);
  EXPECT_DOUBLE_EQ((*empty)[0].f1(), 0.0);
  EXPECT_DOUBLE_EQ((*empty)[0].precision(), 0.0);
}

TEST(NerEvalTest, DifferentWordsAreAnError) {
  const Document gold = Read("1\tParis\tB-LOC\n2\tis\tO\n");
  const Document sys = Read("1\tParis\tB-LOC\n2\twas\tO\n");
  auto scores = EvaluateNer(gold, sys);
  ASSERT_FALSE(scores.ok());
  EXPECT_TRUE(scores.status().IsInvalidArgument());
  const Document shorter = Read("1\tParis\tB-LOC\n");
  EXPECT_FALSE(EvaluateNer(gold, shorter).ok());
}

// The shipped model on the Universal NER English EWT test set, on the gold
// words, tagged by the shipped tagger.
TEST(NerEvalTest, ShippedModelOnUnerEwtTest) {
  const std::string test = std::string(DYAD_SHARED_DIR) + "/data/uner-english-ewt/en_ewt-ud-test.iob2";
  const std::string models = std::string(DYAD_SOURCE_DIR) + "/models";
  if (!std::filesystem::exists(test)) {
    GTEST_SKIP() << "needs ../shared/data/uner-english-ewt/en_ewt-ud-test.iob2: absent";
  }
  if (!std::filesystem::exists(models + "/" + kNerFile)) GTEST_SKIP() << "no shipped NER model";
  auto gold = ReadIobFile(test);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  auto tagger = Tagger::Load(models + "/" + kTaggerFile);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  auto ner = NerModel::Load(models + "/" + kNerFile);
  ASSERT_TRUE(ner.ok()) << ner.status().ToString();
  IobCorpus sys = *gold;
  sys.doc.mentions.clear();
  (*tagger)->Annotate(&sys.doc);
  (*ner)->AnnotateIob(&sys);
  auto scores = EvaluateNer(gold->doc, sys.doc);
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  std::cout << FormatNerScores(*scores);
  // Regression guard below the shipped model's figure (docs/ner.md: 73.9);
  // the project's target is 78.
  EXPECT_GE((*scores)[0].f1(), 0.73);
}

}  // namespace
}  // namespace dyad
