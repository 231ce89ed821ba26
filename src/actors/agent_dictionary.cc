// The agents-file reader (plurals, substitution sets) and the CAMEO
// composition of actor and agent codes.
//
// Format history: TABARI's .agents format; PETRARCH 0.5 added the automatic
// regular plurals (the Phoenix file had its regular plurals removed for it)
// and the !SET! substitution markers.

#include <algorithm>
#include <utility>

#include "actors/actor_dictionary_internal.h"
#include "actors/dictionary_lines_internal.h"
#include "dyad/utf8.h"

namespace dyad {
namespace actors_internal {
namespace {

using Rep = DictionaryRep;

std::string Unblank(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (!IsBlank(c)) out += c;
  }
  return out;
}

using SubstitutionSets = std::vector<std::pair<std::string, std::vector<std::string>>>;

const std::vector<std::string>* FindSet(const SubstitutionSets& sets, std::string_view name) {
  for (const auto& [n, items] : sets) {
    if (n == name) return &items;
  }
  return nullptr;
}

// "!NAME! = A, B, C": true when `line` is such a definition (even a bad one).
bool ReadSetDefinition(std::string_view line, std::string_view file, uint32_t n,
                       SubstitutionSets* sets, std::vector<std::string>* problems) {
  if (line.empty() || line[0] != '!') return false;
  size_t b = line.find('!', 1);
  if (b == std::string_view::npos) return false;
  size_t eq = line.find_first_not_of(" \t", b + 1);
  if (eq == std::string_view::npos || line[eq] != '=') return false;
  std::string name = utf8::ToLower(line.substr(1, b - 1));
  if (name.empty()) {
    AddProblem(problems, file, n, "substitution set without a name");
    return true;
  }
  std::vector<std::string> items;
  std::string_view rest = line.substr(eq + 1);
  while (true) {
    size_t comma = rest.find(',');
    std::string item = Unblank(rest.substr(0, comma));
    if (!item.empty()) items.push_back(std::move(item));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (items.empty()) {
    AddProblem(problems, file, n, "substitution set !" + name + "! has no items");
    return true;
  }
  for (auto& [nm, its] : *sets) {
    if (nm == name) {
      AddProblem(problems, file, n,
                 "substitution set !" + name + "! redefined; the later one is used");
      its = std::move(items);
      return true;
    }
  }
  sets->emplace_back(std::move(name), std::move(items));
  return true;
}

// The phrases that `phrase` stands for: itself, or one per item of its
// substitution set. Only the first marker substitutes (as in PETRARCH); a
// later "!NAME!" is read as the literal NAME, which repairs the Phoenix
// file's "AD!MINIST!RATIVE" (a search-and-replace accident). False (with a
// problem) when the phrase cannot be expanded.
bool Expand(std::string_view phrase, const SubstitutionSets& sets, std::string_view file,
            uint32_t n, std::vector<std::string>* out, bool* substituted,
            std::vector<std::string>* problems) {
  out->clear();
  *substituted = false;
  size_t a = phrase.find('!');
  if (a == std::string_view::npos) {
    out->emplace_back(phrase);
    return true;
  }
  size_t b = phrase.find('!', a + 1);
  if (b == std::string_view::npos) {
    AddProblem(problems, file, n, "unpaired '!' in " + Quote(phrase));
    return false;
  }
  std::string name = utf8::ToLower(phrase.substr(a + 1, b - a - 1));
  const std::vector<std::string>* items = FindSet(sets, name);
  if (items == nullptr) {
    AddProblem(problems, file, n, "undefined substitution set !" + name + "! in " + Quote(phrase));
    return false;
  }
  std::string suffix(phrase.substr(b + 1));
  if (suffix.find('!') != std::string::npos) {
    AddProblem(problems, file, n,
               "more than one substitution marker in " + Quote(phrase) +
                   "; only the first substitutes, the others are read as literal text");
    std::string literal;
    for (char c : suffix) {
      if (c != '!') literal += c;
    }
    suffix = std::move(literal);
  }
  *substituted = true;
  for (const std::string& item : *items) {
    out->push_back(std::string(phrase.substr(0, a)) + item + suffix);
  }
  return true;
}

bool ParseAgentCode(std::string_view raw, std::string* code, AgentSide* side) {
  std::string c = Unblank(raw);
  if (c.size() < 2) return false;
  if (c.front() == '~' && c.back() != '~') {
    *side = AgentSide::kSuffix;
    c.erase(0, 1);
  } else if (c.back() == '~' && c.front() != '~') {
    *side = AgentSide::kPrefix;
    c.pop_back();
  } else {
    return false;
  }
  for (char& ch : c) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) return false;
  }
  *code = std::move(c);
  return true;
}

bool IsGenerated(const Rep& rep, uint32_t node) {
  return node < rep.generated.size() && rep.generated[node];
}

void MarkGenerated(Rep* rep, uint32_t node, bool generated) {
  if (rep->generated.size() <= node) rep->generated.resize(rep->trie.node_count(), false);
  rep->generated[node] = generated;
}

// Stores `tokens` for agent `id`. A form written in the file replaces an
// earlier one (reporting a conflict when the codes differ, once per line
// through *reported); a generated form (regular plural) never replaces a
// written one.
void StoreAgent(const std::vector<std::string>& tokens, uint32_t id, bool generated,
                std::string_view file, uint32_t n, std::string_view phrase, Rep* rep,
                bool* reported, std::vector<std::string>* problems) {
  if (tokens.empty()) return;
  uint32_t node = rep->trie.Insert(rep->agent_root, tokens);
  uint32_t old = rep->trie.value(node);
  if (old != kNone && old != id && !IsGenerated(*rep, node)) {
    if (generated) return;
    const Rep::AgentRecord& o = rep->agents[old];
    const Rep::AgentRecord& a = rep->agents[id];
    if ((o.code != a.code || o.side != a.side) && !*reported) {
      *reported = true;
      AddProblem(problems, file, n,
                 "agent phrase " + Quote(phrase) + " is also agent " +
                     Quote(rep->names.Get(o.name)) + " (" + rep->sources[o.source] + ":" +
                     std::to_string(o.line) + ") with another code; this later entry is used");
    }
  }
  rep->trie.set_value(node, id);
  MarkGenerated(rep, node, generated);
}

}  // namespace

