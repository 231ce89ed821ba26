#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "dyad/event_eval.h"

namespace dyad {
namespace {

EventRecord Expecting(std::vector<ExpectedEvent> events, const std::string& category = "DEMO") {
  EventRecord r;
  r.id = "R";
  r.category = category;
  r.has_expectation = true;
  r.expected = std::move(events);
  return r;
}

EventRecord NoEvents() {
  EventRecord r;
  r.id = "N";
  r.category = "VERB";
  r.has_expectation = true;
  r.noevents = true;
  return r;
}

TEST(ScoreRecord, ExactMatchIsCorrect) {
  RecordScore s = ScoreRecord(Expecting({{"050", "ARN", "GON"}}), {{"050", "ARN", "GON"}});
  EXPECT_EQ(s.correct, 1u);
  EXPECT_EQ(s.uncoded, 0u);
  EXPECT_EQ(s.extra, 0u);
  EXPECT_TRUE(s.passed());
}

TEST(ScoreRecord, AnyDifferenceIsUncodedPlusExtra) {
  for (CodedEvent wrong : std::vector<CodedEvent>{{"051", "ARN", "GON"},
                                                  {"050", "ARNGOV", "GON"},
                                                  {"050", "GON", "ARN"}}) {
    RecordScore s = ScoreRecord(Expecting({{"050", "ARN", "GON"}}), {wrong});
    EXPECT_EQ(s.correct, 0u);
    EXPECT_EQ(s.uncoded, 1u);
    EXPECT_EQ(s.extra, 1u);
    EXPECT_FALSE(s.passed());
  }
}

TEST(ScoreRecord, EachExpectedEventMatchesOnce) {
  RecordScore s = ScoreRecord(Expecting({{"042", "A", "B"}, {"043", "B", "A"}}),
                              {{"042", "A", "B"}, {"042", "A", "B"}, {"043", "B", "A"}});
  EXPECT_EQ(s.correct, 2u);
  EXPECT_EQ(s.uncoded, 0u);
  EXPECT_EQ(s.extra, 1u);  // the duplicate
  EXPECT_EQ(s.coded, 3u);
}

TEST(ScoreRecord, NullEventsAreIgnored) {
  RecordScore s = ScoreRecord(Expecting({{"050", "ARN", "GON"}}),
                              {{"050", "ARN", "GON"}, {"010", "---", "GON"}, {"010", "ARN", "---"},
                               {"---", "ARN", "GON"}, {"", "ARN", "GON"}});
  EXPECT_EQ(s.correct, 1u);
  EXPECT_EQ(s.extra, 0u);
  EXPECT_EQ(s.null, 4u);
  EXPECT_EQ(s.coded, 1u);
  EXPECT_EQ(s.counted, (std::vector<bool>{true, false, false, false, false}));
  EXPECT_TRUE(s.passed());
}

TEST(ScoreRecord, AgentWithoutCountryIsNotNull) {
  RecordScore s = ScoreRecord(Expecting({{"012", "---REL", "DAG"}}), {{"012", "---REL", "DAG"}});
  EXPECT_EQ(s.correct, 1u);
  EXPECT_EQ(s.null, 0u);
}

TEST(ScoreRecord, RequireDyadOffKeepsNullActors) {
  EventRecord r = Expecting({{"222", "GON", "---"}});
  r.config = {{"require_dyad", "false"}};
  RecordScore s = ScoreRecord(r, {{"222", "GON", "---"}});
  EXPECT_EQ(s.correct, 1u);
  EXPECT_EQ(s.null, 0u);
  // ... unless asked to drop them anyway; a null code is always dropped.
  ScoreOptions keep;
  keep.ignore_null_actors = false;
  RecordScore k = ScoreRecord(Expecting({{"222", "GON", "---"}}), {{"222", "GON", "---"}, {"---", "A", "B"}}, keep);
  EXPECT_EQ(k.correct, 1u);
  EXPECT_EQ(k.null, 1u);
}

TEST(ScoreRecord, NoEventsRecord) {
  RecordScore nothing = ScoreRecord(NoEvents(), {});
  EXPECT_EQ(nothing.expected, 1u);
  EXPECT_EQ(nothing.correct, 1u);
  EXPECT_EQ(nothing.uncoded, 0u);
  EXPECT_EQ(nothing.extra, 0u);
  EXPECT_TRUE(nothing.passed());
  // Only null events coded: still nothing coded.
  RecordScore only_null = ScoreRecord(NoEvents(), {{"010", "---", "ARN"}});
  EXPECT_EQ(only_null.correct, 1u);
  EXPECT_EQ(only_null.null, 1u);
  RecordScore coded = ScoreRecord(NoEvents(), {{"010", "ETH", "LBY"}, {"020", "ETH", "LBY"}});
  EXPECT_EQ(coded.correct, 0u);
  EXPECT_EQ(coded.uncoded, 1u);
  EXPECT_EQ(coded.extra, 2u);
  EXPECT_FALSE(coded.passed());
}

TEST(ScoreRecord, NothingCodedForExpectedEvents) {
  RecordScore s = ScoreRecord(Expecting({{"042", "A", "B"}, {"043", "B", "A"}}), {});
  EXPECT_EQ(s.correct, 0u);
  EXPECT_EQ(s.uncoded, 2u);
  EXPECT_EQ(s.extra, 0u);
}

TEST(CodedEventOf, MissingActorsAreNull) {
  Event e;
  e.code = "042";
  e.source = EventActor{{0, 5}, std::string("ARNGOV"), -1};
  EXPECT_EQ(CodedEventOf(e), (CodedEvent{"042", "ARNGOV", "---"}));
  e.target = EventActor{{6, 9}, std::nullopt, -1};
  EXPECT_EQ(CodedEventOf(e), (CodedEvent{"042", "ARNGOV", "---"}));
  e.target->actor = "GON";
  EXPECT_EQ(CodedEventOf(e), (CodedEvent{"042", "ARNGOV", "GON"}));
}

TEST(Summarize, CategoriesInOrderThenTotal) {
  EventEvalReport report;
  report.records.push_back(ScoreRecord(Expecting({{"050", "A", "B"}}, "DEMO"), {{"050", "A", "B"}}));
  report.records.push_back(ScoreRecord(NoEvents(), {{"010", "A", "B"}}));
  report.records.push_back(ScoreRecord(Expecting({{"050", "A", "B"}, {"051", "A", "B"}}, "DEMO"),
                                       {{"050", "A", "B"}}));
  Summarize(&report);
  ASSERT_EQ(report.categories.size(), 3u);
  const CategoryScore& demo = report.categories[0];
  EXPECT_EQ(demo.category, "DEMO");
  EXPECT_EQ(demo.records, 2u);
  EXPECT_EQ(demo.correct, 2u);
  EXPECT_EQ(demo.uncoded, 1u);
  EXPECT_EQ(demo.extra, 0u);
  EXPECT_NEAR(demo.tp(), 66.67, 0.01);
  EXPECT_NEAR(demo.fn(), 33.33, 0.01);
  EXPECT_EQ(report.categories[1].category, "VERB");
  EXPECT_NEAR(report.categories[1].fp(), 100.0, 1e-9);
  const CategoryScore& total = report.total();
  EXPECT_EQ(total.category, "Total");
  EXPECT_EQ(total.records, 3u);
  EXPECT_EQ(total.correct, 2u);
  EXPECT_EQ(total.uncoded, 2u);
  EXPECT_EQ(total.extra, 1u);
  EXPECT_NEAR(total.tp(), 50.0, 1e-9);
  EXPECT_NEAR(total.fp(), 100.0 / 3, 1e-9);

  std::string text = FormatEventEval(report, true);
  EXPECT_NE(text.find("Total"), std::string::npos);
  EXPECT_NE(text.find("failed: 2"), std::string::npos);
  EXPECT_NE(text.find("N [VERB] correct 0, uncoded 1, extra 1"), std::string::npos) << text;
  EXPECT_NE(text.find("expected: no events"), std::string::npos);
  EXPECT_NE(text.find("coded:    010 A B;"), std::string::npos) << text;
  EXPECT_EQ(FormatEventEval(report, false).find("failing records"), std::string::npos);
}

TEST(Summarize, EmptyCategoryHasZeroRates) {
  CategoryScore c;
  EXPECT_EQ(c.tp(), 0.0);
  EXPECT_EQ(c.fn(), 0.0);
  EXPECT_EQ(c.fp(), 0.0);
}

// The whole run on a hand-made file with dictionaries that code nothing: the
// plumbing (environment files found beside the records, records skipped,
// a broken parse reported) without depending on what the coder knows.
TEST(EvaluateEventRecords, RunsOverAFile) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("dyad_event_eval_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
  };
  write("actors.txt", "");
  write("agents.txt", "");
  write("verbs.txt", "");
  write("records.xml",
        "<Environment>\n<Verbfile>verbs.txt</Verbfile>\n<Actorfile>actors.txt</Actorfile>\n"
        "<Agentfile>agents.txt</Agentfile>\n<Include>DEMO</Include>\n</Environment>\n"
        "<Sentence category=\"DEMO\" date=\"19950101\" id=\"D1\">\n"
        "<EventCoding noevents=\"True\" />\n<Text>Arnor slept.</Text>\n<Parse>\n"
        "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
        "2\tslept\tsleep\tVERB\tVBD\t_\t0\troot\t_\t_\n"
        "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n</Parse></Sentence>\n"
        "<Sentence category=\"DEMO\" date=\"19950101\" id=\"D2\">\n"
        "<EventCoding eventcode=\"050\" sourcecode=\"ARN\" targetcode=\"GON\" />\n"
        "<Text>Arnor met Gondor.</Text>\n<Parse>\n"
        "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
        "2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\n"
        "</Parse></Sentence>\n"
        "<Sentence category=\"OTHER\" date=\"19950101\" id=\"O1\">\n"
        "<EventCoding noevents=\"True\" />\n<Text>Skipped.</Text>\n</Sentence>\n");
  auto records = ReadEventRecordsFile((dir / "records.xml").string());
  ASSERT_TRUE(records.ok()) << records.status().ToString();
  ASSERT_EQ(records->records.size(), 3u);
  EventEvalOptions options;
  auto report = EvaluateEventRecords(*records, options, nullptr);
  fs::remove_all(dir);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->skipped, 1u);
  ASSERT_EQ(report->records.size(), 2u);
  EXPECT_EQ(report->records[0].correct, 1u);  // nothing coded, nothing expected
  EXPECT_EQ(report->records[1].uncoded, 1u);  // broken parse: scored as coding nothing
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_NE(report->problems[0].find("records.xml:20:"), std::string::npos) << report->problems[0];
  EXPECT_EQ(report->total().records, 2u);
}

TEST(EvaluateEventRecords, MissingDictionaryIsAnError) {
  EventRecords records;
  records.name = "/nonexistent/records.xml";
  records.environment.actors = {"actors.txt"};
  EventRecord r;
  r.id = "X";
  records.records.push_back(r);
  auto report = EvaluateEventRecords(records, EventEvalOptions(), nullptr);
  EXPECT_FALSE(report.ok());
}

}  // namespace
}  // namespace dyad
