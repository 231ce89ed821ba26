#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/text.h"
#include "gtest/gtest.h"
#include "text/cleaning_rules_internal.h"

namespace dyad {
namespace {

using text_internal::CleaningRule;
using text_internal::MatchesRule;
using text_internal::ParseCleaningRules;

const std::string kRules = std::string(DYAD_SOURCE_DIR) + "/data/cleaning.rules";

const Cleaner& Shipped() {
  static const Cleaner* c = [] {
    auto r = Cleaner::Load(kRules);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->release() : nullptr;
  }();
  return *c;
}

// "text (reason)" for each removed span.
std::vector<std::string> Removed(const std::string& text, uint32_t body_start = 0) {
  Document doc;
  doc.article.text = text;
  doc.article.body_start = body_start;
  Shipped().Clean(&doc);
  std::vector<std::string> out;
  for (const auto& r : doc.removed)
    out.push_back(std::string(doc.Text(r.span)) + " (" + r.reason + ")");
  return out;
}

CleaningRule Rule(const std::string& line) {
  auto rules = ParseCleaningRules(line, "test");
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  return rules.ok() && !rules->empty() ? (*rules)[0] : CleaningRule();
}

TEST(CleaningRulesTest, PatternSyntax) {
  EXPECT_TRUE(MatchesRule(Rule("x line: # thoughts on “*"), "12 thoughts on “Title”"));
  EXPECT_FALSE(MatchesRule(Rule("x line: # thoughts on “*"), "Many thoughts on “Title”"));
  EXPECT_TRUE(MatchesRule(Rule("x line: leave a reply"), "Leave a Reply"));
  EXPECT_FALSE(MatchesRule(Rule("x line: Leave a Reply"), "Leave a Reply now"));
  EXPECT_TRUE(MatchesRule(Rule("x prefix: Share this"), "Share this: Twitter"));
  EXPECT_TRUE(MatchesRule(Rule("x suffix: .jpg"), "Kim Jong Un and Xi Jinping.JPG"));
  EXPECT_FALSE(MatchesRule(Rule("x suffix: .jpg"), "a.jpg file"));
  EXPECT_TRUE(MatchesRule(Rule("x only: _-"), "___ ---"));
  EXPECT_FALSE(MatchesRule(Rule("x only: _-"), "__a"));
  EXPECT_TRUE(MatchesRule(Rule("x line: 5 \\* stars"), "5 * stars"));
  EXPECT_FALSE(MatchesRule(Rule("x line: 5 \\* stars"), "5 big stars"));
  EXPECT_TRUE(MatchesRule(Rule("x line: a*b*c"), "a123b456c"));
}

TEST(CleaningRulesTest, MalformedRuleNamesFileAndLine) {
  auto r = ParseCleaningRules("# comment\nboilerplate line: ok\nboilerplate glob: x\n", "my.rules");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("my.rules:3"), std::string::npos) << r.status().ToString();
  EXPECT_FALSE(ParseCleaningRules("nocolon here\n", "f").ok());
  EXPECT_FALSE(ParseCleaningRules("x line:\n", "f").ok());
  EXPECT_FALSE(ParseCleaningRules("x line: ends with \\\n", "f").ok());
}

TEST(CleanerTest, MissingFileIsNotFound) {
  EXPECT_TRUE(Cleaner::Load("/nonexistent/cleaning.rules").status().IsNotFound());
}

TEST(CleanerTest, BoilerplateAndCaptions) {
  EXPECT_EQ(Removed("Kim Jong Un and Xi Jinping.jpg\nText.\n"),
            (std::vector<std::string>{"Kim Jong Un and Xi Jinping.jpg (caption)"}));
  EXPECT_EQ(Removed("Text.\n3 thoughts on “A title”\nLeave a Reply"),
            (std::vector<std::string>{"3 thoughts on “A title” (boilerplate)",
                                      "Leave a Reply (boilerplate)"}));
  EXPECT_EQ(Removed("Share this:\nRelated\nAdvertisement\nClick here to subscribe\n"),
            (std::vector<std::string>{"Share this: (boilerplate)", "Related (boilerplate)",
                                      "Advertisement (boilerplate)",
                                      "Click here to subscribe (boilerplate)"}));
  EXPECT_EQ(Removed("We use cookies to improve your experience.\n"),
            (std::vector<std::string>{"We use cookies to improve your experience. (boilerplate)"}));
}

TEST(CleanerTest, SurroundingSpacesAreTrimmedFromTheSpan) {
  EXPECT_EQ(Removed("  Leave a Reply \u00a0\nText"),
            (std::vector<std::string>{"Leave a Reply (boilerplate)"}));
}

TEST(CleanerTest, BlankLines) {
  // A line of no-break spaces is reported; an empty line is a paragraph
  // break and is not.
  EXPECT_EQ(Removed("A.\n\n \u00a0 \nB.\n\nC."), (std::vector<std::string>{" \u00a0  (blank)"}));
}

TEST(CleanerTest, KeepsArticleText) {
  EXPECT_TRUE(Removed("Related news came from Seoul on Tuesday.\n"
                      "Leave a Reply, the senator said, was his advice.\n"
                      "He shared this: a photo.jpg of the summit and more text here.\n"
                      "Comments by the minister were reported.\n")
                  .empty());
  // A long line is text whatever it starts with.
  std::string long_line = "Click here to " + std::string(500, 'a');
  EXPECT_TRUE(Removed(long_line).empty());
}

TEST(CleanerTest, OnlyTheBodyIsCleaned) {
  std::string text = "Related\nRelated\n";
  EXPECT_EQ(Removed(text, 8), (std::vector<std::string>{"Related (boilerplate)"}));
}

// The counts in docs/text.md, and a guard against rules that eat text: on
// the PolNeAR articles (title = first line) few lines go, and those that go
// are short.
TEST(CleanerTest, PolnearCounts) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(DYAD_SHARED_DIR) / "data/polnear/train/text";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "PolNeAR texts not found at " << dir;
  size_t files = 0, lines = 0, removed = 0;
  std::map<std::string, size_t> by_reason;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Document doc;
    doc.article.text = ss.str();
    size_t nl = doc.article.text.find('\n');
    doc.article.body_start =
        static_cast<uint32_t>(nl == std::string::npos ? doc.article.text.size() : nl + 1);
    Shipped().Clean(&doc);
    ++files;
    lines += std::count(doc.article.text.begin(), doc.article.text.end(), '\n');
    for (const auto& r : doc.removed) {
      ++removed;
      ++by_reason[r.reason];
      EXPECT_LE(r.span.size(), 200u) << entry.path() << ": " << doc.Text(r.span);
    }
  }
  std::cout << "PolNeAR train: " << files << " files, " << lines << " lines, " << removed
            << " removed:";
  for (const auto& [reason, n] : by_reason) std::cout << " " << reason << " " << n;
  std::cout << "\n";
  EXPECT_LT(removed * 100, lines);  // under 1% of the lines
}

}  // namespace
}  // namespace dyad
