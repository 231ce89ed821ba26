#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

#include "dyad/actors.h"
#include "dyad/events.h"

namespace dyad {
namespace {

// Dictionaries written for these tests (invented places and verbs where the
// behaviour under test does not depend on real words).
const char kActors[] =
    "ARNOR [ARN]\n"
    "+ARNORIAN\n"
    "GONDOR [GON]\n"
    "ROHAN [ROH]\n"
    "+ROHANS\n"
    "SOUTH_KOREAN [KOR]\n"
    "KING_ELESSAR_\n"
    "\t[GONGOV 20190101-20250101]\n"
    "\t[GONELI]\n";
const char kAgents[] =
    "POLICE {} [~COP]\n"
    "GOVERNMENT [~GOV]\n"
    "SOLDIER [~MIL]\n"
    "MEDIA {} [~MED]\n";
const char kVerbs[] =
    "&TIES\n+TIES\n+RELATIONS\n"
    "--- ATTACK [190] ---\nATTACK\n- * (WITH ARTILLERY) [195]\n"
    "--- RESTORE [---] ---\nRESTORE\n- * {DIPLOMATIC &TIES} [050]\n"
    "--- SAY [010] ---\nSAY {SAYS SAID SAYING}\n"
    "--- MEET [040:040] ---\nMEET {MEETS MET MEETING}\n"
    "--- AGREE [030] ---\nAGREE\n- % * [050]\n"
    "--- FREE [080] ---\nFREE\n- + * (FROM $) [084]\n"
    "--- PROMISE [030] ---\nPROMISE\n"
    "--- HELP [070] ---\nHELP\n"
    "--- CLASH [110] ---\nCLASH\n"
    "--- PRAISE [051] ---\nPRAISE\n"
    "--- ASK [020] ---\nASK\n"
    "--- ARREST [173] ---\nARREST\n"
    "--- CORDON [---] ---\n+CORDON_OFF\n- * ROAD [144]\n"
    "--- THREATEN [130] ---\nTHREATEN\n- * (TO ATTACK) [138]\n"
    "--- DENY [---] ---\nDENY\n- * &TIES [016]\n";
const char kOntology[] =
    "030:0x3000#Intend\n033:0x3040\n050:0x0080\n070:0x0040\n"
    "110:0x1007f#0xFFFF+0x0080#0x7000\n190:0x00A0\n";

struct W {
  const char* form;
  const char* lemma;
  const char* upos;
  int head;  // 1-based, 0 = root
  const char* rel;
  const char* xpos = "";
};

Document MakeDoc(const std::vector<W>& words, const char* date = "2019-01-08") {
  Document doc;
  doc.article.date = date;
  Sentence s;
  for (const W& w : words) {
    Word x;
    if (!doc.article.text.empty()) doc.article.text += ' ';
    x.span.start = static_cast<uint32_t>(doc.article.text.size());
    doc.article.text += w.form;
    x.span.end = static_cast<uint32_t>(doc.article.text.size());
    x.form = w.form;
    x.lemma = w.lemma;
    x.upos = w.upos;
    x.xpos = w.xpos;
    x.head = w.head - 1;
    x.deprel = w.rel;
    doc.words.push_back(x);
  }
  s.num_words = static_cast<uint32_t>(words.size());
  s.span = Span{0, static_cast<uint32_t>(doc.article.text.size())};
  doc.sentences.push_back(s);
  return doc;
}

class EventCoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> problems;
    DictionarySource agents{"agents.txt", kAgents};
    auto ad = ActorDictionary::LoadFromSources({{"actors.txt", kActors}}, &agents, &problems);
    ASSERT_TRUE(ad.ok()) << ad.status().ToString();
    actors_ = std::shared_ptr<const ActorDictionary>(std::move(ad).value());
    DictionarySource onto{"onto.txt", kOntology};
    auto c = EventCoder::LoadFromSources({{"verbs.txt", kVerbs}}, nullptr, nullptr, &onto, actors_, &problems);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    coder_ = std::move(c).value();
    EXPECT_TRUE(problems.empty()) << problems[0];
  }

