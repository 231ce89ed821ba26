// The models shipped in models/ on UD English EWT dev and test, gold
// tokenization (what `dyad parse --pretokenized` does). The floors are the
// figures in docs/nlp.md minus a small margin: a retrained model that loses
// accuracy fails here.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "dyad/conllu.h"
#include "dyad/eval.h"
#include "dyad/model_file.h"
#include "dyad/nlp.h"
#include "dyad/text.h"
#include "nlp/parser_internal.h"

namespace dyad {
namespace {

const std::string kEwt = std::string(DYAD_SHARED_DIR) + "/data/ud-english-ewt/";
const std::string kModels = std::string(DYAD_SOURCE_DIR) + "/models";

struct Floor {
  const char* metric;
  double dev, test;
};

// Measured figures (docs/nlp.md) minus 0.3.
constexpr Floor kFloors[] = {
    {"UPOS", 95.29 - 0.3, 95.62 - 0.3},   {"XPOS", 94.72 - 0.3, 95.05 - 0.3},
    {"UFeats", 95.47 - 0.3, 95.92 - 0.3}, {"Lemmas", 97.23 - 0.3, 97.11 - 0.3},
    {"UAS", 85.95 - 0.3, 86.31 - 0.3},    {"LAS", 83.01 - 0.3, 83.58 - 0.3},
};

// The same from raw text (test only; docs/nlp.md) minus 0.3.
constexpr Floor kRawFloors[] = {
    {"UPOS", 0, 94.88 - 0.3},
    {"UAS", 0, 84.24 - 0.3},
    {"LAS", 0, 81.68 - 0.3},
};

void CheckSplit(const std::string& file, bool test_split) {
  if (!std::filesystem::exists(kEwt + file)) GTEST_SKIP() << "no EWT data in " << kEwt;
  if (!std::filesystem::exists(kModels + "/" + kParserFile))
    GTEST_SKIP() << "no shipped models in " << kModels;
  const auto start = std::chrono::steady_clock::now();
  auto models = LoadNlpModels(kModels);
  ASSERT_TRUE(models.ok()) << models.status().ToString();
  const double load =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto gold = ReadConlluFile(kEwt + file);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  Document sys = gold->doc;
  for (Word& w : sys.words) {
    w.lemma.clear();
    w.upos.clear();
    w.xpos.clear();
    w.feats.clear();
    w.deprel.clear();
    w.head = -1;
  }
  models.value()->Annotate(&sys);
  auto scores = EvaluateUd(gold->doc, sys);
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  std::cout << file << " (models loaded in " << load << " s)\n" << FormatScores(scores.value());
  for (const Floor& f : kFloors) {
    for (const Score& s : scores.value()) {
      if (s.metric == f.metric) {
        EXPECT_GE(100.0 * s.f1(), test_split ? f.test : f.dev) << file << " " << f.metric;
      }
    }
  }
}

TEST(ShippedModelsTest, EwtDev) { CheckSplit("en_ewt-ud-dev.conllu", false); }
TEST(ShippedModelsTest, EwtTest) { CheckSplit("en_ewt-ud-test.conllu", true); }

// The shipped segmenter (raw mode) and models: raw text in, annotated words
// out.
struct RawAnnotator {
  std::unique_ptr<NlpModels> models;
  std::unique_ptr<Segmenter> segmenter;

