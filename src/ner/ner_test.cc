#include <chrono>
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "dyad/model_file.h"
#include "dyad/ner.h"
#include "ner/ner_internal.h"

namespace dyad {
namespace {

using ner_internal::NerModelData;

Result<IobCorpus> ReadString(const std::string& s, const IobReadOptions& o = {}) {
  std::istringstream in(s);
  return ReadIob(in, "test.iob2", o);
}

TEST(IobTest, ReadsUniversalNerWithCommentsAndOtherTypes) {
  auto c = ReadString(
      "# sent_id = s1\n"
      "# text = Kim Jong Un met Xi in Beijing .\n"
      "1\tKim\tB-PER\t-\tx\n"
      "2\tJong\tI-PER\t-\tx\n"
      "3\tUn\tI-PER\n"
      "4\tmet\tO\n"
      "5\tXi\tB-PER\n"
      "6\tin\tO\n"
      "7\tBeijing\tB-LOC\n"
      "8\t.\tO\n"
      "\n"
      "# newdoc id = b\n"
      "# sent_id = s2\n"
      "1\tKorean\tB-OTH\n"
      "2\tofficials\tB-O\n"
      "3\tsaid\tI-ORG\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const Document& d = c->doc;
  ASSERT_EQ(d.sentences.size(), 2u);
  ASSERT_EQ(d.words.size(), 11u);
  ASSERT_EQ(c->comments.size(), 2u);
  EXPECT_EQ(c->comments[0][0], "sent_id = s1");
  EXPECT_EQ(c->documents, (std::vector<uint32_t>{0, 1}));
  ASSERT_EQ(d.mentions.size(), 4u);
  EXPECT_EQ(d.mentions[0].type, "PER");
  EXPECT_EQ(d.mentions[0].num_words, 3u);
  EXPECT_EQ(d.Text(d.mentions[0].span), "Kim Jong Un");
  EXPECT_EQ(d.mentions[2].type, "LOC");
  EXPECT_EQ(d.Text(d.mentions[2].span), "Beijing");
  // OTH and B-O are O; a stray I-ORG starts a name.
  EXPECT_EQ(d.mentions[3].type, "ORG");
  EXPECT_EQ(d.mentions[3].sentence, 1u);
  EXPECT_EQ(d.mentions[3].first_word, 10u);
  const std::vector<std::string> tags = MentionTags(d);
  EXPECT_EQ(tags[0], "B-PER");
  EXPECT_EQ(tags[1], "I-PER");
  EXPECT_EQ(tags[8], "O");
  EXPECT_EQ(tags[10], "B-ORG");
}

TEST(IobTest, ReadsConllIob1AndDropsMisc) {
  auto c = ReadString(
      "-DOCSTART- O\n\n"
      "The I-ORG\nMad I-ORG\nCapsule I-ORG\nplayed O\nin O\nTokyo I-LOC\nLondon B-LOC\n"
      "and O\nJapanese I-MISC\nfans O\n\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const Document& d = c->doc;
  ASSERT_EQ(d.sentences.size(), 1u);
  ASSERT_EQ(d.mentions.size(), 3u);
  EXPECT_EQ(d.Text(d.mentions[0].span), "The Mad Capsule");
  EXPECT_EQ(d.Text(d.mentions[1].span), "Tokyo");
  EXPECT_EQ(d.Text(d.mentions[2].span), "London");
}

TEST(IobTest, BadLinesNameFileAndLine) {
  auto c = ReadString("1\tKim\tB-PER\n2\tsaid\tPERSON\n");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().ToString().find("test.iob2:2"), std::string::npos) << c.status().ToString();
}

TEST(IobTest, WriteReadsBack) {
  auto c = ReadString("1\tKim\tB-PER\n2\tvisited\tO\n3\tNew\tB-LOC\n4\tYork\tI-LOC\n");
  ASSERT_TRUE(c.ok());
  std::ostringstream out;
  WriteIob(c->doc, out, &c->comments);
  EXPECT_EQ(out.str(), "1\tKim\tB-PER\n2\tvisited\tO\n3\tNew\tB-LOC\n4\tYork\tI-LOC\n\n");
}

TEST(ViterbiTest, KeepsBioConstraints) {
  // Emissions that prefer I-PER everywhere: the first word must still start
  // the name, and no I-LOC may follow a PER.
  std::vector<float> emit(3 * ner_internal::kScoreSize, 0.0f);
  for (int i = 0; i < 3; ++i) emit[i * ner_internal::kScoreSize + 2] = 5.0f;  // I-PER
  emit[2 * ner_internal::kScoreSize + 6] = 9.0f;                               // I-LOC
  ner_internal::Transitions t;
  std::vector<int> tags;
  ner_internal::Viterbi(emit.data(), 3, t, &tags);
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_TRUE(ner_internal::Allowed(-1, tags[0]));
  for (int i = 1; i < 3; ++i) EXPECT_TRUE(ner_internal::Allowed(tags[i - 1], tags[i]));
  EXPECT_EQ(tags[1], 2);  // I-PER after a B-PER
}

// A small hand-made model: capitalised words are PER, the gazetteer's
// countries are LOC.
// With `two_stage`, a second stage that makes a first-stage PER an ORG.
std::string SmallModelBytes(bool two_stage = false) {
  NerModelData m;
  m.lexicon.cluster_sizes = {4, 8, 16};
  m.lexicon.clusters.Build({nlp_internal::HashBytes("kim")}, {1u | (2u << 10) | (3u << 20)});
  m.lexicon.caps.Build({nlp_internal::HashBytes("kim")}, {5});
  m.lexicon.gaz_types = {"country"};
  m.lexicon.gaz_max_words = 2;
  m.lexicon.gazetteer.Build({nlp_internal::HashBytes("northkorea")}, {1});
  std::vector<nlp_internal::SparseWeights::Row> rows;
  // Feature 26 is the word's flags; bit 0 = capitalised ("Xx" flags 1|16 = 17).
  rows.push_back({nlp_internal::Feat(26, 17), {{1, 2.0f}, {2, 1.5f}}});
  rows.push_back({nlp_internal::Feat(60, 0), {{5, 6.0f}}});  // gazetteer begin -> B-LOC
  rows.push_back({nlp_internal::Feat(60, 2), {{6, 6.0f}}});  // gazetteer end -> I-LOC
  m.weights.Build(ner_internal::kNumTags, rows);
  if (two_stage) {
    m.two_stage = true;
    // Feature 100 is the first stage's tag (1 = B-PER) -> B-ORG (3).
    m.doc_weights.Build(ner_internal::kNumTags, {{nlp_internal::Feat(100, 1), {{3, 4.0f}}}});
  }
  ModelWriter w(ModelComponent::kNer, ner_internal::kNerVersion);
  m.Write(&w);
  return w.Serialize();
}

Document MakeSentence(const std::vector<std::string>& words) {
  std::string iob;
  for (size_t i = 0; i < words.size(); ++i) iob += std::to_string(i + 1) + "\t" + words[i] + "\tO\n";
  std::istringstream in(iob);
  auto c = ReadIob(in, "s");
  EXPECT_TRUE(c.ok());
  for (Word& w : c->doc.words) w.upos = "X", w.xpos = "X";
  c->doc.mentions.clear();
  return c->doc;
}

TEST(NerModelTest, AnnotatesWithHandMadeWeights) {
  auto model = NerModel::FromBytes(SmallModelBytes(), "small");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Document d = MakeSentence({"yesterday", "Kim", "visited", "north", "korea", "."});
  (*model)->Annotate(&d);
  ASSERT_EQ(d.mentions.size(), 2u);
  EXPECT_EQ(d.mentions[0].type, "PER");
  EXPECT_EQ(d.Text(d.mentions[0].span), "Kim");
  EXPECT_EQ(d.mentions[0].first_word, 1u);
  EXPECT_EQ(d.mentions[1].type, "LOC");
  EXPECT_EQ(d.Text(d.mentions[1].span), "north korea");
  EXPECT_EQ(d.mentions[1].num_words, 2u);
  EXPECT_EQ((*model)->TagSentence(d, 0, 6),
            (std::vector<std::string>{"O", "B-PER", "O", "B-LOC", "I-LOC", "O"}));
}

TEST(NerModelTest, SecondStageReadsTheFirstStagesTags) {
  auto model = NerModel::FromBytes(SmallModelBytes(true), "two");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Document d = MakeSentence({"yesterday", "Kim", "visited", "north", "korea", "."});
  (*model)->Annotate(&d);
  ASSERT_EQ(d.mentions.size(), 1u);
  EXPECT_EQ(d.mentions[0].type, "ORG");
  EXPECT_EQ(d.Text(d.mentions[0].span), "Kim");
  EXPECT_EQ((*model)->TagSentence(d, 0, 6),
            (std::vector<std::string>{"O", "B-ORG", "O", "O", "O", "O"}));
}

TEST(NerModelTest, DocumentEvidenceFromTheFirstStage) {
  ner_internal::Lexicon lex;
  auto describe = [&](const std::vector<std::string_view>& forms) {
    std::vector<std::string_view> tags(forms.size(), "X");
    std::vector<ner_internal::NerWord> out;
    lex.DescribeSentence(forms, tags, tags, &out);
    return out;
  };
  std::vector<std::vector<ner_internal::NerWord>> scope = {
      describe({"Certified", "Public", "Accountants", "met"}),
      describe({"the", "CPA", "and", "Google", "."}),
      describe({"Google", "hired", "Public", "Accountants"})};
  // First-stage tags: 0 O, 3 B-ORG, 4 I-ORG.
  const std::vector<std::vector<int>> tags = {{3, 4, 4, 0}, {0, 0, 0, 3, 0}, {0, 0, 3, 4}};
  ner_internal::SetFirstStage(tags, &scope);
  const ner_internal::NerWord& cpa = scope[1][1];
  EXPECT_EQ(cpa.acronym, 1u << 1);  // initials of an ORG
  EXPECT_EQ(cpa.first_tag, 0);
  const ner_internal::NerWord& google = scope[2][0];
  EXPECT_EQ(google.others[2], 1);  // the other Google is an ORG
  EXPECT_EQ(google.others[0], 0);
  EXPECT_EQ(google.prev_type, 3);  // 2 + ORG
  EXPECT_EQ(scope[1][3].prev_type, 0);  // first occurrence
  // "Public Accountants" is a name elsewhere too: the same words as an ORG.
  EXPECT_EQ(scope[2][2].same_name, 0);   // different words from the first name
  EXPECT_EQ(scope[2][2].in_names, 1u << 1);  // in the first sentence's ORG
  EXPECT_EQ(scope[0][1].in_names, 1u << 1);  // in the last sentence's ORG
  uint64_t feats[ner_internal::kMaxDocFeatures];
  const int n = ner_internal::ExtractDocFeatures(scope[2], 0, feats);
  EXPECT_GT(n, 3);
  EXPECT_LE(n, ner_internal::kMaxDocFeatures);
}

TEST(NerModelTest, TruncatedOrDamagedModelIsCorruption) {
  for (bool two : {false, true}) {
    const std::string bytes = SmallModelBytes(two);
    for (size_t n = 0; n < bytes.size(); ++n) {
      auto m = NerModel::FromBytes(bytes.substr(0, n), "small");
      ASSERT_FALSE(m.ok());
      EXPECT_TRUE(m.status().IsCorruption()) << "truncated to " << n << ": " << m.status().ToString();
    }
    for (size_t i = 0; i < bytes.size(); ++i) {
      std::string b = bytes;
      b[i] = static_cast<char>(b[i] ^ 0x5a);
      auto m = NerModel::FromBytes(b, "small");
      ASSERT_FALSE(m.ok());
      EXPECT_TRUE(m.status().IsCorruption()) << "byte " << i << ": " << m.status().ToString();
    }
  }
}

TEST(NerModelTest, MissingFileIsNotFoundNamingIt) {
  auto m = NerModel::Load("/nonexistent/en_uner.ner");
  ASSERT_FALSE(m.ok());
  EXPECT_TRUE(m.status().IsNotFound()) << m.status().ToString();
  EXPECT_NE(m.status().ToString().find("en_uner.ner"), std::string::npos);
}

TEST(NerModelTest, ShippedModelLoadsQuickly) {
  const std::string path = std::string(DYAD_SOURCE_DIR) + "/models/" + kNerFile;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " absent";
  const auto start = std::chrono::steady_clock::now();
  auto m = NerModel::Load(path);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_LT(std::filesystem::file_size(path), 50u << 20);
  EXPECT_LT(secs, 2.0);  // 0.5 s on an idle machine; slack for a busy one
}

}  // namespace
}  // namespace dyad