  // (source, target, code) of the complete events.
  std::set<std::tuple<std::string, std::string, std::string>> Code(Document* doc) {
    coder_->Code(doc);
    std::set<std::tuple<std::string, std::string, std::string>> out;
    for (const Event& e : doc->events) {
      if (e.source && e.source->actor && e.target && e.target->actor) {
        out.insert({*e.source->actor, *e.target->actor, e.code});
      }
    }
    return out;
  }

  std::shared_ptr<const ActorDictionary> actors_;
  std::unique_ptr<EventCoder> coder_;
};

using Triples = std::set<std::tuple<std::string, std::string, std::string>>;

TEST_F(EventCoderTest, SubjectVerbObject) {
  Document doc = MakeDoc({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                          {"attacked", "attack", "VERB", 0, "root", "VBD"},
                          {"Gondor", "Gondor", "PROPN", 2, "obj"},
                          {".", ".", "PUNCT", 2, "punct"}});
  EXPECT_EQ(Code(&doc), (Triples{{"ARN", "GON", "190"}}));
  ASSERT_EQ(doc.events.size(), 1u);
  const Event& e = doc.events[0];
  EXPECT_EQ(e.root, "19");
  EXPECT_EQ(e.quad_class, 4);
  EXPECT_EQ(e.plover, "ASSAULT");
  EXPECT_DOUBLE_EQ(e.goldstein, -10.0);
  EXPECT_EQ(doc.Text(e.trigger), "attacked");
  EXPECT_EQ(doc.Text(e.source->span), "Arnor");
  EXPECT_EQ(e.rule, "verbs.txt:5: ATTACK");
  EXPECT_EQ(e.date, "2019-01-08");
}

TEST_F(EventCoderTest, FirstPersonPronounInADirectQuoteIsItsSpeaker) {
  auto make = [] {
    Document doc = MakeDoc({{"we", "we", "PRON", 2, "nsubj", "PRP"},
                            {"attacked", "attack", "VERB", 0, "root", "VBD"},
                            {"Gondor", "Gondor", "PROPN", 2, "obj"}});
    doc.words[0].feats = "Case=Nom|Number=Plur|Person=1|PronType=Prs";
    return doc;
  };
  Document alone = make();
  EXPECT_TRUE(Code(&alone).empty());  // nobody to say who "we" are

  Document quoted = make();
  Quote q;
  q.kind = "direct";
  q.content = {Span{0, static_cast<uint32_t>(quoted.article.text.size())}};
  q.speaker_actor = "ARNGOV";
  quoted.quotes.push_back(q);
  EXPECT_EQ(Code(&quoted), (Triples{{"ARNGOV", "GON", "190"}}));

  Document indirect = make();
  q.kind = "indirect";  // reported speech keeps the reporter's "we"
  indirect.quotes.push_back(q);
  EXPECT_TRUE(Code(&indirect).empty());
}

TEST_F(EventCoderTest, PrepositionalPatternAndAgentComposition) {
  // "South Korean police attacked Rohans with artillery"
  Document doc = MakeDoc({{"South", "south", "ADJ", 3, "amod"},
                          {"Korean", "korean", "ADJ", 3, "amod"},
                          {"police", "police", "NOUN", 4, "nsubj"},
                          {"attacked", "attack", "VERB", 0, "root", "VBD"},
                          {"Rohans", "Rohan", "PROPN", 4, "obj"},
                          {"with", "with", "ADP", 7, "case"},
                          {"artillery", "artillery", "NOUN", 4, "obl"}});
  EXPECT_EQ(Code(&doc), (Triples{{"KORCOP", "ROH", "195"}}));
  EXPECT_EQ(doc.events[0].rule, "verbs.txt:6: - * (WITH ARTILLERY) [195]");
}

TEST_F(EventCoderTest, PassiveWithAgent) {
  Document doc = MakeDoc({{"Gondor", "Gondor", "PROPN", 3, "nsubj:pass"},
                          {"was", "be", "AUX", 3, "aux:pass"},
                          {"attacked", "attack", "VERB", 0, "root", "VBN"},
                          {"by", "by", "ADP", 5, "case"},
                          {"Arnor", "Arnor", "PROPN", 3, "obl:agent"}});
  EXPECT_EQ(Code(&doc), (Triples{{"ARN", "GON", "190"}}));
}

