// Scoring quotations against brat attribution annotations (dyad/quote_eval.h).
#include "dyad/quote_eval.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>
#include <unordered_map>

#include "dyad/utf8.h"

namespace dyad {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (true) {
    size_t j = s.find(sep, i);
    out.push_back(s.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

bool ParseUint(std::string_view s, uint32_t* v) {
  if (s.empty() || s.size() > 9) return false;
  uint32_t x = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    x = x * 10 + static_cast<uint32_t>(c - '0');
  }
  *v = x;
  return true;
}

bool IsQuoteChar(char32_t c) {
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB ||
         c == 0x2018 || c == 0x2019 || c == '\'' || c == '`';
}

// The text as code points, for the whitespace and quotation-mark tests.
std::u32string Decode(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) out.push_back(utf8::Next(text, i));
  return out;
}

using Pieces = std::vector<CodePointRange>;

// Trims whitespace at piece ends, sorts, joins pieces separated by
// whitespace only, drops empty pieces.
Pieces Normalize(const std::u32string& t, Pieces p) {
  const uint32_t n = static_cast<uint32_t>(t.size());
  for (auto& [a, b] : p) {
    a = std::min(a, n);
    b = std::min(b, n);
    while (a < b && utf8::IsSpace(t[a])) ++a;
    while (b > a && utf8::IsSpace(t[b - 1])) --b;
  }
  p.erase(std::remove_if(p.begin(), p.end(), [](const CodePointRange& r) { return r.first >= r.second; }),
          p.end());
  std::sort(p.begin(), p.end());
  Pieces out;
  for (const auto& r : p) {
    if (!out.empty()) {
      uint32_t gap = out.back().second;
      bool only_space = r.first >= gap;
      for (uint32_t i = gap; only_space && i < r.first; ++i) only_space = utf8::IsSpace(t[i]);
      if (r.first < gap || only_space) {
        out.back().second = std::max(out.back().second, r.second);
        continue;
      }
    }
    out.push_back(r);
  }
  return out;
}

bool HasQuoteMark(const std::u32string& t, const Pieces& p) {
  for (const auto& [a, b] : p) {
    for (uint32_t i = a; i < b && i < t.size(); ++i) {
      if (t[i] == '"' || t[i] == 0x201C || t[i] == 0x201D || t[i] == 0x201E || t[i] == 0x00AB ||
          t[i] == 0x00BB) {
        return true;
      }
      // '' and `` (two marks) and a single opening mark at a piece's start.
      if (IsQuoteChar(t[i]) && i + 1 < b && IsQuoteChar(t[i + 1])) return true;
      if (i == a && (t[i] == 0x2018 || t[i] == '\'')) return true;
    }
  }
  return false;
}

bool Overlap(const std::u32string& t, const Pieces& x, const Pieces& y) {
  for (const auto& [a, b] : x) {
    for (const auto& [c, d] : y) {
      const uint32_t lo = std::max(a, c), hi = std::min(b, d);
      for (uint32_t i = lo; i < hi; ++i) {
        if (!utf8::IsSpace(t[i])) return true;
      }
    }
  }
  return false;
}

enum Subset { kAll = 0, kDirect, kSpeech, kSubsets };
enum Role { kSource = 0, kCue, kContent, kRoles };
const char* kSubsetNames[] = {"all", "direct", "speech"};
const char* kRoleNames[] = {"source", "cue", "content"};

struct Item {
  Pieces pieces[kRoles];
  bool direct = false, speech = false;
};

std::vector<Item> Prepare(const std::u32string& t, const std::vector<Attribution>& in) {
  std::vector<Item> out;
  out.reserve(in.size());
  for (const Attribution& a : in) {
    Item it;
    it.pieces[kSource] = Normalize(t, a.source);
    it.pieces[kCue] = Normalize(t, a.cue);
    it.pieces[kContent] = Normalize(t, a.content);
    it.direct = HasQuoteMark(t, it.pieces[kContent]);
    it.speech = a.speech;
    out.push_back(std::move(it));
  }
  return out;
}

bool InSubset(const Item& it, int subset) {
  return subset == kAll || (subset == kDirect && it.direct) || (subset == kSpeech && it.speech);
}

}  // namespace

