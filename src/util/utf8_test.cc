#include "dyad/utf8.h"

#include <gtest/gtest.h>

namespace dyad::utf8 {

TEST(Utf8, RepairLeavesValidTextAlone) {
  std::string out;
  EXPECT_EQ(Repair("Kim’s trip", &out), npos);
  EXPECT_EQ(out, "Kim’s trip");
}

TEST(Utf8, RepairReplacesInvalidBytesAndReportsTheFirst) {
  std::string out;
  EXPECT_EQ(Repair(std::string("ab\xFF" "c\xE2\x80", 6), &out), 2u);
  EXPECT_EQ(out, "ab\uFFFDc\uFFFD");
}

TEST(Utf8, RepairRejectsOverlongAndSurrogates) {
  std::string out;
  EXPECT_EQ(Repair("\xC0\xAF", &out), 0u);
  EXPECT_EQ(out, "\uFFFD\uFFFD");
  EXPECT_EQ(Repair("\xED\xA0\x80", &out), 0u);
  EXPECT_EQ(Length(out), 3u);
}

TEST(Utf8, CodePointIndexCountsCodePoints) {
  std::string s = "a’b😀c";
  CodePointIndex idx(s);
  EXPECT_EQ(idx(0), 0u);
  EXPECT_EQ(idx(1), 1u);
  EXPECT_EQ(idx(4), 2u);
  EXPECT_EQ(idx(5), 3u);
  EXPECT_EQ(idx(9), 4u);
  EXPECT_EQ(idx(10), 5u);
}

TEST(Utf8, NextAndPrevRoundTrip) {
  std::string s = "x’😀";
  size_t i = 0;
  EXPECT_EQ(Next(s, i), U'x');
  EXPECT_EQ(Next(s, i), U'’');
  EXPECT_EQ(Next(s, i), U'😀');
  EXPECT_EQ(i, s.size());
  EXPECT_EQ(Prev(s, i), U'😀');
  EXPECT_EQ(Prev(s, i), U'’');
  EXPECT_EQ(i, 1u);
}

TEST(Utf8, Properties) {
  EXPECT_TRUE(IsSpace(0xA0));
  EXPECT_TRUE(IsLetter(U'é'));
  EXPECT_TRUE(IsPunct(U'“'));
  EXPECT_TRUE(IsUpper(U'É'));
  EXPECT_EQ(ToLower("ÉCOLE Kim"), "école kim");
}

}  // namespace dyad::utf8
