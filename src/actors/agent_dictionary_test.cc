#include <gtest/gtest.h>

#include "actors/actor_dictionary_internal.h"
#include "actors/test_util_internal.h"
#include "dyad/actors.h"

namespace dyad::actors_test {
namespace {

// Agents in the shapes of the Phoenix file; the entries are written for the
// test.
constexpr char kAgents[] =
    "<!-- AGENTS FOR THE TEST -->\n"
    "# ======== SUBSTITUTION SETS ========\n"
    "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
    "!MINIST! = MINISTER, MINISTERS , MINISTRY, MINISTRIES\n"
    "\n"
    "POLICE {} [ ~COP] # JON 2/8/95\n"
    "POLICE!PERSON!  [~COP]\n"
    "PRESIDENT [~GOV] # ns 6/26/01\n"
    "SPOKES!PERSON!  [~MED]\n"
    "REBEL [~REB]\n"
    "ACADEMIC [~EDU]\n"
    "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n"
    "AUTHORITY  [~GOV]\n"
    "ENVOY [~GOV]\n"
    "CONGRESS [~LEG]\n"
    "CHURCH [~REL]\n"
    "FOREIGN_!MINIST! [~GOV]\n"
    "!MINIST! FOR_AGRICULTURE,_FISHERIES [~GOVAGR]\n"
    "HUMAN_RIGHTS_BODY  [NGO~]\n"
    "HUMAN_RIGHTS_ORGANIZATION  [  NGO~]\n"
    "DEPARTMENT_OF_SNOW [~ENV}\n"
    "MUHABARAT_ [~SPY]\n"
    "ANTI-RIOT_POLICE {} [~COP]\n"
    "TROOP {} [~MIL]\n"
    "TROOPS {} [~MIL]\n";

class AgentDictionaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dict_ = LoadTexts("", kAgents, &problems_);
    ASSERT_NE(dict_, nullptr);
  }
  std::string Agent(std::string_view text) { return AgentOf(*dict_, text); }
  std::vector<std::string> problems_;
  std::unique_ptr<ActorDictionary> dict_;
};

TEST_F(AgentDictionaryTest, CleanFileHasNoProblems) {
  EXPECT_TRUE(problems_.empty()) << problems_.front();
  EXPECT_EQ(dict_->agent_count(), 20u);
}

TEST_F(AgentDictionaryTest, NounsAndRegularPlurals) {
  EXPECT_EQ(Agent("police"), "~COP");
  EXPECT_EQ(Agent("polices"), "<none>");  // {} nulls the plural
  EXPECT_EQ(Agent("President"), "~GOV");
  EXPECT_EQ(Agent("presidents"), "~GOV");
  EXPECT_EQ(Agent("rebels"), "~REB");
  EXPECT_EQ(Agent("academics"), "~EDU");
  EXPECT_EQ(Agent("authorities"), "~GOV");           // consonant + y
  EXPECT_EQ(Agent("envoys"), "~GOV");                // vowel + y
  EXPECT_EQ(Agent("congresses"), "~LEG");            // ends in s
  EXPECT_EQ(Agent("churches"), "~REL");              // ends in ch
  EXPECT_EQ(Agent("attorneys general"), "~GOVATG");  // written plural
  EXPECT_EQ(Agent("attorney generals"), "<none>");
  EXPECT_EQ(Agent("muhabarat"), "~SPY");
  EXPECT_EQ(Agent("muhabarats"), "<none>");  // trailing '_': no plural
  EXPECT_EQ(Agent("troop"), "~MIL");
  EXPECT_EQ(Agent("troops"), "~MIL");
}

TEST_F(AgentDictionaryTest, SubstitutionSets) {
  EXPECT_EQ(Agent("policeman"), "~COP");
  EXPECT_EQ(Agent("policewomen"), "~COP");
  EXPECT_EQ(Agent("spokesperson"), "~MED");
  EXPECT_EQ(Agent("spokesman"), "~MED");
  EXPECT_EQ(Agent("spokespersons"), "<none>");  // no plurals of set items
  EXPECT_EQ(Agent("foreign minister"), "~GOV");
  EXPECT_EQ(Agent("foreign ministries"), "~GOV");
  EXPECT_EQ(Agent("ministers for agriculture , fisheries"), "~GOVAGR");
}

TEST_F(AgentDictionaryTest, PrefixCodesSpacesAndBraces) {
  EXPECT_EQ(Agent("human rights body"), "NGO~");
  EXPECT_EQ(Agent("human rights organizations"), "NGO~");
  EXPECT_EQ(Agent("department of snow"), "~ENV");
  EXPECT_EQ(Agent("anti-riot police"), "~COP");
  EXPECT_EQ(Agent("anti - riot police"), "~COP");
}

TEST_F(AgentDictionaryTest, EvidenceNamesTheLine) {
  Tokens t("policemen");
  PhraseMatch m = dict_->LongestAgentMatch(t.views, 0);
  ASSERT_TRUE(m);
  EXPECT_EQ(dict_->AgentName(m.entry), "POLICE!PERSON!");
  EXPECT_EQ(dict_->AgentSource(m.entry), "agents.txt:7");
}

