#include <gtest/gtest.h>
#include <zlib.h>

#include "dyad/io.h"
#include "io/io_test_util.h"

namespace dyad {
namespace {

using testing::Collected;
using testing::ReadAll;

// One WARC record with a correct Content-Length.
std::string Record(const std::string& type, const std::string& block,
                   const std::string& extra_headers = "", const std::string& version = "WARC/1.0") {
  return version + "\r\nWARC-Type: " + type + "\r\nWARC-Date: 2019-01-09T03:12:45Z\r\n" +
         extra_headers + "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block +
         "\r\n\r\n";
}

std::string Response(
    const std::string& uri, const std::string& id, const std::string& html,
    const std::string& http_headers = "Content-Type: text/html; charset=utf-8\r\n") {
  std::string http = "HTTP/1.1 200 OK\r\n" + http_headers + "\r\n" + html;
  return Record("response", http,
                "WARC-Target-URI: " + uri + "\r\nWARC-Record-ID: <urn:uuid:" + id +
                    ">\r\nContent-Type: application/http; msgtype=response\r\n");
}

std::string Gzip(const std::string& data) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&zs, data.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

const std::string kWarcinfo =
    Record("warcinfo", "software: test-crawler\r\nformat: WARC File Format 1.0\r\n",
           "Content-Type: application/warc-fields\r\n");
const std::string kRequest = Record("request", "GET /a HTTP/1.1\r\nHost: news.example.com\r\n\r\n",
                                    "WARC-Target-URI: https://news.example.com/a\r\n");
const std::string kStoryA =
    Response("https://news.example.com/a", "0001",
             "<html><head><title>Ministers meet</title></head><body><article>"
             "<p>Foreign ministers met in Geneva on Tuesday.</p></article></body></html>");
const std::string kStoryB =
    Response("https://news.example.com/b", "0002",
             "<html><head><meta property=\"article:published_time\" content=\"2019-01-07\"></head>"
             "<body><p>Talks in Hanoi were postponed.</p></body></html>");

TEST(WarcReader, ReadsHtmlResponsesAndSkipsOtherRecords) {
  Collected c;
  std::string image = Response("https://news.example.com/x.jpg", "0003", "\xFF\xD8\xFF",
                               "Content-Type: image/jpeg\r\n");
  std::string warc = kWarcinfo + kRequest + kStoryA + image + kStoryB;
  auto articles = ReadAll(NewWarcReader, "crawl.warc", warc, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 2u);
  const Article& a = articles[0];
  EXPECT_EQ(a.text, "Foreign ministers met in Geneva on Tuesday.");
  EXPECT_EQ(a.title, "Ministers meet");
  EXPECT_EQ(a.url, "https://news.example.com/a");
  EXPECT_EQ(a.source, "news.example.com");
  EXPECT_EQ(a.id, "urn:uuid:0001");
  EXPECT_EQ(a.date, "2019-01-09");  // WARC-Date: the page gives none
  EXPECT_EQ(a.origin, "crawl.warc#record 3 (offset " +
                          std::to_string(kWarcinfo.size() + kRequest.size()) + ")");
  // The page's publication date wins over the crawl date.
  EXPECT_EQ(articles[1].date, "2019-01-07");
  EXPECT_EQ(articles[1].origin.rfind("crawl.warc#record 5 ", 0), 0u);
  EXPECT_TRUE(c.errors.empty());
  EXPECT_TRUE(c.warnings.empty());
}

TEST(WarcReader, ReadsWarc11AndBareLineFeeds) {
  Collected c;
  std::string html = "<p>Parliament approved the budget.</p>";
  std::string http = "HTTP/1.0 200 OK\nContent-Type: text/html\n\n" + html;
  std::string warc =
      "WARC/1.1\nWARC-Type: response\nWARC-Target-URI: http://e.org/p\n"
      "Content-Length: " +
      std::to_string(http.size()) + "\n\n" + http + "\n\n";
  auto articles = ReadAll(NewWarcReader, "lf.warc", warc, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "Parliament approved the budget.");
  EXPECT_EQ(articles[0].url, "http://e.org/p");
  EXPECT_TRUE(c.errors.empty());
}

TEST(WarcReader, GzipMembersAreReadAsAStreamWithMemberOffsets) {
  Collected c;
  std::string a = Gzip(kWarcinfo), b = Gzip(kStoryA), d = Gzip(kStoryB);
  auto articles = ReadAll(NewWarcReader, "crawl.warc.gz", a + b + d, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].origin, "crawl.warc.gz#record 2 (offset " + std::to_string(a.size()) + ")");
  EXPECT_EQ(articles[1].origin,
            "crawl.warc.gz#record 3 (offset " + std::to_string(a.size() + b.size()) + ")");
  EXPECT_TRUE(c.errors.empty());
}

TEST(WarcReader, CorruptGzipMemberIsSkippedAndTheNextMemberRead) {
  Collected c;
  std::string a = Gzip(kStoryA), bad = Gzip(kStoryB), d = Gzip(kStoryA);
  // Corrupt the deflate data in the middle of the second member.
  for (size_t i = 20; i < 40; ++i) bad[i] = static_cast<char>(0xff);
  auto articles = ReadAll(NewWarcReader, "bad.warc.gz", a + bad + d, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].origin, "bad.warc.gz#record 1 (offset 0)");
  EXPECT_EQ(articles[1].origin,
            "bad.warc.gz#record 3 (offset " + std::to_string(a.size() + bad.size()) + ")");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(
      c.errors[0].rfind(
          "bad.warc.gz#record 2 (offset " + std::to_string(a.size()) + "): corrupt gzip data", 0),
      0u)
      << c.errors[0];
}

