// Training on a slice of UD English EWT: the models must beat trivial
// baselines, and training must be deterministic for a seed.
#include "dyad/train.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "dyad/conllu.h"
#include "dyad/eval.h"
#include "dyad/model_file.h"
#include "dyad/nlp.h"
#include "dyad/quotes.h"
#include "nlp/parser_internal.h"
#include "nlp/tagger_internal.h"

namespace dyad {
namespace {

const std::string kEwt = std::string(DYAD_SHARED_DIR) + "/data/ud-english-ewt/";

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("dyad_train_test_" + name)).string();
}

std::string ReadAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The first `n` sentences of a treebank.
Document Slice(const Document& doc, size_t n) {
  Document d = doc;
  n = std::min(n, d.sentences.size());
  d.sentences.resize(n);
  return d;
}

double Metric(const Document& gold, const Document& sys, const std::string& name) {
  auto scores = EvaluateUd(gold, sys);
  EXPECT_TRUE(scores.ok()) << scores.status().ToString();
  if (!scores.ok()) return 0;
  for (const Score& s : scores.value()) {
    if (s.metric == name) return 100.0 * s.f1();
  }
  return 0;
}

class TinyTrainingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kEwt + "en_ewt-ud-train.conllu"))
      GTEST_SKIP() << "no EWT data in " << kEwt;
  }
};

TEST_F(TinyTrainingTest, BeatsBaselinesAndIsDeterministic) {
  ParserTrainOptions o;
  o.train_path = kEwt + "en_ewt-ud-train.conllu";
  o.max_sentences = 400;
  o.epochs = 4;
  o.jackknife_folds = 2;
  o.tagger_epochs = 3;
  o.ensemble = 2;
  o.output_path = TempPath("tagger");
  ASSERT_TRUE(TrainTagger(o).ok());
  const std::string tagger_bytes = ReadAll(o.output_path);
  std::string again_path = TempPath("tagger2");
  TrainOptions again = o;
  again.output_path = again_path;
  ASSERT_TRUE(TrainTagger(again).ok());
  EXPECT_EQ(ReadAll(again_path), tagger_bytes) << "training is not deterministic";
  o.output_path = TempPath("lemmatizer");
  ASSERT_TRUE(TrainLemmatizer(o).ok());
  o.output_path = TempPath("parser");
  ASSERT_TRUE(TrainParser(o).ok());

  auto tagger = Tagger::Load(TempPath("tagger"));
  auto lemmatizer = Lemmatizer::Load(TempPath("lemmatizer"));
  auto parser = Parser::Load(TempPath("parser"));
  ASSERT_TRUE(tagger.ok() && lemmatizer.ok() && parser.ok());
  NlpModels models{std::move(tagger.value()), std::move(lemmatizer.value()),
                   std::move(parser.value())};

  auto dev = ReadConlluFile(kEwt + "en_ewt-ud-dev.conllu");
  ASSERT_TRUE(dev.ok());
  const Document gold = Slice(dev->doc, 300);
  Document sys = gold;
  models.Annotate(&sys);

  // Baselines: every word gets the most frequent UPOS of the training slice;
  // every word attaches to the word before it.
  auto train = ReadConlluFile(o.train_path);
  ASSERT_TRUE(train.ok());
  std::map<std::string, int> upos_counts;
  for (size_t k = 0; k < train->doc.sentences.size() && k < o.max_sentences; ++k) {
    const Sentence& s = train->doc.sentences[k];
    for (uint32_t i = 0; i < s.num_words; ++i)
      ++upos_counts[train->doc.words[s.first_word + i].upos];
  }
  std::string most_frequent;
  for (const auto& [tag, n] : upos_counts) {
    if (most_frequent.empty() || n > upos_counts[most_frequent]) most_frequent = tag;
  }
  Document baseline = gold;
  for (const Sentence& s : baseline.sentences) {
    for (uint32_t i = 0; i < s.num_words; ++i) {
      Word& w = baseline.words[s.first_word + i];
      w.upos = most_frequent;
      w.head = static_cast<int32_t>(i) - 1;
      w.lemma = w.form;
    }
  }
  const double upos = Metric(gold, sys, "UPOS"), upos_base = Metric(gold, baseline, "UPOS");
  const double uas = Metric(gold, sys, "UAS"), uas_base = Metric(gold, baseline, "UAS");
  const double lemmas = Metric(gold, sys, "Lemmas"), lemmas_base = Metric(gold, baseline, "Lemmas");
  EXPECT_GT(upos, upos_base + 40) << "UPOS " << upos << " vs most frequent tag " << upos_base;
  EXPECT_GT(upos, 80.0);
  EXPECT_GT(uas, uas_base + 15) << "UAS " << uas << " vs left attachment " << uas_base;
  EXPECT_GT(lemmas, lemmas_base + 5) << "Lemmas " << lemmas << " vs the form " << lemmas_base;
  EXPECT_GT(Metric(gold, sys, "LAS"), 50.0);

  // Both models carry the word clusters learned from the training words, the
  // same in both (same text, same seed); a tagger written as payload version
  // 1 (no clusters) still loads and tags.
  auto tr = ModelReader::Open(TempPath("tagger"), ModelComponent::kTagger);
  ASSERT_TRUE(tr.ok()) << tr.status().ToString();
  nlp_internal::TaggerModel tm;
  ASSERT_TRUE(tm.Read(&tr.value()).ok());
  auto pr = ModelReader::Open(TempPath("parser"), ModelComponent::kParser);
  ASSERT_TRUE(pr.ok()) << pr.status().ToString();
  nlp_internal::ParserModel pm;
  ASSERT_TRUE(pm.Read(&pr.value()).ok());
  ASSERT_EQ(tm.clusters.sizes.size(), 3u);
  EXPECT_EQ(pm.clusters.sizes, tm.clusters.sizes);
  EXPECT_GT(tm.clusters.index.size(), 500u);
  EXPECT_EQ(pm.clusters.index.size(), tm.clusters.index.size());
  uint32_t the[3], of[3];
  tm.clusters.Lookup(nlp_internal::HashBytes("the"), the);
  tm.clusters.Lookup(nlp_internal::HashBytes("of"), of);
  EXPECT_GT(the[0], 0u);
  EXPECT_NE(the[2], of[2]);
  ModelWriter v1(ModelComponent::kTagger, 1);
  tm.Write(&v1, 1);
  auto old_tagger = Tagger::FromBytes(v1.Serialize(), "v1");
  ASSERT_TRUE(old_tagger.ok()) << old_tagger.status().ToString();
  Document old_sys = gold;
  old_tagger.value()->Annotate(&old_sys);
  EXPECT_GT(Metric(gold, old_sys, "UPOS"), 50.0);

  for (const char* name : {"tagger", "tagger2", "lemmatizer", "parser"})
    std::filesystem::remove(TempPath(name));
}