TEST(AgentDictionaryProblems, MalformedLinesAreReportedAndSkipped) {
  std::vector<std::string> problems;
  auto d = LoadTexts("",
                     "!X! = A, B\n"                  // 1
                     "ISLAMIC_EXTREMIST\n"           // 2: no code
                     "GUARD [GOV]\n"                 // 3: no '~'
                     "WARDEN [~G-V]\n"               // 4: bad code
                     "!NOPE!_OF_THINGS [~GOV]\n"     // 5: undefined set
                     "!X! FOR_AD!X!RATION [~GOV]\n"  // 6: two markers
                     "CLERK [~GOV\n"                 // 7: unclosed
                     "JUDGE [~JUD]\n"                // 8
                     "JUDGE [~GOV]\n"                // 9: conflict
                     "!EMPTY! = ,\n"                 // 10
                     "WORKER [~LAB]\n",
                     &problems);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(AnyProblemContains(problems, "agents.txt:2: agent line without a [~CODE]"));
  EXPECT_TRUE(AnyProblemContains(problems, "agents.txt:3: bad agent code 'GOV'"));
  EXPECT_TRUE(AnyProblemContains(problems, "agents.txt:4: bad agent code '~G-V'"));
  EXPECT_TRUE(AnyProblemContains(problems, "agents.txt:5: undefined substitution set !nope!"));
  EXPECT_TRUE(AnyProblemContains(problems, "agents.txt:6: more than one substitution marker"));
  EXPECT_TRUE(AnyProblemContains(problems, "agents.txt:7: '[' without ']'"));
  EXPECT_TRUE(AnyProblemContains(
      problems, "agents.txt:9: agent phrase 'JUDGE' is also agent 'JUDGE' (agents.txt:8)"));
  EXPECT_TRUE(AnyProblemContains(problems, "agents.txt:10: substitution set !empty! has no items"));
  EXPECT_EQ(AgentOf(*d, "workers"), "~LAB");
  EXPECT_EQ(AgentOf(*d, "judge"), "~GOV");
  EXPECT_EQ(AgentOf(*d, "a for adxration"), "~GOV");  // later marker read literally
  EXPECT_EQ(AgentOf(*d, "guard"), "<none>");
}

TEST(AgentDictionaryProblems, GeneratedPluralNeverReplacesAWrittenEntry) {
  std::vector<std::string> problems;
  auto d = LoadTexts("", "OFFICIALS [~ELI]\nOFFICIAL [~GOV]\n", &problems);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(AgentOf(*d, "officials"), "~ELI");
  EXPECT_EQ(AgentOf(*d, "official"), "~GOV");
}

TEST(ComposeActorAgent, TheCameoWay) {
  EXPECT_EQ(ComposeActorAgent("KOR", {"GOV", AgentSide::kSuffix}), "KORGOV");
  EXPECT_EQ(ComposeActorAgent("CHN", {"EDU", AgentSide::kSuffix}), "CHNEDU");
  EXPECT_EQ(ComposeActorAgent("USA", {"NGO", AgentSide::kPrefix}), "NGOUSA");
  EXPECT_EQ(ComposeActorAgent("KORGOV", {"GOV", AgentSide::kSuffix}), "KORGOV");
  EXPECT_EQ(ComposeActorAgent("USAGOV", {"GOVMED", AgentSide::kSuffix}), "USAGOVMED");
  EXPECT_EQ(ComposeActorAgent("USAGOVMED", {"GOV", AgentSide::kSuffix}), "USAGOVMED");
  EXPECT_EQ(ComposeActorAgent("USA", {"GOVMED", AgentSide::kSuffix}), "USAGOVMED");
  EXPECT_EQ(ComposeActorAgent("IGOUNO", {"IGO", AgentSide::kPrefix}), "IGOUNO");
  EXPECT_EQ(ComposeActorAgent("", {"COP", AgentSide::kSuffix}), "COP");
  EXPECT_EQ(ComposeActorAgent("---", {"COP", AgentSide::kSuffix}), "---");
  EXPECT_EQ(ComposeActorAgent("AFG", {"", AgentSide::kSuffix}), "AFG");
  EXPECT_EQ(ComposeActorAgent("FRO/BIL", {"MIL", AgentSide::kSuffix}), "FROMIL/BILMIL");
  // Not segment-aligned: "GOV" inside "AGOVX" is no GOV segment.
  EXPECT_EQ(ComposeActorAgent("AGOVX", {"GOV", AgentSide::kSuffix}), "AGOVXGOV");
}

TEST(RegularPlural, Rules) {
  auto plural = [](std::string w) {
    std::vector<std::string> t = {w};
    return actors_internal::RegularPlural(&t) ? t.back() : std::string("<none>");
  };
  EXPECT_EQ(plural("minister"), "ministers");
  EXPECT_EQ(plural("militia"), "militias");
  EXPECT_EQ(plural("ally"), "allies");
  EXPECT_EQ(plural("attorney"), "attorneys");
  EXPECT_EQ(plural("boss"), "bosses");
  EXPECT_EQ(plural("tax"), "taxes");
  EXPECT_EQ(plural("coach"), "coaches");
  EXPECT_EQ(plural("capt."), "<none>");
}

}  // namespace
}  // namespace dyad::actors_test