TEST_F(EventCoderTest, UdVersionOneRelations) {
  // The same with the UD v1 labels of older parses.
  Document doc = MakeDoc({{"Gondor", "Gondor", "PROPN", 3, "nsubjpass"},
                          {"was", "be", "AUX", 3, "auxpass"},
                          {"attacked", "attack", "VERB", 0, "root", "VBN"},
                          {"by", "by", "ADP", 5, "case"},
                          {"Arnor", "Arnor", "PROPN", 3, "nmod"}});
  EXPECT_EQ(Code(&doc), (Triples{{"ARN", "GON", "190"}}));
}

TEST_F(EventCoderTest, PhrasePatternAndPpTarget) {
  // "Arnor restored diplomatic ties with Gondor": null verb code, pattern 050.
  Document doc = MakeDoc({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                          {"restored", "restore", "VERB", 0, "root", "VBD"},
                          {"diplomatic", "diplomatic", "ADJ", 4, "amod"},
                          {"ties", "tie", "NOUN", 2, "obj"},
                          {"with", "with", "ADP", 6, "case"},
                          {"Gondor", "Gondor", "PROPN", 2, "obl"}});
  EXPECT_EQ(Code(&doc), (Triples{{"ARN", "GON", "050"}}));
  // Without the pattern's words the null code gives no event.
  Document doc2 = MakeDoc({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                           {"restored", "restore", "VERB", 0, "root", "VBD"},
                           {"order", "order", "NOUN", 2, "obj"}});
  coder_->Code(&doc2);
  EXPECT_TRUE(doc2.events.empty());
}

TEST_F(EventCoderTest, CompoundActorsAndSymmetricCodes) {
  // "Arnor and Rohan met Gondor": two sources; [040:040] codes both ways.
  Document doc = MakeDoc({{"Arnor", "Arnor", "PROPN", 4, "nsubj"},
                          {"and", "and", "CCONJ", 3, "cc"},
                          {"Rohan", "Rohan", "PROPN", 1, "conj"},
                          {"met", "meet", "VERB", 0, "root", "VBD"},
                          {"Gondor", "Gondor", "PROPN", 4, "obj"}});
  EXPECT_EQ(Code(&doc), (Triples{{"ARN", "GON", "040"},
                                 {"GON", "ARN", "040"},
                                 {"ROH", "GON", "040"},
                                 {"GON", "ROH", "040"}}));
}

TEST_F(EventCoderTest, ReciprocalCompoundSubject) {
  // "Arnor and Gondor agree": '%' codes each towards the other.
  Document doc = MakeDoc({{"Arnor", "Arnor", "PROPN", 4, "nsubj"},
                          {"and", "and", "CCONJ", 3, "cc"},
                          {"Gondor", "Gondor", "PROPN", 1, "conj"},
                          {"agree", "agree", "VERB", 0, "root", "VBP"}});
  EXPECT_EQ(Code(&doc), (Triples{{"ARN", "GON", "050"}, {"GON", "ARN", "050"}}));
}

TEST_F(EventCoderTest, MarkersPlaceSourceAndTarget) {
  // "Rohan was freed from Arnor": '+' before the verb, '$' in the PP.
  Document doc = MakeDoc({{"Rohan", "Rohan", "PROPN", 3, "nsubj:pass"},
                          {"was", "be", "AUX", 3, "aux:pass"},
                          {"freed", "free", "VERB", 0, "root", "VBN"},
                          {"from", "from", "ADP", 5, "case"},
                          {"Arnor", "Arnor", "PROPN", 3, "obl"}});
  EXPECT_EQ(Code(&doc), (Triples{{"ARN", "ROH", "084"}}));
}

TEST_F(EventCoderTest, ReportedSpeech) {
  // "Gondor said Arnor attacked Rohan": Arnor -> Rohan, and Gondor's statement
  // about Arnor.
  Document doc = MakeDoc({{"Gondor", "Gondor", "PROPN", 2, "nsubj"},
                          {"said", "say", "VERB", 0, "root", "VBD"},
                          {"Arnor", "Arnor", "PROPN", 4, "nsubj"},
                          {"attacked", "attack", "VERB", 2, "ccomp", "VBD"},
                          {"Rohan", "Rohan", "PROPN", 4, "obj"}});
  EXPECT_EQ(Code(&doc), (Triples{{"ARN", "ROH", "190"}, {"GON", "ARN", "010"}}));
}

