#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/events.h"
#include "events/event_coder_internal.h"

namespace dyad::events_internal {
namespace {

bool HasProblem(const std::vector<std::string>& problems, const std::string& needle) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(needle) != std::string::npos; });
}

const char kVerbs[] =
    "# a small verb dictionary written for these tests\n"
    "&STATE_\n"
    "+REPUBLIC\n"
    "+KINGDOM_\n"
    "&TIES\n"
    "+TIE\n"
    "+LINK\n"
    "&NESTED\n"
    "+&TIES\n"
    "+BOND\n"
    "--- MEND [050] ---\n"
    "MEND   # a comment\n"
    "PATCH {PATCHES PATCHED PATCHING} [051]\n"
    "+SEW_UP {+SEWS_UP +SEWED_UP +SEWING_UP}\n"
    "WIRE_+TAP\n"
    "- * {CLOSE &TIES} [0311]\n"
    "- * (WITH $) [057:057]\n"
    "- + * (FROM $) [080]\n"
    "- % * [036]\n"
    "- * &UNKNOWN [040]\n"
    "- * FENCE [5x]\n"
    "- * [050]\n"
    "- FENCE [050]\n"
    "* (ON NEED) [019]\n"
    "--- IDLE [010] ---\n"
    "IDLE\n"
    "~ a (a b MEND) IDLE = a b 036\n";

TEST(PatternDictionaryTest, ReadsBlocksFormsSynsetsAndPatterns) {
  PatternDictionary d;
  std::vector<std::string> problems;
  ReadPatternFile("verbs.txt", kVerbs, &d, &problems);
  FinishPatternDictionary(&d);
  ASSERT_EQ(d.blocks.size(), 2u);
  EXPECT_EQ(d.blocks[0].code.code, "050");
  EXPECT_EQ(d.blocks[1].code.code, "010");
  // Regular and irregular forms.
  EXPECT_TRUE(d.by_form.count("mends"));
  EXPECT_TRUE(d.by_form.count("mended"));
  EXPECT_TRUE(d.by_form.count("mending"));
  EXPECT_TRUE(d.by_form.count("patched"));
  ASSERT_TRUE(d.by_base.count("patch"));
  const TriggerForm& patch = d.triggers[d.by_base["patch"][0]];
  ASSERT_TRUE(patch.code.has_value());
  EXPECT_EQ(patch.code->code, "051");
  // Multi-word verbs: the '+' word is the verb.
  ASSERT_TRUE(d.by_base.count("sew"));
  bool found_sew_up = false;
  for (uint32_t i : d.by_base["sew"]) {
    found_sew_up |= d.triggers[i].after == std::vector<std::string>{"up"};
  }
  EXPECT_TRUE(found_sew_up);
  ASSERT_TRUE(d.by_base.count("tap"));
  EXPECT_EQ(d.triggers[d.by_base["tap"][0]].before, std::vector<std::string>{"wire"});
  // Patterns: the good ones load, each bad one is a problem with file:line.
  const auto& pats = d.blocks[0].patterns;
  ASSERT_EQ(pats.size(), 5u);  // {CLOSE &TIES}, (WITH $), + (FROM $), %, "* (ON NEED)"
  EXPECT_EQ(pats[0].code.code, "0311");
  ASSERT_EQ(pats[0].post.size(), 1u);
  EXPECT_EQ(pats[0].post[0].kind, Elem::kPhrase);
  ASSERT_EQ(pats[0].post[0].parts.size(), 2u);
  EXPECT_EQ(pats[0].post[0].parts[1].alts.size(), 2u);  // TIE, LINK
  EXPECT_EQ(pats[1].code.reverse, "057");
  EXPECT_EQ(pats[1].post[0].kind, Elem::kPrep);
  EXPECT_EQ(pats[1].post[0].parts[1].kind, Elem::kSource);
  EXPECT_EQ(pats[2].pre[0].kind, Elem::kTarget);
  EXPECT_TRUE(pats[3].reciprocal);
  EXPECT_EQ(pats[0].rule, "verbs.txt:16: - * {CLOSE &TIES} [0311]");
  EXPECT_TRUE(HasProblem(problems, "verbs.txt:20: synset &UNKNOWN is not defined"));
  EXPECT_TRUE(HasProblem(problems, "verbs.txt:21: invalid code [5x]"));
  EXPECT_TRUE(HasProblem(problems, "verbs.txt:22: pattern can never match"));
  EXPECT_TRUE(HasProblem(problems, "verbs.txt:23: pattern without '*'"));
  // Transformation verbs resolve to their codes.
  ASSERT_EQ(d.transformations.size(), 1u);
  EXPECT_EQ(d.transformations[0].low_code, "050");
  EXPECT_EQ(d.transformations[0].out_code, "036");
}

TEST(PatternDictionaryTest, SynsetRules) {
  PatternDictionary d;
  std::vector<std::string> problems;
  ReadPatternFile("v.txt",
                  "&STATE_\n+REPUBLIC\n&NESTED\n+&STATE\n+BOND\n--- X [010] ---\nX\n"
                  "- * &NESTED [011]\n- * &STATE [012]\n",
                  &d, &problems);
  EXPECT_TRUE(problems.empty()) << problems[0];
  ASSERT_EQ(d.blocks[0].patterns.size(), 2u);
  const Elem& nested = d.blocks[0].patterns[0].post[0];
  ASSERT_EQ(nested.alts.size(), 2u);  // REPUBLIC (from &STATE_) and BOND
  EXPECT_TRUE(nested.alts[0].form_only);  // label ending in '_': no plurals
  EXPECT_FALSE(nested.alts[1].form_only);
}

