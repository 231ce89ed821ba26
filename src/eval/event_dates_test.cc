// Event dates (dyad/time.h) on sentences segmented, tagged and parsed by
// dyad's own models: the temporal expressions as the parser attaches them.
#include <gtest/gtest.h>

#include "dyad/nlp.h"
#include "dyad/resources.h"
#include "dyad/text.h"
#include "dyad/time.h"

namespace dyad {
namespace {

class EventDates : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto data = FindResource("data");
    auto models = FindResource("models");
    if (!data.ok() || !models.ok()) return;
    auto seg = Segmenter::Create(*data);
    auto nlp = LoadNlpModels(*models);
    if (seg.ok() && nlp.ok()) {
      segmenter_ = std::move(seg).value().release();
      nlp_ = std::move(nlp).value().release();
    }
  }
  static void TearDownTestSuite() {
    delete segmenter_;
    delete nlp_;
    segmenter_ = nullptr;
    nlp_ = nullptr;
  }
  void SetUp() override {
    if (!segmenter_ || !nlp_) GTEST_SKIP() << "needs data/ and models/ of the repository";
  }

  // The date of the event whose predicate is the first word spelled `verb`.
  static std::string DateOf(const std::string& text, const std::string& verb,
                            std::optional<std::string> article_date) {
    Document doc;
    doc.article.text = text;
    doc.article.date = std::move(article_date);
    SegmentOptions opt;
    opt.raw = true;
    segmenter_->Segment(&doc, opt);
    nlp_->Annotate(&doc);
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      for (uint32_t w = s.first_word; w < s.first_word + s.num_words; ++w) {
        if (doc.words[w].form == verb) return EventDate(doc, si, w).value_or("<none>");
      }
    }
    return "<no such word>";
  }

  static Segmenter* segmenter_;
  static NlpModels* nlp_;
};
Segmenter* EventDates::segmenter_ = nullptr;
NlpModels* EventDates::nlp_ = nullptr;

// 2019-01-10 is a Thursday.
TEST_F(EventDates, WeekdayInThePast) {
  EXPECT_EQ(DateOf("The minister met his counterpart on Tuesday.", "met", "2019-01-10"),
            "2019-01-08");
}

TEST_F(EventDates, WeekdayInTheFuture) {
  EXPECT_EQ(DateOf("The minister will visit Beijing on Tuesday.", "visit", "2019-01-10"),
            "2019-01-15");
}

TEST_F(EventDates, Yesterday) {
  EXPECT_EQ(DateOf("Police arrested three protesters yesterday.", "arrested", "2019-01-01"),
            "2018-12-31");
}

TEST_F(EventDates, LastMonth) {
  EXPECT_EQ(DateOf("The army attacked the town last month.", "attacked", "2019-01-10"), "2018-12");
}

TEST_F(EventDates, MonthAndDayAcrossTheYear) {
  EXPECT_EQ(DateOf("The two leaders signed the agreement on Dec. 30.", "signed", "2019-01-02"),
            "2018-12-30");
}

TEST_F(EventDates, FullDate) {
  EXPECT_EQ(DateOf("The rebels seized the airport on January 7, 2019.", "seized", std::nullopt),
            "2019-01-07");
}

TEST_F(EventDates, NoTimeWordsGiveTheArticleDate) {
  EXPECT_EQ(DateOf("The president praised the agreement.", "praised", "2019-01-10"), "2019-01-10");
  EXPECT_EQ(DateOf("The president praised the agreement.", "praised", std::nullopt), "<none>");
}

}  // namespace
}  // namespace dyad
