#include <gtest/gtest.h>

#include "dyad/time.h"

namespace dyad {
namespace {

CalendarDate D(int y, int m, int d) { return CalendarDate{y, m, d}; }

std::string R(std::string_view words, CalendarDate article, Tense tense = Tense::kPast) {
  return ResolveDateExpression(words, article, tense).value_or("<none>");
}

TEST(Calendar, LeapYearsAndMonthLengths) {
  EXPECT_TRUE(IsLeapYear(2020));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_FALSE(IsLeapYear(2019));
  EXPECT_EQ(DaysInMonth(2020, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2019, 4), 30);
  EXPECT_TRUE(IsValidDate(D(2020, 2, 29)));
  EXPECT_FALSE(IsValidDate(D(2019, 2, 29)));
  EXPECT_FALSE(IsValidDate(D(2019, 13, 1)));
  EXPECT_FALSE(IsValidDate(D(2019, 4, 31)));
}

TEST(Calendar, DayArithmeticAndWeekdays) {
  EXPECT_EQ(DaysFromCivil(D(1970, 1, 1)), 0);
  EXPECT_EQ(DaysFromCivil(D(2000, 3, 1)) - DaysFromCivil(D(2000, 2, 28)), 2);
  for (int64_t z : {-800000, -1, 0, 1, 10957, 18000, 2932896}) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(z)), z);
  }
  EXPECT_EQ(AddDays(D(2019, 1, 2), -3), D(2018, 12, 30));
  EXPECT_EQ(AddDays(D(2020, 2, 28), 1), D(2020, 2, 29));
  EXPECT_EQ(AddDays(D(2019, 2, 28), 1), D(2019, 3, 1));
  EXPECT_EQ(Weekday(D(2019, 1, 8)), 1);   // a Tuesday
  EXPECT_EQ(Weekday(D(1970, 1, 1)), 3);   // a Thursday
  EXPECT_EQ(Weekday(D(2000, 1, 1)), 5);   // a Saturday
  EXPECT_EQ(Weekday(D(1995, 1, 1)), 6);   // a Sunday
}

TEST(Calendar, IsoDates) {
  EXPECT_EQ(ParseIsoDate("2019-01-07").value_or(D(0, 0, 0)), D(2019, 1, 7));
  EXPECT_FALSE(ParseIsoDate("2019-02-29"));
  EXPECT_FALSE(ParseIsoDate("2019-1-7"));
  EXPECT_FALSE(ParseIsoDate("20190107"));
  EXPECT_FALSE(ParseIsoDate("2019-01-07x"));
  EXPECT_EQ(FormatIsoDate(D(812, 3, 4)), "0812-03-04");
}

TEST(ResolveDate, DayWords) {
  const CalendarDate a = D(2019, 1, 8);
  EXPECT_EQ(R("yesterday", a), "2019-01-07");
  EXPECT_EQ(R("today", a), "2019-01-08");
  EXPECT_EQ(R("tonight", a), "2019-01-08");
  EXPECT_EQ(R("Tomorrow", a, Tense::kFuture), "2019-01-09");
  EXPECT_EQ(R("the day before yesterday", a), "2019-01-06");
  EXPECT_EQ(R("the day after tomorrow", a), "2019-01-10");
  EXPECT_EQ(R("last night", a), "2019-01-07");
  EXPECT_EQ(R("this morning", a), "2019-01-08");
  EXPECT_EQ(R("yesterday", D(2019, 1, 1)), "2018-12-31");
  EXPECT_EQ(R("yesterday", D(2020, 3, 1)), "2020-02-29");
  EXPECT_EQ(R("tomorrow", D(2019, 12, 31)), "2020-01-01");
}

