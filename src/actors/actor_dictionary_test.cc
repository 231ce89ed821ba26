#include <gtest/gtest.h>

#include <thread>

#include "actors/test_util_internal.h"
#include "dyad/actors.h"

namespace dyad::actors_test {
namespace {

// A small actors file in the shapes the Phoenix files use; the names are
// invented.
constexpr char kActors[] =
    "# comment line\n"
    "<!-- one-line xml comment -->\n"
    "<!--\n"
    "   a comment over\n"
    "   several lines [XXX]\n"
    "-->\n"
    "\n"
    "ARDONIA_  [ARD]\n"
    "+ARDONIAN_ \n"
    "+REPUBLIC_OF_ARDONIA_\n"
    "+PORT_ELM # capital\n"
    "\n"
    "KELAN_VOSS_  # CountryInfo-style trailing comment\n"
    "+PRESIDENT_KELAN_VOSS\n"
    "\t[ARDELI 620101-780427]\n"
    "\t[ARDGOV 780427-19900430]\n"
    "\t[ARDELI]\n"
    "MARA_TEL_  ; TABARI-style comment\n"
    "\t[ARDGOV >20121109]\n"
    "\t[ARDMIL < 950601]\n"
    "ODO_PRANT_\t[IGOUNO 820101-911231] [ELI]# two codes inline\n"
    "DELLA_QUIN_\t[ARDGOV 010120-050120] [IGOUNOKID >050501]\n"
    "SAMWISE_RIGG [ARD]\n"
    "\t[ARDCIV <20080120]\n"
    "\t[ORCARD 20100109-20100112] # before the next one: it wins\n"
    "\t[ARDMIL 20080120-20121109]\n"
    "\t[ARDGOV 20121109 - 20130119]\n"
    "PRINCE OF DOL TARN\n"
    "\t[--- <950630]\n"
    "\t[DTN]\n"
    "NORTH_ARDONIA_ [nar]\n"
    "SHIRE_TRIO [FRO/BIL/SAM]\n"
    "AL-QIRAN [ARDREB]\n";

class ActorDictionaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dict_ = LoadTexts(kActors, "", &problems_);
    ASSERT_NE(dict_, nullptr);
  }
  std::string Code(std::string_view text, int32_t date = 20200101) {
    return ActorCode(*dict_, text, date);
  }
  std::vector<std::string> problems_;
  std::unique_ptr<ActorDictionary> dict_;
};

TEST_F(ActorDictionaryTest, CleanFileHasNoProblems) {
  EXPECT_TRUE(problems_.empty()) << problems_.front();
  EXPECT_EQ(dict_->actor_count(), 10u);
}

TEST_F(ActorDictionaryTest, PrimaryAndSynonymsShareTheEntry) {
  EXPECT_EQ(Code("Ardonia"), "ARD");
  EXPECT_EQ(Code("ARDONIAN forces"), "ARD");
  EXPECT_EQ(Code("Republic of Ardonia"), "ARD");
  EXPECT_EQ(Code("Port Elm"), "ARD");
  EXPECT_EQ(Code("Republic of"), "<none>");
  EXPECT_EQ(Code("North Ardonia"), "NAR");  // lower-case code upper-cased
  Tokens t("republic of ardonia said");
  PhraseMatch m = dict_->LongestActorMatch(t.views, 0);
  EXPECT_EQ(m.length, 3u);
  EXPECT_EQ(dict_->ActorName(m.entry), "ARDONIA_");
  EXPECT_EQ(dict_->ActorSource(m.entry), "actors.txt:8");
}

TEST_F(ActorDictionaryTest, DateRangesInBothYearForms) {
  EXPECT_EQ(Code("Kelan Voss", 19700101), "ARDELI");
  EXPECT_EQ(Code("President Kelan Voss", 19850101), "ARDGOV");
  EXPECT_EQ(Code("Kelan Voss", 19780427), "ARDELI");  // limits included; first wins
  EXPECT_EQ(Code("Kelan Voss", 19900430), "ARDGOV");
  EXPECT_EQ(Code("Kelan Voss", 20000101), "ARDELI");  // the bare [CODE] default
  EXPECT_EQ(Code("Kelan Voss", 19500101), "ARDELI");
}

TEST_F(ActorDictionaryTest, BeforeAndAfterWithoutDefault) {
  EXPECT_EQ(Code("Mara Tel", 19940101), "ARDMIL");
  EXPECT_EQ(Code("Mara Tel", 19950601), "ARDMIL");
  EXPECT_EQ(Code("Mara Tel", 20000101), "<null>");
  EXPECT_EQ(Code("Mara Tel", 20121109), "ARDGOV");
  EXPECT_EQ(Code("Mara Tel", 20200101), "ARDGOV");
}