TEST(PatternDictionaryTest, MalformedLinesDoNotStopTheRest) {
  PatternDictionary d;
  std::vector<std::string> problems;
  ReadPatternFile("v.txt", "- * X [010]\n--- A [01x] ---\nA\nB C\n- * (UNCLOSED [010]\n- * Y [020]\n", &d,
                  &problems);
  EXPECT_TRUE(HasProblem(problems, "v.txt:1: pattern outside"));
  EXPECT_TRUE(HasProblem(problems, "v.txt:2: invalid block code"));
  EXPECT_TRUE(HasProblem(problems, "v.txt:4: several words"));
  EXPECT_TRUE(HasProblem(problems, "v.txt:5: unclosed '('"));
  ASSERT_EQ(d.blocks.size(), 1u);
  EXPECT_EQ(d.blocks[0].patterns.size(), 1u);
}

TEST(PatternDictionaryTest, Ontology) {
  Ontology o;
  std::vector<std::string> problems;
  ReadOntology("o.txt", "# c\n030:0x3000#Intend\n033:0x3040\n050:0x0080\n110:0x1007f#0xFFFF+0x0080#0x7000#D\n"
                        "120:-0xFFFF#Reject\nbad line\n---:0\n",
               &o, &problems);
  EXPECT_EQ(o.Value("030"), 0x3000);
  EXPECT_EQ(o.Value("110"), 0x1007f);
  ASSERT_NE(o.Code(0x7000), nullptr);
  EXPECT_EQ(*o.Code(0x7000), "110");
  EXPECT_EQ(o.Value("120"), -0xFFFF);
  EXPECT_TRUE(HasProblem(problems, "o.txt:7:"));
}

TEST(PatternDictionaryTest, DiscardsAndIssues) {
  std::vector<DiscardEntry> discards;
  std::vector<std::string> problems;
  ReadDiscards("d.txt", "+CRICKET MATCH # story\nCHESS_\n", &discards, &problems);
  ASSERT_EQ(discards.size(), 2u);
  EXPECT_TRUE(discards[0].story);
  EXPECT_EQ(discards[0].text, "cricket match");
  EXPECT_TRUE(discards[1].whole_word);
  std::vector<IssueEntry> issues;
  ReadIssues("i.txt", "<ISSUE CATEGORY=\"X\">\nn:flood [FLOODS]\nv:evacuate [EVAC]\nwater+way [WATER]\n~flood insurance\nno code\n</ISSUE>\n",
             &issues, &problems);
  ASSERT_EQ(issues.size(), 4u);
  EXPECT_EQ(issues[0].alternatives.size(), 2u);  // flood, floods
  EXPECT_EQ(issues[1].alternatives.size(), 4u);  // evacuate, -s, -d, evacuating
  EXPECT_EQ(issues[2].alternatives.size(), 3u);  // water way, water-way, waterway
  EXPECT_TRUE(issues[3].code.empty());
  EXPECT_TRUE(HasProblem(problems, "i.txt:6: issue phrase without a [CODE]"));
}

TEST(PatternDictionaryTest, RegularForms) {
  EXPECT_EQ(RegularVerbForms("try"), (std::vector<std::string>{"tries", "tried", "trying"}));
  EXPECT_EQ(RegularVerbForms("agree"), (std::vector<std::string>{"agrees", "agreed", "agreeing"}));
  EXPECT_EQ(RegularPlural("ally"), "allies");
  EXPECT_EQ(RegularPlural("press"), "presses");
  EXPECT_EQ(RegularPlural("tie"), "ties");
}

TEST(PatternDictionaryTest, ShippedPetrarchDictionariesLoad) {
  const std::string dir = std::string(DYAD_SHARED_DIR) + "/data/petrarch/dictionaries/";
  std::vector<std::string> problems;
  Status s = CheckEventDictionaries({dir + "CAMEO.2.0.txt"}, &problems);
  if (s.IsNotFound()) GTEST_SKIP() << "needs ../shared/data/petrarch/dictionaries: absent";
  // The Phoenix verb dictionary reads with few problems, each with file:line.
  EXPECT_LT(problems.size(), 60u);
  for (const auto& p : problems) EXPECT_NE(p.find("CAMEO.2.0.txt:"), std::string::npos) << p;
  PatternDictionary d;
  std::vector<std::string> ignored;
  std::string text;
  {
    FILE* f = std::fopen((dir + "CAMEO.2.0.txt").c_str(), "rb");
    ASSERT_NE(f, nullptr);
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
    std::fclose(f);
  }
  ReadPatternFile("CAMEO.2.0.txt", text, &d, &ignored);
  FinishPatternDictionary(&d);
  EXPECT_GT(d.pattern_count, 4000u);
  EXPECT_GT(d.blocks.size(), 350u);
  EXPECT_GE(d.transformations.size(), 5u);
}

// The fuzz target's seeds (fuzz/corpus/verb_dictionary/) load as every kind
// of event dictionary without failing, so a crasher added there stays fixed.
TEST(PatternDictionaryTest, FuzzSeedsLoad) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(DYAD_SOURCE_DIR) / "fuzz" / "corpus" / "verb_dictionary";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no seeds";
  int seen = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::vector<std::string> problems;
    DictionarySource src{e.path().filename().string(), ss.str()};
    auto coder = EventCoder::LoadFromSources({src}, &src, &src, &src, nullptr, &problems);
    ASSERT_TRUE(coder.ok()) << coder.status().ToString();
    ++seen;
  }
  EXPECT_GT(seen, 0);
}

}  // namespace
}  // namespace dyad::events_internal
