#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "dyad/eval.h"
#include "dyad/ner.h"
#include "dyad/nlp.h"
#include "dyad/train.h"
#include "train/train_ner_internal.h"

namespace dyad {
namespace {

const std::string kUner = std::string(DYAD_SHARED_DIR) + "/data/uner-english-ewt/";
const std::string kTagger = std::string(DYAD_SOURCE_DIR) + "/models/" + kTaggerFile;

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("dyad_ner_test_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

// The trivial baseline: every name seen in training, looked up by its exact
// words, longest first.
Document DictionaryBaseline(const Document& train, const Document& test) {
  std::map<std::vector<std::string>, std::string> names;
  size_t longest = 0;
  for (const Mention& m : train.mentions) {
    std::vector<std::string> words;
    for (uint32_t k = 0; k < m.num_words; ++k) words.push_back(train.words[m.first_word + k].form);
    longest = std::max<size_t>(longest, words.size());
    names[words] = m.type;
  }
  Document sys = test;
  sys.mentions.clear();
  for (uint32_t si = 0; si < sys.sentences.size(); ++si) {
    const Sentence& s = sys.sentences[si];
    for (uint32_t i = 0; i < s.num_words;) {
      uint32_t matched = 0;
      for (size_t len = std::min<size_t>(longest, s.num_words - i); len > 0 && !matched; --len) {
        std::vector<std::string> words;
        for (uint32_t k = 0; k < len; ++k) words.push_back(sys.words[s.first_word + i + k].form);
        auto it = names.find(words);
        if (it == names.end()) continue;
        Mention m;
        m.type = it->second;
        m.sentence = si;
        m.first_word = s.first_word + i;
        m.num_words = static_cast<uint32_t>(len);
        sys.mentions.push_back(m);
        matched = static_cast<uint32_t>(len);
      }
      i += matched ? matched : 1;
    }
  }
  return sys;
}

TEST(TrainNerTest, SmallRunBeatsDictionaryBaseline) {
  if (!std::filesystem::exists(kUner + "en_ewt-ud-train.draft-2022.iob2")) {
    GTEST_SKIP() << "needs ../shared/data/uner-english-ewt: absent";
  }
  if (!std::filesystem::exists(kTagger)) GTEST_SKIP() << "no tagger model " << kTagger;
  NerTrainOptions opt;
  opt.train_path = kUner + "en_ewt-ud-train.draft-2022.iob2";
  opt.max_sentences = 600;
  opt.epochs = 4;
  opt.ensemble = 2;
  opt.output_path = TempPath("small.ner");
  opt.tagger_path = kTagger;
  opt.gazetteer_path = std::string(DYAD_SOURCE_DIR) + "/data/ner/gazetteer.txt";
  opt.partial_train = true;  // two stages, the second with latent ORG tags
  ASSERT_TRUE(TrainNer(opt).ok());
  auto model = NerModel::Load(opt.output_path);
  ASSERT_TRUE(model.ok()) << model.status().ToString();

  // Deterministic for a seed: the same bytes again.
  const std::string again = TempPath("again.ner");
  opt.output_path = again;
  ASSERT_TRUE(TrainNer(opt).ok());
  auto bytes = [](const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  EXPECT_EQ(bytes(TempPath("small.ner")), bytes(again));

  auto train = ReadIobFile(opt.train_path);
  ASSERT_TRUE(train.ok());
  auto dev = ReadIobFile(kUner + "en_ewt-ud-dev.iob2");
  ASSERT_TRUE(dev.ok());
  auto tagger = Tagger::Load(kTagger);
  ASSERT_TRUE(tagger.ok());
  Document first = train->doc;  // the 600 sentences trained on
  first.mentions.erase(
      std::remove_if(first.mentions.begin(), first.mentions.end(),
                     [&](const Mention& m) { return m.sentence >= opt.max_sentences; }),
      first.mentions.end());
  IobCorpus sys = *dev;
  sys.doc.mentions.clear();
  (*tagger)->Annotate(&sys.doc);
  (*model)->AnnotateIob(&sys);
  auto scores = EvaluateNer(dev->doc, sys.doc);
  ASSERT_TRUE(scores.ok());
  auto base = EvaluateNer(dev->doc, DictionaryBaseline(first, dev->doc));
  ASSERT_TRUE(base.ok());
  EXPECT_GT((*scores)[0].f1(), (*base)[0].f1() + 0.1)
      << "model " << (*scores)[0].f1() << " baseline " << (*base)[0].f1();
  std::filesystem::remove(TempPath("small.ner"));
  std::filesystem::remove(again);
}

TEST(TrainNerTest, GazetteerErrorsNameTheLine) {
  const std::string path = TempPath("gaz.txt");
  {
    std::ofstream out(path);
    out << "# comment\ncountry\tFrance\nno tab here\n";
  }
  ner_internal::Lexicon lex;
  Status st = train_internal::ReadGazetteer(path, &lex);
  EXPECT_TRUE(st.IsInvalidArgument());
  EXPECT_NE(st.ToString().find(":3"), std::string::npos) << st.ToString();
  std::filesystem::remove(path);
}

TEST(TrainNerTest, ClustersGroupWordsSeenInTheSameContexts) {
  train_internal::WordSentences text;
  for (int r = 0; r < 20; ++r) {
    for (const char* city : {"paris", "london", "rome"}) text.push_back({"i", "flew", "to", city, "today"});
    for (const char* food : {"apples", "pears", "plums"}) text.push_back({"we", "ate", "some", food, "."});
  }
  ner_internal::Lexicon lex;
  train_internal::BuildClusters(text, {2, 4, 8}, 3, 1, &lex, nullptr);
  // Words with the same contexts share a cluster at every level; at the
  // finest level the two kinds are apart.
  auto cluster = [&](const char* w, int level) {
    return (lex.clusters.Find(nlp_internal::HashBytes(w)) >> (10 * level)) & 1023;
  };
  for (int level = 0; level < 3; ++level) {
    EXPECT_EQ(cluster("paris", level), cluster("london", level));
    EXPECT_EQ(cluster("paris", level), cluster("rome", level));
    EXPECT_EQ(cluster("apples", level), cluster("plums", level));
  }
  EXPECT_NE(cluster("paris", 2), cluster("apples", 2));
  EXPECT_EQ(lex.cluster_sizes, (std::vector<uint32_t>{2, 4, 8}));
}

}  // namespace
}  // namespace dyad