std::vector<Attribution> ReadBratAttributions(std::string_view ann, const std::string& name,
                                              std::vector<std::string>* problems) {
  struct TextBound {
    std::string label;
    Pieces pieces;
  };
  std::unordered_map<std::string, TextBound> tb;
  std::vector<std::pair<size_t, std::string_view>> relations;
  auto problem = [&](size_t line, const std::string& what) {
    if (problems) problems->push_back(name + ":" + std::to_string(line) + ": " + what);
  };
  size_t line_no = 0;
  for (std::string_view line : Split(ann, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line[0] == 'T') {
      auto f = Split(line, '\t');
      if (f.size() < 2) {
        problem(line_no, "text-bound annotation without a tab");
        continue;
      }
      const size_t sp = f[1].find(' ');
      if (sp == std::string_view::npos) {
        problem(line_no, "text-bound annotation without offsets");
        continue;
      }
      TextBound t;
      t.label = std::string(f[1].substr(0, sp));
      bool ok = true;
      for (std::string_view frag : Split(f[1].substr(sp + 1), ';')) {
        auto ab = Split(frag, ' ');
        uint32_t a, b;
        if (ab.size() != 2 || !ParseUint(ab[0], &a) || !ParseUint(ab[1], &b) || b < a) {
          ok = false;
          break;
        }
        t.pieces.push_back({a, b});
      }
      if (!ok) {
        problem(line_no, "bad offsets");
        continue;
      }
      tb[std::string(f[0])] = std::move(t);
    } else if (line[0] == 'E') {
      relations.push_back({line_no, line});
    }
  }
  std::vector<Attribution> out;
  for (const auto& [ln, line] : relations) {
    auto f = Split(line, '\t');
    if (f.size() < 2) {
      problem(ln, "relation without a tab");
      continue;
    }
    Attribution a;
    bool is_attribution = false, ok = true;
    for (std::string_view arg : Split(f[1], ' ')) {
      const size_t colon = arg.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view role = arg.substr(0, colon);
      std::string id(arg.substr(colon + 1));
      if (role.rfind("Attribution", 0) == 0) {
        is_attribution = true;
        continue;
      }
      auto it = tb.find(id);
      if (it == tb.end()) {
        problem(ln, "relation names unknown annotation " + id);
        ok = false;
        break;
      }
      if (role == "Source") a.source = it->second.pieces;
      else if (role == "Cue") a.cue = it->second.pieces;
      else if (role == "Content") a.content = it->second.pieces;
    }
    if (ok && is_attribution) out.push_back(std::move(a));
  }
  return out;
}

std::vector<Attribution> AttributionsFromQuotes(const Document& doc, const std::vector<bool>& speech) {
  const utf8::CodePointIndex cp(doc.article.text);
  auto conv = [&](Span s) { return CodePointRange{cp(s.start), cp(s.end)}; };
  std::vector<Attribution> out;
  for (size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    if (q.content.empty()) continue;
    // A carried-over quotation (no cue, the previous speaker) continues the
    // previous attribution.
    if (!q.cue && q.speaker && !out.empty() && i > 0 && doc.quotes[i - 1].speaker &&
        *doc.quotes[i - 1].speaker == *q.speaker) {
      for (const Span& p : q.content) out.back().content.push_back(conv(p));
      continue;
    }
    Attribution a;
    for (const Span& p : q.content) a.content.push_back(conv(p));
    if (q.cue) a.cue.push_back(conv(*q.cue));
    if (q.speaker) a.source.push_back(conv(*q.speaker));
    a.speech = i < speech.size() && speech[i];
    out.push_back(std::move(a));
  }
  return out;
}

