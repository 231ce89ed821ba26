#include "dyad/quote_eval.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/nlp.h"
#include "dyad/pipeline.h"
#include "dyad/quotes.h"
#include "dyad/resources.h"
#include "dyad/text.h"

namespace dyad {
namespace {

// ---- brat reading and scoring ---------------------------------------------

// Text (code points == bytes here, ASCII):
//   0         1         2         3         4
//   0123456789012345678901234567890123456789012345
//   "We won," Smith said. Lee said he lost.
const char kText[] = "\"We won,\" Smith said. Lee said he lost.";
const char kAnn[] =
    "T1\tSource 10 15\tSmith\n"
    "T2\tCue 16 20\tsaid\n"
    "T3\tContent 0 9\t\"We won,\"\n"
    "T4\tAttribution 16 20\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 22 25\tLee\n"
    "T6\tCue 26 30\tsaid\n"
    "T7\tContent 31 33;34 38\the lost\n"
    "T8\tAttribution 26 30\tsaid\n"
    "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7\n"
    "T9\tDiscuss 0 2\tx\n"
    "E3\tAttribution:T4 Content:T99\n"
    "junk line\n";

TEST(QuoteEval, ReadsBratRelationsAndReportsProblems) {
  std::vector<std::string> problems;
  auto a = ReadBratAttributions(kAnn, "x.ann", &problems);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].source, (std::vector<CodePointRange>{{10, 15}}));
  EXPECT_EQ(a[0].content, (std::vector<CodePointRange>{{0, 9}}));
  EXPECT_EQ(a[1].content.size(), 2u);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("x.ann:12"), std::string::npos) << problems[0];
}

TEST(QuoteEval, StrictJoinsWhitespaceGapsAndOverlapIsOneToOne) {
  auto gold = ReadBratAttributions(kAnn, "x.ann", nullptr);
  std::vector<Attribution> sys(2);
  sys[0].source = {{10, 15}};
  sys[0].cue = {{16, 20}};
  sys[0].content = {{0, 9}};
  sys[1].source = {{22, 25}};
  sys[1].cue = {{26, 30}};
  sys[1].content = {{31, 38}};  // the same as gold's two pieces joined over a space
  QuoteScorer s;
  s.Add(kText, gold, sys);
  for (const Score& sc : s.Scores()) {
    if (sc.metric.rfind("all ", 0) == 0) {
      EXPECT_EQ(sc.correct, 2u) << sc.metric;
      EXPECT_EQ(sc.gold, 2u) << sc.metric;
    }
    if (sc.metric == "direct content strict") {
      EXPECT_EQ(sc.gold, 1u);
    }
  }
  EXPECT_EQ(s.speaker_total(), 1u);
  EXPECT_EQ(s.speaker_matched(), 1u);

  // A content one word short: wrong strictly, right by overlap.
  sys[1].content = {{34, 38}};
  QuoteScorer t;
  t.Add(kText, gold, sys);
  for (const Score& sc : t.Scores()) {
    if (sc.metric == "all content strict") {
      EXPECT_EQ(sc.correct, 1u);
    }
    if (sc.metric == "all content overlap") {
      EXPECT_EQ(sc.correct, 2u);
    }
  }
  EXPECT_NE(FormatQuoteScores(t).find("speaker match"), std::string::npos);
}

TEST(QuoteEval, CarriedOverQuotationJoinsThePreviousAttribution) {
  Document doc;
  doc.article.text = "\"A,\" Bo said.\n\n\"B.\"";
  Quote q1;
  q1.kind = "direct";
  q1.content = {Span{0, 4}};
  q1.cue = Span{8, 12};
  q1.speaker = Span{5, 7};
  Quote q2 = q1;
  q2.cue.reset();
  q2.content = {Span{15, 19}};
  doc.quotes = {q1, q2};
  auto a = AttributionsFromQuotes(doc, {true, true});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].content, (std::vector<CodePointRange>{{0, 4}, {15, 19}}));
  EXPECT_TRUE(a[0].speech);
}

