#include "store/query_internal.h"

namespace dyad::store_internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

void AppendQuoted(std::string_view term, std::string* out) {
  if (term.empty()) return;
  if (!out->empty()) *out += ' ';
  *out += '"';
  for (char c : term) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

}  // namespace

std::string FtsQuery(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (IsSpace(text[i])) {
      ++i;
      continue;
    }
    size_t end;
    if (text[i] == '"') {
      // A phrase runs to the next double quote (or the end).
      size_t close = text.find('"', i + 1);
      end = close == std::string_view::npos ? text.size() : close;
      AppendQuoted(text.substr(i + 1, end - i - 1), &out);
      i = end + 1;
      continue;
    }
    end = i;
    while (end < text.size() && !IsSpace(text[end]) && text[end] != '"') ++end;
    AppendQuoted(text.substr(i, end - i), &out);
    i = end;
  }
  return out;
}

std::string LikeContains(std::string_view s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    unsigned char last = static_cast<unsigned char>(end.back());
    if (last < 0xff) {
      end.back() = static_cast<char>(last + 1);
      return end;
    }
    end.pop_back();
  }
  return end;
}

bool ValidQueryDate(std::string_view d) {
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) return false;
  for (size_t i = 0; i < d.size(); ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? d[i] != '-' : (d[i] < '0' || d[i] > '9')) return false;
  }
  auto two = [&](size_t at) { return (d[at] - '0') * 10 + (d[at + 1] - '0'); };
  if (d.size() >= 7 && (two(5) < 1 || two(5) > 12)) return false;
  if (d.size() == 10 && (two(8) < 1 || two(8) > 31)) return false;
  return true;
}

}  // namespace dyad::store_internal