TEST_F(EventCoderTest, OntologyCombinesIntentWithAid) {
  // "Arnor promised to help Gondor": PROMISE (0x3000) + HELP (0x0040) -> 033.
  Document doc = MakeDoc({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                          {"promised", "promise", "VERB", 0, "root", "VBD"},
                          {"to", "to", "PART", 4, "mark"},
                          {"help", "help", "VERB", 2, "xcomp", "VB"},
                          {"Gondor", "Gondor", "PROPN", 4, "obj"}});
  EXPECT_EQ(Code(&doc), (Triples{{"ARN", "GON", "033"}}));
}

TEST_F(EventCoderTest, Negation) {
  // "Arnor did not clash with Gondor": 110 is NOT+cooperate -> 050.
  Document doc = MakeDoc({{"Arnor", "Arnor", "PROPN", 4, "nsubj"},
                          {"did", "do", "AUX", 4, "aux"},
                          {"not", "not", "PART", 4, "advmod"},
                          {"clash", "clash", "VERB", 0, "root", "VB"},
                          {"with", "with", "ADP", 6, "case"},
                          {"Gondor", "Gondor", "PROPN", 4, "obl"}});
  EXPECT_EQ(Code(&doc), (Triples{{"ARN", "GON", "050"}}));
  // "Arnor did not attack Gondor": no inverse meaning; dropped by default.
  Document doc2 = MakeDoc({{"Arnor", "Arnor", "PROPN", 4, "nsubj"},
                           {"did", "do", "AUX", 4, "aux"},
                           {"not", "not", "PART", 4, "advmod"},
                           {"attack", "attack", "VERB", 0, "root", "VB"},
                           {"Gondor", "Gondor", "PROPN", 4, "obj"}});
  EXPECT_TRUE(Code(&doc2).empty());
  // ... and kept, marked, when asked for.
  std::vector<std::string> problems;
  EventCoderOptions opts;
  opts.emit_negated = true;
  auto c = EventCoder::LoadFromSources({{"verbs.txt", kVerbs}}, nullptr, nullptr, nullptr, actors_,
                                       &problems, opts);
  ASSERT_TRUE(c.ok());
  Document doc3 = doc2;
  doc3.events.clear();
  (*c)->Code(&doc3);
  ASSERT_EQ(doc3.events.size(), 1u);
  EXPECT_TRUE(doc3.events[0].negated);
}

TEST_F(EventCoderTest, MultiWordVerbAndDatedActor) {
  // "King Elessar cordoned off the road to Rohan" in 2020: GONGOV then.
  Document doc = MakeDoc({{"King", "King", "PROPN", 2, "compound"},
                          {"Elessar", "Elessar", "PROPN", 3, "nsubj"},
                          {"cordoned", "cordon", "VERB", 0, "root", "VBD"},
                          {"off", "off", "ADP", 3, "compound:prt"},
                          {"the", "the", "DET", 6, "det"},
                          {"road", "road", "NOUN", 3, "obj"},
                          {"to", "to", "ADP", 8, "case"},
                          {"Rohan", "Rohan", "PROPN", 6, "nmod"}},
                         "2020-05-01");
  EXPECT_EQ(Code(&doc), (Triples{{"GONGOV", "ROH", "144"}}));
  EXPECT_EQ(doc.Text(doc.events[0].trigger), "cordoned off");
  Document later = doc;
  later.events.clear();
  later.article.date = "2030-05-01";
  EXPECT_EQ(Code(&later), (Triples{{"GONELI", "ROH", "144"}}));
}

TEST_F(EventCoderTest, EntityLayerIsPreferred) {
  Document doc = MakeDoc({{"The", "the", "DET", 2, "det"},
                          {"Steward", "steward", "PROPN", 3, "nsubj"},
                          {"attacked", "attack", "VERB", 0, "root", "VBD"},
                          {"Rohan", "Rohan", "PROPN", 3, "obj"}});
  Entity e;
  e.canonical = "the Steward";
  e.type = "PER";
  e.actor = "GONGOV";
  Mention m;
  m.sentence = 0;
  m.first_word = 1;
  m.num_words = 1;
  m.span = doc.words[1].span;
  e.mentions.push_back(m);
  doc.entities.push_back(e);
  EXPECT_EQ(Code(&doc), (Triples{{"GONGOV", "ROH", "190"}}));
  EXPECT_EQ(doc.events[0].source->entity, 0);
}

