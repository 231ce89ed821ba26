#include <algorithm>
#include <cstdio>
#include <set>
#include <string_view>

#include "dyad/eval.h"
#include "dyad/utf8.h"

namespace dyad {
namespace {

// One side of the comparison, flattened: every word with its character span
// in the whitespace-free text and the attributes the metrics compare.
struct EvalWord {
  uint32_t start, end;  // of its token, in whitespace-free code points
  bool multiword;
  std::string form_lower;
  std::string upos, xpos, feats, lemma, deprel;
  int64_t head;  // global word index, -1 for root
};

struct EvalSide {
  std::u32string chars;
  std::vector<std::pair<uint32_t, uint32_t>> tokens, sentences;
  std::vector<EvalWord> words;
};

bool IsZs(char32_t c) { return utf8::IsSpace(c); }

// Keeps only the features that the CoNLL 2018 evaluation scores, sorted.
std::string UniversalFeats(const std::string& feats) {
  static const std::set<std::string_view> kUniversal = {
      "PronType", "NumType", "Poss",   "Reflex", "Foreign", "Abbr",   "Gender",
      "Animacy",  "Number",  "Case",   "Definite", "Degree", "VerbForm", "Mood",
      "Tense",    "Aspect",  "Voice",  "Evident", "Polarity", "Person", "Polite"};
  std::vector<std::string> kept;
  size_t start = 0;
  while (start < feats.size()) {
    size_t bar = feats.find('|', start);
    if (bar == std::string::npos) bar = feats.size();
    std::string item = feats.substr(start, bar - start);
    if (kUniversal.count(std::string_view(item).substr(0, item.find('=')))) kept.push_back(item);
    start = bar + 1;
  }
  std::sort(kept.begin(), kept.end());
  std::string out;
  for (const auto& k : kept) out += (out.empty() ? "" : "|") + k;
  return out;
}

EvalSide Flatten(const Document& doc) {
  EvalSide side;
  std::vector<std::pair<uint32_t, uint32_t>> token_chars(doc.tokens.size());
  for (size_t ti = 0; ti < doc.tokens.size(); ++ti) {
    std::string_view form = doc.Text(doc.tokens[ti].span);
    uint32_t start = static_cast<uint32_t>(side.chars.size());
    size_t i = 0;
    while (i < form.size()) {
      char32_t c = utf8::Next(form, i);
      if (!IsZs(c)) side.chars.push_back(c);
    }
    token_chars[ti] = {start, static_cast<uint32_t>(side.chars.size())};
    side.tokens.push_back(token_chars[ti]);
  }
  for (const Sentence& s : doc.sentences) {
    if (s.num_tokens == 0) continue;
    side.sentences.emplace_back(token_chars[s.first_token].first,
                                token_chars[s.first_token + s.num_tokens - 1].second);
    for (uint32_t wi = s.first_word; wi < s.first_word + s.num_words; ++wi) {
      const Word& w = doc.words[wi];
      const Token& t = doc.tokens[w.token];
      EvalWord e;
      e.start = token_chars[w.token].first;
      e.end = token_chars[w.token].second;
      e.multiword = t.num_words > 1;
      e.form_lower = utf8::ToLower(w.form.empty() ? doc.Text(w.span) : std::string_view(w.form));
      e.upos = w.upos;
      e.xpos = w.xpos;
      e.feats = UniversalFeats(w.feats);
      e.lemma = w.lemma;
      e.deprel = w.deprel.substr(0, w.deprel.find(':'));
      e.head = w.head < 0 ? -1 : static_cast<int64_t>(s.first_word) + w.head;
      side.words.push_back(std::move(e));
    }
  }
  return side;
}

size_t MatchingSpans(const std::vector<std::pair<uint32_t, uint32_t>>& g,
                     const std::vector<std::pair<uint32_t, uint32_t>>& s) {
  size_t gi = 0, si = 0, n = 0;
  while (gi < g.size() && si < s.size()) {
    if (g[gi] == s[si]) {
      ++n, ++gi, ++si;
    } else if (g[gi].first <= s[si].first) {
      ++gi;
    } else {
      ++si;
    }
  }
  return n;
}

bool BeyondEnd(const std::vector<EvalWord>& w, size_t i, uint32_t end) {
  if (i >= w.size()) return true;
  return w[i].multiword ? w[i].start >= end : w[i].end > end;
}

uint32_t ExtendEnd(const EvalWord& w, uint32_t end) {
  return w.multiword && w.end > end ? w.end : end;
}

// Aligns gold and system words: by exact span outside multi-word tokens, by
// LCS of lower-cased forms inside the smallest region that covers them.
// Returns pairs (gold index, system index).
std::vector<std::pair<size_t, size_t>> Align(const std::vector<EvalWord>& g,
                                             const std::vector<EvalWord>& s) {
  std::vector<std::pair<size_t, size_t>> aligned;
  size_t gi = 0, si = 0;
  while (gi < g.size() && si < s.size()) {
    if (!g[gi].multiword && !s[si].multiword) {
      if (g[gi].start == s[si].start && g[gi].end == s[si].end) {
        aligned.emplace_back(gi++, si++);
      } else if (g[gi].start <= s[si].start) {
        ++gi;
      } else {
        ++si;
      }
      continue;
    }
    // Find the region [gs, gi) x [ss, si) that the multi-word token spans.
    uint32_t end;
    if (g[gi].multiword) {
      end = g[gi].end;
      if (!s[si].multiword && s[si].start < g[gi].start) ++si;
    } else {
      end = s[si].end;
      if (!g[gi].multiword && g[gi].start < s[si].start) ++gi;
    }
    size_t gs = gi, ss = si;
    while (!BeyondEnd(g, gi, end) || !BeyondEnd(s, si, end)) {
      if (gi < g.size() && (si >= s.size() || g[gi].start <= s[si].start)) {
        end = ExtendEnd(g[gi++], end);
      } else {
        end = ExtendEnd(s[si++], end);
      }
    }
    size_t ng = gi - gs, ns = si - ss;
    if (ng == 0 || ns == 0) continue;
    std::vector<std::vector<uint32_t>> lcs(ng + 1, std::vector<uint32_t>(ns + 1, 0));
    for (size_t a = ng; a-- > 0;) {
      for (size_t b = ns; b-- > 0;) {
        uint32_t v = g[gs + a].form_lower == s[ss + b].form_lower ? 1 + lcs[a + 1][b + 1] : 0;
        lcs[a][b] = std::max({v, lcs[a + 1][b], lcs[a][b + 1]});
      }
    }
    size_t a = 0, b = 0;
    while (a < ng && b < ns) {
      if (g[gs + a].form_lower == s[ss + b].form_lower) {
        aligned.emplace_back(gs + a++, ss + b++);
      } else if (lcs[a][b] == lcs[a + 1][b]) {
        ++a;
      } else {
        ++b;
      }
    }
  }
  return aligned;
}

}  // namespace

Result<std::vector<Score>> EvaluateUd(const Document& gold, const Document& system) {
  EvalSide g = Flatten(gold), s = Flatten(system);
  if (g.chars != s.chars) {
    size_t i = 0;
    while (i < g.chars.size() && i < s.chars.size() && g.chars[i] == s.chars[i]) ++i;
    auto context = [&](const std::u32string& c) {
      std::string out;
      for (size_t k = i; k < std::min(c.size(), i + 20); ++k) utf8::Append(c[k], &out);
      return out.empty() ? std::string("<end>") : out;
    };
    return Status::InvalidArgument(
        "gold and system texts differ (whitespace removed) at character " + std::to_string(i) +
        ": gold '" + context(g.chars) + "' vs system '" + context(s.chars) + "'");
  }
  std::vector<Score> scores;
  auto span_score = [&](const char* name, const auto& gs, const auto& ss) {
    Score sc{name, gs.size(), ss.size(), MatchingSpans(gs, ss), 0};
    scores.push_back(sc);
  };
  span_score("Tokens", g.tokens, s.tokens);
  span_score("Sentences", g.sentences, s.sentences);

  auto pairs = Align(g.words, s.words);
  scores.push_back({"Words", g.words.size(), s.words.size(), pairs.size(), pairs.size()});

  // System word -> aligned gold word, to compare heads.
  std::vector<int64_t> sys_to_gold(s.words.size(), -2);
  for (auto [gi, si] : pairs) sys_to_gold[si] = static_cast<int64_t>(gi);
  auto attr = [&](const char* name, auto same) {
    Score sc{name, g.words.size(), s.words.size(), 0, pairs.size()};
    for (auto [gi, si] : pairs) sc.correct += same(g.words[gi], s.words[si]);
    scores.push_back(sc);
  };
  attr("UPOS", [](const EvalWord& a, const EvalWord& b) { return a.upos == b.upos; });
  attr("XPOS", [](const EvalWord& a, const EvalWord& b) { return a.xpos == b.xpos; });
  attr("UFeats", [](const EvalWord& a, const EvalWord& b) { return a.feats == b.feats; });
  attr("Lemmas", [](const EvalWord& a, const EvalWord& b) {
    return a.lemma.empty() || a.lemma == b.lemma;  // gold "_" counts as right
  });
  auto head_ok = [&](const EvalWord& a, const EvalWord& b) {
    int64_t mapped = b.head < 0 ? -1 : sys_to_gold[b.head];
    return mapped == a.head;
  };
  attr("UAS", head_ok);
  attr("LAS", [&](const EvalWord& a, const EvalWord& b) { return head_ok(a, b) && a.deprel == b.deprel; });
  return scores;
}

std::string FormatScores(const std::vector<Score>& scores) {
  std::string out = "Metric     | Precision |    Recall |  F1 Score | AligndAcc\n";
  out += "-----------+-----------+-----------+-----------+-----------\n";
  char buf[128];
  for (const Score& s : scores) {
    bool attr = s.metric != "Tokens" && s.metric != "Sentences" && s.metric != "Words";
    std::snprintf(buf, sizeof buf, "%-11s|%10.2f |%10.2f |%10.2f |", s.metric.c_str(), 100 * s.precision(),
                  100 * s.recall(), 100 * s.f1());
    out += buf;
    if (attr) {
      std::snprintf(buf, sizeof buf, "%10.2f", 100 * s.aligned_accuracy());
      out += buf;
    }
    out += "\n";
  }
  return out;
}

}  // namespace dyad
