#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "dyad/io.h"
#include "io/io_test_util.h"

namespace dyad {
namespace {

using testing::Collected;
using testing::ReadAll;

TEST(JsonlReader, ReadsKnownFields) {
  Collected c;
  std::string input =
      R"({"id": "ap-0108-17", "url": "https://example.com/pompeo", "source": "example.com", )"
      R"("date": "2019-01-08", "title": "Pompeo praises China", )"
      R"("text": "\u201cChina has actually been a good partner,\u201d Pompeo said."})"
      "\n";
  auto articles = ReadAll(NewJsonlReader, "news.jsonl", input, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  const Article& a = articles[0];
  EXPECT_EQ(a.id, "ap-0108-17");
  EXPECT_EQ(a.url, "https://example.com/pompeo");
  EXPECT_EQ(a.source, "example.com");
  EXPECT_EQ(a.date, "2019-01-08");
  EXPECT_EQ(a.title, "Pompeo praises China");
  EXPECT_EQ(a.text,
            "\xE2\x80\x9C"
            "China has actually been a good partner,\xE2\x80\x9D Pompeo said.");
  EXPECT_EQ(a.body_start, 0u);
  EXPECT_FALSE(a.title_span.has_value());
  EXPECT_EQ(a.origin, "news.jsonl:1");
  EXPECT_EQ(a.extra_json, "");
  EXPECT_TRUE(c.errors.empty());
  EXPECT_TRUE(c.warnings.empty());
}

TEST(JsonlReader, UnknownFieldsAreCarriedThroughInOrder) {
  Collected c;
  std::string input =
      R"({"zeta": 1, "text": "Talks resumed.", "lang": "en", "tags": ["trade", {"k": null}], "alpha": 2.5})";
  auto articles = ReadAll(NewJsonlReader, "x.jsonl", input, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].extra_json,
            R"({"zeta":1,"lang":"en","tags":["trade",{"k":null}],"alpha":2.5})");
}

TEST(JsonlReader, MalformedLineBetweenTwoGoodOnesIsReportedAndSkipped) {
  Collected c;
  std::string input =
      "{\"text\": \"First story.\"}\n"
      "{\"text\": \"Broken story.\", \n"
      "{\"text\": \"Third story.\"}\n";
  auto articles = ReadAll(NewJsonlReader, "mixed.jsonl", input, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].text, "First story.");
  EXPECT_EQ(articles[0].origin, "mixed.jsonl:1");
  EXPECT_EQ(articles[1].text, "Third story.");
  EXPECT_EQ(articles[1].origin, "mixed.jsonl:3");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].rfind("mixed.jsonl:2: malformed JSON", 0), 0u) << c.errors[0];
}

TEST(JsonlReader, BlankLinesAreSkippedButCounted) {
  Collected c;
  auto articles =
      ReadAll(NewJsonlReader, "b.jsonl", "\n  \r\n{\"text\": \"x\"}\n\n", ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].origin, "b.jsonl:3");
  EXPECT_TRUE(c.errors.empty());
}

TEST(JsonlReader, RecordsThatAreNotArticlesAreErrors) {
  Collected c;
  std::string input =
      "[1, 2]\n"
      "{\"title\": \"no text\"}\n"
      "{\"text\": 42}\n"
      "{\"text\": \"ok\", \"title\": [\"not\", \"a string\"]}\n"
      "{\"text\": \"good\", \"id\": 7}\n";
  auto articles = ReadAll(NewJsonlReader, "e.jsonl", input, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].id, "7");
  ASSERT_EQ(c.errors.size(), 4u);
  EXPECT_EQ(c.errors[0], "e.jsonl:1: expected a JSON object, not array");
  EXPECT_EQ(c.errors[1], "e.jsonl:2: no \"text\" field");
  EXPECT_EQ(c.errors[2], "e.jsonl:3: \"text\" must be a string, not number");
  EXPECT_EQ(c.errors[3], "e.jsonl:4: \"title\" must be a string, not array");
}

