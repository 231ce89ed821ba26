#include <gtest/gtest.h>

#include "dyad/io.h"
#include "io/html_internal.h"
#include "io/io_test_util.h"

namespace dyad {
namespace {

using testing::Collected;
using testing::ReadAll;

constexpr char kNewsPage[] = R"(<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Seoul hopes for second summit | The Daily Example</title>
  <meta property="og:title" content="Seoul hopes Kim's China trip paves way for second summit">
  <meta property="og:site_name" content="The Daily Example">
  <meta property="article:published_time" content="2019-01-08T09:30:00+09:00">
  <link rel="canonical" href="https://news.example.com/2019/01/08/seoul-summit">
  <script>var tracking = "<p>not text</p>";</script>
  <style>p { color: red }</style>
</head>
<body class="single-post has-sidebar">
  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
  <div class="share-bar"><a href="#">Share on Facebook</a></div>
  <article>
    <h1>Seoul hopes Kim's China trip paves way for second summit</h1>
    <figure><img src="kim.jpg"><figcaption>Kim Jong Un and Xi Jinping.</figcaption></figure>
    <p>South Korean presidential spokesperson Kim Eui-kyeom said on Tuesday that Seoul hopes
       Kim's trip to China will act as a &ldquo;stepping stone&rdquo; for a second summit.</p>
    <!-- an editor's comment that is not text -->
    <p>The talks in Beijing come as the <a href="/trade">U.S.-China trade talks</a> continue.</p>
    <div class="social-links"><a href="#">Tweet</a></div>
    <p>&ldquo;China has actually been a good partner,&rdquo; Pompeo said.<br>He expects that to continue.</p>
    <form><input type="text"><button>Subscribe</button></form>
  </article>
  <aside><p>Most read: a story about something else entirely, with many words in it.</p></aside>
  <footer><p>Copyright 2019 The Daily Example. All rights reserved.</p></footer>
</body>
</html>
)";

TEST(HtmlReader, ExtractsArticleTextTitleDateAndUrl) {
  Collected c;
  auto articles = ReadAll(NewHtmlReader, "page.html", kNewsPage, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  const Article& a = articles[0];
  EXPECT_EQ(a.title, "Seoul hopes Kim's China trip paves way for second summit");
  EXPECT_EQ(a.date, "2019-01-08");
  EXPECT_EQ(a.url, "https://news.example.com/2019/01/08/seoul-summit");
  EXPECT_EQ(a.source, "The Daily Example");
  EXPECT_EQ(a.text,
            "South Korean presidential spokesperson Kim Eui-kyeom said on Tuesday that Seoul hopes "
            "Kim's trip to China will act as a \xE2\x80\x9Cstepping stone\xE2\x80\x9D for a second "
            "summit.\n\n"
            "The talks in Beijing come as the U.S.-China trade talks continue.\n\n"
            "\xE2\x80\x9C"
            "China has actually been a good partner,\xE2\x80\x9D Pompeo said.\n"
            "He expects that to continue.");
  EXPECT_EQ(a.body_start, 0u);
  EXPECT_FALSE(a.title_span.has_value());
  EXPECT_EQ(a.origin, "page.html");
  EXPECT_TRUE(c.errors.empty());
  EXPECT_TRUE(c.warnings.empty());
}

// The design example as a WordPress theme renders it: the caption and the
// comment form must not become article text.
TEST(HtmlReader, WordPressCaptionAndCommentsAreLeftOut) {
  Collected c;
  std::string page = R"(<html><body><div id="page" class="site"><div id="content">
    <article class="post type-post"><header class="entry-header">
      <h1 class="entry-title">U.S.-China trade talks and Kim Jong Un's relationship with Xi are different issues</h1>
      <div class="entry-meta"><time class="entry-date published" datetime="2019-01-08T13:02:11+00:00">January 8, 2019</time></div>
    </header>
    <div class="entry-content">
      <div class="wp-caption"><img src="k.jpg"><p class="wp-caption-text">Kim Jong Un and Xi Jinping.jpg</p></div>
      <p>South Korean presidential spokesperson Kim Eui-kyeom said on Tuesday that Seoul hopes Kim's trip will help.</p>
      <p>"I expect they will continue to do so."</p>
      <div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3></div>
    </div>
    <div id="comments" class="comments-area"><h2 class="comments-title">One thought on this</h2>
      <div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3><form></form></div>
    </div></article></div></div></body></html>)";
  auto articles = ReadAll(NewHtmlReader, "wp.html", page, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title,
            "U.S.-China trade talks and Kim Jong Un's relationship with Xi are different issues");
  EXPECT_EQ(articles[0].text,
            "South Korean presidential spokesperson Kim Eui-kyeom said on Tuesday that Seoul hopes "
            "Kim's trip will help.\n\n\"I expect they will continue to do so.\"");
  EXPECT_EQ(articles[0].date, "2019-01-08");
}

TEST(HtmlReader, WithoutArticleOrMainTheDensestBlockWins) {
  Collected c;
  std::string page = R"(<html><head><title>Flood warning issued</title></head><body>
    <div id="menu"><p>Home</p><p>Sport</p><p>Weather</p></div>
    <div class="content">
      <div class="story">
        <p>The river burst its banks overnight, forcing hundreds of families from their homes.</p>
        <p>Officials said the water level would keep rising until Thursday.</p>
      </div>
      <div class="teaser"><p>Also: local elections.</p></div>
    </div>
    <div><time datetime="2020-02-16">16 Feb</time></div>
  </body></html>)";
  auto articles = ReadAll(NewHtmlReader, "flood.htm", page, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "Flood warning issued");
  EXPECT_EQ(
      articles[0].text,
      "The river burst its banks overnight, forcing hundreds of families from their homes.\n\n"
      "Officials said the water level would keep rising until Thursday.");
  // The <time> is outside the content, so it does not date the story.
  EXPECT_FALSE(articles[0].date.has_value());
}

