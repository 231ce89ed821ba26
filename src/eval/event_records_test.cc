#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "dyad/event_eval.h"

namespace dyad {
namespace {

Result<EventRecords> Read(const std::string& text, const std::string& name = "t.xml") {
  std::istringstream in(text);
  return ReadEventRecords(in, name);
}

// The functional-validation style: category/evaluate attributes, a PICO file,
// comments inside comments (not well-formed XML), <Config> lines.
constexpr const char* kGsrStyle = R"(<?xml version='1.0' encoding='utf-8'?>
<Validation>
<!--
#  Use <Sentence ... evaluate="false"> to skip; explain in <!-- ... --> why
#  <Sentence category="FAKE" date="20000101" id="IN-COMMENT" evaluate="true">
-->
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Actorfile>actors_a.txt,actors_b.txt</Actorfile>
    <Agentfile>agents.txt</Agentfile>
    <Discardfile>discards.txt</Discardfile>
    <PICOfile>ontology.txt</PICOfile>
    <Errorfile>errors.txt</Errorfile>  <!-- not used -->
    <Include>DEMO VERB </Include>
</Environment>
<Sentences>
<Sentence category="DEMO" date="19950101" id="DEMO-01" evaluate="true">
<!-- a comment with <EventCoding eventcode="999" sourcecode="X" targetcode="Y" /> -->
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<EventCoding eventcode="042" sourcecode="~GOV" targetcode="" />
<Text>
Arnor restored ties
with Gondor.
</Text>
<Parse>
1	Arnor	Arnor	PROPN	NNP	_	2	nsubj	_	_
2	restored	restore	VERB	VBD	_	0	root	_	_
3	ties	tie	NOUN	NNS	_	2	dobj	_	_
4	with	with	ADP	IN	_	5	case	_	_
5	Gondor	Gondor	PROPN	NNP	_	2	nmod	_	_
6	.	.	PUNCT	.	_	2	punct	_	_
</Parse></Sentence>

<Config option="require_dyad" value="false" />

<Sentence category="VERB" date="19950102" id="VERB-20" evaluate="true">
<EventCoding noevents="True"> </EventCoding>
<Text>
Ethiopia departx from Libya.
</Text>
<Parse>
1	Ethiopia	Ethiopia	PROPN	NNP	_	2	nsubj	_	_
2	departx	departx	VERB	VBD	_	0	root	_	_
3	from	from	ADP	IN	_	4	case	_	_
4	Libya	Libya	PROPN	NNP	_	2	nmod	_	_
5	.	.	PUNCT	.	_	2	punct	_	_
</Parse></Sentence>

<Config option="require_dyad" value="True" />

<Sentence category="ACTOR" date="19950103" id="ACTOR-01" evaluate="false">
<EventCoding eventcode="010" sourcecode="ARN" targetcode="GON" />
<Text>Arnor said.</Text>
<Parse>
1	Arnor	Arnor	PROPN	NNP	_	2	nsubj	_	_
2	said	say	VERB	VBD	_	0	root	_	_
3	.	.	PUNCT	.	_	2	punct	_	_
</Parse></Sentence>
<Stop></Stop>
<Sentence category="DEMO" date="19950101" id="AFTER-STOP" evaluate="true">
<EventCoding noevents="True" />
<Text>Never read.</Text>
</Sentence>
</Validation>
)";

TEST(EventRecords, ReadsFunctionalValidationStyle) {
  auto r = Read(kGsrStyle);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty()) << r->problems.front();
  const RecordsEnvironment& env = r->environment;
  EXPECT_EQ(env.verbs, std::vector<std::string>{"verbs.txt"});
  EXPECT_EQ(env.actors, (std::vector<std::string>{"actors_a.txt", "actors_b.txt"}));
  EXPECT_EQ(env.agents, std::vector<std::string>{"agents.txt"});
  EXPECT_EQ(env.discards, "discards.txt");
  EXPECT_EQ(env.ontology, "ontology.txt");
  EXPECT_EQ(env.include, (std::vector<std::string>{"DEMO", "VERB"}));

  ASSERT_EQ(r->records.size(), 3u);  // the commented one and the one after <Stop> are not read
  const EventRecord& a = r->records[0];
  EXPECT_EQ(a.id, "DEMO-01");
  EXPECT_EQ(a.category, "DEMO");
  EXPECT_EQ(a.date, "19950101");
  EXPECT_TRUE(a.evaluate);
  EXPECT_FALSE(a.noevents);
  ASSERT_EQ(a.expected.size(), 2u);  // not the one inside the comment
  EXPECT_EQ(a.expected[0], (ExpectedEvent{"050", "ARN", "GON"}));
  EXPECT_EQ(a.expected[1], (ExpectedEvent{"042", "---GOV", "---"}));
  EXPECT_EQ(a.text, "Arnor restored ties with Gondor.");
  EXPECT_EQ(a.line, 17);
  EXPECT_EQ(a.parse_line, 26);
  EXPECT_EQ(a.parse.substr(0, 10), "1\tArnor\tAr");
  EXPECT_TRUE(a.RequireDyad());