bool RegularPlural(std::vector<std::string>* tokens) {
  if (tokens->empty()) return false;
  std::string& w = tokens->back();
  if (w.empty() || w.back() < 'a' || w.back() > 'z') return false;
  auto ends = [&w](std::string_view s) {
    return w.size() >= s.size() && std::string_view(w).substr(w.size() - s.size()) == s;
  };
  char before = w.size() >= 2 ? w[w.size() - 2] : 0;
  bool vowel_before =
      before == 'a' || before == 'e' || before == 'i' || before == 'o' || before == 'u';
  if (w.back() == 'y' && w.size() >= 2 && !vowel_before) {
    w.pop_back();
    w += "ies";
  } else if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh")) {
    w += "es";
  } else {
    w += "s";
  }
  return true;
}

void ReadAgentSource(const DictionarySource& source, Rep* rep, std::vector<std::string>* problems) {
  const std::string& file = source.name;
  uint32_t source_index = static_cast<uint32_t>(rep->sources.size());
  rep->sources.push_back(file);
  DictionaryLineReader reader(file, source.text, problems);
  SubstitutionSets sets;
  std::vector<std::string> forms;
  std::vector<std::string> tokens;
  std::vector<std::string> split;
  std::string code;
  uint32_t n = 0;
  std::string_view line;
  while (reader.Next(&n, &line)) {
    if (ReadSetDefinition(line, file, n, &sets, problems)) continue;
    size_t open = line.find('[');
    if (open == std::string_view::npos) {
      AddProblem(problems, file, n, "agent line without a [~CODE]: " + Quote(line));
      continue;
    }
    size_t close = line.find_first_of("]}", open + 1);
    if (close == std::string_view::npos) {
      AddProblem(problems, file, n, "'[' without ']' in " + Quote(line));
      continue;
    }
    AgentSide side = AgentSide::kSuffix;
    std::string_view raw_code = line.substr(open + 1, close - open - 1);
    if (!ParseAgentCode(raw_code, &code, &side)) {
      AddProblem(problems, file, n,
                 "bad agent code " + Quote(raw_code) + " (must be ~CODE or CODE~)");
      continue;
    }
    if (!IsCameoShaped(code)) {
      AddProblem(
          problems, file, n,
          "agent code " + Quote(code) + " is not made of 3-letter CAMEO segments; kept as written");
    }
    if (!Trim(line.substr(close + 1)).empty()) {
      AddProblem(problems, file, n,
                 "unexpected text " + Quote(Trim(line.substr(close + 1))) + " after the code");
    }
    std::string_view noun_part = line.substr(0, open);
    std::string_view noun = noun_part;
    std::string_view plural;
    bool braces = false;
    size_t brace = noun_part.find('{');
    if (brace != std::string_view::npos) {
      braces = true;
      noun = noun_part.substr(0, brace);
      size_t end = noun_part.find('}', brace);
      if (end == std::string_view::npos) {
        AddProblem(problems, file, n, "'{' without '}'; the rest is read as the plural");
        end = noun_part.size();
      }
      plural = Trim(noun_part.substr(brace + 1, end - brace - 1));
    }
    noun = Trim(noun);
    if (noun.empty()) {
      AddProblem(problems, file, n, "agent line without a phrase");
      continue;
    }
    uint32_t id = static_cast<uint32_t>(rep->agents.size());
    rep->agents.push_back(
        Rep::AgentRecord{rep->names.Intern(noun), rep->codes.Intern(code), side, source_index, n});
    bool substituted = false;
    bool reported = false;
    if (!Expand(noun, sets, file, n, &forms, &substituted, problems)) {
      rep->agents.pop_back();
      continue;
    }
    for (const std::string& form : forms) {
      PhraseTokens(form, &tokens);
      if (tokens.empty()) continue;
      StoreAgent(tokens, id, false, file, n, noun, rep, &reported, problems);
      if (HyphenSplitVariant(tokens, &split)) {
        StoreAgent(split, id, true, file, n, noun, rep, &reported, problems);
      }
      // Regular plurals: not for substitution sets (their items are the
      // forms), not when {} gives the plural or nulls it, not for a phrase
      // that ends with '_' (the format's "no plural" mark).
      if (!substituted && !braces && noun.back() != '_' && RegularPlural(&tokens)) {
        StoreAgent(tokens, id, true, file, n, noun, rep, &reported, problems);
        if (HyphenSplitVariant(tokens, &split))
          StoreAgent(split, id, true, file, n, noun, rep, &reported, problems);
      }
    }
    if (!plural.empty()) {
      bool sub2 = false;
      if (Expand(plural, sets, file, n, &forms, &sub2, problems)) {
        for (const std::string& form : forms) {
          PhraseTokens(form, &tokens);
          StoreAgent(tokens, id, false, file, n, noun, rep, &reported, problems);
          if (HyphenSplitVariant(tokens, &split))
            StoreAgent(split, id, true, file, n, noun, rep, &reported, problems);
        }
      }
    }
  }
}

}  // namespace actors_internal

