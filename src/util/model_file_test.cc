#include "dyad/model_file.h"

#include <gtest/gtest.h>

#include <limits>

namespace dyad {
namespace {

std::string Sample() {
  ModelWriter w(ModelComponent::kTagger, 3);
  w.U32(7);
  w.String("hello");
  w.F32Array({1.5f, -2.0f});
  w.StringArray({"NOUN", "VERB"});
  return w.Serialize();
}

TEST(ModelFile, RoundTrip) {
  auto r = ModelReader::FromBytes(Sample(), "m", ModelComponent::kTagger);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->component_version(), 3u);
  uint32_t n;
  std::string s;
  std::vector<float> f;
  std::vector<std::string> a;
  ASSERT_TRUE(r->U32(&n) && r->String(&s) && r->F32Array(&f) && r->StringArray(&a));
  EXPECT_EQ(n, 7u);
  EXPECT_EQ(s, "hello");
  EXPECT_EQ(f, (std::vector<float>{1.5f, -2.0f}));
  EXPECT_EQ(a, (std::vector<std::string>{"NOUN", "VERB"}));
  EXPECT_TRUE(r->Finish().ok());
}

TEST(ModelFile, SparseTableRoundTripAndBadEntries) {
  std::vector<float> table(64, 0.0f);
  table[3] = 1.5f;
  table[60] = -2.0f;
  ModelWriter w(ModelComponent::kQuoteCues, 1);
  w.SparseF32Table(table);
  auto r = ModelReader::FromBytes(w.Serialize(), "m", ModelComponent::kQuoteCues);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<float> back;
  ASSERT_TRUE(r->SparseF32Table(64, &back));
  EXPECT_EQ(back, table);
  EXPECT_TRUE(r->Finish().ok());
  // An index past the table, counts that differ, a value that is not finite.
  const std::vector<std::pair<std::vector<uint32_t>, std::vector<float>>> bad = {
      {{3, 64}, {1.0f, 2.0f}}, {{3}, {1.0f, 2.0f}}, {{3}, {std::numeric_limits<float>::quiet_NaN()}}};
  for (const auto& [index, value] : bad) {
    ModelWriter b(ModelComponent::kQuoteCues, 1);
    b.U32Array(index);
    b.F32Array(value);
    auto rb = ModelReader::FromBytes(b.Serialize(), "m", ModelComponent::kQuoteCues);
    ASSERT_TRUE(rb.ok());
    EXPECT_FALSE(rb->SparseF32Table(64, &back));
    EXPECT_TRUE(rb->status().IsCorruption());
  }
}

TEST(ModelFile, WrongComponentIsCorruption) {
  auto r = ModelReader::FromBytes(Sample(), "m", ModelComponent::kParser);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCorruption());
}

TEST(ModelFile, EveryTruncationIsCorruption) {
  std::string bytes = Sample();
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto r = ModelReader::FromBytes(bytes.substr(0, n), "m", ModelComponent::kTagger);
    ASSERT_FALSE(r.ok()) << n;
    EXPECT_TRUE(r.status().IsCorruption()) << r.status().ToString();
  }
}

TEST(ModelFile, EveryFlippedByteIsCorruption) {
  std::string bytes = Sample();
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string b = bytes;
    b[i] ^= 0x5A;
    auto r = ModelReader::FromBytes(b, "m", ModelComponent::kTagger);
    EXPECT_FALSE(r.ok()) << "byte " << i;
  }
}

TEST(ModelFile, ReadingPastThePayloadFailsWithoutAllocating) {
  // A payload claiming a huge array: the reader must refuse before resizing.
  ModelWriter w(ModelComponent::kTagger, 1);
  w.U64(uint64_t(1) << 60);
  auto r = ModelReader::FromBytes(w.Serialize(), "m", ModelComponent::kTagger);
  ASSERT_TRUE(r.ok());
  std::vector<float> f;
  EXPECT_FALSE(r->F32Array(&f));
  EXPECT_TRUE(r->status().IsCorruption());
  EXPECT_NE(r->status().message().find("m: truncated"), std::string::npos) << r->status().message();
}

}  // namespace
}  // namespace dyad