// An entity of the actors stage named by word `w` of the sentence.
void AddEntity(Document* doc, const char* type, const char* actor, uint32_t w) {
  Entity e;
  e.canonical = doc->words[w].form;
  e.type = type;
  e.actor = actor;
  Mention m;
  m.sentence = 0;
  m.first_word = w;
  m.num_words = 1;
  m.span = doc->words[w].span;
  e.mentions.push_back(m);
  doc->entities.push_back(e);
}

TEST_F(EventCoderTest, ThirdPersonPronounsReferBackToAnEntity) {
  // "Gondor left , Rohan attacked it"
  Document it = MakeDoc({{"Gondor", "Gondor", "PROPN", 2, "nsubj"},
                         {"left", "leave", "VERB", 0, "root", "VBD"},
                         {",", ",", "PUNCT", 5, "punct"},
                         {"Rohan", "Rohan", "PROPN", 5, "nsubj"},
                         {"attacked", "attack", "VERB", 2, "parataxis", "VBD"},
                         {"it", "it", "PRON", 5, "obj", "PRP"}});
  AddEntity(&it, "LOC", "GON", 0);
  EXPECT_EQ(Code(&it), (Triples{{"ROH", "GON", "190"}}));

  // "Elessar left , Rohan attacked him": a person for "him"; a country
  // would not do.
  Document him = MakeDoc({{"Elessar", "Elessar", "PROPN", 2, "nsubj"},
                          {"left", "leave", "VERB", 0, "root", "VBD"},
                          {",", ",", "PUNCT", 5, "punct"},
                          {"Rohan", "Rohan", "PROPN", 5, "nsubj"},
                          {"attacked", "attack", "VERB", 2, "parataxis", "VBD"},
                          {"him", "he", "PRON", 5, "obj", "PRP"}});
  AddEntity(&him, "PER", "GONGOV", 0);
  EXPECT_EQ(Code(&him), (Triples{{"ROH", "GONGOV", "190"}}));
  Document not_him = MakeDoc({{"Gondor", "Gondor", "PROPN", 2, "nsubj"},
                              {"left", "leave", "VERB", 0, "root", "VBD"},
                              {",", ",", "PUNCT", 5, "punct"},
                              {"Rohan", "Rohan", "PROPN", 5, "nsubj"},
                              {"attacked", "attack", "VERB", 2, "parataxis", "VBD"},
                              {"him", "he", "PRON", 5, "obj", "PRP"}});
  AddEntity(&not_him, "LOC", "GON", 0);
  EXPECT_TRUE(Code(&not_him).empty());

  // "Rohan attacked Gondor , Arnor attacked it": the subject before, not the
  // nearest name.
  Document subject = MakeDoc({{"Rohan", "Rohan", "PROPN", 2, "nsubj"},
                              {"attacked", "attack", "VERB", 0, "root", "VBD"},
                              {"Gondor", "Gondor", "PROPN", 2, "obj"},
                              {",", ",", "PUNCT", 6, "punct"},
                              {"Arnor", "Arnor", "PROPN", 6, "nsubj"},
                              {"attacked", "attack", "VERB", 2, "parataxis", "VBD"},
                              {"it", "it", "PRON", 6, "obj", "PRP"}});
  AddEntity(&subject, "LOC", "ROH", 0);
  AddEntity(&subject, "LOC", "GON", 2);
  Triples got = Code(&subject);
  EXPECT_TRUE(got.count({"ARN", "ROH", "190"}));
  EXPECT_FALSE(got.count({"ARN", "GON", "190"}));
}

TEST_F(EventCoderTest, DemonstrativeObjectIsTheActorOfTheClauseBefore) {
  // "Gondor freed Rohans and Arnor praised that"
  Document doc = MakeDoc({{"Gondor", "Gondor", "PROPN", 2, "nsubj"},
                          {"freed", "free", "VERB", 0, "root", "VBD"},
                          {"Rohans", "Rohan", "PROPN", 2, "obj"},
                          {"and", "and", "CCONJ", 6, "cc"},
                          {"Arnor", "Arnor", "PROPN", 6, "nsubj"},
                          {"praised", "praise", "VERB", 2, "conj", "VBD"},
                          {"that", "that", "PRON", 6, "obj", "DT"}});
  Triples got = Code(&doc);
  EXPECT_TRUE(got.count({"ARN", "GON", "051"})) << got.size();
  EXPECT_TRUE(got.count({"GON", "ROH", "080"}));
}