TEST(ResolveDate, Weekdays) {
  const CalendarDate tue = D(2019, 1, 8);  // a Tuesday
  EXPECT_EQ(R("on Monday", tue), "2019-01-07");
  EXPECT_EQ(R("on Tuesday", tue), "2019-01-08");  // the article's own weekday is the article date
  EXPECT_EQ(R("Wednesday", tue), "2019-01-02");   // most recent, not after
  EXPECT_EQ(R("on Wednesday", tue, Tense::kPresent), "2019-01-02");
  EXPECT_EQ(R("on Wednesday", tue, Tense::kFuture), "2019-01-09");
  EXPECT_EQ(R("on Tuesday", tue, Tense::kFuture), "2019-01-15");  // strictly after
  EXPECT_EQ(R("last Tuesday", tue), "2019-01-01");
  EXPECT_EQ(R("last Monday", tue), "2019-01-07");
  EXPECT_EQ(R("next Monday", tue), "2019-01-14");
  EXPECT_EQ(R("next Tuesday", tue), "2019-01-15");
  EXPECT_EQ(R("Tues.", tue), "2019-01-08");
  EXPECT_EQ(R("on Thursday evening", tue), "2019-01-03");
  // Across a year boundary.
  EXPECT_EQ(R("on Friday", D(2019, 1, 1)), "2018-12-28");
  EXPECT_EQ(R("on Friday", D(2018, 12, 29), Tense::kFuture), "2019-01-04");
}

TEST(ResolveDate, WeeksMonthsYears) {
  const CalendarDate a = D(2019, 1, 8);
  EXPECT_EQ(R("last week", a), "2019-01-01");
  EXPECT_EQ(R("next week", a, Tense::kFuture), "2019-01-15");
  EXPECT_EQ(R("this week", a), "2019-01-08");
  EXPECT_EQ(R("last month", a), "2018-12");
  EXPECT_EQ(R("next month", a), "2019-02");
  EXPECT_EQ(R("this month", a), "2019-01");
  EXPECT_EQ(R("last year", a), "2018");
  EXPECT_EQ(R("next year", a), "2020");
  EXPECT_EQ(R("two days ago", a), "2019-01-06");
  EXPECT_EQ(R("10 days ago", a), "2018-12-29");
  EXPECT_EQ(R("a week ago", a), "2019-01-01");
  EXPECT_EQ(R("three months ago", a), "2018-10");
  EXPECT_EQ(R("two years ago", a), "2017");
  EXPECT_EQ(R("last month", D(2019, 3, 31)), "2019-02");
}

TEST(ResolveDate, MonthAndDay) {
  const CalendarDate a = D(2019, 1, 8);
  EXPECT_EQ(R("on Jan. 7", a), "2019-01-07");
  EXPECT_EQ(R("January 7, 2019", a), "2019-01-07");
  EXPECT_EQ(R("January 7 , 2019", a), "2019-01-07");
  EXPECT_EQ(R("7 January", a), "2019-01-07");
  EXPECT_EQ(R("on the 7th of January", a), "2019-01-07");
  EXPECT_EQ(R("Sept. 3, 2001", a), "2001-09-03");
  EXPECT_EQ(R("Tuesday, Jan. 1", a), "2019-01-01");  // the date wins over the weekday
  // Year boundary: Dec. 30 in an article of Jan. 2 is last year's.
  EXPECT_EQ(R("on Dec. 30", D(2019, 1, 2)), "2018-12-30");
  EXPECT_EQ(R("on Dec. 30", D(2019, 1, 2), Tense::kPresent), "2018-12-30");
  EXPECT_EQ(R("on Dec. 30", D(2019, 1, 2), Tense::kFuture), "2019-12-30");
  // ... and Jan. 3 in an article of Dec. 30 is next year's in the future.
  EXPECT_EQ(R("on Jan. 3", D(2018, 12, 30), Tense::kFuture), "2019-01-03");
  EXPECT_EQ(R("on Jan. 3", D(2018, 12, 30), Tense::kPresent), "2019-01-03");
  EXPECT_EQ(R("on Jan. 3", D(2018, 12, 30), Tense::kPast), "2018-01-03");
  // Feb. 29 looks for a leap year.
  EXPECT_EQ(R("on Feb. 29", D(2021, 3, 1)), "2020-02-29");
  EXPECT_EQ(R("on Feb. 29", D(2021, 3, 1), Tense::kFuture), "2024-02-29");
  EXPECT_EQ(R("February 29, 2019", a), "<none>");  // not a date
}

