#include "dyad/train.h"

#include <fstream>
#include <sstream>
#include <string>

#include "dyad/text.h"
#include "gtest/gtest.h"

namespace dyad {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A tiny treebank: two paragraphs, three sentences, one without final
// punctuation.
constexpr char kTreebank[] =
    "# newdoc id = d1\n# newpar\n# sent_id = 1\n# text = Hello there.\n"
    "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n"
    "2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No\n"
    "3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n"
    "# sent_id = 2\n# text = Thanks Sean\n"
    "1\tThanks\tthanks\tNOUN\tNNS\t_\t0\troot\t_\t_\n"
    "2\tSean\tSean\tPROPN\tNNP\t_\t1\tvocative\t_\t_\n\n"
    "# newpar\n# sent_id = 3\n# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

TEST(SegmenterTrainTest, DeterministicForSeedAndLoadable) {
  const std::string dir = ::testing::TempDir();
  const std::string treebank = dir + "/dyad_segmenter_train.conllu";
  {
    std::ofstream out(treebank, std::ios::binary);
    out << kTreebank;
  }
  TrainOptions options;
  options.train_path = treebank;
  options.epochs = 3;
  options.seed = 7;
  const std::string data_dir = std::string(DYAD_SOURCE_DIR) + "/data";
  options.output_path = dir + "/dyad_segmenter_a.dyad";
  ASSERT_TRUE(TrainSegmenter(options, data_dir).ok());
  options.output_path = dir + "/dyad_segmenter_b.dyad";
  ASSERT_TRUE(TrainSegmenter(options, data_dir).ok());
  const std::string a = ReadAll(dir + "/dyad_segmenter_a.dyad");
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, ReadAll(dir + "/dyad_segmenter_b.dyad"));

  auto segmenter = Segmenter::Create(data_dir, dir + "/dyad_segmenter_a.dyad");
  ASSERT_TRUE(segmenter.ok()) << segmenter.status().ToString();
  Document doc;
  doc.article.text = "Hello there.";
  (*segmenter)->Segment(&doc, SegmentOptions{.raw = true});
  EXPECT_EQ(doc.sentences.size(), 1u);

  // Training on the first sentence only also works.
  options.max_sentences = 1;
  options.output_path = dir + "/dyad_segmenter_c.dyad";
  EXPECT_TRUE(TrainSegmenter(options, data_dir).ok());
}

TEST(SegmenterTrainTest, MissingInputIsAnError) {
  TrainOptions options;
  options.train_path = "/nonexistent/train.conllu";
  options.output_path = ::testing::TempDir() + "/dyad_segmenter_none.dyad";
  EXPECT_FALSE(TrainSegmenter(options, std::string(DYAD_SOURCE_DIR) + "/data").ok());
  options.output_path.clear();
  EXPECT_TRUE(TrainSegmenter(options, "").IsInvalidArgument());
}

}  // namespace
}  // namespace dyad