TEST_F(ActorDictionaryTest, SeveralCodesInlineOnThePrimaryLine) {
  EXPECT_EQ(Code("Odo Prant", 19900101), "IGOUNO");
  EXPECT_EQ(Code("Odo Prant", 19950101), "ELI");
  EXPECT_EQ(Code("Della Quin", 20030101), "ARDGOV");
  EXPECT_EQ(Code("Della Quin", 20050301), "<null>");
  EXPECT_EQ(Code("Della Quin", 20100101), "IGOUNOKID");
  Tokens t("odo prant");
  std::vector<DatedCode> codes = dict_->Codes(dict_->LongestActorMatch(t.views, 0).entry);
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes[0].code, "IGOUNO");
  EXPECT_EQ(codes[0].from, 19820101);
  EXPECT_EQ(codes[0].to, 19911231);
  EXPECT_TRUE(codes[1].unrestricted);
}

TEST_F(ActorDictionaryTest, FirstMatchingRestrictionWinsThenPrimaryDefault) {
  EXPECT_EQ(Code("Samwise Rigg", 20000101), "ARDCIV");
  EXPECT_EQ(Code("Samwise Rigg", 20080120), "ARDCIV");
  EXPECT_EQ(Code("Samwise Rigg", 20100110), "ORCARD");
  EXPECT_EQ(Code("Samwise Rigg", 20110101), "ARDMIL");
  EXPECT_EQ(Code("Samwise Rigg", 20130101), "ARDGOV");  // spaces around '-'
  EXPECT_EQ(Code("Samwise Rigg", 20200101), "ARD");     // the primary line's code
}

TEST_F(ActorDictionaryTest, NullCodeAndBlankSeparatedPhrase) {
  EXPECT_EQ(Code("Prince of Dol Tarn", 19900101), "<null>");
  EXPECT_EQ(Code("Prince of Dol Tarn", 20000101), "DTN");
}

TEST_F(ActorDictionaryTest, CompoundCodesAndHyphens) {
  EXPECT_EQ(Code("Shire Trio"), "FRO/BIL/SAM");
  EXPECT_EQ(Code("al-Qiran"), "ARDREB");
  EXPECT_EQ(Code("al - Qiran"), "ARDREB");
}

TEST_F(ActorDictionaryTest, CommentsAreNotRead) {
  EXPECT_EQ(Code("several lines"), "<none>");
  EXPECT_EQ(Code("capital"), "<none>");
}

