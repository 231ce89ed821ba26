#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/model_file.h"
#include "gtest/gtest.h"
#include "text/sentence_splitter_internal.h"
#include "text/tokenizer_internal.h"

namespace dyad::text_internal {
namespace {

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/dyad_text_" + name;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

BoundaryModel SmallModel() {
  BoundaryModel model(10);
  model.mutable_weights()[3] = 1.5f;
  model.mutable_weights()[700] = -2.0f;
  return model;
}

TEST(BoundaryModelTest, SaveLoadRoundTrip) {
  const std::string path = TempPath("model_roundtrip.dyad");
  ASSERT_TRUE(SmallModel().Save(path).ok());
  auto loaded = BoundaryModel::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->bits(), 10);
  std::vector<float>& w = loaded->mutable_weights();
  EXPECT_EQ(w[3], 1.5f);
  EXPECT_EQ(w[700], -2.0f);
  EXPECT_EQ(w[4], 0.0f);
}

TEST(BoundaryModelTest, TruncatedFileIsCorruption) {
  const std::string path = TempPath("model_truncated.dyad");
  ASSERT_TRUE(SmallModel().Save(path).ok());
  std::string bytes = ReadAll(path);
  for (size_t keep : {size_t{0}, size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
    WriteAll(path, bytes.substr(0, keep));
    auto loaded = BoundaryModel::Load(path);
    EXPECT_FALSE(loaded.ok()) << "kept " << keep << " bytes";
  }
}

TEST(BoundaryModelTest, FlippedByteIsCorruption) {
  const std::string path = TempPath("model_flipped.dyad");
  ASSERT_TRUE(SmallModel().Save(path).ok());
  std::string bytes = ReadAll(path);
  bytes[bytes.size() / 2] ^= 0x40;
  WriteAll(path, bytes);
  auto loaded = BoundaryModel::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(loaded.status().IsCorruption()) << loaded.status().ToString();
}

TEST(BoundaryModelTest, IndexOutOfRangeIsCorruption) {
  // A well-formed container whose payload points outside the table.
  const std::string path = TempPath("model_badindex.dyad");
  ModelWriter out(ModelComponent::kSegmenter, kSegmenterModelVersion);
  out.U32(10);
  out.U32Array({5, 1u << 20});
  out.F32Array({1.0f, 2.0f});
  ASSERT_TRUE(out.WriteTo(path).ok());
  auto loaded = BoundaryModel::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(loaded.status().IsCorruption()) << loaded.status().ToString();
}

TEST(BoundaryModelTest, OtherComponentIsRejected) {
  const std::string path = TempPath("model_tagger.dyad");
  ModelWriter out(ModelComponent::kTagger, 1);
  out.U32(10);
  ASSERT_TRUE(out.WriteTo(path).ok());
  EXPECT_FALSE(BoundaryModel::Load(path).ok());
}

TEST(BoundaryModelTest, WrongVersionIsCorruption) {
  const std::string path = TempPath("model_version.dyad");
  ModelWriter out(ModelComponent::kSegmenter, kSegmenterModelVersion + 1);
  out.U32(10);
  out.U32Array({});
  out.F32Array({});
  ASSERT_TRUE(out.WriteTo(path).ok());
  auto loaded = BoundaryModel::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_TRUE(loaded.status().IsCorruption());
}

TEST(RuleBoundaryTest, FinalPunctuationAndQuotes) {
  auto lex = Lexicon::Load(std::string(DYAD_SOURCE_DIR) + "/data/text");
  ASSERT_TRUE(lex.ok());
  Tokenizer tokenizer(&*lex);
  std::string text = "He left. “So did I.” and then? yes";
  std::vector<RawToken> tokens;
  tokenizer.Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
  std::vector<uint8_t> ends;
  BoundaryScratch scratch;
  SplitSentences(text, tokens, nullptr, &scratch, &ends);
  std::vector<std::string> sentences;
  std::string cur;
  for (size_t k = 0; k < tokens.size(); ++k) {
    if (!cur.empty()) cur += ' ';
    cur += text.substr(tokens[k].start, tokens[k].end - tokens[k].start);
    if (ends[k]) {
      sentences.push_back(cur);
      cur.clear();
    }
  }
  // Lower case after "?" does not start a sentence for the rules.
  EXPECT_EQ(sentences, (std::vector<std::string>{"He left .", "“ So did I . ” and then ? yes"}));
}

}  // namespace
}  // namespace dyad::text_internal