TEST(ResolveDate, MonthAlone) {
  const CalendarDate a = D(2019, 5, 20);
  EXPECT_EQ(R("in March", a), "2019-03");
  EXPECT_EQ(R("in March", a, Tense::kFuture), "2020-03");
  EXPECT_EQ(R("in May", a, Tense::kFuture), "2019-05");
  EXPECT_EQ(R("in June", a, Tense::kPresent), "2019-06");   // nearer ahead
  EXPECT_EQ(R("in December", a, Tense::kPresent), "2018-12");  // nearer behind
  EXPECT_EQ(R("in November", a, Tense::kPast), "2018-11");
  EXPECT_EQ(R("last March", a, Tense::kPast), "2019-03");
  EXPECT_EQ(R("next March", a, Tense::kFuture), "2020-03");
  EXPECT_EQ(R("in March 2017", a), "2017-03");
  EXPECT_EQ(R("mid-March", a), "2019-03");
  EXPECT_EQ(R("in 2017", a), "2017");
  EXPECT_EQ(R("may", a), "<none>");  // the modal, not the month
}

TEST(ResolveDate, IsoAndUnknown) {
  const CalendarDate a = D(2019, 1, 8);
  EXPECT_EQ(R("2019-01-07", a), "2019-01-07");
  EXPECT_EQ(R("on 2018-12-30", a), "2018-12-30");
  EXPECT_EQ(R("in Gondor", a), "<none>");
  EXPECT_EQ(R("on the issue", a), "<none>");
  EXPECT_EQ(R("", a), "<none>");
  EXPECT_EQ(R("300 cities", a), "<none>");
}

TEST(ResolveDate, WithoutArticleDateOnlyAbsoluteDates) {
  EXPECT_EQ(ResolveDateExpression("yesterday", std::nullopt, Tense::kPast), std::nullopt);
  EXPECT_EQ(ResolveDateExpression("on Tuesday", std::nullopt, Tense::kPast), std::nullopt);
  EXPECT_EQ(ResolveDateExpression("Jan. 7", std::nullopt, Tense::kPast), std::nullopt);
  EXPECT_EQ(ResolveDateExpression("January 7, 2019", std::nullopt, Tense::kPast).value_or(""),
            "2019-01-07");
  EXPECT_EQ(ResolveDateExpression("2019-01-07", std::nullopt, Tense::kPast).value_or(""),
            "2019-01-07");
  EXPECT_EQ(ResolveDateExpression("in 2017", std::nullopt, Tense::kPast).value_or(""), "2017");
}

// A parsed sentence built by hand: (form, lemma, xpos, head 1-based, deprel).
struct W {
  const char* form;
  const char* lemma;
  const char* xpos;
  int head;
  const char* deprel;
};

Document Parsed(const std::vector<W>& words, std::optional<std::string> date) {
  Document doc;
  doc.article.date = std::move(date);
  Sentence s;
  for (const W& w : words) {
    Word word;
    uint32_t start = static_cast<uint32_t>(doc.article.text.size());
    doc.article.text += w.form;
    word.span = {start, static_cast<uint32_t>(doc.article.text.size())};
    doc.article.text += ' ';
    word.form = w.form;
    word.lemma = w.lemma;
    word.xpos = w.xpos;
    word.head = w.head - 1;
    word.deprel = w.deprel;
    doc.words.push_back(word);
  }
  s.num_words = static_cast<uint32_t>(words.size());
  s.span = {0, static_cast<uint32_t>(doc.article.text.size())};
  doc.sentences.push_back(s);
  return doc;
}

TEST(EventDate, TemporalDependentsOfThePredicate) {
  // "Arnor met Gondor on Tuesday ."
  Document doc = Parsed({{"Arnor", "Arnor", "NNP", 2, "nsubj"},
                         {"met", "meet", "VBD", 0, "root"},
                         {"Gondor", "Gondor", "NNP", 2, "obj"},
                         {"on", "on", "IN", 5, "case"},
                         {"Tuesday", "Tuesday", "NNP", 2, "obl"},
                         {".", ".", ".", 2, "punct"}},
                        "2019-01-10");  // a Thursday
  EXPECT_EQ(PredicateTense(doc, 0, 1), Tense::kPast);
  EXPECT_EQ(EventDate(doc, 0, 1).value_or(""), "2019-01-08");
}

TEST(EventDate, FutureAuxiliary) {
  // "Arnor will meet Gondor on Tuesday ."
  Document doc = Parsed({{"Arnor", "Arnor", "NNP", 3, "nsubj"},
                         {"will", "will", "MD", 3, "aux"},
                         {"meet", "meet", "VB", 0, "root"},
                         {"Gondor", "Gondor", "NNP", 3, "obj"},
                         {"on", "on", "IN", 6, "case"},
                         {"Tuesday", "Tuesday", "NNP", 3, "obl"},
                         {".", ".", ".", 3, "punct"}},
                        "2019-01-10");
  EXPECT_EQ(PredicateTense(doc, 0, 2), Tense::kFuture);
  EXPECT_EQ(EventDate(doc, 0, 2).value_or(""), "2019-01-15");
}

