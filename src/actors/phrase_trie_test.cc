#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "actors/phrase_trie_internal.h"

namespace dyad::actors_internal {
namespace {

// "prefix" + number, written so that GCC 12's -Wrestrict false positive on
// `const char* + std::string` stays quiet.
std::string Name(std::string_view prefix, uint32_t i) {
  std::string s(prefix);
  s += std::to_string(i);
  return s;
}

std::vector<std::string> Tok(std::string_view phrase) {
  std::vector<std::string> t;
  PhraseTokens(phrase, &t);
  return t;
}

using V = std::vector<std::string>;

TEST(StringPool, InternsOnceAndSurvivesGrowth) {
  StringPool pool;
  std::vector<uint32_t> ids;
  for (uint32_t i = 0; i < 5000; ++i) ids.push_back(pool.Intern(Name("w", i)));
  for (uint32_t i = 0; i < 5000; ++i) {
    EXPECT_EQ(pool.Intern(Name("w", i)), ids[i]);
    EXPECT_EQ(pool.Find(Name("w", i)), ids[i]);
    EXPECT_EQ(pool.Get(ids[i]), Name("w", i));
  }
  EXPECT_EQ(pool.Find("absent"), kNone);
  EXPECT_EQ(pool.size(), 5000u);
}

TEST(PhraseTokens, SplitsAtUnderscoresAndBlanksAndLowers) {
  EXPECT_EQ(Tok("MOHAMMAD_ZAHIR_SHAH_"), (V{"mohammad", "zahir", "shah"}));
  EXPECT_EQ(Tok("PRESIDENT HOSNI  MURBARAK"), (V{"president", "hosni", "murbarak"}));
  EXPECT_EQ(Tok("SPORTS__YOUTH"), (V{"sports", "youth"}));
  EXPECT_EQ(Tok("U.S._VICE_PRESIDENT"), (V{"u.s.", "vice", "president"}));
}

TEST(PhraseTokens, FollowsTheTokenizerForPossessivesAndCommas) {
  EXPECT_EQ(Tok("PEOPLE'S_BANK"), (V{"people", "'s", "bank"}));
  EXPECT_EQ(Tok("WORKERS'_FEDERATION"), (V{"workers", "'", "federation"}));
  EXPECT_EQ(Tok("PEOPLE\xE2\x80\x99S_BANK"), (V{"people", "'s", "bank"}));
  EXPECT_EQ(Tok("AGRICULTURE,_FISHERIES_AND_FOOD"),
            (V{"agriculture", ",", "fisheries", "and", "food"}));
  EXPECT_EQ(Tok("BRENDAN_O'CONNOR_"), (V{"brendan", "o'connor"}));
}

TEST(PhraseTokens, HyphenSplitVariant) {
  V split;
  EXPECT_TRUE(HyphenSplitVariant(Tok("MAZAR-I-SHARIF_"), &split));
  EXPECT_EQ(split, (V{"mazar", "-", "i", "-", "sharif"}));
  EXPECT_FALSE(HyphenSplitVariant(Tok("KABUL_"), &split));
  EXPECT_FALSE(HyphenSplitVariant(V{"-", "x-"}, &split));
}

class TrieTest : public ::testing::Test {
 protected:
  void Add(std::string_view phrase, uint32_t value) {
    trie_.set_value(trie_.Insert(root_, Tok(phrase)), value);
  }
  PhraseMatch Find(std::vector<std::string_view> tokens, size_t start = 0) {
    return trie_.Longest(root_, tokens, start);
  }
  PhraseTrie trie_;
  uint32_t root_ = trie_.AddRoot();
};

TEST_F(TrieTest, LongestMatchWins) {
  Add("NORTH", 1);
  Add("NORTH_KOREA", 2);
  Add("NORTH_KOREAN_ARMY", 3);
  PhraseMatch m = Find({"north", "korean", "troops"});
  EXPECT_EQ(m.length, 1u);
  EXPECT_EQ(m.entry, 1u);
  m = Find({"north", "korea", "said"});
  EXPECT_EQ(m.length, 2u);
  EXPECT_EQ(m.entry, 2u);
  m = Find({"the", "north", "korean", "army"}, 1);
  EXPECT_EQ(m.length, 3u);
  EXPECT_EQ(m.entry, 3u);
  EXPECT_FALSE(Find({"south", "korea"}));
  EXPECT_FALSE(Find({"north"}, 1));  // start == size
}

TEST_F(TrieTest, UnsplitPossessiveEndsAPhrase) {
  Add("ISRAEL", 7);
  Add("WORKERS", 8);
  PhraseMatch m = Find({"israel's", "army"});
  EXPECT_EQ(m.length, 1u);
  EXPECT_EQ(m.entry, 7u);
  m = Find({"israel\xE2\x80\x99s"});
  EXPECT_EQ(m.entry, 7u);
  m = Find({"workers'"});
  EXPECT_EQ(m.entry, 8u);
  EXPECT_FALSE(Find({"'s"}));
}

TEST_F(TrieTest, CurlyApostrophesMatchStraightOnes) {
  Add("CHARGE_D'AFFAIRES", 9);
  PhraseMatch m = Find({"charge",
                        "d\xE2\x80\x99"
                        "affaires"});
  EXPECT_EQ(m.length, 2u);
  EXPECT_EQ(m.entry, 9u);
}

TEST_F(TrieTest, ManyPhrasesGrowTheEdgeTable) {
  for (uint32_t i = 0; i < 20000; ++i) Add(Name("A", i) + Name("_B", i), i);
  for (uint32_t i = 0; i < 20000; i += 997) {
    std::string a = Name("a", i), b = Name("b", i);
    PhraseMatch m = Find({a, b});
    EXPECT_EQ(m.length, 2u);
    EXPECT_EQ(m.entry, i);
  }
}

}  // namespace
}  // namespace dyad::actors_internal
