// Validation of the API's query parameters. Structured filters (actor codes,
// event codes, quad classes, dates, paging) must match their syntax exactly;
// free-text filters (text, speaker, source, article) may hold any printable
// UTF-8 up to a bound and go to the store as bound values, never as SQL.
#include <algorithm>
#include <charconv>
#include <set>

#include "dyad/utf8.h"
#include "serve/serve_internal.h"

namespace dyad::serve_internal {
namespace {

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

Status Bad(std::string_view name, std::string_view why) {
  return Status::InvalidArgument("parameter '" + std::string(name) + "': " + std::string(why));
}

// CAMEO actor codes: letters and digits ("USA", "USAGOV", "IGOUNO").
Status ActorCode(std::string_view name, const std::string& v, std::string* out) {
  if (v.size() > 32) return Bad(name, "an actor code has at most 32 characters");
  for (char c : v) {
    if (!IsAsciiAlnum(c)) return Bad(name, "an actor code has only letters and digits (e.g. USA, USAGOV)");
  }
  out->clear();
  for (char c : v) out->push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  return Status::OK();
}

// CAMEO event codes or their prefixes: 1 to 4 digits ("04", "042").
Status EventCode(std::string_view name, const std::string& v, std::string* out) {
  if (v.size() > 4) return Bad(name, "a CAMEO code has 1 to 4 digits (e.g. 04, 042)");
  for (char c : v) {
    if (c < '0' || c > '9') return Bad(name, "a CAMEO code has 1 to 4 digits (e.g. 04, 042)");
  }
  *out = v;
  return Status::OK();
}

// Quad classes: "1", "1,3", ... each 1..4.
Status QuadClasses(std::string_view name, const std::string& v, unsigned* mask) {
  *mask = 0;
  bool expect_digit = true;
  for (char c : v) {
    if (expect_digit && c >= '1' && c <= '4') {
      *mask |= 1u << (c - '0');
      expect_digit = false;
    } else if (!expect_digit && c == ',') {
      expect_digit = true;
    } else {
      return Bad(name, "quad classes are digits 1-4 separated by commas (e.g. 1,3)");
    }
  }
  if (expect_digit && !v.empty()) return Bad(name, "quad classes are digits 1-4 separated by commas (e.g. 1,3)");
  return Status::OK();
}

// YYYY, YYYY-MM or YYYY-MM-DD with a plausible month and day.
Status Date(std::string_view name, const std::string& v, std::string* out) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (v[i] < '0' || v[i] > '9') return false;
    }
    return true;
  };
  bool ok = (v.size() == 4 || v.size() == 7 || v.size() == 10) && digits(0, 4);
  if (ok && v.size() >= 7) {
    int month = (v[5] - '0') * 10 + (v[6] - '0');
    ok = v[4] == '-' && digits(5, 2) && month >= 1 && month <= 12;
  }
  if (ok && v.size() == 10) {
    int day = (v[8] - '0') * 10 + (v[9] - '0');
    ok = v[7] == '-' && digits(8, 2) && day >= 1 && day <= 31;
  }
  if (!ok) return Bad(name, "a date is YYYY-MM-DD, YYYY-MM or YYYY");
  *out = v;
  return Status::OK();
}

// Printable UTF-8 (no control characters), non-empty after validation.
Status FreeText(std::string_view name, const std::string& v, std::string* out) {
  if (utf8::FindInvalid(v) != utf8::npos) return Bad(name, "not valid UTF-8");
  for (unsigned char c : v) {
    if (c < 0x20 || c == 0x7f) return Bad(name, "control characters are not allowed");
  }
  *out = v;
  return Status::OK();
}

Status PositiveInt(std::string_view name, const std::string& v, int max, int* out) {
  int n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < 1) {
    return Bad(name, "a whole number from 1 is expected");
  }
  if (n > max) return Bad(name, "at most " + std::to_string(max));
  *out = n;
  return Status::OK();
}

}  // namespace

Status ParseRequest(const Params& params, const ServeOptions& options, unsigned accepted,
                    PageRequest* out) {
  static const std::set<std::string, std::less<>> kFilterNames = {
      "actor", "source_actor", "target_actor", "code", "quad", "since",
      "until", "text", "speaker", "source", "article"};
  *out = PageRequest{};
  out->page_size = options.default_page_size;
  std::set<std::string, std::less<>> seen;
  for (const auto& [name, value] : params) {
    bool known = ((accepted & kFilters) && kFilterNames.count(name)) ||
                 ((accepted & kPaging) && (name == "page" || name == "page_size" || name == "count")) ||
                 ((accepted & kBucket) && name == "bucket");
    if (!known) {
      std::string shown = name.size() > 40 ? name.substr(0, 40) + "..." : name;
      if (utf8::FindInvalid(shown) != utf8::npos) shown = "(not UTF-8)";
      return Status::InvalidArgument("unknown parameter '" + shown + "'");
    }
    if (!seen.insert(name).second) return Bad(name, "given more than once");
    if (value.size() > options.max_param_bytes) {
      return Bad(name, "longer than " + std::to_string(options.max_param_bytes) + " bytes");
    }
    if (value.empty()) continue;  // an empty field does not filter
    Query& q = out->query;
    if (name == "actor") DYAD_RETURN_IF_ERROR(ActorCode(name, value, &q.actor));
    else if (name == "source_actor") DYAD_RETURN_IF_ERROR(ActorCode(name, value, &q.source_actor));
    else if (name == "target_actor") DYAD_RETURN_IF_ERROR(ActorCode(name, value, &q.target_actor));
    else if (name == "code") DYAD_RETURN_IF_ERROR(EventCode(name, value, &q.code));
    else if (name == "quad") DYAD_RETURN_IF_ERROR(QuadClasses(name, value, &q.quad_mask));
    else if (name == "since") DYAD_RETURN_IF_ERROR(Date(name, value, &q.since));
    else if (name == "until") DYAD_RETURN_IF_ERROR(Date(name, value, &q.until));
    else if (name == "text") DYAD_RETURN_IF_ERROR(FreeText(name, value, &q.text));
    else if (name == "speaker") DYAD_RETURN_IF_ERROR(FreeText(name, value, &q.speaker));
    else if (name == "source") DYAD_RETURN_IF_ERROR(FreeText(name, value, &q.source));
    else if (name == "article") DYAD_RETURN_IF_ERROR(FreeText(name, value, &q.article_id));
    else if (name == "page") DYAD_RETURN_IF_ERROR(PositiveInt(name, value, options.max_page, &out->page));
    else if (name == "page_size") {
      DYAD_RETURN_IF_ERROR(PositiveInt(name, value, options.max_page_size, &out->page_size));
    } else if (name == "count") {
      if (value != "0" && value != "1") return Bad(name, "0 or 1");
      out->count = value == "1";
    } else if (name == "bucket") {
      if (value != "day" && value != "month" && value != "year") return Bad(name, "one of day, month, year");
      out->bucket = value;
    }
  }
  const std::string& since = out->query.since;
  const std::string& until = out->query.until;
  const size_t common = std::min(since.size(), until.size());
  if (common > 0 && since.compare(0, common, until, 0, common) > 0) {
    return Status::InvalidArgument("parameter 'since': later than 'until'");
  }
  out->query.limit = out->page_size + 1;
  out->query.offset = (out->page - 1) * out->page_size;
  return Status::OK();
}

}  // namespace dyad::serve_internal
