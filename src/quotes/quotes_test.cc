#include "dyad/quotes.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "quotes/quotes_internal.h"

namespace dyad {
namespace {

using quotes_internal::QuoteRegion;
using quotes_internal::ScanQuoteMarks;

std::unique_ptr<QuoteFinder> LoadFinder() {
  auto f = QuoteFinder::Load(std::string(DYAD_SOURCE_DIR) + "/data");
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  return f.ok() ? std::move(*f) : nullptr;
}

// A parsed document written by hand: the text, then each sentence as
// "form/lemma/UPOS/head/deprel" words (head 1-based, 0 = root) separated by
// spaces. Words are found in the text in order; paragraphs are separated by
// blank lines.
Document Build(const std::string& text, const std::vector<std::string>& sentences) {
  Document doc;
  doc.article.text = text;
  size_t cursor = 0;
  for (const std::string& s : sentences) {
    Sentence sent;
    sent.first_word = static_cast<uint32_t>(doc.words.size());
    sent.first_token = static_cast<uint32_t>(doc.tokens.size());
    std::istringstream in(s);
    std::string item;
    while (in >> item) {
      std::vector<std::string> f;
      size_t i = 0;
      // Split on '/' from the right four times, so forms may hold '/'.
      for (int k = 0; k < 4; ++k) {
        size_t j = item.rfind('/');
        f.insert(f.begin(), item.substr(j + 1));
        item = item.substr(0, j);
      }
      f.insert(f.begin(), item);
      (void)i;
      Word w;
      w.form = f[0];
      w.lemma = f[1];
      w.upos = f[2];
      w.head = std::stoi(f[3]) - 1;
      w.deprel = f[4];
      size_t at = text.find(w.form, cursor);
      EXPECT_NE(at, std::string::npos) << w.form;
      w.span = Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + w.form.size())};
      cursor = at + w.form.size();
      w.token = static_cast<uint32_t>(doc.tokens.size());
      Token t;
      t.span = w.span;
      t.first_word = static_cast<uint32_t>(doc.words.size());
      doc.tokens.push_back(t);
      doc.words.push_back(w);
    }
    sent.num_words = static_cast<uint32_t>(doc.words.size()) - sent.first_word;
    sent.num_tokens = sent.num_words;
    sent.span = Span{doc.words[sent.first_word].span.start, doc.words.back().span.end};
    doc.sentences.push_back(sent);
  }
  // Paragraphs: blank-line separated.
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    Paragraph p;
    p.span = Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
    p.first_sentence = static_cast<uint32_t>(doc.sentences.size());
    uint32_t n = 0;
    for (uint32_t k = 0; k < doc.sentences.size(); ++k) {
      if (doc.sentences[k].span.start >= p.span.start && doc.sentences[k].span.start < p.span.end) {
        if (n == 0) p.first_sentence = k;
        ++n;
      }
    }
    p.num_sentences = n;
    doc.paragraphs.push_back(p);
    start = end + 2;
  }
  return doc;
}

std::string Text(const Document& d, const std::optional<Span>& s) {
  return s ? std::string(d.Text(*s)) : std::string("-");
}
std::string Content(const Document& d, const Quote& q) {
  std::string out;
  for (const Span& p : q.content) {
    if (!out.empty()) out += " | ";
    out += d.Text(p);
  }
  return out;
}

// ---- lexicon ------------------------------------------------------------

TEST(CueLexicon, ShippedFileLoadsAndClassifies) {
  auto f = LoadFinder();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->ClassOf("say"), CueClass::kSpeech);
  EXPECT_EQ(f->ClassOf("according to"), CueClass::kSpeech);
  EXPECT_EQ(f->ClassOf("warn"), CueClass::kSpeech);
  EXPECT_EQ(f->ClassOf("sigh"), CueClass::kSpeech);
  EXPECT_EQ(f->ClassOf("praise"), CueClass::kAttribution);
  EXPECT_EQ(f->ClassOf("believe"), CueClass::kBelief);
  EXPECT_FALSE(f->ClassOf("eat"));
}