TEST(JsonlReader, IsoTimestampsAreNormalisedAndBadDatesWarned) {
  Collected c;
  ReadOptions options;
  options.default_date = "2000-01-01";
  std::string input =
      "{\"text\": \"a\", \"date\": \"2019-01-08T10:00:00Z\"}\n"
      "{\"text\": \"b\", \"date\": \"2019-01-08 23:30:00-05:00\"}\n"
      "{\"text\": \"c\", \"date\": \"Tuesday\"}\n"
      "{\"text\": \"d\", \"date\": \"2019-02-30\"}\n"
      "{\"text\": \"e\"}\n";
  auto articles = ReadAll(NewJsonlReader, "d.jsonl", input, options, &c);
  ASSERT_EQ(articles.size(), 5u);
  EXPECT_EQ(articles[0].date, "2019-01-08");
  EXPECT_EQ(articles[1].date, "2019-01-08");
  // An unparseable date is dropped; the default date is for inputs that give none.
  EXPECT_EQ(articles[2].date, "2000-01-01");
  EXPECT_EQ(articles[3].date, "2000-01-01");
  EXPECT_EQ(articles[4].date, "2000-01-01");
  ASSERT_EQ(c.warnings.size(), 2u);
  EXPECT_EQ(c.warnings[0].rfind("d.jsonl:3: date \"Tuesday\"", 0), 0u) << c.warnings[0];
  EXPECT_EQ(c.warnings[1].rfind("d.jsonl:4:", 0), 0u);
  EXPECT_TRUE(c.errors.empty());
}

TEST(JsonlReader, InvalidUtf8IsRepairedWithLineAndFileOffset) {
  Collected c;
  std::string input = "{\"text\": \"ok\"}\n{\"text\": \"Caf\xE9 talks\"}\n";
  auto articles = ReadAll(NewJsonlReader, "u.jsonl", input, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[1].text, "Caf\xEF\xBF\xBD talks");
  ASSERT_EQ(c.warnings.size(), 1u);
  // Line 2 starts at byte 15; the bad byte is 13 bytes into it.
  EXPECT_EQ(c.warnings[0], "u.jsonl:2: invalid UTF-8 at byte offset 28 replaced with U+FFFD");
}

TEST(JsonlReader, OversizeArticleIsRefusedAndTheNextOneRead) {
  Collected c;
  ReadOptions options;
  options.max_article_bytes = 16;
  std::string input =
      "{\"text\": \"This article is far too long.\"}\n"
      "{\"text\": \"Short one.\"}\n";
  auto articles = ReadAll(NewJsonlReader, "o.jsonl", input, options, &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "Short one.");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0],
            "o.jsonl:1: article of 29 bytes exceeds the limit of 16 bytes (--max-article-bytes)");
}

TEST(JsonlReader, HugeLineIsSkippedWithoutBeingStored) {
  Collected c;
  ReadOptions options;
  options.max_article_bytes = 1;
  std::string input =
      "{\"text\": \"" + std::string((1u << 20) + 100, 'x') + "\"}\n{\"text\": \"y\"}\n";
  auto articles = ReadAll(NewJsonlReader, "h.jsonl", input, options, &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].origin, "h.jsonl:2");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].rfind("h.jsonl:1: line of ", 0), 0u);
}

TEST(JsonlReader, DeepNestingIsAnErrorNotAStackOverflow) {
  Collected c;
  std::string input = "{\"text\": \"x\", \"deep\": " + std::string(100000, '[') +
                      std::string(100000, ']') + "}\n{\"text\": \"y\"}\n";
  auto articles = ReadAll(NewJsonlReader, "n.jsonl", input, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0], "n.jsonl:1: JSON nested deeper than 256 levels");
}

TEST(JsonlReader, EmptyFileGivesOneEmptyArticle) {
  Collected c;
  auto articles = ReadAll(NewJsonlReader, "empty.jsonl", "", ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "");
  EXPECT_FALSE(articles[0].title.has_value());
}

TEST(JsonlReader, LastLineWithoutNewlineIsRead) {
  Collected c;
  auto articles =
      ReadAll(NewJsonlReader, "l.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"}", ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[1].text, "b");
}

TEST(JsonlReader, ContentIdWhenNoIdIsGiven) {
  Collected c;
  auto articles = ReadAll(NewJsonlReader, "i.jsonl",
                          "{\"text\": \"same\"}\n{\"text\": \"same\"}\n{\"text\": \"other\"}\n",
                          ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 3u);
  EXPECT_EQ(articles[0].id.size(), 16u);
  EXPECT_EQ(articles[0].id, articles[1].id);
  EXPECT_NE(articles[0].id, articles[2].id);
}

}  // namespace
}  // namespace dyad
