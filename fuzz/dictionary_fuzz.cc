// libFuzzer target for the PETRARCH / Phoenix actor and agent dictionary
// readers: the input is read both as an actors file and as an agents file,
// and every lookup over its own words must stay in bounds. Seeds:
// fuzz/corpus/dictionary/ (also run by dyad_actors_test under plain CTest).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/actors.h"
#include "dyad/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> problems;
  std::vector<dyad::DictionarySource> actors = {{"fuzz.actors", text}};
  dyad::DictionarySource agents{"fuzz.agents", text};
  auto r = dyad::ActorDictionary::LoadFromSources(actors, &agents, &problems);
  if (!r.ok()) __builtin_trap();  // only file I/O can fail, and there is none
  const dyad::ActorDictionary& d = **r;

  // The input's own words, lower-cased, as a caller's tokens.
  std::vector<std::string> owned;
  size_t b = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ' ';
    if (c == ' ' || c == '_' || c == '\n' || c == '\t' || c == '[' || c == ']') {
      if (i > b) owned.push_back(dyad::utf8::ToLower(std::string_view(text).substr(b, i - b)));
      b = i + 1;
    }
  }
  std::vector<std::string_view> tokens(owned.begin(), owned.end());
  for (size_t i = 0; i <= tokens.size(); ++i) {
    dyad::PhraseMatch m = d.LongestActorMatch(tokens, i);
    if (m) {
      if (m.entry >= d.actor_count() || i + m.length > tokens.size()) __builtin_trap();
      (void)d.CodeOn(m.entry, 20000101);
      (void)d.Codes(m.entry);
    }
    dyad::PhraseMatch a = d.LongestAgentMatch(tokens, i);
    if (a) {
      if (a.entry >= d.agent_count() || i + a.length > tokens.size()) __builtin_trap();
      (void)dyad::ComposeActorAgent("USAGOV", d.Agent(a.entry));
    }
  }
  return 0;
}