TEST_F(EventCoderTest, QuestionsAndConditionsAreNotEvents) {
  // "Arnor asked whether Gondor attacked Rohan" / "... said that ..."
  auto make = [](const char* mark) {
    return MakeDoc({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                    {"asked", "ask", "VERB", 0, "root", "VBD"},
                    {mark, mark, "SCONJ", 5, "mark"},
                    {"Gondor", "Gondor", "PROPN", 5, "nsubj"},
                    {"attacked", "attack", "VERB", 2, "ccomp", "VBD"},
                    {"Rohan", "Rohan", "PROPN", 5, "obj"}});
  };
  // Nor is what a question asks about its addressee: no ARN -> GON appeal.
  Document whether = make("whether");
  EXPECT_TRUE(Code(&whether).empty());
  Document cond = make("if");
  EXPECT_TRUE(Code(&cond).empty());
  Document that = make("that");
  EXPECT_EQ(Code(&that), (Triples{{"GON", "ROH", "190"}, {"ARN", "GON", "020"}}));
}

TEST_F(EventCoderTest, ACountryActingOnItsOwnGovernmentIsNotAnEvent) {
  // "Arnor attacked Arnorian police" / "Gondor attacked Arnorian police"
  auto make = [](const char* who) {
    return MakeDoc({{who, who, "PROPN", 2, "nsubj"},
                    {"attacked", "attack", "VERB", 0, "root", "VBD"},
                    {"Arnorian", "Arnorian", "ADJ", 4, "amod"},
                    {"police", "police", "NOUN", 2, "obj"}});
  };
  Document self = make("Arnor");
  EXPECT_TRUE(Code(&self).empty());
  Document other = make("Gondor");
  EXPECT_EQ(Code(&other), (Triples{{"GON", "ARNCOP", "190"}}));
}

TEST_F(EventCoderTest, ACountryModifyingAPersonOfItsOwnIsNotASecondActor) {
  // "Arnorian steward Halbarad met Rohan": Halbarad is ARNGOV; the
  // demonym says it again and is not a second source (with a reciprocal
  // pattern, two sources would meet each other: Arnor its own government).
  Document doc = MakeDoc({{"Arnorian", "Arnorian", "ADJ", 3, "amod"},
                          {"steward", "steward", "NOUN", 3, "compound"},
                          {"Halbarad", "Halbarad", "PROPN", 4, "nsubj"},
                          {"met", "meet", "VERB", 0, "root", "VBD"},
                          {"Rohan", "Rohan", "PROPN", 4, "obj"}});
  AddEntity(&doc, "PER", "ARNGOV", 2);
  EXPECT_EQ(Code(&doc), (Triples{{"ARNGOV", "ROH", "040"}, {"ROH", "ARNGOV", "040"}}));
  // A country that is not the person's own stays a second actor.
  Document other = MakeDoc({{"Arnorian", "Arnorian", "ADJ", 3, "amod"},
                            {"steward", "steward", "NOUN", 3, "compound"},
                            {"Halbarad", "Halbarad", "PROPN", 4, "nsubj"},
                            {"met", "meet", "VERB", 0, "root", "VBD"},
                            {"Rohan", "Rohan", "PROPN", 4, "obj"}});
  AddEntity(&other, "PER", "GONGOV", 2);
  EXPECT_EQ(Code(&other), (Triples{{"ARN", "ROH", "040"}, {"ROH", "ARN", "040"}, {"GONGOV", "ROH", "040"},
                                   {"ROH", "GONGOV", "040"}}));
}