TEST(WarcReader, TruncatedGzipKeepsTheRecordsBeforeIt) {
  Collected c;
  std::string good = Gzip(kStoryA);
  std::string cut = Gzip(kStoryB);
  cut.resize(cut.size() / 2);
  auto articles = ReadAll(NewWarcReader, "cut.warc.gz", good + cut, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].url, "https://news.example.com/a");
  ASSERT_EQ(c.errors.size(), 1u) << c.errors[0];
  EXPECT_EQ(
      c.errors[0].rfind("cut.warc.gz#record 2 (offset " + std::to_string(good.size()) + "): ", 0),
      0u)
      << c.errors[0];
  EXPECT_NE(c.errors[0].find("truncated gzip stream"), std::string::npos) << c.errors[0];
}

TEST(WarcReader, GzipCutBetweenMembersHeaderIsReported) {
  Collected c;
  std::string good = Gzip(kStoryA);
  std::string cut = Gzip(kStoryB).substr(0, 5);
  auto articles = ReadAll(NewWarcReader, "cut.warc.gz", good + cut, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].find("truncated gzip stream"), std::string::npos) << c.errors[0];
}

TEST(WarcReader, BrokenRecordBetweenGoodOnesIsReportedAndSkipped) {
  Collected c;
  std::string broken =
      "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\n"
      "HTTP/1.1 200 OK\r\n\r\n<p>lost</p>\r\n\r\n";
  std::string warc = kStoryA + broken + kStoryB;
  auto articles = ReadAll(NewWarcReader, "b.warc", warc, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 2u);
  EXPECT_EQ(articles[0].url, "https://news.example.com/a");
  EXPECT_EQ(articles[1].url, "https://news.example.com/b");
  EXPECT_EQ(articles[1].origin.rfind("b.warc#record 3 ", 0), 0u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0], "b.warc#record 2 (offset " + std::to_string(kStoryA.size()) +
                             "): missing or invalid Content-Length; skipping to the next record");
}

TEST(WarcReader, GarbageWhereARecordShouldStartIsSkipped) {
  Collected c;
  std::string warc = kStoryA + "this is not a record\r\nnor this\r\n" + kStoryB;
  auto articles = ReadAll(NewWarcReader, "g.warc", warc, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 2u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].rfind("g.warc#record 2 (offset ", 0), 0u);
}

TEST(WarcReader, ContentLengthPastTheEndIsTruncation) {
  Collected c;
  std::string last = kStoryB.substr(0, kStoryB.size() - 30);
  auto articles = ReadAll(NewWarcReader, "t.warc", kStoryA + last, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].find("t.warc#record 2"), std::string::npos);
  EXPECT_NE(c.errors[0].find("truncated record: Content-Length is"), std::string::npos)
      << c.errors[0];
}

