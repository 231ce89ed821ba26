#include "dyad/nlp.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "dyad/model_file.h"
#include "nlp/lemmatizer_internal.h"
#include "nlp/parser_internal.h"
#include "nlp/perceptron_internal.h"
#include "nlp/tagger_internal.h"

namespace dyad {
namespace {

using nlp_internal::SparseWeights;

SparseWeights SmallWeights(uint32_t num_classes) {
  std::vector<SparseWeights::Row> rows;
  for (uint64_t k = 1; k <= 20; ++k) {
    SparseWeights::Row r{nlp_internal::Mix(k) | 1, {}};
    for (uint32_t c = 0; c < num_classes; c += 1 + (k % 3)) r.entries.emplace_back(c, 0.1f * k - c);
    rows.push_back(r);
  }
  SparseWeights w;
  w.Build(num_classes, rows);
  return w;
}

std::string SmallTaggerBytes() {
  nlp_internal::TaggerModel m;
  m.upos = {"NOUN", "VERB", "DET"};
  m.xpos = {"NN", "VBZ", "DT"};
  m.weights = SmallWeights(3);
  m.tag_dict.Build({nlp_internal::HashBytes("the")}, {2 * 2 + 1});
  m.feats = {"", "Number=Sing"};
  m.word_feats.Build({nlp_internal::Feat(0, nlp_internal::HashBytes("cat"), 0)}, {2 * 1 + 1});
  m.class_cand_start = {0, 2, 3, 4};
  m.class_cands = {1, 0, 0, 0};
  m.feats_weights = SmallWeights(2);
  ModelWriter w(ModelComponent::kTagger, nlp_internal::kTaggerVersion);
  m.Write(&w);
  return w.Serialize();
}

std::string SmallLemmatizerBytes() {
  nlp_internal::LemmatizerModel m;
  m.lemmas = {"be", "cat"};
  m.exact.Build({nlp_internal::ExactLemmaKey("is", "VBZ")}, {0});
  m.lower_exact.Build({nlp_internal::LowerLemmaKey("cats", "NNS")}, {1});
  m.rules = {nlp_internal::LemmaRule{true, 1, ""}};
  m.suffix_rules.Build({nlp_internal::SuffixRuleKey("NNS", "s")}, {0});
  ModelWriter w(ModelComponent::kLemmatizer, nlp_internal::kLemmatizerVersion);
  m.Write(&w);
  return w.Serialize();
}

std::string SmallParserBytes() {
  nlp_internal::ParserModel m;
  m.deprels = {"det", "nsubj", "root"};
  m.root_label = 2;
  m.weights = SmallWeights(2 + 2 * 3);
  ModelWriter w(ModelComponent::kParser, nlp_internal::kParserVersion);
  m.Write(&w);
  return w.Serialize();
}

Document OneSentence(const std::vector<std::string>& forms) {
  Document d;
  Sentence s;
  for (const std::string& f : forms) {
    if (!d.article.text.empty()) d.article.text += ' ';
    Word w;
    w.span = {static_cast<uint32_t>(d.article.text.size()),
              static_cast<uint32_t>(d.article.text.size() + f.size())};
    d.article.text += f;
    w.form = f;
    w.token = static_cast<uint32_t>(d.tokens.size());
    Token t;
    t.span = w.span;
    t.first_word = static_cast<uint32_t>(d.words.size());
    d.tokens.push_back(t);
    d.words.push_back(w);
  }
  s.span = {0, static_cast<uint32_t>(d.article.text.size())};
  s.num_tokens = s.num_words = static_cast<uint32_t>(forms.size());
  d.sentences.push_back(s);
  return d;
}

TEST(SparseWeightsTest, DenseAndSparseRowsScoreTheSame) {
  // 3 classes: most rows are dense; 40 classes: most rows are sparse.
  for (uint32_t nc : {3u, 40u}) {
    SparseWeights w = SmallWeights(nc);
    for (uint64_t k = 1; k <= 20; ++k) {
      std::vector<float> scores(w.score_size(), 0.0f), expected(nc, 0.0f);
      uint64_t f = nlp_internal::Mix(k) | 1;
      w.Score(&f, 1, scores.data());
      for (uint32_t c = 0; c < nc; c += 1 + (k % 3)) expected[c] = 0.1f * k - c;
      for (uint32_t c = 0; c < nc; ++c)
        EXPECT_FLOAT_EQ(scores[c], expected[c]) << "nc " << nc << " k " << k;
    }
    std::vector<float> scores(w.score_size(), 0.0f);
    uint64_t unknown = 12345;
    w.Score(&unknown, 1, scores.data());
    for (float s : scores) EXPECT_EQ(s, 0.0f);
  }
}

TEST(HashIndexTest, FindsWhatWasBuilt) {
  nlp_internal::HashIndex h;
  EXPECT_EQ(h.Find(42), nlp_internal::HashIndex::kMissing);
  std::vector<uint64_t> keys;
  std::vector<uint32_t> values;
  for (uint32_t k = 1; k <= 1000; ++k) {
    keys.push_back(nlp_internal::Mix(k) | 1);
    values.push_back(k);
  }
  h.Build(keys, values);
  for (size_t k = 0; k < keys.size(); ++k) EXPECT_EQ(h.Find(keys[k]), values[k]);
  EXPECT_EQ(h.Find(2), nlp_internal::HashIndex::kMissing);
}

TEST(WordShapeTest, CollapsesRuns) {
  EXPECT_EQ(nlp_internal::WordShape("Kim-Jong"), "Xxx-Xxx");
  EXPECT_EQ(nlp_internal::WordShape("1990s"), "ddx");
  EXPECT_EQ(nlp_internal::WordShape("USA"), "XX");
}

TEST(LemmaRuleTest, AppliesAndRefusesToSplitUtf8) {
  std::string out;
  EXPECT_TRUE(nlp_internal::ApplyLemmaRule({true, 1, ""}, "Cats", &out));
  EXPECT_EQ(out, "cat");
  EXPECT_TRUE(nlp_internal::ApplyLemmaRule({false, 3, "y"}, "Studies", &out));
  EXPECT_EQ(out, "Study");
  EXPECT_FALSE(nlp_internal::ApplyLemmaRule({false, 1, ""}, "caf\xc3\xa9", &out));
  EXPECT_FALSE(nlp_internal::ApplyLemmaRule({false, 9, ""}, "cat", &out));
}

TEST(SmallModelsTest, LoadAndAnnotate) {
  auto tagger = Tagger::FromBytes(SmallTaggerBytes(), "tagger");
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  auto lemmatizer = Lemmatizer::FromBytes(SmallLemmatizerBytes(), "lemmatizer");
  ASSERT_TRUE(lemmatizer.ok()) << lemmatizer.status().ToString();
  auto parser = Parser::FromBytes(SmallParserBytes(), "parser");
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  NlpModels models{std::move(tagger.value()), std::move(lemmatizer.value()),
                   std::move(parser.value())};
  Document d = OneSentence({"the", "cats", "is", "here", "."});
  models.Annotate(&d);
  EXPECT_EQ(d.words[0].xpos, "DT");  // from the tag dictionary
  int roots = 0;
  for (const Word& w : d.words) {
    EXPECT_FALSE(w.upos.empty());
    EXPECT_FALSE(w.deprel.empty());
    EXPECT_LT(w.head, 5);
    roots += w.head < 0;
  }
  EXPECT_EQ(roots, 1);
  EXPECT_EQ(models.lemmatizer->Lemmatize("is", "VBZ", "AUX"), "be");
  EXPECT_EQ(models.lemmatizer->Lemmatize("Cats", "NNS", "NOUN"), "cat");  // by the suffix rule
  EXPECT_EQ(models.lemmatizer->Lemmatize("Dogs", "NNS", "NOUN"), "dog");
  EXPECT_EQ(models.lemmatizer->Lemmatize("Paris", "NNP", "PROPN"), "Paris");
}

TEST(SmallModelsTest, EmptySentenceIsFine) {
  auto parser = Parser::FromBytes(SmallParserBytes(), "parser");
  ASSERT_TRUE(parser.ok());
  Document d;
  d.sentences.push_back(Sentence{});
  parser.value()->Annotate(&d);
}

// Every truncation and every single-byte change of a model file must give
// Corruption, never a crash.
template <typename Loader>
void ExpectCorruptionOnDamage(const std::string& bytes, Loader load) {
  for (size_t n = 0; n < bytes.size(); ++n) {
    Status st = load(bytes.substr(0, n));
    EXPECT_TRUE(st.IsCorruption()) << "truncated to " << n << ": " << st.ToString();
  }
  for (size_t i = 0; i < bytes.size(); i += 7) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
    Status st = load(damaged);
    EXPECT_TRUE(st.IsCorruption()) << "byte " << i << " changed: " << st.ToString();
  }
  EXPECT_TRUE(load(bytes).ok());
}

TEST(ModelFilesTest, TruncatedOrDamagedTaggerIsCorruption) {
  ExpectCorruptionOnDamage(SmallTaggerBytes(), [](std::string b) {
    return Tagger::FromBytes(std::move(b), "t").status();
  });
}

TEST(ModelFilesTest, TruncatedOrDamagedLemmatizerIsCorruption) {
  ExpectCorruptionOnDamage(SmallLemmatizerBytes(), [](std::string b) {
    return Lemmatizer::FromBytes(std::move(b), "l").status();
  });
}

TEST(ModelFilesTest, TruncatedOrDamagedParserIsCorruption) {
  ExpectCorruptionOnDamage(SmallParserBytes(), [](std::string b) {
    return Parser::FromBytes(std::move(b), "p").status();
  });
}

TEST(ModelFilesTest, WrongComponentIsCorruption) {
  EXPECT_TRUE(Parser::FromBytes(SmallTaggerBytes(), "x").status().IsCorruption());
  EXPECT_TRUE(Tagger::FromBytes(SmallParserBytes(), "x").status().IsCorruption());
}

// A payload with a valid checksum but inconsistent contents.
TEST(ModelFilesTest, InconsistentPayloadIsCorruption) {
  {
    nlp_internal::ParserModel m;
    m.deprels = {"det", "root"};
    m.root_label = 1;
    m.weights = SmallWeights(4);  // needs 2 + 2 * 2 = 6 classes
    ModelWriter w(ModelComponent::kParser, nlp_internal::kParserVersion);
    m.Write(&w);
    Status st = Parser::FromBytes(w.Serialize(), "p").status();
    EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  }
  {
    ModelWriter w(ModelComponent::kParser, nlp_internal::kParserVersion + 100);
    Status st = Parser::FromBytes(w.Serialize(), "p").status();
    EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  }
  {
    nlp_internal::TaggerModel m;
    m.upos = {"NOUN"};
    m.xpos = {"NN"};
    m.weights = SmallWeights(1);
    m.feats = {""};
    m.class_cand_start = {0, 1};
    m.class_cands = {3};  // out of range
    m.feats_weights = SmallWeights(1);
    ModelWriter w(ModelComponent::kTagger, nlp_internal::kTaggerVersion);
    m.Write(&w);
    Status st = Tagger::FromBytes(w.Serialize(), "t").status();
    EXPECT_TRUE(st.IsCorruption()) << st.ToString();
  }
}

TEST(ModelFilesTest, MissingFileIsNotFound) {
  EXPECT_TRUE(Tagger::Load("/nonexistent/en_ewt.tagger").status().IsNotFound());
  EXPECT_TRUE(LoadNlpModels("/nonexistent").status().IsNotFound());
}

// The shipped models on a sentence (their accuracy is tested in
// src/train/shipped_models_test.cc).
TEST(ShippedModelsTest, TagAndParseASentence) {
  const std::string dir = std::string(DYAD_SOURCE_DIR) + "/models";
  if (!std::filesystem::exists(dir + "/" + kParserFile))
    GTEST_SKIP() << "no shipped models in " << dir;
  auto models = LoadNlpModels(dir);
  ASSERT_TRUE(models.ok()) << models.status().ToString();
  Document d = OneSentence({"Pompeo", "praised", "China", "on", "Tuesday", "."});
  models.value()->Annotate(&d);
  EXPECT_EQ(d.words[0].upos, "PROPN");
  EXPECT_EQ(d.words[1].xpos, "VBD");
  EXPECT_EQ(d.words[1].lemma, "praise");
  EXPECT_EQ(d.words[1].head, -1);
  EXPECT_EQ(d.words[1].deprel, "root");
  EXPECT_EQ(d.words[0].head, 1);
  EXPECT_EQ(d.words[0].deprel, "nsubj");
  EXPECT_EQ(d.words[2].head, 1);
  EXPECT_EQ(d.words[2].deprel, "obj");
  EXPECT_EQ(d.words[5].deprel, "punct");
}

}  // namespace
}  // namespace dyad
