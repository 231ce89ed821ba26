// Noun triggers of the event coder ("Kim's trip to China", "US-China trade
// talks", "sanctions on Iran") on sentences written here, segmented and
// parsed by the real segmenter and NLP models, with small dictionaries
// written for these tests.

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "dyad/actors.h"
#include "dyad/events.h"
#include "dyad/nlp.h"
#include "dyad/resources.h"
#include "dyad/text.h"

namespace dyad {
namespace {

const char kActors[] =
    "CHINA [CHN]\n"
    "+CHINESE\n"
    "BEIJING [CHN]\n"
    "UNITED_STATES [USA]\n"
    "+US\n"
    "+WASHINGTON\n"
    "IRAN [IRN]\n"
    "NORTH_KOREA [PRK]\n"
    "KIM_JONG_UN [PRKGOV]\n"
    "+KIM\n"
    "JAPAN [JPN]\n"
    "RUSSIA [RUS]\n";
const char kAgents[] = "GOVERNMENT [~GOV]\n";
// TRIP is a verb here as well as a noun: a noun file never takes it over.
const char kVerbs[] =
    "--- TRIP [---] ---\nTRIP\n"
    "--- ANNOUNCE [---] ---\nANNOUNCE\n"
    "--- HOLD [---] ---\nHOLD {HOLDS HELD HOLDING}\n- * TALKS (WITH +) [046]\n"
    "--- VISIT [042] ---\nVISIT\n";
const char kNouns[] =
    "&TALKS\n+TALK\n+NEGOTIATION\n"
    "--- TRIP [042:043] ---\nTRIP\nVISIT\nSTATE_+VISIT\n"
    "- $ * (TO +) [042:043]\n"
    "- $ * (IN +) [042:043]\n"
    "--- TALKS [046] ---\nTALKS\nNEGOTIATIONS\n"
    "- % * [046]\n"
    "- $ * (WITH +) [046]\n"
    "- * (WITH +) [046]\n"
    "- * (BETWEEN %) [046]\n"
    "--- SANCTIONS [163] ---\nSANCTION\n"
    "- $ * (ON +) [163]\n"
    "- * (ON +) [163]\n";

using Quads = std::set<std::tuple<std::string, std::string, std::string, std::string>>;

class NounTriggerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto data = FindResource("data");
    auto models = FindResource("models");
    if (!data.ok() || !models.ok()) return;
    auto seg = Segmenter::Create(*data);
    if (!seg.ok()) return;
    auto nlp = LoadNlpModels(*models);
    if (!nlp.ok()) return;
    segmenter_ = seg->release();
    nlp_ = nlp->release();
  }
  static void TearDownTestSuite() {
    delete segmenter_;
    delete nlp_;
    segmenter_ = nullptr;
    nlp_ = nullptr;
  }

  void SetUp() override {
    if (!segmenter_ || !nlp_) GTEST_SKIP() << "needs data/ and models/: absent";
    std::vector<std::string> problems;
    DictionarySource agents{"agents.txt", kAgents};
    auto ad = ActorDictionary::LoadFromSources({{"actors.txt", kActors}}, &agents, &problems);
    ASSERT_TRUE(ad.ok()) << ad.status().ToString();
    std::shared_ptr<const ActorDictionary> actors(std::move(ad).value());
    auto c = EventCoder::LoadFromSources({{"verbs.txt", kVerbs}}, nullptr, nullptr, nullptr, actors,
                                         &problems, EventCoderOptions{}, {{"nouns.txt", kNouns}});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(problems.empty()) << problems[0];
    coder_ = std::move(c).value();
  }

  Document Parse(const std::string& text) const {
    Document doc;
    doc.article.text = text;
    doc.article.date = "2019-01-08";
    segmenter_->Segment(&doc, SegmentOptions{});
    nlp_->Annotate(&doc);
    return doc;
  }

  // (source, target, code, trigger text) of the events of `text`.
  Quads Code(const std::string& text, Document* out = nullptr) const {
    Document doc = Parse(text);
    coder_->Code(&doc);
    Quads q;
    for (const Event& e : doc.events) {
      q.insert({e.source && e.source->actor ? *e.source->actor : "",
                e.target && e.target->actor ? *e.target->actor : "", e.code,
                doc.article.text.substr(e.trigger.start, e.trigger.end - e.trigger.start)});
    }
    if (out) *out = std::move(doc);
    return q;
  }

  static Segmenter* segmenter_;
  static NlpModels* nlp_;
  std::unique_ptr<EventCoder> coder_;
};

Segmenter* NounTriggerTest::segmenter_ = nullptr;
NlpModels* NounTriggerTest::nlp_ = nullptr;

TEST_F(NounTriggerTest, PossessiveTripToCountry) {
  Document doc;
  Quads q = Code("Kim's trip to China ended on Tuesday.", &doc);
  EXPECT_EQ(q, (Quads{{"PRKGOV", "CHN", "042", "trip"}, {"CHN", "PRKGOV", "043", "trip"}}));
  ASSERT_FALSE(doc.events.empty());
  EXPECT_EQ(doc.events[0].rule, "nouns.txt:8: - $ * (TO +) [042:043]");
}

TEST_F(NounTriggerTest, CompoundOfTwoActorsActsBothWays) {
  Quads q = Code("The US-China trade talks ended on Wednesday.");
  EXPECT_EQ(q, (Quads{{"USA", "CHN", "046", "talks"}, {"CHN", "USA", "046", "talks"}}));
}

TEST_F(NounTriggerTest, TalksBetweenTwoActors) {
  Quads q = Code("The talks between Japan and Russia ended on Wednesday.");
  EXPECT_EQ(q, (Quads{{"JPN", "RUS", "046", "talks"}, {"RUS", "JPN", "046", "talks"}}));
}

TEST_F(NounTriggerTest, SourceFromTheClause) {
  Quads q = Code("Washington announced new sanctions on Iran.");
  EXPECT_EQ(q, (Quads{{"USA", "IRN", "163", "sanctions"}}));
}

TEST_F(NounTriggerTest, NoActorNoEvent) {
  EXPECT_TRUE(Code("The trip ended on Tuesday.").empty());
  EXPECT_TRUE(Code("The talks lasted for hours.").empty());
}

TEST_F(NounTriggerTest, CodedByTheVerbOnlyOnce) {
  Quads q = Code("Japan held talks with Russia.");
  EXPECT_EQ(q, (Quads{{"JPN", "RUS", "046", "held"}}));
}

TEST_F(NounTriggerTest, VerbStaysAVerb) {
  // "visit" is a verb of the verb file and a noun of the noun file: the
  // verb is coded by its verb block only.
  Quads q = Code("Japan will visit Russia.");
  EXPECT_EQ(q, (Quads{{"JPN", "RUS", "042", "visit"}}));
}

TEST_F(NounTriggerTest, CompoundTriggerMarksTheHeadNoun) {
  Quads q = Code("Kim's state visit to China ended on Tuesday.");
  EXPECT_EQ(q, (Quads{{"PRKGOV", "CHN", "042", "state visit"}, {"CHN", "PRKGOV", "043", "state visit"}}));
}

TEST(NounTriggerCountsTest, NounsAreNotVerbs) {
  auto c = EventCoder::LoadFromSources({{"verbs.txt", kVerbs}}, nullptr, nullptr, nullptr, nullptr,
                                       nullptr, EventCoderOptions{}, {{"nouns.txt", kNouns}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ((*c)->verb_count(), 4u);  // TRIP, ANNOUNCE, HOLD, VISIT
}

}  // namespace
}  // namespace dyad