TEST_F(EventCoderTest, APatternNamingTheComplementsVerbCodesBoth) {
  // "Arnor threatened to attack Gondor": 138, not also the attack; without
  // the pattern's word ("threatened to help") the complement stands.
  auto make = [](const char* verb, const char* lemma) {
    return MakeDoc({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                    {"threatened", "threaten", "VERB", 0, "root", "VBD"},
                    {"to", "to", "PART", 4, "mark"},
                    {verb, lemma, "VERB", 2, "xcomp", "VB"},
                    {"Gondor", "Gondor", "PROPN", 4, "obj"}});
  };
  Document attack = make("attack", "attack");
  EXPECT_EQ(Code(&attack), (Triples{{"ARN", "GON", "138"}}));
  Document help = make("help", "help");
  EXPECT_EQ(Code(&help), (Triples{{"ARN", "GON", "130"}, {"ARN", "GON", "070"}}));
  // A word deeper in the complement: "Arnor denied restoring diplomatic
  // ties with Gondor" is the denial (016), not also the restoring (050).
  Document denied = MakeDoc({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                             {"denied", "deny", "VERB", 0, "root", "VBD"},
                             {"restoring", "restore", "VERB", 2, "xcomp", "VBG"},
                             {"diplomatic", "diplomatic", "ADJ", 5, "amod"},
                             {"ties", "tie", "NOUN", 3, "obj"},
                             {"with", "with", "ADP", 7, "case"},
                             {"Gondor", "Gondor", "PROPN", 3, "obl"}});
  EXPECT_EQ(Code(&denied), (Triples{{"ARN", "GON", "016"}}));
}

TEST_F(EventCoderTest, AOneWordSubjectBeforeTheSubjectsPhraseIsItsModifier) {
  // "Arnorian | steward Halbarad met Rohan" parsed with two subjects: the
  // second is the subject; two subjects that are apart stay as they were.
  Document doc = MakeDoc({{"Arnorian", "Arnorian", "PROPN", 4, "nsubj"},
                          {"steward", "steward", "NOUN", 3, "compound"},
                          {"Halbarad", "Halbarad", "PROPN", 4, "nsubj"},
                          {"met", "meet", "VERB", 0, "root", "VBD"},
                          {"Rohan", "Rohan", "PROPN", 4, "obj"}});
  AddEntity(&doc, "PER", "GONGOV", 2);
  EXPECT_EQ(Code(&doc), (Triples{{"GONGOV", "ROH", "040"}, {"ROH", "GONGOV", "040"}}));
  Document apart = MakeDoc({{"Arnor", "Arnor", "PROPN", 4, "nsubj"},
                            {",", ",", "PUNCT", 4, "punct"},
                            {"Halbarad", "Halbarad", "PROPN", 4, "nsubj"},
                            {"met", "meet", "VERB", 0, "root", "VBD"},
                            {"Rohan", "Rohan", "PROPN", 4, "obj"}});
  AddEntity(&apart, "PER", "GONGOV", 2);
  EXPECT_EQ(Code(&apart), (Triples{{"ARN", "ROH", "040"}, {"ROH", "ARN", "040"}}));
}

TEST_F(EventCoderTest, GerundsAfterTimeWordsKeepTheirOwnSubject) {
  // "Arnor met Gondor after attacking Rohan": no attack coded from Arnor;
  // "Arnor met Gondor , attacking Rohan": Arnor attacked.
  auto make = [](const char* link, const char* rel) {
    return MakeDoc({{"Arnor", "Arnor", "PROPN", 2, "nsubj"},
                    {"met", "meet", "VERB", 0, "root", "VBD"},
                    {"Gondor", "Gondor", "PROPN", 2, "obj"},
                    {link, link, "ADP", 5, rel},
                    {"attacking", "attack", "VERB", 2, "advcl", "VBG"},
                    {"Rohan", "Rohan", "PROPN", 5, "obj"}});
  };
  Document after = make("after", "mark");
  Triples a = Code(&after);
  EXPECT_FALSE(a.count({"ARN", "ROH", "190"}));
  EXPECT_TRUE(a.count({"ARN", "GON", "040"}));
  Document comma = make(",", "punct");
  EXPECT_TRUE(Code(&comma).count({"ARN", "ROH", "190"}));
}