void QuoteScorer::Add(std::string_view text, const std::vector<Attribution>& gold_in,
                      const std::vector<Attribution>& system_in) {
  if (scores_.empty()) {
    for (int s = 0; s < kSubsets; ++s) {
      for (int r = 0; r < kRoles; ++r) {
        for (const char* m : {"strict", "overlap"}) {
          Score sc;
          sc.metric = std::string(kSubsetNames[s]) + " " + kRoleNames[r] + " " + m;
          scores_.push_back(sc);
        }
      }
    }
  }
  const std::u32string t = Decode(text);
  const std::vector<Item> gold = Prepare(t, gold_in), sys = Prepare(t, system_in);
  for (int s = 0; s < kSubsets; ++s) {
    for (int r = 0; r < kRoles; ++r) {
      Score& strict = scores_[(s * kRoles + r) * 2];
      Score& overlap = scores_[(s * kRoles + r) * 2 + 1];
      std::vector<const Pieces*> g, y;
      for (const Item& it : gold) {
        if (InSubset(it, s) && !it.pieces[r].empty()) g.push_back(&it.pieces[r]);
      }
      for (const Item& it : sys) {
        if (InSubset(it, s) && !it.pieces[r].empty()) y.push_back(&it.pieces[r]);
      }
      strict.gold += g.size();
      strict.system += y.size();
      overlap.gold += g.size();
      overlap.system += y.size();
      // Strict: multiset intersection.
      std::map<Pieces, int> count;
      for (const Pieces* p : g) ++count[*p];
      for (const Pieces* p : y) {
        auto it = count.find(*p);
        if (it != count.end() && it->second > 0) {
          --it->second;
          ++strict.correct;
        }
      }
      // Overlap: exact matches first, then greedy one-to-one by overlap.
      std::vector<bool> gu(g.size(), false), yu(y.size(), false);
      for (size_t j = 0; j < y.size(); ++j) {
        for (size_t i = 0; i < g.size(); ++i) {
          if (!gu[i] && *g[i] == *y[j]) {
            gu[i] = yu[j] = true;
            ++overlap.correct;
            break;
          }
        }
      }
      for (size_t j = 0; j < y.size(); ++j) {
        if (yu[j]) continue;
        for (size_t i = 0; i < g.size(); ++i) {
          if (!gu[i] && Overlap(t, *g[i], *y[j])) {
            gu[i] = yu[j] = true;
            ++overlap.correct;
            break;
          }
        }
      }
    }
  }
  // Speaker match over gold direct quotations with a source.
  for (const Item& gi : gold) {
    if (!gi.direct || gi.pieces[kSource].empty()) continue;
    ++speaker_total_;
    bool found = false, matched = false;
    for (const Item& si : sys) {
      if (!Overlap(t, gi.pieces[kContent], si.pieces[kContent])) continue;
      found = true;
      if (!si.pieces[kSource].empty() && Overlap(t, gi.pieces[kSource], si.pieces[kSource])) matched = true;
    }
    if (found) ++speaker_found_;
    if (matched) ++speaker_matched_;
  }
}

std::vector<Score> QuoteScorer::Scores() const { return scores_; }

std::string FormatQuoteScores(const QuoteScorer& scorer) {
  std::ostringstream out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-7s %-8s %7s %7s | %6s %6s %6s | %6s %6s %6s\n", "subset", "role",
                "gold", "system", "P", "R", "F1", "oP", "oR", "oF1");
  out << buf;
  const std::vector<Score> s = scorer.Scores();
  for (size_t i = 0; i + 1 < s.size(); i += 2) {
    const Score& st = s[i];
    const Score& ov = s[i + 1];
    std::istringstream names(st.metric);
    std::string subset, role;
    names >> subset >> role;
    std::snprintf(buf, sizeof buf, "%-7s %-8s %7zu %7zu | %6.2f %6.2f %6.2f | %6.2f %6.2f %6.2f\n",
                  subset.c_str(), role.c_str(), st.gold, st.system, 100 * st.precision(),
                  100 * st.recall(), 100 * st.f1(), 100 * ov.precision(), 100 * ov.recall(),
                  100 * ov.f1());
    out << buf;
  }
  const double total = scorer.speaker_total() ? double(scorer.speaker_total()) : 1.0;
  std::snprintf(buf, sizeof buf,
                "speaker match (gold direct quotations with a source): %zu / %zu = %.2f %% "
                "(of the %zu found: %.2f %%)\n",
                scorer.speaker_matched(), scorer.speaker_total(), 100.0 * scorer.speaker_matched() / total,
                scorer.speaker_found(),
                scorer.speaker_found() ? 100.0 * scorer.speaker_matched() / scorer.speaker_found() : 0.0);
  out << buf;
  return out.str();
}

}  // namespace dyad