namespace {

// 3-letter segment-aligned composition of one part (no '/').
std::string ComposePart(std::string_view actor, std::string_view agent, AgentSide side) {
  if (agent.empty()) return std::string(actor);
  if (actor.empty()) return std::string(agent);
  if (actor == "---") return "---";
  if (side == AgentSide::kSuffix) {
    for (size_t p = 0; p + agent.size() <= actor.size(); p += 3) {
      if (actor.substr(p, agent.size()) == agent) return std::string(actor);
    }
    size_t max = std::min(actor.size(), agent.size());
    for (size_t k = max - max % 3; k > 0; k -= 3) {
      if ((actor.size() - k) % 3 == 0 && actor.substr(actor.size() - k) == agent.substr(0, k)) {
        return std::string(actor) + std::string(agent.substr(k));
      }
    }
    return std::string(actor) + std::string(agent);
  }
  if (actor.substr(0, std::min(actor.size(), agent.size())) == agent) return std::string(actor);
  size_t max = std::min(actor.size(), agent.size());
  for (size_t k = max - max % 3; k > 0; k -= 3) {
    if ((agent.size() - k) % 3 == 0 && agent.substr(agent.size() - k) == actor.substr(0, k)) {
      return std::string(agent.substr(0, agent.size() - k)) + std::string(actor);
    }
  }
  return std::string(agent) + std::string(actor);
}

}  // namespace

std::string ComposeActorAgent(std::string_view actor_code, const AgentCode& agent) {
  if (actor_code.find('/') == std::string_view::npos) {
    return ComposePart(actor_code, agent.code, agent.side);
  }
  std::string out;
  size_t b = 0;
  while (true) {
    size_t slash = actor_code.find('/', b);
    std::string_view part =
        actor_code.substr(b, slash == std::string_view::npos ? slash : slash - b);
    if (!out.empty()) out += '/';
    out += ComposePart(part, agent.code, agent.side);
    if (slash == std::string_view::npos) break;
    b = slash + 1;
  }
  return out;
}

}  // namespace dyad
