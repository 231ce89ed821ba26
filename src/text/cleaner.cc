// The cleaner: lines of the body that are not article text go to
// Document::removed with a reason. Blank lines are reported ("blank") when
// they hold any whitespace character (" \u00a0 "); an empty line ("\n\n")
// is not, since it is only the paragraph break it looks like.
#include <array>
#include <bit>
#include <cstring>
#include <fstream>
#include <sstream>

#include "dyad/text.h"
#include "text/char_class_internal.h"
#include "text/cleaning_rules_internal.h"
#include "util/ascii.h"

namespace dyad {
namespace text_internal {
namespace {


bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// `s` equals `lower` (already lower case) ignoring ASCII case.
bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t k = 0; k < s.size(); ++k) {
    if (AsciiLower(s[k]) != lower[k]) return false;
  }
  return true;
}

// Glob match of compiled pattern p against s (backtracking on kAny only;
// patterns are short and have few stars).
bool Glob(std::string_view p, std::string_view s) {
  size_t pi = 0, si = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  while (si < s.size() || pi < p.size()) {
    if (pi < p.size()) {
      char c = p[pi];
      if (c == kAny) {
        star_p = pi++;
        star_s = si;
        continue;
      }
      if (c == kDigits) {
        if (si < s.size() && IsDigit(s[si])) {
          while (si < s.size() && IsDigit(s[si])) ++si;
          ++pi;
          continue;
        }
      } else if (si < s.size() && AsciiLower(c) == AsciiLower(s[si])) {
        ++pi;
        ++si;
        continue;
      }
    }
    if (star_p == std::string_view::npos || star_s >= s.size()) return false;
    pi = star_p + 1;
    si = ++star_s;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size(), len;
  while (b < e) {
    char32_t cp = PeekAt(s, b, &len);
    if (Classify(cp) != CharClass::kSpace) break;
    b += len;
  }
  while (e > b) {
    size_t i = e;
    char32_t cp = static_cast<unsigned char>(s[e - 1]) < 0x80 ? s[--i] : utf8::Prev(s, i);
    if (Classify(cp) != CharClass::kSpace) break;
    e = i;
  }
  return s.substr(b, e - b);
}

// Which bytes a line that matches `rule` can start (`last` false) or end
// with: a rule whose literal head is "share" only matches lines that start
// with 's' or 'S'. Conservative: all bytes when a wildcard is at that end.
std::array<bool, 256> PossibleEndBytes(const CleaningRule& rule, bool last) {
  std::array<bool, 256> ok{};
  if (rule.kind == CleaningRule::Kind::kOnly) {
    // Every byte of the line is a space or one of the pattern's bytes.
    ok[static_cast<unsigned char>(' ')] = true;
    for (char c : rule.pattern) ok[static_cast<unsigned char>(c)] = true;
    return ok;
  }
  // head and tail are lower case; a line without wildcard equals head.
  const std::string& lit = rule.has_wildcard ? (last ? rule.tail : rule.head) : rule.head;
  if (lit.empty()) {
    ok.fill(true);
    return ok;
  }
  const char want = last ? lit.back() : lit.front();
  for (int b = 0; b < 256; ++b) ok[b] = AsciiLower(static_cast<char>(b)) == want;
  return ok;
}

class RuleCleaner : public Cleaner {
 public:
  explicit RuleCleaner(std::vector<CleaningRule> rules)
      : rules_(std::move(rules)),
        words_((rules_.size() + 63) / 64),
        by_first_(256 * words_, 0),
        by_last_(256 * words_, 0) {
    for (size_t r = 0; r < rules_.size(); ++r) {
      const std::array<bool, 256> first = PossibleEndBytes(rules_[r], false);
      const std::array<bool, 256> last = PossibleEndBytes(rules_[r], true);
      const uint64_t bit = uint64_t{1} << (r % 64);
      for (size_t b = 0; b < 256; ++b) {
        if (first[b]) by_first_[b * words_ + r / 64] |= bit;
        if (last[b]) by_last_[b * words_ + r / 64] |= bit;
      }
    }
  }

  void Clean(Document* doc) const override {
    const std::string_view text = doc->article.text;
    const size_t size = text.size();
    for (size_t line = std::min<size_t>(doc->article.body_start, size); line < size;) {
      const char* nl = static_cast<const char*>(std::memchr(text.data() + line, '\n', size - line));
      size_t end = nl ? static_cast<size_t>(nl - text.data()) : size;
      std::string_view raw = text.substr(line, end - line);
      if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
      std::string_view trimmed = Trim(raw);
      if (trimmed.empty()) {
        if (!raw.empty()) Add(doc, line, line + raw.size(), "blank");
      } else if (trimmed.size() <= kMaxRuleLineBytes) {
        if (const CleaningRule* rule = FirstMatch(trimmed)) {
          size_t start = static_cast<size_t>(trimmed.data() - text.data());
          Add(doc, start, start + trimmed.size(), rule->reason);
        }
      }
      line = end + 1;
    }
  }

 private:
  // The first rule in file order that matches `line` (trimmed, not empty),
  // or null. Only the rules that the line's first and last bytes allow are
  // compared (a few of the hundred).
  const CleaningRule* FirstMatch(std::string_view line) const {
    const size_t f = static_cast<unsigned char>(line.front()) * words_;
    const size_t l = static_cast<unsigned char>(line.back()) * words_;
    for (size_t w = 0; w < words_; ++w) {
      for (uint64_t bits = by_first_[f + w] & by_last_[l + w]; bits != 0; bits &= bits - 1) {
        const CleaningRule& rule = rules_[w * 64 + std::countr_zero(bits)];
        if (MatchesRule(rule, line)) return &rule;
      }
    }
    return nullptr;
  }

  static void Add(Document* doc, size_t start, size_t end, const std::string& reason) {
    Removed r;
    r.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
    r.reason = reason;
    doc->removed.push_back(std::move(r));
  }

  const std::vector<CleaningRule> rules_;
  // Bit r of by_first_[b * words_ + r / 64]: rule r can match a line that
  // starts with byte b (PossibleEndBytes); by_last_ likewise for the last
  // byte.
  const size_t words_;
  std::vector<uint64_t> by_first_, by_last_;
};

}  // namespace

bool MatchesRule(const CleaningRule& rule, std::string_view line) {
  const std::string& p = rule.pattern;
  switch (rule.kind) {
    case CleaningRule::Kind::kOnly:
      for (char c : line) {
        if (c != ' ' && p.find(c) == std::string::npos) return false;
      }
      return true;
    case CleaningRule::Kind::kLine:
    case CleaningRule::Kind::kPrefix:
    case CleaningRule::Kind::kSuffix: {
      const std::string& head = rule.head;
      const std::string& tail = rule.tail;
      if (!rule.has_wildcard) return line.size() == head.size() && EqualsLower(line, head);
      if (line.size() < head.size() + tail.size()) return false;
      if (!EqualsLower(line.substr(0, head.size()), head)) return false;
      if (!EqualsLower(line.substr(line.size() - tail.size()), tail)) return false;
      return Glob(p, line);
    }
  }
  return false;
}

Result<std::vector<CleaningRule>> ParseCleaningRules(std::string_view text,
                                                     const std::string& name) {
  std::vector<CleaningRule> rules;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    auto bad = [&](const std::string& why) {
      return Status::InvalidArgument(name + ":" + std::to_string(line_no) + ": " + why);
    };
    size_t sp = t.find(' ');
    size_t colon = t.find(':');
    if (sp == std::string_view::npos || colon == std::string_view::npos || colon < sp) {
      return bad("expected '<reason> <line|prefix|suffix|only>: <pattern>'");
    }
    CleaningRule rule;
    rule.line = line_no;
    rule.reason = std::string(t.substr(0, sp));
    std::string_view kind = Trim(t.substr(sp + 1, colon - sp - 1));
    if (kind == "line") {
      rule.kind = CleaningRule::Kind::kLine;
    } else if (kind == "prefix") {
      rule.kind = CleaningRule::Kind::kPrefix;
    } else if (kind == "suffix") {
      rule.kind = CleaningRule::Kind::kSuffix;
    } else if (kind == "only") {
      rule.kind = CleaningRule::Kind::kOnly;
    } else {
      return bad("unknown match kind '" + std::string(kind) + "'");
    }
    std::string_view pattern = Trim(t.substr(colon + 1));
    if (pattern.empty()) return bad("empty pattern");
    for (size_t k = 0; k < pattern.size(); ++k) {
      char c = pattern[k];
      if (rule.kind == CleaningRule::Kind::kOnly) {
        rule.pattern += c;
      } else if (c == '\\') {
        if (k + 1 == pattern.size()) return bad("'\\' at the end of the pattern");
        rule.pattern += pattern[++k];
      } else if (c == '*') {
        rule.pattern += kAny;
      } else if (c == '#') {
        rule.pattern += kDigits;
      } else {
        rule.pattern += c;
      }
    }
    // Prefix and suffix rules are whole-line globs with a star added.
    if (rule.kind == CleaningRule::Kind::kPrefix) rule.pattern += kAny;
    if (rule.kind == CleaningRule::Kind::kSuffix) rule.pattern.insert(rule.pattern.begin(), kAny);
    if (rule.kind != CleaningRule::Kind::kOnly) {
      const std::string& q = rule.pattern;
      size_t first = q.find_first_of(std::string{kAny, kDigits});
      rule.has_wildcard = first != std::string::npos;
      size_t last = rule.has_wildcard ? q.find_last_of(std::string{kAny, kDigits}) : q.size();
      rule.head = q.substr(0, rule.has_wildcard ? first : q.size());
      rule.tail = rule.has_wildcard ? q.substr(last + 1) : "";
      for (char& c : rule.head) c = AsciiLower(c);
      for (char& c : rule.tail) c = AsciiLower(c);
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace text_internal

Result<std::unique_ptr<Cleaner>> Cleaner::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open the cleaning rules");
  std::stringstream ss;
  ss << in.rdbuf();
  auto rules = text_internal::ParseCleaningRules(ss.str(), path);
  if (!rules.ok()) return rules.status();
  return std::unique_ptr<Cleaner>(new text_internal::RuleCleaner(std::move(*rules)));
}

}  // namespace dyad