TEST(HtmlReader, MainIsPreferredAndH1IsTheTitleWithoutOgTitle) {
  Collected c;
  std::string page = R"(<html><head><title>Site | Story</title></head><body>
    <main><h1>Ministers meet in Brussels</h1>
      <p>European ministers met in Brussels on Monday.</p>
      <time datetime="2021-03-01T08:00:00Z">Monday</time>
    </main></body></html>)";
  auto articles = ReadAll(NewHtmlReader, "m.html", page, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].title, "Ministers meet in Brussels");
  EXPECT_EQ(articles[0].date, "2021-03-01");
  EXPECT_EQ(articles[0].text, "European ministers met in Brussels on Monday.\n\nMonday");
}

TEST(HtmlReader, TeaserArticlesDoNotBeatTheRealStory) {
  Collected c;
  std::string story(40, 'w');
  std::string page = "<html><body><article><p>Teaser.</p></article><div id=body>";
  for (int i = 0; i < 5; ++i) page += "<p>Paragraph " + std::to_string(i) + " " + story + "</p>";
  page += "</div></body></html>";
  auto articles = ReadAll(NewHtmlReader, "t.html", page, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text.rfind("Paragraph 0", 0), 0u) << articles[0].text;
}

TEST(HtmlReader, LinkListsAreDropped) {
  Collected c;
  std::string page = R"(<article><p>Body text of the story.</p>
    <ul><li><a href="/a">Related story one</a></li><li><a href="/b">Related story two</a></li></ul>
    <ul><li>A real list item</li></ul></article>)";
  auto articles = ReadAll(NewHtmlReader, "l.html", page, ReadOptions(), &c);
  EXPECT_EQ(articles[0].text, "Body text of the story.\n\nA real list item");
}

TEST(HtmlReader, Latin1PageIsDecoded) {
  Collected c;
  std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
      "</head><body><p>Caf\xE9 owners in S\xE3o Paulo protest \x93taxes\x94.</p></body></html>";
  auto articles = ReadAll(NewHtmlReader, "l1.html", page, ReadOptions(), &c);
  EXPECT_EQ(articles[0].text,
            "Caf\xC3\xA9 owners in S\xC3\xA3o Paulo protest \xE2\x80\x9Ctaxes\xE2\x80\x9D.");
  EXPECT_TRUE(c.warnings.empty());
}

