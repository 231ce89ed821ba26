// article_checks.h: what every article a reader gives must satisfy, whatever
// the input. Shared by the fuzz targets and src/io/fuzz_corpus_test.cc.
#ifndef DYAD_FUZZ_ARTICLE_CHECKS_H_
#define DYAD_FUZZ_ARTICLE_CHECKS_H_

#include <string>

#include "dyad/document.h"
#include "dyad/io.h"
#include "dyad/utf8.h"

namespace dyad::fuzz {

// Small limits, so that the fuzzer reaches the size checks.
inline ReadOptions FuzzReadOptions() {
  ReadOptions options;
  options.max_article_bytes = 1 << 14;
  options.max_html_bytes = 1 << 16;
  return options;
}

inline bool ValidUtf8(const std::string& s) {
  std::string out;
  return utf8::Repair(s, &out) == utf8::npos;
}

// "" when `a` is sane, else what is wrong with it.
inline std::string ArticleProblem(const Article& a, const ReadOptions& options) {
  if (!ValidUtf8(a.text)) return "text is not valid UTF-8";
  if (a.text.size() > options.max_article_bytes) return "text over the limit";
  if (a.body_start > a.text.size()) return "body_start past the end";
  if (a.title && !ValidUtf8(*a.title)) return "title is not valid UTF-8";
  if (a.title_span) {
    if (a.title_span->start > a.title_span->end || a.title_span->end > a.text.size()) {
      return "title_span out of the text";
    }
    if (!a.title || a.text.compare(a.title_span->start, a.title_span->size(), *a.title) != 0) {
      return "title_span does not hold the title";
    }
  }
  for (const auto* f : {&a.url, &a.source}) {
    if (*f && !ValidUtf8(**f)) return "url or source is not valid UTF-8";
  }
  if (!ValidUtf8(a.id) || !ValidUtf8(a.origin)) return "id or origin is not valid UTF-8";
  if (a.date) {
    const std::string& d = *a.date;
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return "date is not YYYY-MM-DD";
  }
  if (a.id.empty()) return "no id";
  if (a.origin.empty()) return "no origin";
  if (!a.extra_json.empty() && (a.extra_json.front() != '{' || a.extra_json.back() != '}')) {
    return "extra_json is not an object";
  }
  return "";
}

}  // namespace dyad::fuzz

#endif  // DYAD_FUZZ_ARTICLE_CHECKS_H_
