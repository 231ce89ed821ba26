// The real PETRARCH / Phoenix dictionaries, read from DYAD_SHARED_DIR (never
// copied into the repository); skipped when they are absent.

#include <gtest/gtest.h>

#include <filesystem>

#include "actors/test_util_internal.h"
#include "dyad/actors.h"

namespace dyad::actors_test {
namespace {

std::string DictDir() { return std::string(DYAD_SHARED_DIR) + "/data/petrarch/dictionaries"; }

class PhoenixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string dir = DictDir();
    std::vector<std::string> actors = {dir + "/Phoenix.Countries.actors.txt",
                                       dir + "/Phoenix.International.actors.txt",
                                       dir + "/Phoenix.MilNonState.actors.txt"};
    for (const std::string& f : actors) {
      if (!std::filesystem::exists(f)) return;
    }
    problems_ = new std::vector<std::string>();
    auto r = ActorDictionary::Load(actors, dir + "/Phoenix.agents.txt", problems_);
    if (r.ok()) dict_ = std::move(r).value().release();
  }
  static void TearDownTestSuite() {
    delete dict_;
    delete problems_;
    dict_ = nullptr;
    problems_ = nullptr;
  }
  void SetUp() override {
    if (dict_ == nullptr) {
      GTEST_SKIP() << "Phoenix dictionaries not found under " << DictDir()
                   << " (set DYAD_SHARED_DIR)";
    }
  }
  static std::string Code(std::string_view text, int32_t date) {
    return ActorCode(*dict_, text, date);
  }
  static ActorDictionary* dict_;
  static std::vector<std::string>* problems_;
};
ActorDictionary* PhoenixTest::dict_ = nullptr;
std::vector<std::string>* PhoenixTest::problems_ = nullptr;

TEST_F(PhoenixTest, LoadsEverything) {
  EXPECT_GT(dict_->actor_count(), 25000u);
  EXPECT_GT(dict_->agent_count(), 2000u);
  // The files' own faults are reported, not fatal; a sudden jump would mean
  // the reader broke on a form it used to read.
  EXPECT_LT(problems_->size(), 300u);
}

TEST_F(PhoenixTest, CountriesAndSynonyms) {
  EXPECT_EQ(Code("Afghanistan", 20150101), "AFG");
  EXPECT_EQ(Code("Kabul", 20150101), "AFG");
  EXPECT_EQ(Code("South Korea", 20150101), "KOR");
  EXPECT_EQ(Code("China", 20150101), "CHN");
}

TEST_F(PhoenixTest, LeadersWithDateRanges) {
  // MOHAMMAD_ZAHIR_SHAH_: [AFGELI 320101-331108] [AFGGOV 331108-730717]
  // [AFGELI 730717-070723], no default.
  EXPECT_EQ(Code("Mohammad Zahir Shah", 19320601), "AFGELI");
  EXPECT_EQ(Code("Mohammad Zahir Shah", 19500101), "AFGGOV");
  EXPECT_EQ(Code("Mohammad Zahir Shah", 19900101), "AFGELI");
  EXPECT_EQ(Code("Mohammad Zahir Shah", 20100101), "<null>");
  // BARACK_OBAMA: [USAELI 780101-000101] [USAGOV >090120].
  EXPECT_EQ(Code("President Barack Obama", 20150101), "USAGOV");
  EXPECT_EQ(Code("Barack Obama", 19900101), "USAELI");
  EXPECT_EQ(Code("Obama", 20050101), "<null>");
  // ABDULLAH_ABDULLAH_: [AFGGOV 20011001-20050420] [AFGELI].
  EXPECT_EQ(Code("Abdullah Abdullah", 20030101), "AFGGOV");
  EXPECT_EQ(Code("Abdullah Abdullah", 20100101), "AFGELI");
}

TEST_F(PhoenixTest, InternationalInlineCodes) {
  // JAVIER_DE_CUELLAR_ [IGOUNO 820101-911231] [ELI]
  EXPECT_EQ(Code("Javier de Cuellar", 19850101), "IGOUNO");
  EXPECT_EQ(Code("Javier de Cuellar", 19950101), "ELI");
}

TEST_F(PhoenixTest, Agents) {
  EXPECT_EQ(AgentOf(*dict_, "police"), "~COP");
  EXPECT_EQ(AgentOf(*dict_, "policemen"), "~COP");
  EXPECT_EQ(AgentOf(*dict_, "president"), "~GOV");
  EXPECT_EQ(AgentOf(*dict_, "spokesperson"), "~MED");
  EXPECT_EQ(AgentOf(*dict_, "rebels"), "~REB");
  EXPECT_EQ(AgentOf(*dict_, "students"), "~EDU");
  EXPECT_EQ(AgentOf(*dict_, "foreign ministry"), "~GOV");
  EXPECT_EQ(AgentOf(*dict_, "peacekeeping troops"), "IGO~");
  Tokens t("police");
  AgentCode cop = dict_->Agent(dict_->LongestAgentMatch(t.views, 0).entry);
  EXPECT_EQ(ComposeActorAgent("AFG", cop), "AFGCOP");
}

TEST_F(PhoenixTest, KnownFaultsOfTheFilesAreReported) {
  EXPECT_TRUE(AnyProblemContains(*problems_, "Phoenix.Countries.actors.txt:2039: date '9008223'"));
  EXPECT_TRUE(AnyProblemContains(*problems_, "Phoenix.agents.txt:904: more than one substitution"));
}

TEST(PhoenixCheck, ValidationFilesAreCheckedWithProblems) {
  std::string dir = DictDir();
  std::string actors = dir + "/PETR.Validate.actors.txt";
  std::string agents = dir + "/PETR.Validate.agents.txt";
  if (!std::filesystem::exists(actors) || !std::filesystem::exists(agents)) {
    GTEST_SKIP() << "PETR.Validate dictionaries not found under " << dir;
  }
  std::vector<std::string> problems;
  Status s = CheckDictionaries({actors, agents}, &problems);
  // The validation actors deliberately hold entries dyad refuses ([+++]);
  // the validation agents file reads cleanly.
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_TRUE(AnyProblemContains(problems, "PETR.Validate.actors.txt:112: bad code '+++'"));
  EXPECT_FALSE(AnyProblemContains(problems, "PETR.Validate.agents.txt"));

  problems.clear();
  auto d = ActorDictionary::Load({actors}, agents, &problems);
  ASSERT_TRUE(d.ok());
  // GOLLUM, with commented-out code lines between its dated codes.
  EXPECT_EQ(ActorCode(**d, "Smeagol", 19900101), "HOB");
  EXPECT_EQ(ActorCode(**d, "Gollum", 19970101), "HOBGOV");
  EXPECT_EQ(ActorCode(**d, "Gollum", 20000101), "HOBREB");
  EXPECT_EQ(ActorCode(**d, "Palestinian", 20000101), "PAL");  // the later entry
  EXPECT_EQ(AgentOf(**d, "congressmen"), "~LEG");
  EXPECT_EQ(AgentOf(**d, "ministries of silly walks"), "~GOV");
}

}  // namespace
}  // namespace dyad::actors_test