  const EventRecord& b = r->records[1];
  EXPECT_EQ(b.id, "VERB-20");
  EXPECT_TRUE(b.noevents);
  EXPECT_TRUE(b.has_expectation);
  EXPECT_TRUE(b.expected.empty());
  EXPECT_FALSE(b.RequireDyad());
  EXPECT_EQ(b.Config("require_dyad").value_or(""), "false");

  const EventRecord& c = r->records[2];
  EXPECT_FALSE(c.evaluate);
  EXPECT_TRUE(c.RequireDyad());
  EXPECT_EQ(c.text, "Arnor said.");

  EXPECT_TRUE(IsEvaluated(a, env));
  EXPECT_TRUE(IsEvaluated(b, env));
  EXPECT_FALSE(IsEvaluated(c, env));  // evaluate="false", and ACTOR is not included
}

// The unit-test style: "source" for the category, no evaluate attribute,
// "valid" in <Include>, entities, error expectations.
constexpr const char* kUnitTestStyle = R"(<?xml version='1.0' encoding='utf-8'?>
<Validation>
<Environment>
    <Verbfile>PETR.verbs.txt</Verbfile>
    <Actorfile>PETR.actors.txt</Actorfile>
    <Agentfile>PETR.agents.txt</Agentfile>
    <Include>valid DEMO ERROR</Include>
    <Pause>Stop</Pause>
</Environment>
<Sentences>
<!--Stop></Stop-->
<Sentence source="DEMO" date="19950101" id="DEMO_00" sentence="true">
<EventCoding eventcode="040" sourcecode="&quot;THE MINISTRY&quot;" targetcode="GON" />
<Text>
Arnor &amp; Gondor met.
</Text>
<Parse>
1	Arnor	Arnor	PROPN	NNP	_	4	nsubj	_	_
2	&amp;	&amp;	CONJ	CC	_	1	cc	_	_
3	Gondor	Gondor	PROPN	NNP	_	1	conj	_	_
4	met	meet	VERB	VBD	_	0	root	_	_
5	.	.	PUNCT	.	_	4	punct	_	_
</Parse></Sentence>
<Sentence source="ERROR" date="19950101" id="DISCARD_01" sentence="true">
<EventCoding error="storydiscard" />
<Text>Baseball in Arnor.</Text>
</Sentence>
<Sentence source="AGENTS" date="19950101" id="AG_01" sentence="true">
<EventCoding eventcode="010" sourcecode="ARN" targetcode="GON" />
<Text>Arnor spoke.</Text>
</Sentence>
</Validation>
)";

TEST(EventRecords, ReadsUnitTestStyle) {
  auto r = Read(kUnitTestStyle);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty());
  EXPECT_EQ(r->environment.include, (std::vector<std::string>{"DEMO", "ERROR"}));
  ASSERT_EQ(r->records.size(), 3u);
  const EventRecord& a = r->records[0];
  EXPECT_EQ(a.category, "DEMO");
  EXPECT_TRUE(a.evaluate);
  EXPECT_EQ(a.expected[0].source, "\"THE MINISTRY\"");
  EXPECT_EQ(a.text, "Arnor & Gondor met.");
  EXPECT_NE(a.parse.find("2\t&\t&\tCONJ"), std::string::npos);
  const EventRecord& b = r->records[1];
  EXPECT_TRUE(b.noevents);
  EXPECT_EQ(b.error, "storydiscard");
  EXPECT_TRUE(b.parse.empty());
  EXPECT_EQ(b.parse_line, 0);
  EXPECT_TRUE(IsEvaluated(b, r->environment));
  EXPECT_FALSE(IsEvaluated(r->records[2], r->environment));  // AGENTS not included
}

