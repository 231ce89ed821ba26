// Temporal expressions to dates (rules in dyad/time.h and docs/time.md).
#include <cstdio>
#include <vector>

#include "dyad/time.h"

namespace dyad {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    // "Jan." -> "jan"; "7th" stays (the day reader strips the suffix).
    while (!cur.empty() && cur.back() == '.') cur.pop_back();
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == ',') {
      flush();
    } else {
      cur += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
  }
  flush();
  return out;
}

int MonthOf(std::string_view w) {
  static constexpr const char* kNames[12] = {"january", "february", "march",     "april",
                                             "may",     "june",     "july",      "august",
                                             "september", "october", "november", "december"};
  if (w.substr(0, 4) == "mid-") w.remove_prefix(4);
  for (int m = 0; m < 12; ++m) {
    std::string_view name = kNames[m];
    if (w == name) return m + 1;
    // Abbreviations: "jan", "feb", "sept", "sep", ... (not "may"/"mar" alone
    // for words that are also common words: "mar" is taken, "march" is too).
    if (w.size() >= 3 && w.size() < name.size() && name.substr(0, w.size()) == w) return m + 1;
  }
  return 0;
}

int WeekdayOf(std::string_view w) {
  static constexpr const char* kNames[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                            "friday", "saturday", "sunday"};
  for (int d = 0; d < 7; ++d) {
    std::string_view name = kNames[d];
    if (w == name || (w.size() >= 3 && w.size() < name.size() && name.substr(0, w.size()) == w)) {
      return d;
    }
    if (w.size() > 1 && w.back() == 's' && w.substr(0, w.size() - 1) == name) return d;  // "mondays"
  }
  return -1;
}

// "7", "7th", "21st" -> 7, 21; 0 when not a day of month.
int DayOf(std::string_view w) {
  size_t n = 0;
  int v = 0;
  while (n < w.size() && w[n] >= '0' && w[n] <= '9' && n < 2) v = v * 10 + (w[n++] - '0');
  if (n == 0) return 0;
  std::string_view rest = w.substr(n);
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  return v >= 1 && v <= 31 ? v : 0;
}

int YearOf(std::string_view w) {
  if (w.size() != 4) return 0;
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v >= 1000 ? v : 0;
}

int CountOf(std::string_view w) {
  static constexpr const char* kNumbers[] = {"zero", "one", "two",   "three", "four", "five",
                                             "six",  "seven", "eight", "nine", "ten"};
  if (w == "a" || w == "an") return 1;
  for (int i = 0; i <= 10; ++i) {
    if (w == kNumbers[i]) return i;
  }
  int v = 0;
  if (w.empty() || w.size() > 3) return -1;
  for (char c : w) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string YearMonth(int year, int month) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}
std::string YearOnly(int year) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", year);
  return buf;
}

// Month arithmetic on a (year, month) pair.
void AddMonths(int* year, int* month, int n) {
  int idx = *year * 12 + (*month - 1) + n;
  *year = idx / 12;
  *month = idx % 12 + 1;
}

// The occurrence of month/day nearest the article in the tense's direction.
std::optional<CalendarDate> MonthDayNear(int month, int day, const CalendarDate& a, Tense tense) {
  auto make = [&](int year) -> std::optional<CalendarDate> {
    CalendarDate d{year, month, day};
    if (IsValidDate(d)) return d;
    return std::nullopt;
  };
  // Latest occurrence not after the article (Feb 29 looks back to a leap year).
  std::optional<CalendarDate> past;
  for (int y = a.year; y >= a.year - 8 && !past; --y) {
    auto d = make(y);
    if (d && DaysFromCivil(*d) <= DaysFromCivil(a)) past = d;
  }
  std::optional<CalendarDate> next;
  for (int y = a.year; y <= a.year + 8 && !next; ++y) {
    auto d = make(y);
    if (d && DaysFromCivil(*d) >= DaysFromCivil(a)) next = d;
  }
  if (tense == Tense::kPast) return past ? past : next;
  if (tense == Tense::kFuture) return next ? next : past;
  if (!past) return next;
  if (!next) return past;
  int64_t back = DaysFromCivil(a) - DaysFromCivil(*past);
  int64_t ahead = DaysFromCivil(*next) - DaysFromCivil(a);
  return ahead < back ? next : past;
}

}  // namespace