// ---- the quotes stage behind the real text and NLP stages ---------------

// The stages before quotes: the pipeline (annotate), or, when a later
// stage's model is missing, the cleaner, segmenter and NLP models alone.
class Stages {
 public:
  static std::unique_ptr<Stages> Make(bool raw) {
    auto s = std::make_unique<Stages>();
    s->raw_ = raw;
    PipelineOptions opt;
    opt.annotate = true;
    opt.raw = raw;
    auto p = Pipeline::Create(opt);
    auto data = FindResource("data");
    auto models = FindResource("models");
    if (!data.ok() || !models.ok()) return nullptr;
    if (p.ok()) {
      s->pipeline_ = std::move(*p);
    } else {
      auto c = Cleaner::Load(*data + "/cleaning.rules");
      auto seg = Segmenter::Create(*data);
      auto nlp = LoadNlpModels(*models);
      if (!c.ok() || !seg.ok() || !nlp.ok()) return nullptr;
      s->cleaner_ = std::move(*c);
      s->segmenter_ = std::move(*seg);
      s->nlp_ = std::move(*nlp);
    }
    auto f = QuoteFinder::Load(*data);
    if (!f.ok()) return nullptr;
    s->finder_ = std::move(*f);
    return s;
  }
  Document Run(const std::string& text) const {
    Article a;
    a.text = text;
    Document doc;
    if (pipeline_) {
      doc = pipeline_->Process(std::move(a));
    } else {
      doc.article = std::move(a);
      if (!raw_) cleaner_->Clean(&doc);
      SegmentOptions so;
      so.raw = raw_;
      segmenter_->Segment(&doc, so);
      nlp_->Annotate(&doc);
    }
    finder_->Find(&doc);
    return doc;
  }

