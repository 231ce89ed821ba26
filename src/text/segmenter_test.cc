#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/text.h"
#include "gtest/gtest.h"
#include "text/segmenter_internal.h"

namespace dyad {
namespace {

const std::string kDataDir = std::string(DYAD_SOURCE_DIR) + "/data";
const std::string kModel = std::string(DYAD_SOURCE_DIR) + "/models/segmenter.dyad";

// The learned segmenter (the one the pipeline uses) and the rules alone.
const Segmenter& Learned() {
  static const Segmenter* s = [] {
    auto r = text_internal::CreateSegmenter(kDataDir, kModel);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->release() : nullptr;
  }();
  return *s;
}
const Segmenter& Rules() {
  static const Segmenter* s = [] {
    auto r = text_internal::CreateSegmenter(kDataDir, "");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->release() : nullptr;
  }();
  return *s;
}

std::vector<std::string> Sentences(const Document& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.Text(s.span));
  return out;
}

Document SegmentRaw(const Segmenter& segmenter, const std::string& text) {
  Document doc;
  doc.article.text = text;
  segmenter.Segment(&doc, SegmentOptions{.raw = true});
  return doc;
}

// Every layer points inside the text and the layers nest.
void CheckInvariants(const Document& doc) {
  const uint32_t size = static_cast<uint32_t>(doc.article.text.size());
  uint32_t tokens = 0, words = 0, sentences = 0;
  for (const Paragraph& p : doc.paragraphs) {
    ASSERT_EQ(p.first_sentence, sentences);
    sentences += p.num_sentences;
  }
  ASSERT_EQ(sentences, doc.sentences.size());
  for (const Sentence& s : doc.sentences) {
    ASSERT_EQ(s.first_token, tokens);
    ASSERT_EQ(s.first_word, words);
    tokens += s.num_tokens;
    words += s.num_words;
    ASSERT_GT(s.num_tokens, 0u);
  }
  ASSERT_EQ(tokens, doc.tokens.size());
  ASSERT_EQ(words, doc.words.size());
  uint32_t prev_end = 0;
  for (size_t k = 0; k < doc.tokens.size(); ++k) {
    const Token& t = doc.tokens[k];
    ASSERT_LE(prev_end, t.span.start);
    ASSERT_LT(t.span.start, t.span.end);
    ASSERT_LE(t.span.end, size);
    prev_end = t.span.end;
    for (uint32_t w = t.first_word; w < t.first_word + t.num_words; ++w) {
      ASSERT_EQ(doc.words[w].token, k);
      ASSERT_EQ(doc.words[w].form, doc.Text(doc.words[w].span));
    }
  }
}

TEST(SegmenterTest, AbbreviationDoesNotEndSentence) {
  for (const Segmenter* s : {&Learned(), &Rules()}) {
    Document doc = SegmentRaw(*s, "Dr. Smith met Gen. Lee in the U.S. on Jan. 5. They talked.");
    EXPECT_EQ(Sentences(doc),
              (std::vector<std::string>{"Dr. Smith met Gen. Lee in the U.S. on Jan. 5.",
                                        "They talked."}));
    CheckInvariants(doc);
  }
}

TEST(SegmenterTest, ClosingQuoteStaysInSentence) {
  for (const Segmenter* s : {&Learned(), &Rules()}) {
    Document doc =
        SegmentRaw(*s, "“I expect they will continue to do so.” Pompeo left. He said \"no.\" Then");
    EXPECT_EQ(Sentences(doc),
              (std::vector<std::string>{"“I expect they will continue to do so.”", "Pompeo left.",
                                        "He said \"no.\"", "Then"}));
  }
}

// (The rules alone do not keep a doubled closing mark in its sentence.)
TEST(SegmenterTest, OpeningStraightMarkStartsTheNextSentence) {
  for (const Segmenter* s : {&Learned()}) {
    Document doc = SegmentRaw(*s, "''It is over,'' Mr. Hill said. ''But we go on.'' He said. \"We won.\"");
    EXPECT_EQ(Sentences(doc), (std::vector<std::string>{"''It is over,'' Mr. Hill said.", "''But we go on.''",
                                                        "He said.", "\"We won.\""}));
    CheckInvariants(doc);
    doc = SegmentRaw(*s, "''We stay,'' said Mr. Hof, the adviser. ''That means neither, such as Syria.''");
    EXPECT_EQ(Sentences(doc), (std::vector<std::string>{"''We stay,'' said Mr. Hof, the adviser.",
                                                        "''That means neither, such as Syria.''"}));
    CheckInvariants(doc);
  }
}

TEST(SegmenterTest, QuestionAndExclamation) {
  Document doc = SegmentRaw(Learned(), "Is it true? Yes! It is... Really.");
  EXPECT_EQ(Sentences(doc).size(), 4u) << ::testing::PrintToString(Sentences(doc));
}

TEST(SegmenterTest, NeverCrossesParagraph) {
  for (const Segmenter* s : {&Learned(), &Rules()}) {
    Document doc =
        SegmentRaw(*s, "A heading without a period\n\nand a paragraph. Two sentences\n \nEnd");
    EXPECT_EQ(doc.paragraphs.size(), 3u);
    EXPECT_EQ(Sentences(doc),
              (std::vector<std::string>{"A heading without a period", "and a paragraph.",
                                        "Two sentences", "End"}));
    CheckInvariants(doc);
  }
}

TEST(SegmenterTest, SentenceFinalAbbreviationSplitsItsPeriod) {
  // EWT: the period of an abbreviation that ends a sentence is the
  // sentence's final punctuation token.
  Document doc = SegmentRaw(Rules(), "He lives in the U.S.");
  ASSERT_EQ(doc.tokens.size(), 6u);
  EXPECT_EQ(doc.Text(doc.tokens[4].span), "U.S");
  EXPECT_EQ(doc.Text(doc.tokens[5].span), ".");
  EXPECT_FALSE(doc.tokens[4].space_after);
}

TEST(SegmenterTest, MultiWordTokensHaveWords) {
  Document doc = SegmentRaw(Learned(), "I don't know Kim's plans.");
  ASSERT_EQ(doc.tokens.size(), 6u);
  EXPECT_EQ(doc.words.size(), 8u);
  EXPECT_EQ(doc.tokens[1].num_words, 2u);
  EXPECT_EQ(doc.words[1].form, "do");
  EXPECT_EQ(doc.words[2].form, "n't");
  EXPECT_EQ(doc.words[2].token, 1u);
  CheckInvariants(doc);
}

TEST(SegmenterTest, BodySkipsTitleAndRemovedLines) {
  Document doc;
  doc.article.text = "Title line\nBody one. Body two.\nRemoved line\nLast one.";
  doc.article.body_start = 11;
  uint32_t removed_start = static_cast<uint32_t>(doc.article.text.find("Removed"));
  doc.removed.push_back({{removed_start, removed_start + 12}, "boilerplate"});
  Learned().Segment(&doc, SegmentOptions{});
  EXPECT_EQ(Sentences(doc), (std::vector<std::string>{"Body one.", "Body two.", "Last one."}));
  EXPECT_EQ(doc.paragraphs.size(), 2u);  // a removed line breaks the paragraph
  CheckInvariants(doc);
}

TEST(SegmenterTest, SingleLineBreakEndsSentenceBeforeCapital) {
  Document doc;
  doc.article.text = "A headline\nThe text goes on\nacross lines.";
  Learned().Segment(&doc, SegmentOptions{});
  EXPECT_EQ(Sentences(doc),
            (std::vector<std::string>{"A headline", "The text goes on\nacross lines."}));
  EXPECT_EQ(doc.paragraphs.size(), 1u);
}

TEST(SegmenterTest, HardWrappedTextIsNotSplitAtLineEnds) {
  Document doc;
  doc.article.text =
      "South Korean presidential spokesperson Kim Eui-kyeom said on Tuesday that Seoul hopes\n"
      "Kim’s trip to China will act as a “stepping stone” for a second Trump-Kim summit. And\n"
      "Trump has offered assurances that another summit will allow him and Kim to make a deal\n"
      "to settle the standoff.";
  Learned().Segment(&doc, SegmentOptions{});
  ASSERT_EQ(doc.sentences.size(), 2u) << ::testing::PrintToString(Sentences(doc));
}

TEST(SegmenterTest, EmptyAndBlankText) {
  for (const char* text : {"", "   ", "\n\n\u00a0\n"}) {
    Document doc = SegmentRaw(Learned(), text);
    EXPECT_TRUE(doc.sentences.empty());
    EXPECT_TRUE(doc.tokens.empty());
  }
}

TEST(SegmenterTest, CreateFindsTheShippedModel) {
  auto r = Segmenter::Create(kDataDir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  Document doc = SegmentRaw(**r, "thanks for the help Sean");
  EXPECT_EQ(doc.tokens.size(), 5u);
}

TEST(SegmenterTest, MissingWordListsAreNotFound) {
  auto r = Segmenter::Create("/nonexistent/data", "");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsNotFound()) << r.status().ToString();
}

TEST(SegmenterTest, MissingModelIsNotFound) {
  auto r = text_internal::CreateSegmenter(kDataDir, "/nonexistent/segmenter.dyad");
  EXPECT_FALSE(r.ok());
}

// The example of docs/DESIGN.md: title, caption, body and comment lines.
TEST(SegmenterTest, ExampleArticle) {
  const std::string path =
      std::string(DYAD_SHARED_DIR) + "/examples/article-kim-xi-trade-talks.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) GTEST_SKIP() << "example article not found at " << path << " (shared data absent)";
  std::stringstream ss;
  ss << in.rdbuf();
  Document doc;
  doc.article.text = ss.str();
  const std::string& text = doc.article.text;
  // The title is the first non-empty line, the body starts after it.
  size_t title_start = text.find_first_not_of(" \n\r\t");
  size_t title_end = text.find('\n', title_start);
  doc.article.title = text.substr(title_start, title_end - title_start);
  doc.article.title_span =
      Span{static_cast<uint32_t>(title_start), static_cast<uint32_t>(title_end)};
  doc.article.body_start = static_cast<uint32_t>(title_end + 1);

  auto cleaner = Cleaner::Load(std::string(DYAD_SOURCE_DIR) + "/data/cleaning.rules");
  ASSERT_TRUE(cleaner.ok()) << cleaner.status().ToString();
  (*cleaner)->Clean(&doc);
  std::vector<std::string> removed;
  for (const Removed& r : doc.removed) {
    if (r.reason != "blank")
      removed.push_back(std::string(doc.Text(r.span)) + " (" + r.reason + ")");
  }
  ASSERT_EQ(removed.size(), 3u) << ::testing::PrintToString(removed);
  EXPECT_EQ(removed[0], "Kim Jong Un and Xi Jinping.jpg (caption)");
  EXPECT_EQ(removed[1].rfind("One thought on “U.S.-China trade talks", 0), 0u) << removed[1];
  EXPECT_EQ(removed[2], "Leave a Reply (boilerplate)");
  // The line holding only a no-break space is reported as blank.
  EXPECT_EQ(doc.removed[0].reason, "blank");

  Learned().Segment(&doc, SegmentOptions{});
  CheckInvariants(doc);
  std::vector<std::string> sentences = Sentences(doc);
  ASSERT_EQ(sentences.size(), 13u) << ::testing::PrintToString(sentences);
  EXPECT_EQ(sentences[0].rfind("South Korean presidential spokesperson Kim Eui-kyeom said", 0), 0u);
  EXPECT_EQ(sentences[9].rfind("Asked whether China", 0), 0u);
  EXPECT_EQ(
      sentences[11],
      "“China has actually been a good partner in our efforts to reduce the risk to the world "
      "from North Korea’s nuclear capability.");
  EXPECT_EQ(sentences[12], "I expect they will continue to do so.”");
  // The last paragraph holds the last two sentences.
  ASSERT_EQ(doc.paragraphs.size(), 12u);
  EXPECT_EQ(doc.paragraphs.back().num_sentences, 2u);
  // Nothing of the title or of the removed lines is segmented.
  for (const Token& t : doc.tokens) {
    EXPECT_GE(t.span.start, doc.article.body_start);
    for (const Removed& r : doc.removed) {
      EXPECT_TRUE(t.span.end <= r.span.start || t.span.start >= r.span.end);
    }
  }
}

}  // namespace
}  // namespace dyad