TEST(EventDate, GoingToAndInfinitiveShareTheGovernorsTime) {
  // "Arnor is going to meet Gondor next month ."
  Document doc = Parsed({{"Arnor", "Arnor", "NNP", 3, "nsubj"},
                         {"is", "be", "VBZ", 3, "aux"},
                         {"going", "go", "VBG", 0, "root"},
                         {"to", "to", "TO", 5, "mark"},
                         {"meet", "meet", "VB", 3, "xcomp"},
                         {"Gondor", "Gondor", "NNP", 5, "obj"},
                         {"next", "next", "JJ", 8, "amod"},
                         {"month", "month", "NN", 3, "obl:tmod"},
                         {".", ".", ".", 3, "punct"}},
                        "2019-01-10");
  EXPECT_EQ(PredicateTense(doc, 0, 4), Tense::kFuture);
  EXPECT_EQ(EventDate(doc, 0, 4).value_or(""), "2019-02");
}

TEST(EventDate, MostPreciseExpressionWins) {
  // "In March , Arnor attacked Gondor on March 3 ." (both on the verb)
  Document doc = Parsed({{"In", "in", "IN", 2, "case"},
                         {"March", "March", "NNP", 5, "obl"},
                         {",", ",", ",", 5, "punct"},
                         {"Arnor", "Arnor", "NNP", 5, "nsubj"},
                         {"attacked", "attack", "VBD", 0, "root"},
                         {"Gondor", "Gondor", "NNP", 5, "obj"},
                         {"on", "on", "IN", 8, "case"},
                         {"March", "March", "NNP", 5, "obl"},
                         {"3", "3", "CD", 8, "nummod"},
                         {".", ".", ".", 5, "punct"}},
                        "2019-05-10");
  EXPECT_EQ(EventDate(doc, 0, 4).value_or(""), "2019-03-03");
}

TEST(EventDate, ArticleDateOtherwiseAndNulloptWithoutOne) {
  std::vector<W> words = {{"Arnor", "Arnor", "NNP", 2, "nsubj"},
                          {"attacked", "attack", "VBD", 0, "root"},
                          {"Gondor", "Gondor", "NNP", 2, "obj"},
                          {"in", "in", "IN", 5, "case"},
                          {"Osgiliath", "Osgiliath", "NNP", 2, "obl"}};
  EXPECT_EQ(EventDate(Parsed(words, "2019-01-10"), 0, 1).value_or(""), "2019-01-10");
  EXPECT_EQ(EventDate(Parsed(words, std::nullopt), 0, 1), std::nullopt);
  words[4] = {"2017", "2017", "CD", 2, "obl"};
  EXPECT_EQ(EventDate(Parsed(words, std::nullopt), 0, 1).value_or(""), "2017");
  // A date on the subject ("the meeting on Tuesday angered Arnor") is not
  // the verb's; one on the object is taken when the verb has none (an
  // ambiguous attachment: "signed the agreement on Tuesday").
  std::vector<W> subject = {{"the", "the", "DT", 2, "det"},
                            {"meeting", "meeting", "NN", 5, "nsubj"},
                            {"on", "on", "IN", 4, "case"},
                            {"Tuesday", "Tuesday", "NNP", 2, "nmod"},
                            {"angered", "anger", "VBD", 0, "root"},
                            {"Arnor", "Arnor", "NNP", 5, "obj"}};
  EXPECT_EQ(EventDate(Parsed(subject, "2019-01-10"), 0, 4).value_or(""), "2019-01-10");
  std::vector<W> object = {{"Arnor", "Arnor", "NNP", 2, "nsubj"},
                           {"signed", "sign", "VBD", 0, "root"},
                           {"the", "the", "DT", 4, "det"},
                           {"agreement", "agreement", "NN", 2, "obj"},
                           {"on", "on", "IN", 6, "case"},
                           {"Tuesday", "Tuesday", "NNP", 4, "nmod"}};
  EXPECT_EQ(EventDate(Parsed(object, "2019-01-10"), 0, 1).value_or(""), "2019-01-08");
}

}  // namespace
}  // namespace dyad