TEST_F(EventCoderTest, RandomTreesDoNotCrash) {
  std::mt19937 rng(7);
  const char* forms[] = {"Arnor", "attacked", "Gondor", "with", "artillery", "and", "said", "not",
                         "ties", "diplomatic", "police", "met", "by", "off", "cordoned", "Rohan"};
  const char* uposes[] = {"PROPN", "VERB", "NOUN", "ADP", "ADJ", "PART", "CCONJ", "PUNCT", "AUX"};
  const char* rels[] = {"nsubj", "obj", "obl", "case", "conj", "ccomp", "xcomp", "acl", "acl:relcl",
                        "nsubj:pass", "aux:pass", "advmod", "appos", "compound", "nmod", "dobj", "root",
                        "mark", "cc", "flat", "amod", "obl:agent", "compound:prt", "parataxis", "x:y:z"};
  for (int round = 0; round < 3000; ++round) {
    int n = 1 + static_cast<int>(rng() % 30);
    Document doc;
    doc.article.date = (round % 3 == 0) ? "" : "2020-02-30";
    Sentence s;
    for (int i = 0; i < n; ++i) {
      Word w;
      w.form = forms[rng() % 16];
      w.lemma = (rng() % 5 == 0) ? "" : w.form;
      w.upos = uposes[rng() % 9];
      w.head = static_cast<int32_t>(rng() % (n + 3)) - 2;  // out of range and cycles too
      w.deprel = rels[rng() % 25];
      w.span = Span{0, 0};
      doc.words.push_back(w);
    }
    s.num_words = static_cast<uint32_t>(n + (round % 7 == 0 ? 5 : 0));  // sometimes past the end
    doc.sentences.push_back(s);
    coder_->Code(&doc);
    for (const Event& e : doc.events) EXPECT_FALSE(e.code.empty());
  }
}

TEST(CameoTableTest, RootsAndPlover) {
  EXPECT_EQ(CameoTable::QuadClassOfRoot("01"), 1);
  EXPECT_EQ(CameoTable::QuadClassOfRoot("05"), 1);
  EXPECT_EQ(CameoTable::QuadClassOfRoot("08"), 2);
  EXPECT_EQ(CameoTable::QuadClassOfRoot("16"), 3);
  EXPECT_EQ(CameoTable::QuadClassOfRoot("14"), 4);
  EXPECT_EQ(CameoTable::QuadClassOfRoot("21"), 0);
  EXPECT_EQ(CameoTable::PloverOf("0231"), "");
  EXPECT_EQ(CameoTable::PloverOf("083"), "CONCEDE");
  EXPECT_EQ(CameoTable::PloverOf("0841"), "RETREAT");
  EXPECT_EQ(CameoTable::PloverOf("163"), "COERCE");
  EXPECT_EQ(CameoTable::PloverOf("162"), "SANCTION");
}

TEST(CameoTableTest, ShippedTableMatchesThePublishedOntology) {
  auto table = CameoTable::Load(std::string(DYAD_SOURCE_DIR) + "/data/cameo/events.tsv");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_GT(table->codes().size(), 300u);
  for (const CameoCode& c : table->codes()) {
    EXPECT_EQ(c.quad_class, CameoTable::QuadClassOfRoot(c.code.substr(0, 2))) << c.code;
    EXPECT_EQ(c.plover, CameoTable::PloverOf(c.code)) << c.code;
  }
  ASSERT_NE(table->Find("0431"), nullptr);  // not a code: falls back to 043
  EXPECT_EQ(table->Find("0431")->code, "043");
  std::ifstream gold(std::string(DYAD_SHARED_DIR) + "/data/cameo/CAMEO.goldsteinscale.txt");
  std::ifstream names(std::string(DYAD_SHARED_DIR) + "/data/cameo/CAMEO.eventcodes.txt");
  if (!gold || !names) GTEST_SKIP() << "needs ../shared/data/cameo: absent";
  std::string line;
  std::getline(gold, line);  // header
  int checked = 0;
  while (std::getline(gold, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string code = line.substr(0, tab);
    double value = std::stod(line.substr(tab + 1));
    const CameoCode* c = table->Find(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->code, code);
    EXPECT_DOUBLE_EQ(c->goldstein, value) << code;
    ++checked;
  }
  EXPECT_GT(checked, 300);
  std::getline(names, line);
  while (std::getline(names, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string code = line.substr(0, tab);
    const CameoCode* c = table->Find(code);
    ASSERT_NE(c, nullptr) << code;
    EXPECT_EQ(c->code, code);
  }
}

}  // namespace
}  // namespace dyad