TEST(EventRecords, BrokenRecordsAreReportedWithRecordAndLineAndSkipped) {
  const std::string text =
      "<Environment>\n"                                              // 1
      "<Verbfile>v.txt</Verbfile>\n"                                 // 2
      "</Environment>\n"                                             // 3
      "<Sentence category=\"DEMO\" date=\"19950101\" id=\"OPEN-TEXT\">\n"  // 4
      "<EventCoding eventcode=\"010\" sourcecode=\"A\" targetcode=\"B\" />\n"
      "<Text>\n"                                                     // 6
      "never closed\n"                                               // 7
      "<Parse>\n"                                                    // 8
      "1\tx\tx\tX\tX\t_\t0\troot\t_\t_\n"
      "</Parse></Sentence>\n"                                        // 10
      "<Sentence category=\"DEMO\" date=\"19950101\" id=\"GOOD\">\n"  // 11
      "<EventCoding noevents=\"True\" />\n"
      "<Text>Fine.</Text>\n"
      "</Sentence>\n"                                                // 14
      "<Sentence category=\"DEMO\" date=\"19950101\">\n"             // 15
      "<Text>No id.</Text>\n"
      "</Sentence>\n"
      "<Sentence category=\"DEMO\" date=\"19950101\" id=\"NO-CODE\">\n"  // 18
      "<EventCoding sourcecode=\"A\" targetcode=\"B\" />\n"            // 19
      "<Text>x</Text>\n"
      "</Sentence>\n"
      "<Sentence category=\"DEMO\" date=\"19950101\" id=\"OPEN-PARSE\">\n"  // 22
      "<EventCoding noevents=\"True\" />\n"
      "<Text>y</Text>\n"
      "<Parse>\n"                                                    // 25
      "1\ty\ty\tX\tX\t_\t0\troot\t_\t_\n";                           // 26, then end
  auto r = Read(text, "bad.xml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->records.size(), 1u);
  EXPECT_EQ(r->records[0].id, "GOOD");
  ASSERT_EQ(r->problems.size(), 4u);
  EXPECT_EQ(r->problems[0], "bad.xml:8: record OPEN-TEXT: <Text> not closed");
  EXPECT_EQ(r->problems[1], "bad.xml:15: record without an id");
  EXPECT_EQ(r->problems[2], "bad.xml:19: record NO-CODE: <EventCoding> without an eventcode");
  EXPECT_EQ(r->problems[3],
            "bad.xml:26: record OPEN-PARSE: <Parse> not closed at the end of the file");
}

TEST(EventRecords, NotARecordsFile) {
  auto none = Read("<Sentences>\n</Sentences>\n", "x.xml");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("x.xml: no <Environment>"), std::string::npos);
  auto empty = Read("<Environment>\n</Environment>\n<Sentences>\n</Sentences>\n", "y.xml");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("y.xml: no record"), std::string::npos);
  auto missing = ReadEventRecordsFile("/nonexistent/records.xml");
  EXPECT_TRUE(missing.status().IsNotFound());
}

TEST(EventRecords, UnclosedCommentIsAProblem) {
  auto r = Read(
      "<Environment>\n</Environment>\n"
      "<Sentence category=\"A\" date=\"19950101\" id=\"R1\">\n<EventCoding noevents=\"True\" />\n"
      "<Text>t</Text>\n</Sentence>\n<!-- open\n<Sentence id=\"LOST\">\n",
      "c.xml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->records.size(), 1u);
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0], "c.xml:7: comment not closed before the end of the file");
}

TEST(EventRecords, DictionaryFilesJoinTheFolder) {
  RecordsEnvironment env;
  env.verbs = {"v.txt"};
  env.actors = {"a1.txt", "/abs/a2.txt"};
  env.agents = {"g.txt", "g2.txt"};
  env.discards = "d.txt";
  env.ontology = "o.txt";
  DictionaryFiles f = RecordDictionaryFiles(env, "/data/dicts");
  EXPECT_EQ(f.verbs, std::vector<std::string>{"/data/dicts/v.txt"});
  EXPECT_EQ(f.actors, (std::vector<std::string>{"/data/dicts/a1.txt", "/abs/a2.txt"}));
  EXPECT_EQ(f.agents, "/data/dicts/g.txt");
  EXPECT_EQ(f.discards, "/data/dicts/d.txt");
  EXPECT_EQ(f.issues, "");
  EXPECT_EQ(f.ontology, "/data/dicts/o.txt");
}

// The published files: every record is read, none is a problem.
TEST(EventRecords, PublishedFiles) {
  const std::string base = std::string(DYAD_SHARED_DIR) + "/data/petrarch/";
  const std::string validate = base + "validate/PETR_Validate_records_2_02.xml";
  const std::string unit = base + "records/PETR.UnitTest.records.ud.xml";
  if (!std::ifstream(validate) || !std::ifstream(unit)) {
    GTEST_SKIP() << "needs ../shared/data/petrarch/{validate,records}: absent";
  }
  auto v = ReadEventRecordsFile(validate);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(v->problems.empty()) << v->problems.front();
  EXPECT_EQ(v->records.size(), 274u);
  EXPECT_EQ(v->environment.ontology, "PETR_Validate_Internal_Coding_Ontology_1_01.txt");
  auto u = ReadEventRecordsFile(unit);
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_TRUE(u->problems.empty()) << u->problems.front();
  EXPECT_EQ(u->records.size(), 284u);
  for (const auto* file : {&*v, &*u}) {
    for (const EventRecord& r : file->records) {
      EXPECT_FALSE(r.text.empty()) << r.id;
      EXPECT_GT(r.parse_line, r.line) << r.id;
      EXPECT_TRUE(r.noevents || !r.expected.empty() || !r.has_expectation) << r.id;
      size_t unaligned = 0;
      auto doc = RecordDocument(r, file->name, &unaligned);
      EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    }
  }
}

}  // namespace
}  // namespace dyad