TEST_F(ActorDictionaryTest, SharedByManyThreads) {
  // STYLE §4: one loaded dictionary, any number of threads, no locks.
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([this, k, &wrong] {
      for (int i = 0; i < 2000; ++i) {
        if (ActorCode(*dict_, "President Kelan Voss said", 19850101) != "ARDGOV") ++wrong[k];
        if (ActorCode(*dict_, "Samwise Rigg", 20100110) != "ORCARD") ++wrong[k];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

TEST(ActorDictionaryProblems, MalformedLinesNameFileAndLineAndTheRestLoads) {
  std::vector<std::string> problems;
  auto d = LoadTexts(
      "[ORPHAN]\n"                         // 1: code before any record
      "+ORPHAN_SYNONYM\n"                  // 2: synonym before any record
      "GOOD_ONE [GDA]\n"                   // 3
      "BAD_DATE\n"                         // 4
      "\t[BDX 9008223-911221]\n"           // 5: 7-digit date
      "\t[BDX 1920030320-20060520]\n"      // 6: 10-digit date
      "\t[BDY 20121207-20120802]\n"        // 7: empty range
      "\t[BDZ >20100101]\n"                // 8
      "NO_CODE_AT_ALL\n"                   // 9: no code
      "BAD_CODE [A B C D]\n"               // 10: bad restriction
      "BAD_CHARS [GO$V]\n"                 // 11: bad code
      "UNCLOSED [ABC 950101\n"             // 12
      "JUNK_AFTER [ABC] trailing words\n"  // 13
      "TWO_DEFAULTS [AAA] [BBB]\n"         // 14
      "BARE_DATE [CCC 20121204]\n"         // 15
      "GOOD_TWO [GDB]\n"                   // 16
      "GOOD_ONE [GDC]\n"                   // 17: conflicts with line 3
      "<!-- never closed\n"                // 18
      "HIDDEN [HID]\n",
      "", &problems);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:1: code line outside"));
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:2: synonym line before"));
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:5: date '9008223'"));
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:6: date '1920030320'"));
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:7: date range '20121207-20120802'"));
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:9: actor 'NO_CODE_AT_ALL' has no code"));
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:10:"));
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:11: bad code 'GO$V'"));
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:12: '[' without ']'"));
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:13: unexpected text 'trailing words'"));
  EXPECT_TRUE(AnyProblemContains(
      problems, "actors.txt:14: actor 'TWO_DEFAULTS' has two unrestricted codes, AAA and BBB"));
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:15: date restriction '20121204' has no"));
  EXPECT_TRUE(AnyProblemContains(
      problems, "actors.txt:17: phrase 'GOOD_ONE' is also actor 'GOOD_ONE' (actors.txt:3)"));
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:18: \"<!--\" comment never closed"));
  // The rest loads.
  EXPECT_EQ(ActorCode(*d, "bad date", 20200101), "BDZ");
  EXPECT_EQ(ActorCode(*d, "bad date", 20000101), "<null>");
  EXPECT_EQ(ActorCode(*d, "good two", 20200101), "GDB");
  EXPECT_EQ(ActorCode(*d, "good one", 20200101), "GDC");  // the later entry
  EXPECT_EQ(ActorCode(*d, "two defaults", 20200101), "AAA");
  EXPECT_EQ(ActorCode(*d, "bare date", 20130101), "CCC");
  EXPECT_EQ(ActorCode(*d, "bare date", 20100101), "<null>");
  EXPECT_EQ(ActorCode(*d, "junk after", 20200101), "ABC");
  EXPECT_EQ(ActorCode(*d, "no code at all", 20200101), "<none>");
  EXPECT_EQ(ActorCode(*d, "hidden", 20200101), "<none>");
}

TEST(ActorDictionaryProblems, CodeNotMadeOfCameoSegmentsIsReportedAndKept) {
  std::vector<std::string> problems;
  auto d = LoadTexts("DUO_PRINTING_\t[MNCCN]\nTRIO [AB/CDE]\nOK [ABC/DEF]\n", "", &problems);
  ASSERT_NE(d, nullptr);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("actors.txt:1: code 'MNCCN' is not made of 3-letter"),
            std::string::npos);
  EXPECT_NE(problems[1].find("actors.txt:2: code 'AB/CDE'"), std::string::npos);
  EXPECT_EQ(ActorCode(*d, "duo printing", 20200101), "MNCCN");
}

TEST(ActorDictionaryProblems, SameCodesTwiceIsNotAConflict) {
  std::vector<std::string> problems;
  auto d = LoadTexts("KABRA_ [KBR]\nKABRA_ [KBR]\n", "", &problems);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(problems.empty());
}

TEST(ActorDictionaryProblems, Windows1252LineIsReadAndReported) {
  std::vector<std::string> problems;
  auto d = LoadTexts("# x\n+\nCOTE_D\x92IVOIRE_ [CIV]\n", "", &problems);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(AnyProblemContains(problems, "actors.txt:3: not valid UTF-8"));
  EXPECT_EQ(ActorCode(*d, "cote d'ivoire", 20200101), "CIV");
  EXPECT_EQ(ActorCode(*d, "cote d\xE2\x80\x99ivoire", 20200101), "CIV");
}

TEST(ActorDictionaryLoad, MissingFileIsNotFound) {
  std::vector<std::string> problems;
  auto r = ActorDictionary::Load({"/nonexistent/x.actors.txt"}, "", &problems);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsNotFound());
  EXPECT_NE(r.status().message().find("/nonexistent/x.actors.txt"), std::string::npos);
}

TEST(ActorDictionaryLoad, LaterFileOverridesEarlier) {
  std::vector<std::string> problems;
  std::vector<DictionarySource> files = {{"base.txt", "KABRA_ [KBR]\n"},
                                         {"user.txt", "KABRA_ [KBRGOV]\n"}};
  auto r = ActorDictionary::LoadFromSources(files, nullptr, &problems);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(ActorCode(**r, "kabra", 20200101), "KBRGOV");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("user.txt:1: phrase 'KABRA_' is also actor 'KABRA_' (base.txt:1)"),
            std::string::npos);
}

TEST(ActorDictionaryLoad, NullProblemsIsAllowed) {
  auto d = LoadTexts("[X]\nA [B]\n", "", nullptr);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(ActorCode(*d, "a", 20200101), "B");
}

}  // namespace
}  // namespace dyad::actors_test
