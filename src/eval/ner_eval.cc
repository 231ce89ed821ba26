// NER scoring: exact-span micro P/R/F1, overall and per type.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "dyad/eval.h"

namespace dyad {
namespace {

std::string_view WordText(const Document& doc, const Word& w) {
  return w.form.empty() ? doc.Text(w.span) : std::string_view(w.form);
}

}  // namespace

Result<std::vector<Score>> EvaluateNer(const Document& gold, const Document& system) {
  if (gold.words.size() != system.words.size()) {
    return Status::InvalidArgument("gold has " + std::to_string(gold.words.size()) +
                                   " words, system " + std::to_string(system.words.size()));
  }
  for (size_t i = 0; i < gold.words.size(); ++i) {
    if (WordText(gold, gold.words[i]) != WordText(system, system.words[i])) {
      return Status::InvalidArgument("word " + std::to_string(i + 1) + " differs: gold '" +
                                     std::string(WordText(gold, gold.words[i])) + "', system '" +
                                     std::string(WordText(system, system.words[i])) + "'");
    }
  }
  using Key = std::tuple<uint32_t, uint32_t, std::string>;
  std::set<Key> gold_set;
  for (const Mention& m : gold.mentions) gold_set.emplace(m.first_word, m.num_words, m.type);
  std::map<std::string, Score> per_type;
  for (const char* t : {"PER", "ORG", "LOC"}) per_type[t].metric = t;
  Score all;
  all.metric = "All";
  for (const Key& k : gold_set) {
    ++all.gold;
    Score& s = per_type[std::get<2>(k)];
    s.metric = std::get<2>(k);
    ++s.gold;
  }
  std::set<Key> seen;
  for (const Mention& m : system.mentions) {
    Key k(m.first_word, m.num_words, m.type);
    if (!seen.insert(k).second) continue;  // a duplicate counts once
    Score& s = per_type[m.type];
    s.metric = m.type;
    ++all.system;
    ++s.system;
    if (gold_set.count(k)) {
      ++all.correct;
      ++s.correct;
    }
  }
  std::vector<Score> out{all};
  for (const char* t : {"PER", "ORG", "LOC"}) out.push_back(per_type[t]);
  for (const auto& [t, s] : per_type) {
    if (t != "PER" && t != "ORG" && t != "LOC") out.push_back(s);
  }
  return out;
}

std::string FormatNerScores(const std::vector<Score>& scores) {
  std::string out = "Type  |   Gold | System | Correct | Precision |  Recall |      F1\n";
  out += "------+--------+--------+---------+-----------+---------+--------\n";
  for (const Score& s : scores) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%-5s | %6zu | %6zu | %7zu | %9.2f | %7.2f | %7.2f\n",
                  s.metric.c_str(), s.gold, s.system, s.correct, 100.0 * s.precision(),
                  100.0 * s.recall(), 100.0 * s.f1());
    out += buf;
  }
  return out;
}

}  // namespace dyad