TEST_F(TinyTrainingTest, MissingTrainingFileIsAnError) {
  TrainOptions o;
  o.train_path = "/nonexistent.conllu";
  o.output_path = TempPath("never");
  EXPECT_FALSE(TrainTagger(o).ok());
  EXPECT_FALSE(TrainLemmatizer(o).ok());
  ParserTrainOptions po;
  static_cast<TrainOptions&>(po) = o;
  EXPECT_FALSE(TrainParser(po).ok());
}

// "<Name> <verb> that the plan failed." as CoNLL-U, the verb not in the
// quotes lexicon.
Document ThatClause(const std::string& name, const std::string& form, const std::string& lemma) {
  std::istringstream in("1\t" + name + "\t" + name + "\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n" +
                        "2\t" + form + "\t" + lemma + "\tVERB\tVBD\t_\t0\troot\t_\t_\n" +
                        "3\tthat\tthat\tSCONJ\tIN\t_\t6\tmark\t_\t_\n"
                        "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
                        "5\tplan\tplan\tNOUN\tNN\t_\t6\tnsubj\t_\t_\n"
                        "6\tfailed\tfail\tVERB\tVBD\t_\t2\tccomp\t_\tSpaceAfter=No\n"
                        "7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n");
  auto corpus = ReadConllu(in, "that-clause");
  EXPECT_TRUE(corpus.ok()) << corpus.status().ToString();
  return corpus.ok() ? corpus->doc : Document{};
}

TEST(CueModelTraining, LearnsAnUnlistedVerbAndIsDeterministic) {
  const std::string data = std::string(DYAD_SOURCE_DIR) + "/data";
  auto finder = QuoteFinder::Load(data);
  ASSERT_TRUE(finder.ok()) << finder.status().ToString();
  ASSERT_FALSE((*finder)->ClassOf("grumble"));
  // "grumbled" marked as a cue, "painted" (same frame) not.
  std::vector<Document> docs;
  std::vector<std::vector<Span>> gold;
  for (int k = 0; k < 20; ++k) {
    docs.push_back(ThatClause("Smith", "grumbled", "grumble"));
    gold.push_back({docs.back().words[1].span});
    docs.push_back(ThatClause("Jones", "painted", "paint"));
    gold.push_back({});
  }
  CueModelOptions options;
  options.threshold = 0;
  const std::string path = ::testing::TempDir() + "/dyad_train_cues.model";
  std::ostringstream log;
  ASSERT_TRUE(TrainCueModel(data, docs, gold, options, path, &log).ok());
  EXPECT_NE(log.str().find("epoch 8"), std::string::npos) << log.str();
  const std::string again = ::testing::TempDir() + "/dyad_train_cues_again.model";
  ASSERT_TRUE(TrainCueModel(data, docs, gold, options, again, nullptr).ok());
  std::ifstream a(path, std::ios::binary), b(again, std::ios::binary);
  std::stringstream sa, sb;
  sa << a.rdbuf();
  sb << b.rdbuf();
  EXPECT_EQ(sa.str(), sb.str());

  Document before = ThatClause("Brown", "grumbled", "grumble");
  (*finder)->Find(&before);
  EXPECT_TRUE(before.quotes.empty());
  ASSERT_TRUE((*finder)->LoadCueModel(path).ok());
  Document after = ThatClause("Brown", "grumbled", "grumble");
  (*finder)->Find(&after);
  ASSERT_EQ(after.quotes.size(), 1u);
  EXPECT_EQ(after.Text(*after.quotes[0].cue), "grumbled");
  EXPECT_EQ(after.Text(*after.quotes[0].speaker), "Brown");
  Document other = ThatClause("Brown", "painted", "paint");
  (*finder)->Find(&other);
  EXPECT_TRUE(other.quotes.empty());
}

TEST(CueModelTraining, MismatchedGoldIsAnError) {
  std::vector<Document> docs(2);
  std::vector<std::vector<Span>> gold(1);
  Status s = TrainCueModel(std::string(DYAD_SOURCE_DIR) + "/data", docs, gold, CueModelOptions{},
                           ::testing::TempDir() + "/dyad_train_cues_bad.model", nullptr);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
}

}  // namespace
}  // namespace dyad
