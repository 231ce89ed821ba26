// Runs the dictionary readers over every file of fuzz/corpus/dictionary/, so
// that plain CTest exercises the fuzz corpus: each file is read both as an
// actors file and as an agents file, and every phrase lookup over the file's
// own words must stay in bounds.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "actors/test_util_internal.h"
#include "dyad/actors.h"

namespace dyad::actors_test {
namespace {

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

// The same exercise as fuzz/dictionary_fuzz.cc.
void Exercise(const std::string& name, const std::string& text) {
  std::vector<std::string> problems;
  std::vector<DictionarySource> actors = {{name, text}};
  DictionarySource agents{name, text};
  auto r = ActorDictionary::LoadFromSources(actors, &agents, &problems);
  ASSERT_TRUE(r.ok()) << name;
  const ActorDictionary& d = **r;
  for (const std::string& p : problems) {
    EXPECT_EQ(p.rfind(name + ":", 0), 0u) << "problem without file:line: " << p;
  }
  std::string words = text;
  for (char& c : words) {
    if (c == '_' || c == '\n' || c == '\t' || c == '[' || c == ']') c = ' ';
  }
  Tokens t(words);
  for (size_t i = 0; i <= t.views.size(); ++i) {
    PhraseMatch m = d.LongestActorMatch(t.views, i);
    if (m) {
      ASSERT_LT(m.entry, d.actor_count());
      ASSERT_LE(i + m.length, t.views.size());
      (void)d.CodeOn(m.entry, 19900101);
      (void)d.Codes(m.entry);
      (void)d.ActorSource(m.entry);
    }
    PhraseMatch a = d.LongestAgentMatch(t.views, i);
    if (a) {
      ASSERT_LT(a.entry, d.agent_count());
      ASSERT_LE(i + a.length, t.views.size());
      (void)ComposeActorAgent("USA", d.Agent(a.entry));
    }
  }
}

TEST(DictionaryCorpus, EveryFileReadsWithoutFault) {
  std::filesystem::path dir = std::filesystem::path(DYAD_SOURCE_DIR) / "fuzz/corpus/dictionary";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " not found";
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    SCOPED_TRACE(e.path().string());
    Exercise(e.path().filename().string(), ReadAll(e.path()));
    std::vector<std::string> problems;
    Status s = CheckDictionaries({e.path().string()}, &problems);
    EXPECT_TRUE(s.ok() || s.IsInvalidArgument()) << s.ToString();
    EXPECT_EQ(s.ok(), problems.empty());
    ++files;
  }
  EXPECT_GE(files, 5u);
}

TEST(DictionaryCorpus, EveryTruncationReadsWithoutFault) {
  std::filesystem::path dir = std::filesystem::path(DYAD_SOURCE_DIR) / "fuzz/corpus/dictionary";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " not found";
  for (const char* name : {"actors_dates.txt", "agents_basic.txt", "comments.txt"}) {
    std::string text = ReadAll(dir / name);
    for (size_t n = 0; n <= text.size(); ++n) {
      SCOPED_TRACE(std::string(name) + " cut at " + std::to_string(n));
      Exercise(name, text.substr(0, n));
    }
  }
}

TEST(DictionaryCorpus, CheckReportsEachFileAndCountsProblems) {
  std::filesystem::path dir = std::filesystem::path(DYAD_SOURCE_DIR) / "fuzz/corpus/dictionary";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " not found";
  std::vector<std::string> problems;
  EXPECT_TRUE(CheckDictionaries({(dir / "actors_basic.txt").string()}, &problems).ok());
  EXPECT_TRUE(CheckDictionaries({(dir / "agents_basic.txt").string()}, &problems).ok());
  EXPECT_TRUE(problems.empty());
  Status s = CheckDictionaries(
      {(dir / "actors_malformed.txt").string(), (dir / "agents_malformed.txt").string()},
      &problems);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find(std::to_string(problems.size()) + " problems in 2"), std::string::npos)
      << s.message();
  EXPECT_TRUE(AnyProblemContains(problems, "actors_malformed.txt:4: date '9008223'"));
  EXPECT_TRUE(AnyProblemContains(problems, "agents_malformed.txt:4: agent line without"));
  EXPECT_TRUE(CheckDictionaries({"/nonexistent.actors.txt"}, &problems).IsNotFound());
}

}  // namespace
}  // namespace dyad::actors_test