  void Load() {
    auto m = LoadNlpModels(kModels);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    models = std::move(*m);
    auto s = Segmenter::Create(std::string(DYAD_SOURCE_DIR) + "/data", kModels + "/segmenter.dyad");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    segmenter = std::move(*s);
  }
  void Annotate(Document* d) const {
    segmenter->Segment(d, SegmentOptions{.raw = true});
    models->Annotate(d);
  }
};

// From raw text: the test file's text (ConlluRawText) segmented by the
// shipped segmenter in raw mode, then tagged, lemmatized and parsed; scored
// on the gold words by alignment (CoNLL 2018).
TEST(ShippedModelsTest, EwtTestRawText) {
  const std::string file = kEwt + "en_ewt-ud-test.conllu";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no EWT data in " << kEwt;
  if (!std::filesystem::exists(kModels + "/" + kParserFile))
    GTEST_SKIP() << "no shipped models in " << kModels;
  RawAnnotator raw;
  ASSERT_NO_FATAL_FAILURE(raw.Load());
  auto gold = ReadConlluFile(file);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  Document sys;
  sys.article.text = ConlluRawText(*gold);
  raw.Annotate(&sys);
  auto scores = EvaluateUd(gold->doc, sys);
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  std::cout << "en_ewt-ud-test.conllu, raw text\n" << FormatScores(scores.value());
  for (const Floor& f : kRawFloors) {
    for (const Score& s : scores.value()) {
      if (s.metric == f.metric) {
        EXPECT_GE(100.0 * s.f1(), f.test) << "raw text " << f.metric;
      }
    }
  }
}

// News sentences that EWT's fragments would make verbless: the past tense,
// with a subject before it; a fragment without one keeps its participle.
TEST(ShippedModelsTest, NewsSentencesGetAFiniteVerb) {
  if (!std::filesystem::exists(kModels + "/" + kParserFile))
    GTEST_SKIP() << "no shipped models in " << kModels;
  RawAnnotator raw;
  ASSERT_NO_FATAL_FAILURE(raw.Load());
  auto xpos_of = [&](const std::string& text, const std::string& word) {
    Document d;
    d.article.text = text;
    raw.Annotate(&d);
    for (const Word& w : d.words) {
      if (d.Text(w.span) == word) return w.xpos;
    }
    return std::string("(missing)");
  };
  EXPECT_EQ(xpos_of("Police arrested 40 people.", "arrested"), "VBD");
  EXPECT_EQ(xpos_of("Israeli jets bombed Gaza on Monday.", "bombed"), "VBD");
  EXPECT_EQ(xpos_of("Gunmen killed 12 villagers in the north, police said.", "killed"), "VBD");
  EXPECT_EQ(xpos_of("Highly recommended.", "recommended"), "VBN");
}

// Parser payloads: versions 1 (greedy, written before the beam width was
// stored) and 2 (no word clusters) still load; a beam width out of range is a Corruption; a beam model
// gives every word a head and one root.
TEST(ParserFormatTest, ReadsVersion1AndChecksTheBeamWidth) {
  nlp_internal::ParserModel m;
  m.deprels = {"nsubj", "obj", "root"};
  m.root_label = 2;
  // SHIFT slightly preferred, RIGHT-ARC(obj) after it: a chain.
  m.weights.Build(8, {{nlp_internal::Feat(1, 0), {{0, 0.5f}, {5, 1.0f}}}});
  Document doc;
  doc.article.text = "a b c d";
  doc.words.resize(4);
  for (uint32_t i = 0; i < 4; ++i) {
    doc.words[i].span = Span{2 * i, 2 * i + 1};
    doc.words[i].upos = "NOUN";
    doc.words[i].xpos = "NN";
  }
  Sentence sent;
  sent.num_words = 4;
  doc.sentences.push_back(sent);

  ModelWriter v1(ModelComponent::kParser, 1);
  v1.StringArray(m.deprels);
  v1.U32(2);
  m.weights.Write(&v1);
  auto old = Parser::FromBytes(v1.Serialize(), "v1");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  ModelWriter v2(ModelComponent::kParser, 2);
  m.Write(&v2, 2);
  auto old2 = Parser::FromBytes(v2.Serialize(), "v2");
  ASSERT_TRUE(old2.ok()) << old2.status().ToString();

  for (int beam : {0, nlp_internal::kMaxBeam + 1}) {
    m.beam = beam;
    ModelWriter w(ModelComponent::kParser, nlp_internal::kParserVersion);
    m.Write(&w);
    auto bad = Parser::FromBytes(w.Serialize(), "bad");
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.status().IsCorruption()) << bad.status().ToString();
    EXPECT_NE(bad.status().message().find("beam"), std::string::npos) << bad.status().ToString();
  }
  ModelWriter next(ModelComponent::kParser, nlp_internal::kParserVersion + 1);
  m.beam = 1;
  m.Write(&next);
  EXPECT_FALSE(Parser::FromBytes(next.Serialize(), "next").ok());

  for (int beam : {1, 4}) {
    m.beam = beam;
    ModelWriter w(ModelComponent::kParser, nlp_internal::kParserVersion);
    m.Write(&w);
    auto p = Parser::FromBytes(w.Serialize(), "beam");
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    Document d = doc;
    p.value()->Annotate(&d);
    int roots = 0;
    for (const Word& w : d.words) {
      roots += w.head < 0;
      EXPECT_FALSE(w.deprel.empty());
    }
    EXPECT_EQ(roots, 1) << "beam " << beam;
    EXPECT_EQ(d.words[0].head, -1);
    EXPECT_EQ(d.words[3].head, 2) << "beam " << beam;
  }
}

}  // namespace
}  // namespace dyad
