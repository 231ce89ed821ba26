// dyad/time.h: the date of an event. Temporal expressions attached to the
// event's predicate in the parse ("on Tuesday", "yesterday", "last month",
// "Jan. 7", "in March", "2019-01-07") resolved against the article date, with
// the tense of the clause choosing between the past and the coming occurrence.
// Rules and their limits: docs/time.md.
//
// Everything here is a pure function of its arguments: thread-safe.
#ifndef DYAD_TIME_H_
#define DYAD_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dyad/document.h"

namespace dyad {

// A day of the proleptic Gregorian calendar.
struct CalendarDate {
  int year = 0, month = 0, day = 0;  // month 1-12, day 1-31
  friend bool operator==(const CalendarDate&, const CalendarDate&) = default;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);  // REQUIRES: 1 <= month <= 12
// Whether the fields form a real date (1 <= year <= 9999).
bool IsValidDate(const CalendarDate& d);
// "YYYY-MM-DD" -> date; nullopt unless it is exactly that and a real date.
std::optional<CalendarDate> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(const CalendarDate& d);  // "YYYY-MM-DD"
// Days since 1970-01-01 (negative before), and back. REQUIRES: valid date.
int64_t DaysFromCivil(const CalendarDate& d);
CalendarDate CivilFromDays(int64_t days);
CalendarDate AddDays(const CalendarDate& d, int64_t days);
// 0 = Monday ... 6 = Sunday.
int Weekday(const CalendarDate& d);

// When the clause places its event relative to the article: past ("met"),
// present ("meets", also the default when nothing says), future ("will
// meet", "is going to meet", "plans to meet").
enum class Tense { kPast, kPresent, kFuture };

// Resolves the words of one temporal expression (as written, in text order,
// e.g. "on Tuesday", "last week", "Jan. 7", "January 7 , 2019", "in March",
// "two days ago", "2019-01-07") against the article date, and returns
// "YYYY-MM-DD", "YYYY-MM" (a month alone) or "YYYY" (a year alone); nullopt
// when the words are not a date expression dyad knows, or when they are
// relative and `article` is nullopt. Case-insensitive; words it does not
// know ("evening", "early") are ignored once a date word is found.
// Choice of occurrence (docs/time.md): a weekday is the most recent one not
// after the article date, the next one after it in the future tense; "last"
// and "next" weekdays are strictly before / after; a month and day without
// year is the latest one not after the article date (past), the first one
// not before it (future), or the nearer of the two (present); a month alone
// likewise by months. Week expressions have day precision: "last week" is
// the article date minus 7 days.
std::optional<std::string> ResolveDateExpression(std::string_view words,
                                                 const std::optional<CalendarDate>& article,
                                                 Tense tense);

// The tense of the clause of word `predicate` (an index into doc.words) from
// its auxiliaries, its own tag, and a governing "going to" / "plan to".
// REQUIRES: sentence < doc.sentences.size(), predicate a word of it.
Tense PredicateTense(const Document& doc, uint32_t sentence, uint32_t predicate);

// The date of the event whose predicate is word `predicate` (an index into
// doc.words) of sentence `sentence`: its temporal dependents in the parse
// (obl:tmod, nmod:tmod, obl:npmod, obl / nmod such as "on Tuesday" or "in
// March", advmod such as "yesterday" or "two days ago"; an infinitive's
// governing verb's when it has none; else a date the parser attached to its
// object, "signed the agreement on Dec. 30") resolved with ResolveDateExpression in
// the clause's tense, the most precise first; else doc.article.date.
// "YYYY-MM-DD", "YYYY-MM" or "YYYY"; nullopt when the article has no date
// and nothing resolves. REQUIRES: as PredicateTense.
std::optional<std::string> EventDate(const Document& doc, uint32_t sentence, uint32_t predicate);

// The time stage: sets Event::date of every event of doc->events from the
// clause of its trigger (the word of its sentence where the trigger starts)
// with EventDate. An event whose trigger is on no word of its sentence keeps
// its date. REQUIRES: the document is parsed.
void DateEvents(Document* doc);

}  // namespace dyad

#endif  // DYAD_TIME_H_
