#include <gtest/gtest.h>

#include "dyad/event_eval.h"
#include "dyad/events.h"

namespace dyad {
namespace {

TEST(UdV1ToV2, Relations) {
  EXPECT_EQ(UdV2Deprel("dobj", "VERB"), "obj");
  EXPECT_EQ(UdV2Deprel("nsubjpass", "VERB"), "nsubj:pass");
  EXPECT_EQ(UdV2Deprel("csubjpass", "VERB"), "csubj:pass");
  EXPECT_EQ(UdV2Deprel("auxpass", "VERB"), "aux:pass");
  EXPECT_EQ(UdV2Deprel("name", "PROPN"), "flat");
  EXPECT_EQ(UdV2Deprel("mwe", "ADP"), "fixed");
  EXPECT_EQ(UdV2Deprel("neg", "VERB"), "advmod");
  EXPECT_EQ(UdV2Deprel("foreign", "X"), "flat:foreign");
  EXPECT_EQ(UdV2Deprel("remnant", "NOUN"), "orphan");
  // nmod: obl on predicates, nmod on nominals.
  EXPECT_EQ(UdV2Deprel("nmod", "VERB"), "obl");
  EXPECT_EQ(UdV2Deprel("nmod", "ADJ"), "obl");
  EXPECT_EQ(UdV2Deprel("nmod", "ADV"), "obl");
  EXPECT_EQ(UdV2Deprel("nmod", "NOUN"), "nmod");
  EXPECT_EQ(UdV2Deprel("nmod", "PROPN"), "nmod");
  EXPECT_EQ(UdV2Deprel("nmod", ""), "nmod");  // root's dependents have no head word
  EXPECT_EQ(UdV2Deprel("nmod:tmod", "VERB"), "obl:tmod");
  EXPECT_EQ(UdV2Deprel("nmod:npmod", "VERB"), "obl:npmod");
  EXPECT_EQ(UdV2Deprel("nmod:tmod", "NOUN"), "nmod:tmod");
  EXPECT_EQ(UdV2Deprel("nmod:poss", "VERB"), "nmod:poss");
  // v2 labels and the labels both versions share pass through.
  for (const char* same : {"obj", "obl", "nsubj", "nsubj:pass", "flat", "fixed", "advmod", "case",
                           "compound:prt", "acl:relcl", "xcomp", "root", "punct"}) {
    EXPECT_EQ(UdV2Deprel(same, "VERB"), same);
  }
}

EventRecord SmallRecord() {
  EventRecord r;
  r.id = "T-1";
  r.category = "DEMO";
  r.date = "19950103";
  r.line = 10;
  r.parse_line = 14;
  r.text = "Arnor did not attack Gondor, \"officials\" said on Tuesday.";
  r.parse =
      "1\tArnor\tArnor\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
      "2\tdid\tdo\tVERB\tVBD\t_\t4\taux\t_\t_\n"
      "3\tnot\tnot\tPART\tRB\t_\t4\tneg\t_\t_\n"
      "4\tattack\tattack\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\t_\n"
      "5\tGondor\tGondor\tPROPN\tNNP\t_\t4\tdobj\t_\t_\n"
      "6\t,\t,\tPUNCT\t,\t_\t4\tpunct\t_\t_\n"
      "7\t``\t``\tPUNCT\t``\t_\t8\tpunct\t_\t_\n"
      "8\tofficials\tofficial\tNOUN\tNNS\t_\t10\tnsubj\t_\t_\n"
      "9\t''\t''\tPUNCT\t''\t_\t8\tpunct\t_\t_\n"
      "10\tsaid\tsay\tVERB\tVBD\t_\t4\tparataxis\t_\t_\n"
      "11\ton\ton\tADP\tIN\t_\t12\tcase\t_\t_\n"
      "12\tTuesday\tTuesday\tPROPN\tNNP\t_\t10\tnmod\t_\t_\n"
      "13\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";
  return r;
}

TEST(RecordDocument, AlignsFormsAndUpgradesLabels) {
  size_t unaligned = 0;
  auto doc = RecordDocument(SmallRecord(), "r.xml", &unaligned);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(unaligned, 0u);
  EXPECT_EQ(doc->article.id, "T-1");
  EXPECT_EQ(doc->article.date.value_or(""), "1995-01-03");
  EXPECT_EQ(doc->article.origin, "r.xml:10");
  ASSERT_EQ(doc->sentences.size(), 1u);
  ASSERT_EQ(doc->paragraphs.size(), 1u);
  ASSERT_EQ(doc->words.size(), 13u);
  ASSERT_EQ(doc->tokens.size(), 13u);
  for (const Word& w : doc->words) {
    if (w.form == "``" || w.form == "''") {
      EXPECT_EQ(doc->Text(w.span), "\"");
    } else {
      EXPECT_EQ(doc->Text(w.span), w.form);
    }
  }
  EXPECT_EQ(doc->Text(doc->sentences[0].span), doc->article.text);
  const auto& w = doc->words;
  EXPECT_EQ(w[1].upos, "AUX");         // aux "did"
  EXPECT_EQ(w[2].deprel, "advmod");    // neg
  EXPECT_EQ(w[2].feats, "Polarity=Neg");
  EXPECT_EQ(w[4].deprel, "obj");       // dobj
  EXPECT_EQ(w[11].deprel, "obl");      // nmod on the verb "said"
  EXPECT_EQ(w[11].head, 9);
  EXPECT_EQ(w[3].head, -1);
}

TEST(RecordDocument, FormsMissingFromTheTextSpanTheGap) {
  EventRecord r = SmallRecord();
  r.text = "Arnor did n't attack Gondor, \"officials\" said on Tuesday.";  // "not" is "n't"
  size_t unaligned = 0;
  auto doc = RecordDocument(r, "r.xml", &unaligned);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(unaligned, 1u);
  EXPECT_EQ(doc->Text(doc->words[2].span), "n't");
  EXPECT_EQ(doc->Text(doc->words[3].span), "attack");
}

TEST(RecordDocument, CurlyQuotesAndBracketEscapes) {
  EventRecord r;
  r.id = "Q";
  r.text = "Arnor\u2019s army (AA) \u201cwon\u201d.";
  r.parse =
      "1\tArnor\tArnor\tPROPN\tNNP\t_\t3\tnmod:poss\t_\t_\n"
      "2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_\n"
      "3\tarmy\tarmy\tNOUN\tNN\t_\t8\tnsubj\t_\t_\n"
      "4\t-LRB-\t-LRB-\tPUNCT\t-LRB-\t_\t5\tpunct\t_\t_\n"
      "5\tAA\tAA\tPROPN\tNNP\t_\t3\tappos\t_\t_\n"
      "6\t-RRB-\t-RRB-\tPUNCT\t-RRB-\t_\t5\tpunct\t_\t_\n"
      "7\t``\t``\tPUNCT\t``\t_\t8\tpunct\t_\t_\n"
      "8\twon\twin\tVERB\tVBD\t_\t0\troot\t_\t_\n"
      "9\t''\t''\tPUNCT\t''\t_\t8\tpunct\t_\t_\n"
      "10\t.\t.\tPUNCT\t.\t_\t8\tpunct\t_\t_\n";
  size_t unaligned = 0;
  auto doc = RecordDocument(r, "q.xml", &unaligned);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(unaligned, 0u);
  std::vector<std::string> texts;
  for (const Word& w : doc->words) texts.emplace_back(doc->Text(w.span));
  EXPECT_EQ(texts, (std::vector<std::string>{"Arnor", "\u2019s", "army", "(", "AA", ")", "\u201c",
                                             "won", "\u201d", "."}));
  EXPECT_EQ(doc->words[1].form, "'s");  // the parse's form is kept
  EXPECT_FALSE(doc->article.date.has_value());  // no YYYYMMDD date
}

TEST(RecordDocument, FeaturesKeepTheirOrder) {
  EventRecord r = SmallRecord();
  const std::string plain = "3\tnot\tnot\tPART\tRB\t_";
  r.parse.replace(r.parse.find(plain), plain.size(), "3\tnot\tnot\tPART\tRB\tAbc=1|Zz=2");
  auto doc = RecordDocument(r, "r.xml", nullptr);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->words[2].feats, "Abc=1|Polarity=Neg|Zz=2");
}

TEST(RecordDocument, BadParseNamesTheFileLine) {
  EventRecord r = SmallRecord();
  r.parse = "1\tArnor\tArnor\tPROPN\tNNP\t_\t0\troot\t_\t_\n2\tbroken line\n";
  auto doc = RecordDocument(r, "r.xml", nullptr);
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(doc.status().IsCorruption());
  EXPECT_NE(doc.status().message().find("r.xml:15:"), std::string::npos) << doc.status().message();

  r.parse.clear();
  auto none = RecordDocument(r, "r.xml", nullptr);
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("record T-1: no <Parse>"), std::string::npos);
}

}  // namespace
}  // namespace dyad
