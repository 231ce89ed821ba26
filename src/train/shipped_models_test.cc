// The models shipped in models/ on UD English EWT dev and test, gold
// tokenization (what `dyad parse --pretokenized` does). The floors are the
// figures in docs/nlp.md minus a small margin: a retrained model that loses
// accuracy fails here.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "dyad/conllu.h"
#include "dyad/eval.h"
#include "dyad/nlp.h"

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
    {"UPOS", 95.13 - 0.3, 95.42 - 0.3},   {"XPOS", 94.46 - 0.3, 94.80 - 0.3},
    {"UFeats", 95.20 - 0.3, 95.75 - 0.3}, {"Lemmas", 97.24 - 0.3, 97.05 - 0.3},
    {"UAS", 85.64 - 0.3, 85.82 - 0.3},    {"LAS", 82.68 - 0.3, 83.08 - 0.3},
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

}  // namespace
}  // namespace dyad