TEST(CueLexicon, BadLinesNameFileAndLine) {
  auto bad = QuoteFinder::FromText("say\tspeech\nshout loudly\n", "", "c.txt", "t.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("c.txt:2"), std::string::npos) << bad.status().ToString();
  auto missing = QuoteFinder::Load("/nonexistent-folder");
  EXPECT_TRUE(missing.status().IsNotFound());
}

// ---- quotation marks ----------------------------------------------------

std::vector<QuoteRegion> Scan(const std::string& text) {
  std::vector<Span> paras;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    paras.push_back(Span{static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
    start = end + 2;
  }
  return ScanQuoteMarks(text, paras);
}

std::string Sub(const std::string& t, Span s) { return t.substr(s.start, s.size()); }

TEST(QuoteMarks, CurlyStraightDoubledAndSingle) {
  const std::string t = "A \xE2\x80\x9C" "one\xE2\x80\x9D B \"two\" C ''three'' D \xE2\x80\x98" "four\xE2\x80\x99 E.";
  auto r = Scan(t);
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(Sub(t, r[0].inner), "one");
  EXPECT_EQ(Sub(t, r[1].inner), "two");
  EXPECT_EQ(Sub(t, r[2].inner), "three");
  EXPECT_EQ(Sub(t, r[3].inner), "four");
  EXPECT_EQ(Sub(t, r[0].span), "\xE2\x80\x9C" "one\xE2\x80\x9D");
  for (const auto& q : r) EXPECT_TRUE(q.closed);
}

TEST(QuoteMarks, NestedSingleInsideDoubleAndApostrophes) {
  const std::string t = "He said \"she told me 'no' and it's Bob's\" today. The leaders\xE2\x80\x99 summit.";
  auto r = Scan(t);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(Sub(t, r[0].inner), "she told me 'no' and it's Bob's");
}

TEST(QuoteMarks, UnclosedQuotationEndsAtParagraph) {
  const std::string t = "He said \xE2\x80\x9Cthis never closes.\n\nNext paragraph \"fine\".";
  auto r = Scan(t);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_FALSE(r[0].closed);
  EXPECT_FALSE(r[0].continues);
  EXPECT_EQ(Sub(t, r[0].inner), "this never closes.");
  EXPECT_EQ(Sub(t, r[1].inner), "fine");
}

TEST(QuoteMarks, MultiParagraphConvention) {
  const std::string t =
      "\xE2\x80\x9C" "First paragraph open.\n\n\xE2\x80\x9C" "Second closes.\xE2\x80\x9D\n\nOther.";
  auto r = Scan(t);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(r[0].continues);
  EXPECT_TRUE(r[1].continuation);
  EXPECT_TRUE(r[1].closed);
}

TEST(QuoteMarks, StrayMarksNeverThrow) {
  std::string t;
  for (int i = 0; i < 1000; ++i) t += "x \xE2\x80\x9C ";
  for (int i = 0; i < 1000; ++i) t += "\xE2\x80\x9D y ";
  for (int i = 0; i < 1001; ++i) t += "' \" `` ";
  auto r = Scan(t);
  EXPECT_LE(r.size(), 3000u);
  for (const auto& q : r) {
    EXPECT_LE(q.span.start, q.span.end);
    EXPECT_LE(q.span.end, t.size());
  }
}

// ---- attribution over hand-made parses ----------------------------------

TEST(QuoteFinder, CueAfterQuotation) {
  const std::string t = "\xE2\x80\x9CWe will win,\xE2\x80\x9D said Smith.";
  Document d = Build(t, {"\xE2\x80\x9C/\"/PUNCT/4/punct We/we/PRON/4/nsubj will/will/AUX/4/aux win/win/VERB/0/root "
                         ",/,/PUNCT/4/punct \xE2\x80\x9D/\"/PUNCT/4/punct said/say/VERB/4/parataxis "
                         "Smith/Smith/PROPN/7/nsubj ././PUNCT/4/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  const Quote& q = d.quotes[0];
  EXPECT_EQ(q.kind, "direct");
  EXPECT_EQ(Content(d, q), "\xE2\x80\x9CWe will win,\xE2\x80\x9D");
  EXPECT_EQ(Text(d, q.cue), "said");
  EXPECT_EQ(Text(d, q.speaker), "Smith");
}

TEST(QuoteFinder, CueBeforeWithCommaAndColon) {
  for (const std::string sep : {",", ":"}) {
    const std::string t = "Smith said" + sep + " \"We will win.\"";
    Document d = Build(t, {"Smith/Smith/PROPN/2/nsubj said/say/VERB/0/root " + sep + "/" + sep +
                           "/PUNCT/7/punct \"/\"/PUNCT/7/punct We/we/PRON/7/nsubj will/will/AUX/7/aux "
                           "win/win/VERB/2/ccomp ././PUNCT/7/punct \"/\"/PUNCT/7/punct"});
    auto f = LoadFinder();
    f->Find(&d);
    ASSERT_EQ(d.quotes.size(), 1u) << sep;
    EXPECT_EQ(d.quotes[0].kind, "direct");
    EXPECT_EQ(Content(d, d.quotes[0]), "\"We will win.\"");
    EXPECT_EQ(Text(d, d.quotes[0].speaker), "Smith");
  }
}

TEST(QuoteFinder, InterruptedQuotationIsOneWithTwoPieces) {
  const std::string t = "\"We will win,\" Smith said. \"They will lose.\"";
  Document d = Build(t, {"\"/\"/PUNCT/4/punct We/we/PRON/4/nsubj will/will/AUX/4/aux win/win/VERB/0/root "
                         ",/,/PUNCT/4/punct \"/\"/PUNCT/4/punct Smith/Smith/PROPN/8/nsubj "
                         "said/say/VERB/4/parataxis ././PUNCT/4/punct",
                         "\"/\"/PUNCT/4/punct They/they/PRON/4/nsubj will/will/AUX/4/aux "
                         "lose/lose/VERB/0/root ././PUNCT/4/punct \"/\"/PUNCT/4/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  ASSERT_EQ(d.quotes[0].content.size(), 2u);
  EXPECT_EQ(Content(d, d.quotes[0]), "\"We will win,\" | \"They will lose.\"");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Smith");
}

TEST(QuoteFinder, CuelessParagraphCarriesTheSpeaker) {
  const std::string t = "\"We will win,\" Jones said.\n\n\"They will lose.\"";
  Document d = Build(t, {"\"/\"/PUNCT/4/punct We/we/PRON/4/nsubj will/will/AUX/4/aux win/win/VERB/0/root "
                         ",/,/PUNCT/4/punct \"/\"/PUNCT/4/punct Jones/Jones/PROPN/8/nsubj "
                         "said/say/VERB/4/parataxis ././PUNCT/4/punct",
                         "\"/\"/PUNCT/4/punct They/they/PRON/4/nsubj will/will/AUX/4/aux "
                         "lose/lose/VERB/0/root ././PUNCT/4/punct \"/\"/PUNCT/4/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 2u);
  EXPECT_FALSE(d.quotes[1].cue);
  EXPECT_EQ(Text(d, d.quotes[1].speaker), "Jones");
  EXPECT_EQ(d.quotes[1].kind, "direct");
  EXPECT_EQ(Content(d, d.quotes[1]), "\"They will lose.\"");
}

TEST(QuoteFinder, IndirectWithThatClause) {
  const std::string t = "Jones said on Tuesday that the talks failed.";
  Document d = Build(t, {"Jones/Jones/PROPN/2/nsubj said/say/VERB/0/root on/on/ADP/4/case "
                         "Tuesday/Tuesday/PROPN/2/obl that/that/SCONJ/8/mark the/the/DET/7/det "
                         "talks/talk/NOUN/8/nsubj failed/fail/VERB/2/ccomp ././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, "indirect");
  EXPECT_EQ(Content(d, d.quotes[0]), "that the talks failed");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Jones");
  EXPECT_EQ(Text(d, d.quotes[0].cue), "said");
}

TEST(QuoteFinder, WarnedAndToldReporters) {
  const std::string t = "Lee warned that prices would rise. Kim told reporters the plan was dead.";
  Document d = Build(t, {"Lee/Lee/PROPN/2/nsubj warned/warn/VERB/0/root that/that/SCONJ/6/mark "
                         "prices/price/NOUN/6/nsubj would/would/AUX/6/aux rise/rise/VERB/2/ccomp "
                         "././PUNCT/2/punct",
                         "Kim/Kim/PROPN/2/nsubj told/tell/VERB/0/root reporters/reporter/NOUN/2/obj "
                         "the/the/DET/5/det plan/plan/NOUN/7/nsubj was/be/AUX/7/cop dead/dead/ADJ/2/ccomp "
                         "././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 2u);
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Lee");
  EXPECT_EQ(Content(d, d.quotes[0]), "that prices would rise");
  EXPECT_EQ(Text(d, d.quotes[1].speaker), "Kim");
  EXPECT_EQ(Content(d, d.quotes[1]), "the plan was dead");
}

TEST(QuoteFinder, AccordingTo) {
  const std::string t = "The talks failed, according to officials.";
  Document d = Build(t, {"The/the/DET/2/det talks/talk/NOUN/3/nsubj failed/fail/VERB/0/root "
                         ",/,/PUNCT/7/punct according/accord/VERB/7/case to/to/ADP/5/fixed "
                         "officials/official/NOUN/3/obl ././PUNCT/3/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "according to");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "officials");
  EXPECT_EQ(Content(d, d.quotes[0]), "The talks failed");
}

TEST(QuoteFinder, MixedQuotation) {
  const std::string t = "Seoul hopes the trip will act as a \xE2\x80\x9Cstepping stone\xE2\x80\x9D for talks.";
  Document d = Build(t, {"Seoul/Seoul/PROPN/2/nsubj hopes/hope/VERB/0/root the/the/DET/4/det "
                         "trip/trip/NOUN/6/nsubj will/will/AUX/6/aux act/act/VERB/2/ccomp as/as/ADP/11/case "
                         "a/a/DET/11/det \xE2\x80\x9C/\"/PUNCT/11/punct stepping/step/VERB/11/amod "
                         "stone/stone/NOUN/6/obl \xE2\x80\x9D/\"/PUNCT/11/punct for/for/ADP/14/case "
                         "talks/talk/NOUN/6/obl ././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, "mixed");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Seoul");
  EXPECT_EQ(Content(d, d.quotes[0]), "the trip will act as a \xE2\x80\x9Cstepping stone\xE2\x80\x9D for talks");
}

TEST(QuoteFinder, AppositiveSpeakerAndDescription) {
  const std::string t = "Hugh Hill, a doctor, said the plan was dangerous.";
  Document d = Build(t, {"Hugh/Hugh/PROPN/2/nsubj Hill/Hill/PROPN/0/root ,/,/PUNCT/5/punct a/a/DET/5/det "
                         "doctor/doctor/NOUN/2/appos ,/,/PUNCT/5/punct said/say/VERB/0/root "
                         "the/the/DET/9/det plan/plan/NOUN/11/nsubj was/be/AUX/11/cop "
                         "dangerous/dangerous/ADJ/7/ccomp ././PUNCT/7/punct"});
  // Fix the hand parse: Hill is the subject of said, Hugh its flat part.
  d.words[0].head = 1;
  d.words[0].deprel = "flat";
  d.words[1].head = 6;
  d.words[1].deprel = "nsubj";
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  // The comma closing the apposition belongs to the speaker's span, as
  // attribution corpora mark it.
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Hugh Hill, a doctor,");
  EXPECT_EQ(Text(d, d.quotes[0].description), "a doctor");
}

TEST(QuoteFinder, CueKeepsAuxiliariesAdverbsAndColon) {
  const std::string t = "Smith has also said: \"We will win.\"";
  Document d = Build(t, {"Smith/Smith/PROPN/4/nsubj has/have/AUX/4/aux also/also/ADV/4/advmod "
                         "said/say/VERB/0/root :/:/PUNCT/9/punct \"/\"/PUNCT/9/punct We/we/PRON/9/nsubj "
                         "will/will/AUX/9/aux win/win/VERB/4/ccomp ././PUNCT/9/punct \"/\"/PUNCT/9/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "has also said:");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Smith");
  EXPECT_EQ(Content(d, d.quotes[0]), "\"We will win.\"");
}

TEST(QuoteFinder, CueKeepsItsParticleAndInAStatement) {
  const std::string t = "Smith pointed out in a statement that the law was old.";
  Document d = Build(t, {"Smith/Smith/PROPN/2/nsubj pointed/point/VERB/0/root out/out/ADP/2/compound:prt "
                         "in/in/ADP/6/case a/a/DET/6/det statement/statement/NOUN/2/obl that/that/SCONJ/11/mark "
                         "the/the/DET/9/det law/law/NOUN/11/nsubj was/be/AUX/11/cop old/old/ADJ/2/ccomp "
                         "././PUNCT/2/punct"});
  auto f = QuoteFinder::FromText("point\tspeech\n", "");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  (*f)->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "pointed out in a statement");
  EXPECT_EQ(Content(d, d.quotes[0]), "that the law was old");
}

TEST(QuoteFinder, SpeakerBetweenQuotationAndCueWhenTheParseHasNoSubject) {
  // The parser made the name a vocative of the quoted clause.
  const std::string t = "\"We will win,\" Graham, a senator, told CBS.";
  Document d = Build(t, {"\"/\"/PUNCT/4/punct We/we/PRON/4/nsubj will/will/AUX/4/aux win/win/VERB/12/ccomp "
                         ",/,/PUNCT/4/punct \"/\"/PUNCT/4/punct Graham/Graham/PROPN/4/vocative ,/,/PUNCT/10/punct "
                         "a/a/DET/10/det senator/senator/NOUN/7/appos ,/,/PUNCT/12/punct told/tell/VERB/0/root "
                         "CBS/CBS/PROPN/12/iobj ././PUNCT/12/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "told");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Graham, a senator,");
}

TEST(QuoteFinder, AttributionInsideTheClauseSplitsTheContent) {
  const std::string t = "This campaign, he says, is different.";
  Document d = Build(t, {"This/this/DET/2/det campaign/campaign/NOUN/8/nsubj ,/,/PUNCT/5/punct "
                         "he/he/PRON/5/nsubj says/say/VERB/0/root ,/,/PUNCT/5/punct is/be/AUX/8/cop "
                         "different/different/ADJ/5/ccomp ././PUNCT/5/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Content(d, d.quotes[0]), "This campaign | is different");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "he");
}

TEST(QuoteFinder, RaisingVerbHasNoSpeakerAndItsSubjectInTheContent) {
  const std::string t = "Carson seems to recognize the problem.";
  Document d = Build(t, {"Carson/Carson/PROPN/2/nsubj seems/seem/VERB/0/root to/to/PART/4/mark "
                         "recognize/recognize/VERB/2/xcomp the/the/DET/6/det problem/problem/NOUN/4/obj "
                         "././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_FALSE(d.quotes[0].speaker.has_value());
  EXPECT_EQ(Text(d, d.quotes[0].cue), "seems");
  EXPECT_EQ(Content(d, d.quotes[0]), "Carson | to recognize the problem");
}

TEST(QuoteFinder, AskedClauseIsTheQuestionWithNobodyAsking) {
  const std::string t = "Asked whether he would run, Smith said he would decide soon.";
  Document d = Build(t, {"Asked/ask/VERB/8/advcl whether/whether/SCONJ/5/mark he/he/PRON/5/nsubj "
                         "would/would/AUX/5/aux run/run/VERB/1/ccomp ,/,/PUNCT/1/punct Smith/Smith/PROPN/8/nsubj "
                         "said/say/VERB/0/root he/he/PRON/11/nsubj would/would/AUX/11/aux "
                         "decide/decide/VERB/8/ccomp soon/soon/ADV/11/advmod ././PUNCT/8/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 2u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "Asked");
  EXPECT_FALSE(d.quotes[0].speaker.has_value());
  EXPECT_EQ(Content(d, d.quotes[0]), "whether he would run");
  EXPECT_EQ(Text(d, d.quotes[1].speaker), "Smith");
  EXPECT_EQ(Content(d, d.quotes[1]), "he would decide soon");
}

TEST(QuoteFinder, CalledTakesTheObjectWithThePredicate) {
  const std::string t = "Bush called Trump \u201Cunhinged.\u201D";
  Document d = Build(t, {"Bush/Bush/PROPN/2/nsubj called/call/VERB/0/root Trump/Trump/PROPN/2/obj "
                         "\u201C/\"/PUNCT/5/punct unhinged/unhinged/ADJ/2/xcomp ././PUNCT/2/punct "
                         "\u201D/\"/PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, "mixed");
  EXPECT_EQ(Content(d, d.quotes[0]), "Trump \u201Cunhinged.\u201D");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Bush");
}

TEST(QuoteFinder, TranscriptTurnIsTheSpeakersWords) {
  const std::string t = "BOULDUAN: You guys wanted more debates.";
  Document d = Build(t, {"BOULDUAN/Bouldaun/PROPN/0/root :/:/PUNCT/1/punct You/you/PRON/5/nsubj "
                         "guys/guy/NOUN/3/appos wanted/want/VERB/1/parataxis more/more/ADJ/7/amod "
                         "debates/debate/NOUN/5/obj ././PUNCT/5/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  bool found = false;
  for (const Quote& q : d.quotes) {
    if (Text(d, q.cue) != ":") continue;
    found = true;
    EXPECT_EQ(Text(d, q.speaker), "BOULDUAN");
    EXPECT_EQ(Content(d, q), "You guys wanted more debates");
  }
  EXPECT_TRUE(found);
}

TEST(QuoteFinder, TitleDescriptionAndDashAttribution) {
  const std::string t = "\"We stay.\" \xE2\x80\x94 Senator Jane Roe";
  Document d = Build(t, {"\"/\"/PUNCT/3/punct We/we/PRON/3/nsubj stay/stay/VERB/0/root ././PUNCT/3/punct "
                         "\"/\"/PUNCT/3/punct \xE2\x80\x94/-/PUNCT/8/punct Senator/senator/PROPN/8/compound "
                         "Jane/Jane/PROPN/8/compound Roe/Roe/PROPN/3/parataxis"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "\xE2\x80\x94");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Senator Jane Roe");
  EXPECT_EQ(Text(d, d.quotes[0].description), "Senator");
}

TEST(QuoteFinder, PronounAndSurnameSpeakersLinkToEntities) {
  const std::string t = "Ann Lee spoke. \"Yes,\" she said. \"No,\" Lee said.";
  Document d = Build(t, {"Ann/Ann/PROPN/2/flat Lee/Lee/PROPN/3/nsubj spoke/speak/VERB/0/root ././PUNCT/3/punct",
                         "\"/\"/PUNCT/2/punct Yes/yes/INTJ/0/root ,/,/PUNCT/2/punct \"/\"/PUNCT/2/punct "
                         "she/she/PRON/6/nsubj said/say/VERB/2/parataxis ././PUNCT/2/punct",
                         "\"/\"/PUNCT/2/punct No/no/INTJ/0/root ,/,/PUNCT/2/punct \"/\"/PUNCT/2/punct "
                         "Lee/Lee/PROPN/6/nsubj said/say/VERB/2/parataxis ././PUNCT/2/punct"});
  d.words[0].head = 1;  // "Ann" flat under "Lee"
  Entity ann;
  ann.canonical = "Ann Lee";
  ann.type = "PER";
  ann.actor = "USAGOV";
  Mention m1;
  m1.span = Span{0, 7};
  m1.type = "PER";
  Mention m2;
  m2.span = Span{static_cast<uint32_t>(t.rfind("Lee")), static_cast<uint32_t>(t.rfind("Lee") + 3)};
  m2.type = "PER";
  ann.mentions = {m1, m2};
  Entity other;
  other.canonical = "Canada";
  other.type = "LOC";
  d.entities = {other, ann};
  auto f = LoadFinder();
  f->Find(&d);
  // Both quotations in one paragraph with different cues: two quotations.
  ASSERT_EQ(d.quotes.size(), 2u);
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "she");
  EXPECT_EQ(d.quotes[0].speaker_entity, 1);
  EXPECT_EQ(d.quotes[0].speaker_actor, std::optional<std::string>("USAGOV"));
  EXPECT_EQ(Text(d, d.quotes[1].speaker), "Lee");
  EXPECT_EQ(d.quotes[1].speaker_entity, 1);
}

TEST(QuoteFinder, CueInsideQuotationIsNotAttributed) {
  const std::string t = "\"I said that we won,\" Smith said.";
  Document d = Build(t, {"\"/\"/PUNCT/3/punct I/I/PRON/3/nsubj said/say/VERB/0/root that/that/SCONJ/6/mark "
                         "we/we/PRON/6/nsubj won/win/VERB/3/ccomp ,/,/PUNCT/3/punct \"/\"/PUNCT/3/punct "
                         "Smith/Smith/PROPN/10/nsubj said/say/VERB/3/parataxis ././PUNCT/3/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Smith");
}

// Regression: a generated worst case, a 100,000-character paragraph with a
// thousand unmatched marks and a quotation that never closes, parsed as one
// flat sentence: no crash, bounded output. (Its time is measured in
// bench/quotes_bench.cc, not here.)
TEST(QuoteFinder, WorstCaseParagraphDoesNotBlowUp) {
  std::string text;
  std::vector<std::string> words;
  int k = 0;
  while (text.size() < 100000) {
    std::string form = (k % 7 == 3) ? "\xE2\x80\x9C" : (k % 11 == 5) ? "\"" : (k % 13 == 0) ? "said" : "word";
    if (!text.empty()) text += ' ';
    text += form;
    const bool cue = form == "said";
    words.push_back(form + "/" + (cue ? "say" : form) + "/" + (cue ? "VERB" : form == "word" ? "NOUN" : "PUNCT") +
                    "/" + (k == 0 ? "0" : "1") + "/" + (k == 0 ? "root" : cue ? "ccomp" : "dep"));
    ++k;
  }
  text += " \xE2\x80\x9C" "never closes";
  words.push_back("\xE2\x80\x9C/\"/PUNCT/1/punct");
  words.push_back("never/never/ADV/1/dep");
  words.push_back("closes/close/VERB/1/dep");
  std::string sentence;
  for (const auto& w : words) sentence += w + " ";
  Document d = Build(text, {sentence});
  auto f = LoadFinder();
  f->Find(&d);
  EXPECT_LE(d.quotes.size(), d.words.size());
  for (const Quote& q : d.quotes) {
    for (const Span& p : q.content) EXPECT_LE(p.end, text.size());
  }
}

TEST(QuoteFinder, QuotationEndingWithACommaTakesTheVerbAfterIt) {
  // "riff" is no cue of the lexicon: after "“...,” X <verb>." any verb is.
  const std::string t = "\"We will win,\" Smith riffed.";
  Document d = Build(t, {"\"/\"/PUNCT/4/punct We/we/PRON/4/nsubj will/will/AUX/4/aux win/win/VERB/0/root "
                         ",/,/PUNCT/4/punct \"/\"/PUNCT/4/punct Smith/Smith/PROPN/8/nsubj "
                         "riffed/riff/VERB/4/parataxis ././PUNCT/4/punct"});
  auto f = LoadFinder();
  ASSERT_FALSE(f->ClassOf("riff"));
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, "direct");
  EXPECT_EQ(Text(d, d.quotes[0].cue), "riffed");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Smith");
}

TEST(QuoteFinder, QuotationBeforeACoordinatedCueIsNotItsQuotation) {
  const std::string t = "He pledged a \xE2\x80\x9Crevolution\xE2\x80\x9D and said that taxes will fall.";
  Document d = Build(t, {"He/he/PRON/2/nsubj pledged/pledge/VERB/0/root a/a/DET/5/det \xE2\x80\x9C/\"/PUNCT/5/punct "
                         "revolution/revolution/NOUN/2/obj \xE2\x80\x9D/\"/PUNCT/5/punct and/and/CCONJ/8/cc "
                         "said/say/VERB/2/conj that/that/SCONJ/12/mark taxes/tax/NOUN/12/nsubj will/will/AUX/12/aux "
                         "fall/fall/VERB/8/ccomp ././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  bool said = false;
  for (const Quote& q : d.quotes) {
    if (Text(d, q.cue) != "said") continue;
    said = true;
    EXPECT_EQ(Content(d, q), "that taxes will fall");
    EXPECT_EQ(Text(d, q.speaker), "He");
  }
  EXPECT_TRUE(said);
}

TEST(QuoteFinder, TrailingAttributionWhateverTheParse) {
  // The parser made the speaker an object of the first clause and the cue
  // its complement: the shape of the sentence still says who told what.
  const std::string t = "This includes a special force, Defense Secretary Ash Carter told a panel.";
  Document d = Build(t, {"This/this/PRON/2/nsubj includes/include/VERB/0/root a/a/DET/5/det "
                         "special/special/ADJ/5/amod force/force/NOUN/2/obj ,/,/PUNCT/10/punct "
                         "Defense/Defense/PROPN/8/compound Secretary/Secretary/PROPN/10/compound "
                         "Ash/Ash/PROPN/10/compound Carter/Carter/PROPN/2/obj told/tell/VERB/2/xcomp "
                         "a/a/DET/13/det panel/panel/NOUN/11/obj ././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "told");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Defense Secretary Ash Carter");
  EXPECT_EQ(Content(d, d.quotes[0]), "This includes a special force");
}

TEST(QuoteFinder, OpeningMarkLeftAtTheEndOfTheSentenceBefore) {
  // The splitter put the second quotation's opening '' at the end of the
  // attribution's sentence: the quotation still joins the first.
  const std::string t = "''She is smart,'' said Mr. Sperling, who worked with her. ''Anything she touches is done well.''";
  Document d = Build(t, {"''/''/PUNCT/4/punct She/she/PRON/4/nsubj is/be/AUX/4/cop smart/smart/ADJ/7/ccomp "
                         ",/,/PUNCT/4/punct ''/''/PUNCT/4/punct said/say/VERB/0/root Mr./Mr./PROPN/9/nmod:desc "
                         "Sperling/Sperling/PROPN/7/nsubj ,/,/PUNCT/12/punct who/who/PRON/12/nsubj "
                         "worked/work/VERB/9/acl:relcl with/with/ADP/14/case her/she/PRON/12/obl "
                         "././PUNCT/7/punct ''/''/PUNCT/7/punct",
                         "Anything/anything/PRON/5/nsubj:pass she/she/PRON/3/nsubj touches/touch/VERB/1/acl:relcl "
                         "is/be/AUX/5/aux:pass done/do/VERB/0/root well/well/ADV/5/advmod ././PUNCT/5/punct "
                         "''/''/PUNCT/5/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Content(d, d.quotes[0]), "''She is smart,'' | ''Anything she touches is done well.''");
  // The relative clause is part of the speaker, as attribution corpora mark it.
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Mr. Sperling, who worked with her");
}

TEST(QuoteFinder, PrepositionAfterTheCueIsPartOfIt) {
  const std::string t = "Smith referred to the report about taxes.";
  Document d = Build(t, {"Smith/Smith/PROPN/2/nsubj referred/refer/VERB/0/root to/to/ADP/5/case the/the/DET/5/det "
                         "report/report/NOUN/2/obl about/about/ADP/7/case taxes/tax/NOUN/5/nmod ././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "referred to");
  EXPECT_EQ(Content(d, d.quotes[0]), "the report about taxes");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Smith");
}

TEST(QuoteFinder, LemmatizerGuessForAnInflectedCue) {
  // An unknown form lemmatized "declin": "decline" is the cue.
  const std::string t = "Smith declined to discuss the case.";
  Document d = Build(t, {"Smith/Smith/PROPN/2/nsubj declined/declin/VERB/0/root to/to/PART/4/mark "
                         "discuss/discuss/VERB/2/xcomp the/the/DET/6/det case/case/NOUN/4/obj ././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "declined");
  EXPECT_EQ(Content(d, d.quotes[0]), "to discuss the case");
}

TEST(QuoteFinder, WordsBeforeAQuotationWhoseCueFollowsAreContent) {
  const std::string t = "The media are \xE2\x80\x9Cmanipulating this campaign,\xE2\x80\x9D he said.";
  Document d = Build(t, {"The/the/DET/2/det media/media/NOUN/5/nsubj are/be/AUX/5/aux \xE2\x80\x9C/\"/PUNCT/5/punct "
                         "manipulating/manipulate/VERB/11/ccomp this/this/DET/7/det campaign/campaign/NOUN/5/obj "
                         ",/,/PUNCT/5/punct \xE2\x80\x9D/\"/PUNCT/5/punct he/he/PRON/11/nsubj said/say/VERB/0/root "
                         "././PUNCT/11/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, "mixed");
  EXPECT_EQ(Content(d, d.quotes[0]), "The media are \xE2\x80\x9Cmanipulating this campaign,\xE2\x80\x9D");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "he");
}

TEST(QuoteFinder, ContentLeavesOutATrailingApposition) {
  const std::string t = "Smith cited the loophole, a flaw in the system.";
  Document d = Build(t, {"Smith/Smith/PROPN/2/nsubj cited/cite/VERB/0/root the/the/DET/4/det loophole/loophole/NOUN/2/obj "
                         ",/,/PUNCT/7/punct a/a/DET/7/det flaw/flaw/NOUN/4/appos in/in/ADP/10/case the/the/DET/10/det "
                         "system/system/NOUN/7/nmod ././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Content(d, d.quotes[0]), "the loophole");
}

TEST(QuoteFinder, AccordingToParsedAsAVerb) {
  const std::string t = "According to the average, Trump leads in Florida.";
  Document d = Build(t, {"According/accord/VERB/7/advcl to/to/ADP/1/fixed the/the/DET/4/det average/average/NOUN/1/obj "
                         ",/,/PUNCT/1/punct Trump/Trump/PROPN/7/nsubj leads/lead/VERB/0/root in/in/ADP/9/case "
                         "Florida/Florida/PROPN/7/obl ././PUNCT/7/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "According to");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "the average");
  EXPECT_EQ(Content(d, d.quotes[0]), "Trump leads in Florida");
}

TEST(QuoteFinder, NominalCueWithAThatClause) {
  // "X's claim that ...": the possessor is the source, the clause the
  // content, the noun with its adjective the cue.
  const std::string t = "Smith's false claim that the vote was rigged spread quickly.";
  Document d = Build(t, {"Smith/Smith/PROPN/4/nmod:poss 's/'s/PART/1/case false/false/ADJ/4/amod "
                         "claim/claim/NOUN/10/nsubj that/that/SCONJ/9/mark the/the/DET/7/det "
                         "vote/vote/NOUN/9/nsubj:pass was/be/AUX/9/aux:pass rigged/rig/VERB/4/acl "
                         "spread/spread/VERB/0/root quickly/quickly/ADV/10/advmod ././PUNCT/10/punct"});
  auto f = LoadFinder();
  ASSERT_TRUE(f);
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "false claim");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Smith's");
  EXPECT_EQ(Content(d, d.quotes[0]), "that the vote was rigged");
  EXPECT_EQ(d.quotes[0].kind, "indirect");
}

TEST(QuoteFinder, NominalCueObjectOfALightVerbOrWithoutSource) {
  // "X made the claim that ...": the light verb's subject speaks and the
  // cue runs from the verb; "concerns that ..." with nobody named has no
  // source; a noun without a clause is no cue.
  const std::string t = "Jones made the claim that taxes rose. Concerns that prices rose grew. His claim stood.";
  Document d = Build(t, {"Jones/Jones/PROPN/2/nsubj made/make/VERB/0/root the/the/DET/4/det "
                         "claim/claim/NOUN/2/obj that/that/SCONJ/7/mark taxes/tax/NOUN/7/nsubj "
                         "rose/rise/VERB/4/acl ././PUNCT/2/punct",
                         "Concerns/concern/NOUN/5/nsubj that/that/SCONJ/4/mark prices/price/NOUN/4/nsubj "
                         "rose/rise/VERB/1/acl grew/grow/VERB/0/root ././PUNCT/5/punct",
                         "His/his/PRON/2/nmod:poss claim/claim/NOUN/3/nsubj stood/stand/VERB/0/root "
                         "././PUNCT/3/punct"});
  auto f = LoadFinder();
  ASSERT_TRUE(f);
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 2u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "made the claim");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Jones");
  EXPECT_EQ(Content(d, d.quotes[0]), "that taxes rose");
  EXPECT_EQ(Text(d, d.quotes[1].cue), "Concerns");
  EXPECT_FALSE(d.quotes[1].speaker);
  EXPECT_EQ(Content(d, d.quotes[1]), "that prices rose");
}

TEST(CueLexicon, NominalCuesAreKeptApartFromTheVerbs) {
  auto f = QuoteFinder::FromText("say\tspeech\nclaim\tnoun\n", "");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ((*f)->ClassOf("say"), CueClass::kSpeech);
  EXPECT_FALSE((*f)->ClassOf("claim"));
  auto bad = QuoteFinder::FromText("say\tspeech\nbig claim\tnoun\n", "", "c.txt", "t.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("c.txt:2"), std::string::npos) << bad.status().ToString();
}

TEST(QuoteFinder, ContentRunsOverAHyphenInsideAWord) {
  // The parse hangs the second half of "front-runner" on the cue.
  const std::string t = "Smith vowed to back the front-runner.";
  Document d = Build(t, {"Smith/Smith/PROPN/2/nsubj vowed/vow/VERB/0/root to/to/PART/4/mark back/back/VERB/2/xcomp "
                         "the/the/DET/6/det front/front/NOUN/4/obj -/-/PUNCT/8/punct runner/runner/NOUN/2/obl "
                         "././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Content(d, d.quotes[0]), "to back the front-runner");
}

TEST(QuoteFinder, ContentRunsToTheEndOfItsSentence) {
  // "but a judge intervened" hung on the cue is still what was said.
  const std::string t = "Smith said the state tried to jail him, but a judge intervened.";
  Document d = Build(t, {"Smith/Smith/PROPN/2/nsubj said/say/VERB/0/root the/the/DET/4/det state/state/NOUN/5/nsubj "
                         "tried/try/VERB/2/ccomp to/to/PART/7/mark jail/jail/VERB/5/xcomp him/he/PRON/7/obj "
                         ",/,/PUNCT/13/punct but/but/CCONJ/13/cc a/a/DET/12/det judge/judge/NOUN/13/nsubj "
                         "intervened/intervene/VERB/2/conj ././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Content(d, d.quotes[0]), "the state tried to jail him, but a judge intervened");
}

TEST(QuoteFinder, ContentStopsBeforeARelativeClauseSetOffByAComma) {
  const std::string t = "Smith cited the report, which was published Monday.";
  Document d = Build(t, {"Smith/Smith/PROPN/2/nsubj cited/cite/VERB/0/root the/the/DET/4/det report/report/NOUN/2/obj "
                         ",/,/PUNCT/8/punct which/which/PRON/8/nsubj:pass was/be/AUX/8/aux:pass "
                         "published/publish/VERB/2/advcl Monday/Monday/PROPN/8/obl:tmod ././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Content(d, d.quotes[0]), "the report");
}

TEST(QuoteFinder, RelativePronounSpeakerNamesTheNounItDescribes) {
  const std::string t = "Jones met Smith, who said the talks went well.";
  Document d = Build(t, {"Jones/Jones/PROPN/2/nsubj met/meet/VERB/0/root Smith/Smith/PROPN/2/obj ,/,/PUNCT/3/punct "
                         "who/who/PRON/6/nsubj said/say/VERB/3/acl:relcl the/the/DET/8/det talks/talk/NOUN/9/nsubj "
                         "went/go/VERB/6/ccomp well/well/ADV/9/advmod ././PUNCT/2/punct"});
  d.words[4].feats = "PronType=Rel";
  Entity jones, smith;
  jones.canonical = "Jones";
  jones.type = smith.type = "PER";
  smith.canonical = "Smith";
  Mention mj, ms;
  mj.span = Span{0, 5};
  ms.span = Span{static_cast<uint32_t>(t.find("Smith")), static_cast<uint32_t>(t.find("Smith") + 5)};
  mj.type = ms.type = "PER";
  jones.mentions = {mj};
  smith.mentions = {ms};
  d.entities = {jones, smith};
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  // The speaker's words are the pronoun, as attribution corpora mark
  // them; the entity is the one it stands for.
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "who");
  EXPECT_EQ(d.quotes[0].speaker_entity, 1);
  EXPECT_EQ(Content(d, d.quotes[0]), "the talks went well");
}

TEST(QuoteFinder, ClauseParsedAsAConjunctOfTheCueIsItsContent) {
  const std::string t = "Fallon said the Clintons had been careful.";
  Document d = Build(t, {"Fallon/Fallon/PROPN/2/nsubj said/say/VERB/0/root the/the/DET/4/det "
                         "Clintons/Clinton/PROPN/7/nsubj had/have/AUX/7/aux been/be/AUX/7/cop "
                         "careful/careful/ADJ/2/conj ././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Fallon");
  EXPECT_EQ(Content(d, d.quotes[0]), "the Clintons had been careful");
}

TEST(QuoteFinder, QuotationObjectOfACueInsideReportedSpeechBelongsToIt) {
  const std::string t = "Trump said executives were calling \xE2\x80\x9C" "every 15 minutes.\xE2\x80\x9D";
  Document d = Build(t, {"Trump/Trump/PROPN/2/nsubj said/say/VERB/0/root executives/executive/NOUN/5/nsubj "
                         "were/be/AUX/5/aux calling/call/VERB/2/ccomp \xE2\x80\x9C/\"/PUNCT/9/punct "
                         "every/every/DET/9/det 15/15/NUM/9/nummod minutes/minute/NOUN/5/obj ././PUNCT/2/punct "
                         "\xE2\x80\x9D/\"/PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, "mixed");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Trump");
  EXPECT_EQ(Text(d, d.quotes[0].cue), "said");
  EXPECT_EQ(Content(d, d.quotes[0]), "executives were calling \xE2\x80\x9C" "every 15 minutes.\xE2\x80\x9D");
}

TEST(QuoteFinder, SpeakerLeavesOutWordsBeforeACommaAndALeadingPreposition) {
  // The parse hung "In its ads ," on the subject's head.
  const std::string t = "In its ads, Jones said the plan failed.";
  Document d = Build(t, {"In/in/ADP/3/case its/its/PRON/3/nmod:poss ads/ad/NOUN/5/nmod ,/,/PUNCT/3/punct "
                         "Jones/Jones/PROPN/6/nsubj said/say/VERB/0/root the/the/DET/8/det plan/plan/NOUN/9/nsubj "
                         "failed/fail/VERB/6/ccomp ././PUNCT/6/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Jones");
  const std::string t2 = "He met them as Jones said the plan failed.";
  Document d2 = Build(t2, {"He/he/PRON/2/nsubj met/meet/VERB/0/root them/they/PRON/2/obj as/as/ADP/5/case "
                           "Jones/Jones/PROPN/6/nsubj said/say/VERB/2/advcl the/the/DET/8/det plan/plan/NOUN/9/nsubj "
                           "failed/fail/VERB/6/ccomp ././PUNCT/2/punct"});
  f->Find(&d2);
  ASSERT_EQ(d2.quotes.size(), 1u);
  EXPECT_EQ(Text(d2, d2.quotes[0].speaker), "Jones");
}

TEST(QuoteFinder, SpeakerAfterAQuotationKeepsBracketsAndParticiples) {
  const std::string t = "\"We will win,\" Sen. Harry Reid (D-Nev.) said.\n\n"
                        "\"He must stop,\" the conservative-leaning paper wrote.";
  Document d = Build(t, {"\"/\"/PUNCT/4/punct We/we/PRON/4/nsubj will/will/AUX/4/aux win/win/VERB/13/ccomp "
                         ",/,/PUNCT/4/punct \"/\"/PUNCT/4/punct Sen./Sen./PROPN/8/nmod:desc Harry/Harry/PROPN/13/nsubj "
                         "Reid/Reid/PROPN/8/flat (/(/PUNCT/11/punct D-Nev./D-Nev./PROPN/8/appos )/)/PUNCT/11/punct "
                         "said/say/VERB/0/root ././PUNCT/13/punct",
                         "\"/\"/PUNCT/4/punct He/he/PRON/4/nsubj must/must/AUX/4/aux stop/stop/VERB/12/ccomp "
                         ",/,/PUNCT/4/punct \"/\"/PUNCT/4/punct the/the/DET/11/det conservative/conservative/ADJ/10/amod "
                         "-/-/PUNCT/8/punct leaning/lean/VERB/11/amod paper/paper/NOUN/12/nsubj wrote/write/VERB/0/root "
                         "././PUNCT/12/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 2u);
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Sen. Harry Reid (D-Nev.)");
  EXPECT_EQ(Text(d, d.quotes[0].description), "Sen.");
  EXPECT_EQ(Text(d, d.quotes[1].speaker), "the conservative-leaning paper");
  EXPECT_EQ(Text(d, d.quotes[1].cue), "wrote");
}

TEST(QuoteFinder, VerbAfterAQuotationReadAsAClauseOfItsSubject) {
  // "riffed" hung on "nominee" as a clause of it, with an oblique.
  const std::string t = "\"The answer is no,\" the nominee riffed on the reply.";
  Document d = Build(t, {"\"/\"/PUNCT/5/punct The/the/DET/3/det answer/answer/NOUN/5/nsubj is/be/AUX/5/cop "
                         "no/no/INTJ/0/root ,/,/PUNCT/5/punct \"/\"/PUNCT/5/punct the/the/DET/9/det "
                         "nominee/nominee/NOUN/5/parataxis riffed/riff/VERB/9/acl on/on/ADP/13/case the/the/DET/13/det "
                         "reply/reply/NOUN/10/obl ././PUNCT/5/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "riffed");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "the nominee");
  EXPECT_EQ(Content(d, d.quotes[0]), "\"The answer is no,\"");
}

TEST(QuoteFinder, QuotationInsideAClauseTakesTheVerbAboveItAsCue) {
  const std::string t = "Trump launched into a lament for the \xE2\x80\x9C" "countless Americans\xE2\x80\x9D who suffer.";
  Document d = Build(t, {"Trump/Trump/PROPN/2/nsubj launched/launch/VERB/0/root into/into/ADP/5/case a/a/DET/5/det "
                         "lament/lament/NOUN/2/obl for/for/ADP/10/case the/the/DET/10/det "
                         "\xE2\x80\x9C/\"/PUNCT/10/punct countless/countless/ADJ/10/amod Americans/American/PROPN/5/nmod "
                         "\xE2\x80\x9D/\"/PUNCT/10/punct who/who/PRON/13/nsubj suffer/suffer/VERB/10/acl:relcl "
                         "././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, "mixed");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Trump");
  EXPECT_EQ(Text(d, d.quotes[0].cue), "launched");
  EXPECT_EQ(Content(d, d.quotes[0]), "into a lament for the \xE2\x80\x9C" "countless Americans\xE2\x80\x9D who suffer");
}

TEST(QuoteFinder, ContentRunsOverAQuotationOfItsOwnClause) {
  // The second conjunct hung on the cue, with a quotation in it.
  const std::string t = "Smith said the plan was \xE2\x80\x9C" "dead\xE2\x80\x9D and the talks were \xE2\x80\x9C"
                        "over\xE2\x80\x9D for now.";
  Document d = Build(t, {"Smith/Smith/PROPN/2/nsubj said/say/VERB/0/root the/the/DET/4/det plan/plan/NOUN/7/nsubj "
                         "was/be/AUX/7/cop \xE2\x80\x9C/\"/PUNCT/7/punct dead/dead/ADJ/2/ccomp \xE2\x80\x9D/\"/PUNCT/7/punct "
                         "and/and/CCONJ/15/cc the/the/DET/11/det talks/talk/NOUN/15/nsubj were/be/AUX/15/cop "
                         "\xE2\x80\x9C/\"/PUNCT/14/punct over/over/ADJ/15/advmod \xE2\x80\x9D/\"/PUNCT/14/punct "
                         "for/for/ADP/2/conj now/now/ADV/15/fixed ././PUNCT/2/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, "mixed");
  EXPECT_EQ(Content(d, d.quotes[0]), "the plan was \xE2\x80\x9C" "dead\xE2\x80\x9D and the talks were \xE2\x80\x9C"
                                     "over\xE2\x80\x9D for now");
}

TEST(QuoteFinder, ParticipleCueSpeaksForTheSubjectOfItsSentence) {
  // "saying" hung on a verb without a subject deep inside the clause
  // before it.
  const std::string t = "Christie bristled at the idea of advising Trump to soften, saying, \"It is false.\"";
  Document d = Build(t, {"Christie/Christie/PROPN/2/nsubj bristled/bristle/VERB/0/root at/at/ADP/5/case "
                         "the/the/DET/5/det idea/idea/NOUN/2/obl of/of/SCONJ/7/mark advising/advise/VERB/5/acl "
                         "Trump/Trump/PROPN/7/obj to/to/PART/10/mark soften/soften/VERB/7/xcomp ,/,/PUNCT/12/punct "
                         "saying/say/VERB/10/advcl ,/,/PUNCT/17/punct \"/\"/PUNCT/17/punct It/it/PRON/17/nsubj "
                         "is/be/AUX/17/cop false/false/ADJ/12/ccomp ././PUNCT/17/punct \"/\"/PUNCT/17/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "saying");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Christie");
}

TEST(QuoteFinder, CueCoordinatedWithAPassiveTakesItsSubject) {
  const std::string t = "Silverman was joined by Franken and joked, \"You are being ridiculous.\"";
  Document d = Build(t, {"Silverman/Silverman/PROPN/3/nsubj:pass was/be/AUX/3/aux:pass joined/join/VERB/0/root "
                         "by/by/ADP/5/case Franken/Franken/PROPN/3/obl:agent and/and/CCONJ/7/cc joked/joke/VERB/3/conj "
                         ",/,/PUNCT/14/punct \"/\"/PUNCT/14/punct You/you/PRON/14/nsubj are/be/AUX/14/aux "
                         "being/be/AUX/14/cop ridiculous/ridiculous/ADJ/7/ccomp ././PUNCT/14/punct \"/\"/PUNCT/14/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "joked");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Silverman");
}

TEST(QuoteFinder, DashSignatureInASentenceOfItsOwn) {
  // The splitter cut after the quotation: "― Carla Sanchez." is a sentence.
  const std::string t = "\xE2\x80\x9CTrump must stop.\xE2\x80\x9D\xE2\x80\x95 Carla Sanchez.";
  Document d = Build(t, {"\xE2\x80\x9C/\"/PUNCT/4/punct Trump/Trump/PROPN/4/nsubj must/must/AUX/4/aux "
                         "stop/stop/VERB/0/root ././PUNCT/4/punct \xE2\x80\x9D/\"/PUNCT/4/punct",
                         "\xE2\x80\x95/-/PUNCT/3/punct Carla/Carla/PROPN/3/compound Sanchez/Sanchez/PROPN/0/root "
                         "././PUNCT/3/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, "direct");
  EXPECT_EQ(Text(d, d.quotes[0].cue), "\xE2\x80\x95");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Carla Sanchez");
}

TEST(QuoteFinder, TitleInQuotationMarksIsNoQuotation) {
  const std::string t = "On CBS's \"Face the Nation,\" Ryan said the talks failed.";
  Document d = Build(t, {"On/on/ADP/5/case CBS/CBS/PROPN/5/nmod:poss 's/'s/PART/2/case \"/\"/PUNCT/5/punct "
                         "Face/Face/PROPN/11/obl the/the/DET/7/det Nation/Nation/PROPN/5/nmod ,/,/PUNCT/5/punct "
                         "\"/\"/PUNCT/5/punct Ryan/Ryan/PROPN/11/nsubj said/say/VERB/0/root the/the/DET/13/det "
                         "talks/talk/NOUN/14/nsubj failed/fail/VERB/11/ccomp ././PUNCT/11/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, "indirect");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "Ryan");
  EXPECT_EQ(Content(d, d.quotes[0]), "the talks failed");
}

TEST(QuoteFinder, RelativePronounObjectIsAPieceOfTheContent) {
  const std::string t = "He cited the deal, which Trump called a \"disaster.\"";
  Document d = Build(t, {"He/he/PRON/2/nsubj cited/cite/VERB/0/root the/the/DET/4/det deal/deal/NOUN/2/obj "
                         ",/,/PUNCT/8/punct which/which/PRON/8/obj Trump/Trump/PROPN/8/nsubj called/call/VERB/4/acl:relcl "
                         "a/a/DET/11/det \"/\"/PUNCT/11/punct disaster/disaster/NOUN/8/xcomp ././PUNCT/11/punct "
                         "\"/\"/PUNCT/11/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  const Quote* call = nullptr;
  for (const Quote& q : d.quotes) {
    if (Text(d, q.cue) == "called") call = &q;
  }
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(Text(d, call->speaker), "Trump");
  EXPECT_EQ(Content(d, *call), "which | a \"disaster.\"");
}

TEST(QuoteFinder, ThatClauseEndingInAQuotationIsReportedSpeech) {
  const std::string t = "She said that after 200 years, \"It's time.\"";
  Document d = Build(t, {"She/she/PRON/2/nsubj said/say/VERB/0/root that/that/SCONJ/11/mark after/after/ADP/6/case "
                         "200/200/NUM/6/nummod years/year/NOUN/11/obl ,/,/PUNCT/6/punct \"/\"/PUNCT/11/punct "
                         "It/it/PRON/11/nsubj 's/be/AUX/11/cop time/time/NOUN/2/ccomp ././PUNCT/11/punct "
                         "\"/\"/PUNCT/11/punct"});
  auto f = LoadFinder();
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(d.quotes[0].kind, "mixed");
  EXPECT_EQ(Text(d, d.quotes[0].speaker), "She");
  EXPECT_EQ(Content(d, d.quotes[0]), "that after 200 years, \"It's time.\"");
}

// ---- the learned cue model ---------------------------------------------

// "<Name> <verb>ed that the plan failed." parsed, the verb not in the
// lexicon.
Document ThatClause(const std::string& name, const std::string& form, const std::string& lemma) {
  const std::string t = name + " " + form + " that the plan failed.";
  return Build(t, {name + "/" + name + "/PROPN/2/nsubj " + form + "/" + lemma +
                   "/VERB/0/root that/that/SCONJ/6/mark the/the/DET/5/det plan/plan/NOUN/6/nsubj "
                   "failed/fail/VERB/2/ccomp ././PUNCT/2/punct"});
}

TEST(CueModel, ModelTakesAnUnlistedVerbForACue) {
  auto f = LoadFinder();
  ASSERT_TRUE(f);
  ASSERT_FALSE(f->ClassOf("grumble"));
  // A model that knows one verb: "grumble" is a cue, any other verb has
  // the bias's score.
  quotes_internal::CueModel model;
  model.threshold = 0;
  model.weights.assign(size_t{1} << model.bits, 0.0f);
  const uint64_t mask = model.weights.size() - 1;
  model.weights[quotes_internal::CueFeatureHash({"bias", "=", ""}) & mask] = -1.0f;
  model.weights[quotes_internal::CueFeatureHash({"l", "=", "grumble"}) & mask] = 5.0f;
  const std::string path = ::testing::TempDir() + "/dyad_quotes_cues.model";
  ASSERT_TRUE(model.Save(path).ok());

  Document before = ThatClause("Brown", "grumbled", "grumble");
  f->Find(&before);
  EXPECT_TRUE(before.quotes.empty());
  ASSERT_TRUE(f->LoadCueModel(path).ok());
  EXPECT_TRUE(f->has_cue_model());
  Document after = ThatClause("Brown", "grumbled", "grumble");
  f->Find(&after);
  ASSERT_EQ(after.quotes.size(), 1u);
  EXPECT_EQ(Text(after, after.quotes[0].cue), "grumbled");
  EXPECT_EQ(Text(after, after.quotes[0].speaker), "Brown");
  EXPECT_EQ(Content(after, after.quotes[0]), "that the plan failed");
  Document other = ThatClause("Brown", "painted", "paint");
  f->Find(&other);
  EXPECT_TRUE(other.quotes.empty());
}

TEST(CueModel, DamagedOrMissingFileIsAnError) {
  auto f = LoadFinder();
  ASSERT_TRUE(f);
  const std::string missing = ::testing::TempDir() + "/dyad_quotes_no_such.model";
  Status s = f->LoadCueModel(missing);
  EXPECT_TRUE(s.IsNotFound()) << s.ToString();
  // The shipped model, cut short.
  std::ifstream in(std::string(DYAD_SOURCE_DIR) + "/models/" + kCueModelFile, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  ASSERT_GT(bytes.str().size(), 100u);
  const std::string cut = ::testing::TempDir() + "/dyad_quotes_cut.model";
  {
    std::ofstream out(cut, std::ios::binary);
    out << bytes.str().substr(0, bytes.str().size() / 2);
  }
  s = f->LoadCueModel(cut);
  EXPECT_TRUE(s.IsCorruption()) << s.ToString();
  EXPECT_NE(s.message().find(cut), std::string::npos) << s.ToString();
  EXPECT_FALSE(f->has_cue_model());
}

TEST(CueModel, ShippedModelLoads) {
  auto f = LoadFinder();
  ASSERT_TRUE(f);
  Status s = f->LoadCueModel(std::string(DYAD_SOURCE_DIR) + "/models/" + kCueModelFile);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(f->has_cue_model());
  // A lexicon cue in its usual frame stays one.
  Document d = ThatClause("Smith", "said", "say");
  f->Find(&d);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Text(d, d.quotes[0].cue), "said");
}

TEST(QuoteFinder, EmptyAndUnparsedDocuments) {
  Document empty;
  auto f = LoadFinder();
  f->Find(&empty);
  EXPECT_TRUE(empty.quotes.empty());
}

}  // namespace
}  // namespace dyad
