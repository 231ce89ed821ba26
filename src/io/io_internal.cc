#include "io/io_internal.h"

#include <cstdio>

#include "dyad/utf8.h"

namespace dyad::io_internal {

void ReportError(const Diagnostics* diagnostics, const std::string& message) {
  if (diagnostics != nullptr && diagnostics->error) diagnostics->error(message);
}

void ReportWarning(const Diagnostics* diagnostics, const std::string& message) {
  if (diagnostics != nullptr && diagnostics->warning) diagnostics->warning(message);
}

void RepairUtf8(std::string* text, const std::string& where, uint64_t base_offset,
                const Diagnostics* diagnostics) {
  if (utf8::FindInvalid(*text) == utf8::npos) return;  // the common case: no copy
  std::string repaired;
  size_t bad = utf8::Repair(*text, &repaired);
  text->swap(repaired);
  ReportWarning(diagnostics, where + ": invalid UTF-8 at byte offset " +
                                 std::to_string(base_offset + bad) + " replaced with U+FFFD");
}

std::string OversizeMessage(const std::string& where, uint64_t size, size_t limit) {
  return where + ": article of " + std::to_string(size) + " bytes exceeds the limit of " +
         std::to_string(limit) + " bytes (--max-article-bytes)";
}

bool FinishArticle(const std::string& where, const ReadOptions& options,
                   const Diagnostics* diagnostics, Article* article) {
  if (article->text.size() > options.max_article_bytes) {
    ReportError(diagnostics,
                OversizeMessage(where, article->text.size(), options.max_article_bytes));
    return false;
  }
  if (!article->date && options.default_date) article->date = *options.default_date;
  if (article->id.empty()) article->id = ContentId(*article);
  article->origin = where;
  return true;
}

std::string ContentId(const Article& article) {
  uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
    // A separator, so that ("ab", "c") and ("a", "bc") differ.
    h ^= 0xff;
    h *= 0x100000001b3ull;
  };
  mix(article.title.value_or(""));
  mix(article.url.value_or(""));
  mix(article.text);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::optional<std::string> NormalizeDate(std::string_view date) {
  date = TrimWhitespace(date);
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
  }
  // What follows the date must be a time ("T10:00", " 10:00") or nothing;
  // "2019-01-0812" is not a date.
  if (date.size() > 10 && date[10] != 'T' && date[10] != 't' && date[10] != ' ') {
    return std::nullopt;
  }
  auto num = [&](int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; ++i) v = v * 10 + (date[i] - '0');
    return v;
  };
  int year = num(0, 4), month = num(5, 2), day = num(8, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) {
    return std::nullopt;
  }
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return std::nullopt;
  return std::string(date.substr(0, 10));
}

std::string_view TrimWhitespace(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && AsciiLower(s.substr(0, prefix.size())) == AsciiLower(prefix);
}

bool ReadLine(std::streambuf* in, size_t max_keep, std::string* text, Line* line) {
  text->clear();
  *line = Line();
  for (;;) {
    int c = in->sbumpc();
    if (c == std::char_traits<char>::eof()) break;
    ++line->consumed;
    if (c == '\n') break;
    ++line->length;
    if (text->size() < max_keep) text->push_back(static_cast<char>(c));
  }
  return line->consumed > 0;
}

uint64_t ReadAll(std::streambuf* in, size_t max_keep, std::string* out) {
  out->clear();
  uint64_t total = 0;
  char buf[1 << 16];
  for (;;) {
    std::streamsize n = in->sgetn(buf, sizeof buf);
    if (n <= 0) break;
    size_t keep = out->size() < max_keep ? std::min<size_t>(n, max_keep - out->size()) : 0;
    out->append(buf, keep);
    total += static_cast<uint64_t>(n);
  }
  return total;
}

}  // namespace dyad::io_internal