 private:
  bool raw_ = false;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<Cleaner> cleaner_;
  std::unique_ptr<Segmenter> segmenter_;
  std::unique_ptr<NlpModels> nlp_;
  std::unique_ptr<QuoteFinder> finder_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string SpeakerText(const Document& d, const Quote& q) {
  return q.speaker ? std::string(d.Text(*q.speaker)) : std::string();
}

TEST(QuotesOnExampleArticle, SixQuotationsWithSpeakersKindsAndDescriptions) {
  const std::string path = std::string(DYAD_SHARED_DIR) + "/examples/article-kim-xi-trade-talks.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "needs ../shared/examples/article-kim-xi-trade-talks.txt: absent";
  auto stages = Stages::Make(/*raw=*/false);
  ASSERT_TRUE(stages) << "models or data not found";
  const Document d = stages->Run(ReadFile(path));
  // The six expected quotations, found by a piece of their content.
  struct Expect {
    const char* content;
    const char* speaker_starts;
    const char* kind;
    const char* description;  // "" = none expected
    bool cue;
  };
  const Expect expected[] = {
      {"stepping stone", "South Korean presidential spokesperson Kim Eui-kyeom", "mixed",
       "South Korean presidential spokesperson", true},
      {"The two leaders will further communicate", "Cheng Xiaohe", "direct",
       "professor at Renmin University\xE2\x80\x99s School of International Studies in Beijing", true},
      {"It is impossible to see the cancellation", "Cheng", "direct", "", true},
      {"The Chinese have been very clear", "U.S. Secretary of State Mike Pompeo", "direct",
       "U.S. Secretary of State", true},
      {"Their behavior has demonstrated", "Pompeo", "direct", "", true},
      {"China has actually been a good partner", "Pompeo", "direct", "", false},
  };
  for (const Expect& e : expected) {
    const Quote* found = nullptr;
    for (const Quote& q : d.quotes) {
      for (const Span& p : q.content) {
        if (d.Text(p).find(e.content) != std::string_view::npos) found = &q;
      }
    }
    ASSERT_NE(found, nullptr) << e.content;
    EXPECT_EQ(found->kind, e.kind) << e.content;
    EXPECT_EQ(SpeakerText(d, *found).rfind(e.speaker_starts, 0), 0u)
        << e.content << ": speaker " << SpeakerText(d, *found);
    EXPECT_EQ(found->cue.has_value(), e.cue) << e.content;
    if (*e.description) {
      ASSERT_TRUE(found->description) << e.content;
      EXPECT_EQ(d.Text(*found->description), e.description);
    }
    if (!d.entities.empty() && std::string(e.speaker_starts).find("Pompeo") != std::string::npos) {
      ASSERT_GE(found->speaker_entity, 0);
      EXPECT_EQ(d.entities[found->speaker_entity].canonical, "Mike Pompeo");
    }
  }
  // The comment line "One thought on “...”" is not a quotation.
  for (const Quote& q : d.quotes) {
    for (const Span& p : q.content) EXPECT_EQ(d.Text(p).find("One thought"), std::string_view::npos);
  }
}

// With the entity layer (dyad extract): speakers carry canonical names, a
// surname ("Cheng") and the cue-less paragraph included.
TEST(QuotesOnExampleArticle, SpeakersLinkToEntitiesWhenExtracting) {
  const std::string path = std::string(DYAD_SHARED_DIR) + "/examples/article-kim-xi-trade-talks.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "needs ../shared/examples/article-kim-xi-trade-talks.txt: absent";
  PipelineOptions opt;
  opt.extract = true;
  auto p = Pipeline::Create(opt);
  if (!p.ok()) GTEST_SKIP() << "the extract pipeline cannot be made here: " << p.status().ToString();
  Article a;
  a.text = ReadFile(path);
  const Document d = (*p)->Process(std::move(a));
  if (d.entities.empty()) GTEST_SKIP() << "no entity layer in this build";
  auto canonical_of = [&](const char* piece) -> std::string {
    for (const Quote& q : d.quotes) {
      for (const Span& s : q.content) {
        if (d.Text(s).find(piece) != std::string_view::npos && q.speaker_entity >= 0) {
          return d.entities[q.speaker_entity].canonical;
        }
      }
    }
    return "";
  };
  EXPECT_EQ(canonical_of("It is impossible to see"), "Cheng Xiaohe");
  EXPECT_EQ(canonical_of("The two leaders will further"), "Cheng Xiaohe");
  EXPECT_EQ(canonical_of("The Chinese have been very clear"), "Mike Pompeo");
  EXPECT_EQ(canonical_of("Their behavior has demonstrated"), "Mike Pompeo");
  EXPECT_EQ(canonical_of("China has actually been a good partner"), "Mike Pompeo");
}

// Regression: generated bad input through the real stages: a thousand
// unmatched marks, a quotation that never closes, a 100,000-character
// paragraph. No crash, spans inside the text. (Time: bench/quotes_bench.cc.)
TEST(QuotesOnBadInput, UnmatchedMarksAndHugeParagraph) {
  auto stages = Stages::Make(/*raw=*/true);
  if (!stages) GTEST_SKIP() << "models not found";
  std::string text;
  for (int i = 0; i < 1000; ++i) text += (i % 3 == 0) ? "\xE2\x80\x9C" "a " : (i % 3 == 1) ? "\" b " : "\xE2\x80\x9D c ";
  text += "\n\nHe said \xE2\x80\x9C" "this never closes and goes on";
  text += "\n\n";
  while (text.size() < 120000) text += "\xE2\x80\x9CWe will win,\xE2\x80\x9D said Smith, and Jones said they lost ";
  const Document d = stages->Run(text);
  for (const Quote& q : d.quotes) {
    ASSERT_FALSE(q.content.empty());
    for (const Span& p : q.content) EXPECT_LE(p.end, text.size());
  }
  EXPECT_GT(d.quotes.size(), 100u);  // the long paragraph's quotations are found
}

}  // namespace
}  // namespace dyad