std::optional<std::string> ResolveDateExpression(std::string_view text,
                                                 const std::optional<CalendarDate>& article,
                                                 Tense tense) {
  std::vector<std::string> w = Words(text);
  // Fillers that carry no date.
  std::vector<std::string> words;
  // "may" is a month only after a word that introduces a date ("in May",
  // "last May", "early May") or beside a day or a year (checked below).
  bool may_is_month = false;
  for (size_t i = 0; i < w.size(); ++i) {
    std::string& s = w[i];
    if (s == "may" && i > 0) {
      const std::string& p = w[i - 1];
      may_is_month = p == "in" || p == "of" || p == "during" || p == "since" || p == "until" ||
                     p == "by" || p == "last" || p == "next" || p == "this" || p == "early" ||
                     p == "late" || p == "mid";
    }
    if (s == "on" || s == "in" || s == "the" || s == "of" || s == "at" || s == "during") continue;
    words.push_back(std::move(s));
  }
  if (words.empty()) return std::nullopt;
  auto has = [&](std::string_view x) {
    for (const std::string& s : words) {
      if (s == x) return true;
    }
    return false;
  };

  // 1. An ISO date anywhere.
  for (const std::string& s : words) {
    if (auto d = ParseIsoDate(s)) return FormatIsoDate(*d);
  }

  // 2. Month names with a day and/or a year: "jan 7", "7 january 2019",
  //    "january 7 2019", "march 2019", "march".
  for (size_t i = 0; i < words.size(); ++i) {
    int month = MonthOf(words[i]);
    if (!month) continue;
    // "may" alone is too often the verb; it needs a day or a year beside it.
    int day = 0, year = 0;
    if (i + 1 < words.size()) day = DayOf(words[i + 1]);
    if (!day && i > 0) day = DayOf(words[i - 1]);
    for (size_t j = i + 1; j < words.size() && j <= i + 2; ++j) {
      if (!year) year = YearOf(words[j]);
    }
    if (words[i] == "may" && !day && !year && !may_is_month) continue;
    if (year) {
      if (day) {
        CalendarDate d{year, month, day};
        if (IsValidDate(d)) return FormatIsoDate(d);
        return std::nullopt;
      }
      return YearMonth(year, month);
    }
    if (!article) return std::nullopt;
    const CalendarDate& a = *article;
    if (day) {
      auto d = MonthDayNear(month, day, a, tense);
      if (!d) return std::nullopt;
      return FormatIsoDate(*d);
    }
    // A month alone keeps month precision; the year by tense, then nearness.
    int past_year = month <= a.month ? a.year : a.year - 1;
    int next_year = month >= a.month ? a.year : a.year + 1;
    if (has("last") || has("past")) return YearMonth(month < a.month ? a.year : a.year - 1, month);
    if (has("next") || has("coming")) return YearMonth(month > a.month ? a.year : a.year + 1, month);
    if (tense == Tense::kPast) return YearMonth(past_year, month);
    if (tense == Tense::kFuture) return YearMonth(next_year, month);
    int back = (a.month - month + 12) % 12, ahead = (month - a.month + 12) % 12;
    return YearMonth(ahead < back ? next_year : past_year, month);
  }

  // 3. A year alone: "in 2019".
  if (words.size() == 1) {
    if (int y = YearOf(words[0])) return YearOnly(y);
  }

  if (!article) return std::nullopt;
  const CalendarDate& a = *article;

  // 4. Day words.
  if (has("yesterday")) {
    return FormatIsoDate(AddDays(a, has("before") ? -2 : -1));  // "the day before yesterday"
  }
  if (has("tomorrow")) return FormatIsoDate(AddDays(a, has("after") ? 2 : 1));
  if (has("today") || has("tonight")) return FormatIsoDate(a);
  if (has("night") && has("last")) return FormatIsoDate(AddDays(a, -1));
  if (has("this") && (has("morning") || has("afternoon") || has("evening"))) return FormatIsoDate(a);

  // 5. "N days|weeks|months|years ago".
  if (has("ago")) {
    for (size_t i = 0; i + 1 < words.size(); ++i) {
      int n = CountOf(words[i]);
      if (n < 0) continue;
      std::string_view unit = words[i + 1];
      if (unit.size() > 1 && unit.back() == 's') unit.remove_suffix(1);
      if (unit == "day") return FormatIsoDate(AddDays(a, -n));
      if (unit == "week") return FormatIsoDate(AddDays(a, -7 * n));
      if (unit == "month") {
        int y = a.year, m = a.month;
        AddMonths(&y, &m, -n);
        return YearMonth(y, m);
      }
      if (unit == "year") return YearOnly(a.year - n);
    }
    return std::nullopt;
  }

  // 6. Weekdays: "tuesday", "last tuesday", "next tuesday", "this tuesday".
  for (const std::string& s : words) {
    int wd = WeekdayOf(s);
    if (wd < 0) continue;
    int today = Weekday(a);
    int back = (today - wd + 7) % 7;   // 0: the article's own weekday
    int ahead = (wd - today + 7) % 7;
    if (has("last") || has("past")) return FormatIsoDate(AddDays(a, -(back == 0 ? 7 : back)));
    if (has("next") || has("coming")) return FormatIsoDate(AddDays(a, ahead == 0 ? 7 : ahead));
    if (tense == Tense::kFuture) return FormatIsoDate(AddDays(a, ahead == 0 ? 7 : ahead));
    return FormatIsoDate(AddDays(a, -back));
  }

  // 7. "last|next|this week|month|year".
  int dir = has("last") || has("past") || has("previous") ? -1
            : has("next") || has("coming")                 ? 1
            : has("this") || has("current")                ? 0
                                                           : 2;
  if (dir != 2) {
    if (has("week")) return FormatIsoDate(AddDays(a, 7 * dir));
    if (has("month")) {
      int y = a.year, m = a.month;
      AddMonths(&y, &m, dir);
      return YearMonth(y, m);
    }
    if (has("year")) return YearOnly(a.year + dir);
  }
  return std::nullopt;
}

}  // namespace dyad
