#include <gtest/gtest.h>

#include <sstream>

#include "dyad/conllu.h"
#include "dyad/eval.h"

namespace dyad {
namespace {

Document Parse(const std::string& conllu) {
  std::istringstream in(conllu);
  auto r = ReadConllu(in, "test");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r->doc) : Document();
}

const Score& Get(const std::vector<Score>& s, const std::string& m) {
  for (const auto& x : s)
    if (x.metric == m) return x;
  ADD_FAILURE() << "no metric " << m;
  return s.front();
}

const char* kGold =
    "1\tI\tI\tPRON\tPRP\tCase=Nom|Number=Sing\t3\tnsubj\t_\t_\n"
    "2\tsaw\tsee\tVERB\tVBD\tTense=Past\t0\troot\t_\t_\n"
    "3\tit\tit\tPRON\tPRP\t_\t2\tobj\t_\tSpaceAfter=No\n"
    "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

TEST(UdEval, IdenticalFilesScorePerfect) {
  auto r = EvaluateUd(Parse(kGold), Parse(kGold));
  ASSERT_TRUE(r.ok());
  for (const auto& s : *r) EXPECT_DOUBLE_EQ(s.f1(), 1.0) << s.metric;
}

TEST(UdEval, CountsWrongTagsHeadsAndLabels) {
  // Word 1: wrong UPOS; word 3: wrong head (LAS and UAS); word 4: wrong label.
  const char* sys =
      "1\tI\tI\tNOUN\tPRP\tNumber=Sing|Case=Nom|Foo=Bar\t3\tnsubj\t_\t_\n"
      "2\tsaw\tsaw\tVERB\tVBD\tTense=Past\t0\troot\t_\t_\n"
      "3\tit\tit\tPRON\tPRP\t_\t1\tobj\t_\tSpaceAfter=No\n"
      "4\t.\t.\tPUNCT\t.\t_\t2\tpunct:x\t_\t_\n\n";
  auto r = EvaluateUd(Parse(kGold), Parse(sys));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Get(*r, "UPOS").correct, 3u);
  EXPECT_EQ(Get(*r, "UFeats").correct, 4u);  // Foo is not universal; order ignored
  EXPECT_EQ(Get(*r, "Lemmas").correct, 3u);
  EXPECT_EQ(Get(*r, "UAS").correct, 3u);
  EXPECT_EQ(Get(*r, "LAS").correct, 3u);  // subtype stripped: punct:x == punct
}

TEST(UdEval, TokenAndSentenceSpans) {
  // System splits "it." wrongly into one token and puts two sentences.
  const char* sys =
      "1\tI\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "1\tsaw\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "2\tit.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
  auto r = EvaluateUd(Parse(kGold), Parse(sys));
  ASSERT_TRUE(r.ok());
  const Score& t = Get(*r, "Tokens");
  EXPECT_EQ(t.gold, 4u);
  EXPECT_EQ(t.system, 3u);
  EXPECT_EQ(t.correct, 2u);
  EXPECT_NEAR(t.f1(), 4.0 / 7.0, 1e-9);
  EXPECT_EQ(Get(*r, "Sentences").correct, 0u);
  EXPECT_EQ(Get(*r, "Words").correct, 2u);
}

TEST(UdEval, MultiWordTokensAlignByForms) {
  const char* gold =
      "1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "1\tdo\tdo\tAUX\t_\t_\t3\taux\t_\t_\n"
      "2\tn't\tnot\tPART\t_\t_\t3\tadvmod\t_\t_\n"
      "3\tgo\tgo\tVERB\t_\t_\t0\troot\t_\t_\n\n";
  // System leaves "don't" as one word.
  const char* sys =
      "1\tdon't\t_\tAUX\t_\t_\t2\taux\t_\t_\n"
      "2\tgo\tgo\tVERB\t_\t_\t0\troot\t_\t_\n\n";
  auto r = EvaluateUd(Parse(gold), Parse(sys));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Get(*r, "Tokens").correct, 2u);
  const Score& w = Get(*r, "Words");
  EXPECT_EQ(w.gold, 3u);
  EXPECT_EQ(w.system, 2u);
  EXPECT_EQ(w.correct, 1u);  // only "go"
  // Same split as gold: all words align.
  auto r2 = EvaluateUd(Parse(gold), Parse(gold));
  EXPECT_EQ(Get(*r2, "Words").correct, 3u);
}

TEST(UdEval, DifferentTextIsAnError) {
  const char* sys = "1\tI\t_\t_\t_\t_\t_\t_\t_\t_\n2\tsee\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
  auto r = EvaluateUd(Parse(kGold), Parse(sys));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("character 2"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace dyad