TEST(HtmlReader, InvalidUtf8IsRepairedWithAWarning) {
  Collected c;
  std::string page = "<p>Caf\xE9 owners protest.</p>";
  auto articles = ReadAll(NewHtmlReader, "u.html", page, ReadOptions(), &c);
  EXPECT_EQ(articles[0].text, "Caf\xEF\xBF\xBD owners protest.");
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0], "u.html: invalid UTF-8 at byte offset 6 replaced with U+FFFD");
}

TEST(HtmlReader, UnsupportedCharsetIsReadAsUtf8WithAWarning) {
  Collected c;
  std::string page = "<meta charset=\"shift_jis\"><p>\x93\x8c\x8b\x9e</p>";
  auto articles = ReadAll(NewHtmlReader, "sj.html", page, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_NE(c.warnings[0].find("charset \"shift_jis\" is not supported"), std::string::npos);
}

TEST(HtmlReader, EmptyFileGivesOneEmptyArticle) {
  Collected c;
  auto articles = ReadAll(NewHtmlReader, "e.html", "", ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(articles[0].text, "");
  EXPECT_FALSE(articles[0].title.has_value());
  EXPECT_TRUE(c.errors.empty());
}

TEST(HtmlReader, OversizeTextIsRefused) {
  Collected c;
  ReadOptions options;
  options.max_article_bytes = 10;
  auto articles =
      ReadAll(NewHtmlReader, "o.html", "<p>More than ten bytes of text.</p>", options, &c);
  EXPECT_TRUE(articles.empty());
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0],
            "o.html: article of 28 bytes exceeds the limit of 10 bytes (--max-article-bytes)");
}

TEST(HtmlReader, OversizePageIsRefusedBeforeParsing) {
  Collected c;
  ReadOptions options;
  options.max_html_bytes = 8;
  auto articles = ReadAll(NewHtmlReader, "big.html", "<p>0123456789</p>", options, &c);
  EXPECT_TRUE(articles.empty());
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0], "big.html: HTML page of 17 bytes exceeds the limit of 8 bytes");
}

// The parser is quadratic in nesting depth: 100 000 nested <div>s took over a
// minute before the depth check.
TEST(HtmlReader, DeeplyNestedPageIsRefusedQuickly) {
  Collected c;
  std::string page;
  for (int i = 0; i < 100000; ++i) page += "<div>";
  page += "text";
  auto articles = ReadAll(NewHtmlReader, "deep.html", page, ReadOptions(), &c);
  EXPECT_TRUE(articles.empty());
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].find("nested more than"), std::string::npos);
}

TEST(HtmlReader, UnclosedParagraphsAreNotDeepNesting) {
  Collected c;
  std::string page = "<body>";
  for (int i = 0; i < 20000; ++i) page += "<p>x";
  auto articles = ReadAll(NewHtmlReader, "p.html", page, ReadOptions(), &c);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_TRUE(c.errors.empty());
}

TEST(HtmlExtract, CharsetOfContentType) {
  EXPECT_EQ(io_internal::CharsetOfContentType("text/html; charset=UTF-8"), "utf-8");
  EXPECT_EQ(io_internal::CharsetOfContentType("text/html;charset=\"windows-1252\""),
            "windows-1252");
  EXPECT_EQ(io_internal::CharsetOfContentType("text/html"), "");
}

TEST(HtmlExtract, HostOfUrl) {
  EXPECT_EQ(io_internal::HostOfUrl("https://www.Example.com:8080/a?b"), "www.example.com");
  EXPECT_EQ(io_internal::HostOfUrl("http://user@host.org"), "host.org");
  EXPECT_EQ(io_internal::HostOfUrl("not a url"), "");
}

}  // namespace
}  // namespace dyad
