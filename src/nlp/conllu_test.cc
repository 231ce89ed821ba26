#include "dyad/conllu.h"

#include <gtest/gtest.h>

#include <sstream>

namespace dyad {
namespace {

const char* kTwoSentences =
    "# newdoc id = d1\n"
    "# sent_id = s1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# sent_id = s2\n"
    "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n"
    "\n";

TEST(Conllu, ReadsTokensWordsAndMultiWordTokens) {
  std::istringstream in(kTwoSentences);
  auto r = ReadConllu(in, "t.conllu");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Document& d = r->doc;
  EXPECT_EQ(d.article.text, "I don't know. Yes");
  ASSERT_EQ(d.sentences.size(), 2u);
  ASSERT_EQ(d.tokens.size(), 5u);
  ASSERT_EQ(d.words.size(), 6u);
  EXPECT_EQ(d.Text(d.tokens[1].span), "don't");
  EXPECT_EQ(d.tokens[1].num_words, 2u);
  EXPECT_EQ(d.Text(d.words[1].span), "do");
  EXPECT_EQ(d.Text(d.words[2].span), "n't");
  EXPECT_EQ(d.words[2].lemma, "not");
  EXPECT_EQ(d.words[0].head, 3);
  EXPECT_EQ(d.words[3].head, -1);
  EXPECT_FALSE(d.tokens[2].space_after);
  EXPECT_EQ(d.words[5].head, -1);
}

TEST(Conllu, RoundTripKeepsComments) {
  std::istringstream in(kTwoSentences);
  auto r = ReadConllu(in, "t.conllu");
  ASSERT_TRUE(r.ok());
  std::ostringstream out;
  ConlluWriteOptions opt;
  opt.comments = &r->comments;
  WriteConllu(r->doc, out, opt);
  EXPECT_EQ(out.str(), kTwoSentences);
}

TEST(Conllu, BadLinesNameFileAndLine) {
  std::istringstream in("1\tI\tI\tPRON\n");
  auto r = ReadConllu(in, "bad.conllu");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCorruption());
  EXPECT_NE(r.status().message().find("bad.conllu:1:"), std::string::npos);
  std::istringstream in2("1\tI\tI\tPRON\tPRP\t_\t9\tnsubj\t_\t_\n\n");
  EXPECT_FALSE(ReadConllu(in2, "x").ok());
  std::istringstream in3("2\tI\tI\tPRON\tPRP\t_\t0\troot\t_\t_\n\n");
  EXPECT_FALSE(ReadConllu(in3, "x").ok());
}

}  // namespace
}  // namespace dyad
