#include <gtest/gtest.h>

#include <filesystem>

#include "dyad/io.h"
#include "io/io_test_util.h"

namespace dyad {
namespace {

using testing::Collected;
using testing::ReadAll;

constexpr char kArticle[] =
    "\n"
    "  Seoul hopes Kim's trip to China will lead to a second summit  \n"
    "South Korean presidential spokesperson Kim Eui-kyeom said on Tuesday that Seoul hopes\n"
    "the trip will act as a \xE2\x80\x9Cstepping stone\xE2\x80\x9D for talks.\n";

TEST(TextReader, TitleIsTheFirstNonEmptyLineAndTextIsTheWholeFile) {
  Collected c;
  auto articles = ReadAll(NewTextReader, "kim.txt", kArticle, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  const Article& a = articles[0];
  EXPECT_EQ(a.text, kArticle);
  ASSERT_TRUE(a.title.has_value());
  EXPECT_EQ(*a.title, "Seoul hopes Kim's trip to China will lead to a second summit");
  ASSERT_TRUE(a.title_span.has_value());
  EXPECT_EQ(a.text.substr(a.title_span->start, a.title_span->size()), *a.title);
  EXPECT_EQ(a.text.substr(a.body_start, 5), "South");
  EXPECT_EQ(a.origin, "kim.txt");
  EXPECT_EQ(a.id.size(), 16u);
  EXPECT_FALSE(a.date.has_value());
  EXPECT_TRUE(c.errors.empty());
  EXPECT_TRUE(c.warnings.empty());
}

TEST(TextReader, IdIsStableAndDependsOnContent) {
  Collected c;
  auto a = ReadAll(NewTextReader, "a.txt", kArticle, ReadOptions(), &c);
  auto b = ReadAll(NewTextReader, "b.txt", kArticle, ReadOptions(), &c);
  auto other = ReadAll(NewTextReader, "a.txt", "Another story\nbody\n", ReadOptions(), &c);
  EXPECT_EQ(a[0].id, b[0].id);
  EXPECT_NE(a[0].id, other[0].id);
}

TEST(TextReader, ALineWithNothingAfterItIsTheBody) {
  Collected c;
  for (const char* text : {"Obama visited China.", "  Obama visited China.\n\n  \n"}) {
    auto articles = ReadAll(NewTextReader, "t.txt", text, ReadOptions(), &c);
    ASSERT_EQ(articles.size(), 1u);
    EXPECT_EQ(articles[0].body_start, 0u) << text;
    EXPECT_FALSE(articles[0].title.has_value()) << text;
    EXPECT_FALSE(articles[0].title_span.has_value()) << text;
  }
  auto titled = ReadAll(NewTextReader, "t.txt", "A title\nA body.", ReadOptions(), &c);
  EXPECT_EQ(*titled[0].title, "A title");
  EXPECT_EQ(titled[0].body_start, 8u);
}

TEST(TextReader, CrLfLineEndsStayOutOfTheTitle) {
  Collected c;
  auto articles = ReadAll(NewTextReader, "t.txt", "Title here\r\nBody.\r\n", ReadOptions(), &c);
  EXPECT_EQ(*articles[0].title, "Title here");
  EXPECT_EQ(articles[0].body_start, 12u);
}

TEST(TextReader, EmptyFileGivesOneEmptyArticle) {
  Collected c;
  auto articles = ReadAll(NewTextReader, "empty.txt", "", ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "");
  EXPECT_FALSE(articles[0].title.has_value());
  EXPECT_FALSE(articles[0].title_span.has_value());
  EXPECT_EQ(articles[0].body_start, 0u);
  EXPECT_TRUE(c.errors.empty());
}

TEST(TextReader, InvalidUtf8IsRepairedWithAWarningNamingTheOffset) {
  Collected c;
  auto articles =
      ReadAll(NewTextReader, "bad.txt", "Caf\xE9 owner speaks\nText.\n", ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(*articles[0].title, "Caf\xEF\xBF\xBD owner speaks");
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_NE(c.warnings[0].find("bad.txt"), std::string::npos);
  EXPECT_NE(c.warnings[0].find("byte offset 3"), std::string::npos);
}

TEST(TextReader, ByteOrderMarkIsNotText) {
  Collected c;
  auto articles = ReadAll(NewTextReader, "bom.txt", "\xEF\xBB\xBFTitle\nBody\n", ReadOptions(), &c);
  EXPECT_EQ(articles[0].text, "Title\nBody\n");
  EXPECT_EQ(articles[0].title_span->start, 0u);
}

TEST(TextReader, OversizeArticleIsRefusedWithAnError) {
  Collected c;
  ReadOptions options;
  options.max_article_bytes = 10;
  auto articles =
      ReadAll(NewTextReader, "big.txt", "A title\nand a body that is too long\n", options, &c);
  EXPECT_TRUE(articles.empty());
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0],
            "big.txt: article of 36 bytes exceeds the limit of 10 bytes (--max-article-bytes)");
}

TEST(TextReader, ReadsTheDesignExampleThroughOpenReader) {
  std::string path = std::string(DYAD_SHARED_DIR) + "/examples/article-kim-xi-trade-talks.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present";
  Collected c;
  auto reader = OpenReader({path, InputFormat::kAuto}, ReadOptions(), &c.diagnostics);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Article a;
  ASSERT_TRUE((*reader)->Next(&a));
  EXPECT_EQ(a.title,
            "U.S.-China trade talks and Kim Jong Un\u2019s relationship with Xi are "
            "different issues");
  EXPECT_EQ(a.body_start, a.title_span->end + 1);
  EXPECT_NE(a.text.find("Kim Jong Un and Xi Jinping.jpg", a.body_start), std::string::npos);
  EXPECT_FALSE((*reader)->Next(&a));
  EXPECT_TRUE(c.errors.empty());
  EXPECT_TRUE(c.warnings.empty());
}

TEST(TextReader, DefaultDateFillsMissingDate) {
  Collected c;
  ReadOptions options;
  options.default_date = "2019-01-08";
  auto articles = ReadAll(NewTextReader, "t.txt", "T\nB\n", options, &c);
  EXPECT_EQ(articles[0].date, "2019-01-08");
}

}  // namespace
}  // namespace dyad
