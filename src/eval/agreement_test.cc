#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "dyad/agreement_eval.h"

namespace dyad {
namespace {

// A two-sentence article; events are added by the tests.
Document TwoSentences() {
  Document d;
  d.article.id = "a1";
  d.article.text = "Arnor met Gondor. Mordor attacked Rohan.";
  Sentence s1;
  s1.span = {0, 17};
  Sentence s2;
  s2.span = {18, 40};
  d.sentences = {s1, s2};
  return d;
}

Event MakeEvent(uint32_t sentence, const char* source, const char* target,
                const std::string& code) {
  Event e;
  e.sentence = sentence;
  e.code = code;
  e.root = code.substr(0, 2);
  if (source) e.source = EventActor{Span{0, 5}, std::string(source), -1};
  if (target) e.target = EventActor{Span{10, 16}, std::string(target), -1};
  e.trigger = Span{6, 9};
  e.rule = "test";
  return e;
}

TEST(AgreementKeysTest, CountryIsTheFirstThreeLettersAndKeysAreUniquePerSentence) {
  Document d = TwoSentences();
  d.events.push_back(MakeEvent(0, "ARNGOV", "GONMIL", "042"));
  d.events.push_back(MakeEvent(0, "ARN", "GON", "046"));    // same key as above: root 04
  d.events.push_back(MakeEvent(0, "ARN", nullptr, "010"));  // no target: not compared
  d.events.push_back(MakeEvent(1, "MORREB", "ROH", "190"));
  auto keys = AgreementKeys(d);
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].first, 0u);
  EXPECT_EQ(keys[0].second, (AgreementKey{"ARN", "GON", "04"}));
  EXPECT_EQ(keys[1].second, (AgreementKey{"MOR", "ROH", "19"}));
}

TEST(CompareCodingsTest, CountsBothAndEachSideOverallAndByRoot) {
  Document dyad = TwoSentences(), ref = TwoSentences();
  dyad.events.push_back(MakeEvent(0, "ARNGOV", "GON", "040"));
  dyad.events.push_back(MakeEvent(1, "MOR", "ROH", "180"));
  ref.events.push_back(MakeEvent(0, "ARN", "GONGOV", "043"));  // same key (root 04)
  ref.events.push_back(MakeEvent(1, "MOR", "ROH", "190"));     // different root
  ref.events.push_back(MakeEvent(1, "ROH", "MOR", "190"));
  AgreementTally t;
  t.sample_size = 5;
  CompareCodings(dyad, ref, &t);
  EXPECT_EQ(t.articles, 1u);
  EXPECT_EQ(t.dyad_events, 2u);
  EXPECT_EQ(t.reference_events, 3u);
  EXPECT_EQ(t.overall.both, 1u);
  EXPECT_EQ(t.overall.only_dyad, 1u);
  EXPECT_EQ(t.overall.only_reference, 2u);
  EXPECT_EQ(t.by_root["04"].both, 1u);
  EXPECT_EQ(t.by_root["18"].only_dyad, 1u);
  EXPECT_EQ(t.by_root["19"].only_reference, 2u);
  EXPECT_DOUBLE_EQ(t.overall.Agreement(), 0.25);
  EXPECT_DOUBLE_EQ(t.overall.DyadInReference(), 0.5);
  EXPECT_NEAR(t.overall.ReferenceInDyad(), 1.0 / 3, 1e-12);
  // Only the second sentence differs.
  EXPECT_EQ(t.disagreeing_sentences, 1u);
  ASSERT_EQ(t.disagreements.size(), 1u);
  EXPECT_EQ(t.disagreements[0].sentence, 1u);
  EXPECT_EQ(t.disagreements[0].text, "Mordor attacked Rohan.");
  EXPECT_EQ(t.disagreements[0].dyad.size(), 1u);
  EXPECT_EQ(t.disagreements[0].reference.size(), 2u);
  const std::string table = FormatAgreement(t);
  EXPECT_NE(table.find("all"), std::string::npos);
  EXPECT_NE(FormatDisagreements(t).find("Mordor attacked Rohan."), std::string::npos);
}

TEST(CompareCodingsTest, SampleStaysWithinItsSizeAndIsDeterministic) {
  auto run = [](uint64_t seed) {
    AgreementTally t;
    t.sample_size = 3;
    t.seed = seed;
    for (int a = 0; a < 20; ++a) {
      Document dyad = TwoSentences(), ref = TwoSentences();
      dyad.article.id = ref.article.id = "a" + std::to_string(a);
      dyad.events.push_back(MakeEvent(0, "ARN", "GON", "040"));
      ref.events.push_back(MakeEvent(1, "MOR", "ROH", "190"));
      CompareCodings(dyad, ref, &t);
    }
    EXPECT_EQ(t.disagreeing_sentences, 40u);
    EXPECT_EQ(t.disagreements.size(), 3u);
    return FormatDisagreements(t);
  };
  EXPECT_EQ(run(7), run(7));
}

TEST(ReferenceDictionariesTest, TakesTheCameoFileAsVerbsWhenNoVerbFileIsNamedSo) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("dyad_agreement_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "Test.actors.txt") << "ARNOR_ [ARN]\n";
  std::ofstream(dir / "CAMEO.9.txt") << "--- MEET [040] ---\nMEET\n";
  std::ofstream(dir / "CAMEO.2.txt") << "--- MEET [040] ---\nMEET\n";
  auto r = ReferenceDictionaries(dir.string(), "");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto files = ResolveDictionaries(*r);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->verbs, std::vector<std::string>{(dir / "CAMEO.9.txt").string()});  // the newest
  auto given = ReferenceDictionaries(dir.string(), "/some/verbs.txt");
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->verbs, "/some/verbs.txt");
  fs::remove(dir / "CAMEO.9.txt");
  fs::remove(dir / "CAMEO.2.txt");
  EXPECT_FALSE(ReferenceDictionaries(dir.string(), "").ok());  // no verb dictionary
  fs::remove_all(dir);
  EXPECT_FALSE(ReferenceDictionaries(dir.string(), "").ok());
}

}  // namespace
}  // namespace dyad
