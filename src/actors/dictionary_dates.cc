#include <string>

#include "actors/dictionary_dates_internal.h"
#include "dyad/actors.h"

namespace dyad {

std::optional<int32_t> ParseDictionaryDate(std::string_view text) {
  if (text.size() != 6 && text.size() != 8) return std::nullopt;
  int32_t digits[8];
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    digits[i] = text[i] - '0';
  }
  int32_t year;
  size_t k;
  if (text.size() == 6) {
    int32_t yy = digits[0] * 10 + digits[1];
    year = yy <= 30 ? 2000 + yy : 1900 + yy;  // KEDS / TABARI / PETRARCH convention
    k = 2;
  } else {
    year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    k = 4;
  }
  int32_t month = digits[k] * 10 + digits[k + 1];
  int32_t day = digits[k + 2] * 10 + digits[k + 3];
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  static constexpr int32_t kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int32_t max_day = month == 2 && !leap ? 28 : kDays[month - 1];
  if (day > max_day) return std::nullopt;
  return year * 10000 + month * 100 + day;
}

namespace actors_internal {
namespace {

bool ParseOne(std::string_view d, int32_t* out, std::string* error) {
  std::optional<int32_t> v = ParseDictionaryDate(d);
  if (!v) {
    *error = "date '" + std::string(d) + "' is not a calendar date in YYMMDD or YYYYMMDD form";
    return false;
  }
  *out = *v;
  return true;
}

}  // namespace

bool ParseDateRestriction(std::string_view text, DateRestriction* out, std::string* error) {
  *out = DateRestriction();
  if (text.empty()) return true;
  out->unrestricted = false;
  if (text[0] == '<') return ParseOne(text.substr(1), &out->to, error);
  if (text[0] == '>') return ParseOne(text.substr(1), &out->from, error);
  size_t dash = text.find('-');
  if (dash == std::string_view::npos) {
    out->bare_date = true;
    return ParseOne(text, &out->from, error);
  }
  if (!ParseOne(text.substr(0, dash), &out->from, error) ||
      !ParseOne(text.substr(dash + 1), &out->to, error)) {
    return false;
  }
  if (out->from > out->to) {
    *error = "date range '" + std::string(text) + "' ends before it starts";
    return false;
  }
  return true;
}

}  // namespace actors_internal
}  // namespace dyad
