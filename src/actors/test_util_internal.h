// Internal to the src/actors tests: small helpers to load dictionaries from
// strings and look phrases up the way the actor stage will.
#ifndef DYAD_SRC_ACTORS_TEST_UTIL_INTERNAL_H_
#define DYAD_SRC_ACTORS_TEST_UTIL_INTERNAL_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/actors.h"
#include "dyad/utf8.h"

namespace dyad::actors_test {

// Loads one actors text (named "actors.txt") and optionally an agents text
// (named "agents.txt"); problems go to *problems.
inline std::unique_ptr<ActorDictionary> LoadTexts(const std::string& actors,
                                                  const std::string& agents,
                                                  std::vector<std::string>* problems) {
  std::vector<DictionarySource> a = {{"actors.txt", actors}};
  DictionarySource g{"agents.txt", agents};
  auto r = ActorDictionary::LoadFromSources(a, agents.empty() ? nullptr : &g, problems);
  return r.ok() ? std::move(r).value() : nullptr;
}

// Space-separated words, lower-cased, as a caller's tokens.
struct Tokens {
  explicit Tokens(std::string_view text) {
    size_t b = 0;
    while (b < text.size()) {
      size_t e = text.find(' ', b);
      if (e == std::string_view::npos) e = text.size();
      if (e > b) owned.push_back(utf8::ToLower(text.substr(b, e - b)));
      b = e + 1;
    }
    for (const std::string& s : owned) views.push_back(s);
  }
  std::vector<std::string> owned;
  std::vector<std::string_view> views;
};

// The code of the longest actor phrase at the start of `text` on `date`;
// "<none>" when no phrase matches, "<null>" when it matches without a code.
inline std::string ActorCode(const ActorDictionary& d, std::string_view text, int32_t date) {
  Tokens t(text);
  PhraseMatch m = d.LongestActorMatch(t.views, 0);
  if (!m) return "<none>";
  std::optional<std::string> code = d.CodeOn(m.entry, date);
  return code ? *code : "<null>";
}

// "~GOV" / "NGO~" of the longest agent phrase at the start of `text`, or
// "<none>".
inline std::string AgentOf(const ActorDictionary& d, std::string_view text) {
  Tokens t(text);
  PhraseMatch m = d.LongestAgentMatch(t.views, 0);
  if (!m || m.length != t.views.size()) return "<none>";
  AgentCode a = d.Agent(m.entry);
  std::string out;
  if (a.side == AgentSide::kSuffix) out += '~';
  out.append(a.code);
  if (a.side == AgentSide::kPrefix) out += '~';
  return out;
}

inline bool AnyProblemContains(const std::vector<std::string>& problems, std::string_view what) {
  for (const std::string& p : problems) {
    if (p.find(what) != std::string::npos) return true;
  }
  return false;
}

}  // namespace dyad::actors_test

#endif  // DYAD_SRC_ACTORS_TEST_UTIL_INTERNAL_H_