TEST(WarcReader, ChunkedTransferEncodingIsDecoded) {
  Collected c;
  std::string body = "<p>Election results were announced.</p>";
  char size[16];
  std::snprintf(size, sizeof size, "%zx", body.size() - 10);
  std::string chunked = std::string(size) + ";ext=1\r\n" + body.substr(0, body.size() - 10) +
                        "\r\na\r\n" + body.substr(body.size() - 10) + "\r\n0\r\n\r\n";
  std::string warc = Response("http://e.org/c", "c1", chunked,
                              "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n");
  auto articles = ReadAll(NewWarcReader, "c.warc", warc, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "Election results were announced.");
}

TEST(WarcReader, GzipContentEncodingIsDecoded) {
  Collected c;
  std::string warc = Response("http://e.org/z", "z1", Gzip("<p>Ceasefire agreed.</p>"),
                              "Content-Type: text/html\r\nContent-Encoding: gzip\r\n");
  auto articles = ReadAll(NewWarcReader, "z.warc", warc, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "Ceasefire agreed.");
}

TEST(WarcReader, HtmlWithoutContentTypeIsSniffed) {
  Collected c;
  std::string warc = Response("http://e.org/s", "s1", "\n<!DOCTYPE html><p>Sniffed page.</p>", "") +
                     Response("http://e.org/j", "s2", "{\"not\": \"html\"}", "");
  auto articles = ReadAll(NewWarcReader, "s.warc", warc, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "Sniffed page.");
}

TEST(WarcReader, RedirectsAreSkipped) {
  Collected c;
  std::string http =
      "HTTP/1.1 301 Moved Permanently\r\nContent-Type: text/html\r\n\r\n<p>Moved</p>";
  auto articles = ReadAll(NewWarcReader, "r.warc", Record("response", http), ReadOptions(), &c);
  EXPECT_TRUE(articles.empty());
  EXPECT_TRUE(c.errors.empty());
}

TEST(WarcReader, Windows1252PayloadIsConverted) {
  Collected c;
  std::string warc = Response("http://e.org/w", "w1", "<p>\x93Oui\x94, dit le pr\xE9sident.</p>",
                              "Content-Type: text/html; charset=windows-1252\r\n");
  auto articles = ReadAll(NewWarcReader, "w.warc", warc, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "\xE2\x80\x9COui\xE2\x80\x9D, dit le pr\xC3\xA9sident.");
  EXPECT_TRUE(c.warnings.empty());
}

TEST(WarcReader, InvalidUtf8PayloadIsRepairedWithAWarning) {
  Collected c;
  std::string warc = Response("http://e.org/u", "u1", "<p>Caf\xE9</p>");
  auto articles = ReadAll(NewWarcReader, "u.warc", warc, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "Caf\xEF\xBF\xBD");
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0],
            "u.warc#record 1 (offset 0): invalid UTF-8 at byte offset 6 replaced with U+FFFD");
}

TEST(WarcReader, OversizeArticleIsRefusedAndTheNextRead) {
  Collected c;
  ReadOptions options;
  options.max_article_bytes = 35;
  auto articles = ReadAll(NewWarcReader, "o.warc", kStoryA + kStoryB, options, &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "Talks in Hanoi were postponed.");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0],
            "o.warc#record 1 (offset 0): article of 43 bytes exceeds the limit of 35 "
            "bytes (--max-article-bytes)");
}

TEST(WarcReader, EmptyFileGivesOneEmptyArticle) {
  Collected c;
  auto articles = ReadAll(NewWarcReader, "e.warc", "", ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "");
  EXPECT_TRUE(c.errors.empty());
}

// Found by warc_reader_fuzz: header values went into the article unchecked.
TEST(WarcReader, InvalidUtf8InTargetUriIsRepaired) {
  Collected c;
  std::string warc = Response("https://example.com/caf\xE9", "r\xFF", "<p>Story.</p>");
  auto articles = ReadAll(NewWarcReader, "h.warc", warc, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].url, "https://example.com/caf\xEF\xBF\xBD");
  EXPECT_EQ(articles[0].id, "urn:uuid:r\xEF\xBF\xBD");
  EXPECT_EQ(c.warnings.size(), 2u);
}

TEST(WarcReader, GarbageAfterLastGzipMemberIsAnError) {
  Collected c;
  auto articles = ReadAll(NewWarcReader, "j.warc.gz", Gzip(kStoryA) + "junk", ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].find("corrupt gzip data"), std::string::npos) << c.errors[0];
}

}  // namespace
}  // namespace dyad
