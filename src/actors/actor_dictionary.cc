// The actors-file reader and the ActorDictionary front door.
//
// Format history beside the loader (STYLE §7): the actor format is TABARI's
// (KEDS, 1990s), changed by PETRARCH (2014) so that date restrictions are on
// lines of their own, though the Phoenix files still put several codes on
// the primary line. dyad reads both; docs/formats/dictionaries.md.

#include <utility>

#include "actors/actor_dictionary_internal.h"
#include "actors/dictionary_dates_internal.h"
#include "actors/dictionary_lines_internal.h"
#include "util/read_file.h"

namespace dyad {
namespace actors_internal {
namespace {

using Rep = DictionaryRep;

struct PendingPhrase {
  uint32_t line;
  std::string text;
};

// One record of an actors file: a primary line, its '+' synonyms and its
// code lines, read until the next primary line.
struct Block {
  bool open = false;
  uint32_t line = 0;
  std::string name;
  std::vector<PendingPhrase> phrases;
  std::vector<Rep::CodeLine> codes;
};

// Reads the "[CODE restriction]" groups of `s` into *codes.
void ParseCodeGroups(std::string_view s, std::string_view file, uint32_t line, Rep* rep,
                     std::vector<Rep::CodeLine>* codes, std::vector<std::string>* problems) {
  size_t i = 0;
  std::string code;
  std::string restriction;
  std::string error;
  while (true) {
    while (i < s.size() && IsBlank(s[i])) ++i;
    if (i >= s.size()) break;
    if (s[i] != '[') {
      AddProblem(problems, file, line, "unexpected text " + Quote(s.substr(i)) + " after a code");
      break;
    }
    size_t close = s.find(']', i);
    if (close == std::string_view::npos) {
      AddProblem(problems, file, line, "'[' without ']' in " + Quote(s.substr(i)));
      break;
    }
    std::string_view inner = Trim(s.substr(i + 1, close - i - 1));
    i = close + 1;
    if (inner.empty()) {
      AddProblem(problems, file, line, "empty code '[]'");
      continue;
    }
    size_t blank = 0;
    while (blank < inner.size() && !IsBlank(inner[blank])) ++blank;
    std::string_view raw_code = inner.substr(0, blank);
    restriction.clear();
    for (char c : inner.substr(blank)) {
      if (!IsBlank(c)) restriction += c;
    }
    if (!NormalizeActorCode(raw_code, &code)) {
      AddProblem(problems, file, line,
                 "bad code " + Quote(raw_code) +
                     " (letters and digits, '/' between compound parts, or '---')");
      continue;
    }
    if (!IsCameoShaped(code)) {
      AddProblem(
          problems, file, line,
          "code " + Quote(code) + " is not made of 3-letter CAMEO segments; kept as written");
    }
    DateRestriction r;
    if (!ParseDateRestriction(restriction, &r, &error)) {
      AddProblem(problems, file, line, error + "; code " + code + " skipped");
      continue;
    }
    if (r.bare_date) {
      AddProblem(problems, file, line,
                 "date restriction " + Quote(restriction) + " has no '<', '>' or '-'; read as '>" +
                     restriction + "'");
    }
    codes->push_back(Rep::CodeLine{rep->codes.Intern(code), r.from, r.to, r.unrestricted});
  }
}

bool SameCodes(const Rep& rep, uint32_t a, uint32_t b) {
  const Rep::ActorRecord& x = rep.actors[a];
  const Rep::ActorRecord& y = rep.actors[b];
  if (x.code_count != y.code_count) return false;
  for (uint32_t k = 0; k < x.code_count; ++k) {
    const Rep::CodeLine& p = rep.code_lines[x.first_code + k];
    const Rep::CodeLine& q = rep.code_lines[y.first_code + k];
    if (p.code != q.code || p.from != q.from || p.to != q.to || p.unrestricted != q.unrestricted) {
      return false;
    }
  }
  return true;
}

void MarkGenerated(Rep* rep, uint32_t node, bool generated) {
  if (rep->generated.size() <= node) rep->generated.resize(rep->trie.node_count(), false);
  rep->generated[node] = generated;
}

bool IsGenerated(const Rep& rep, uint32_t node) {
  return node < rep.generated.size() && rep.generated[node];
}

void FinishBlock(Block* block, std::string_view file, uint32_t source, Rep* rep,
                 std::vector<std::string>* problems) {
  if (!block->open) return;
  block->open = false;
  if (block->codes.empty()) {
    AddProblem(problems, file, block->line,
               "actor " + Quote(block->name) + " has no code; skipped");
    return;
  }
  uint32_t id = static_cast<uint32_t>(rep->actors.size());
  Rep::ActorRecord rec{};
  rec.name = rep->names.Intern(block->name);
  rec.first_code = static_cast<uint32_t>(rep->code_lines.size());
  rec.code_count = static_cast<uint32_t>(block->codes.size());
  rec.default_code = kNone;
  rec.source = source;
  rec.line = block->line;
  for (uint32_t k = 0; k < block->codes.size(); ++k) {
    const Rep::CodeLine& c = block->codes[k];
    if (!c.unrestricted) continue;
    if (rec.default_code == kNone) {
      rec.default_code = rec.first_code + k;
    } else if (block->codes[rec.default_code - rec.first_code].code != c.code) {
      AddProblem(
          problems, file, block->line,
          "actor " + Quote(block->name) + " has two unrestricted codes, " +
              std::string(rep->codes.Get(block->codes[rec.default_code - rec.first_code].code)) +
              " and " + std::string(rep->codes.Get(c.code)) + "; the first is used");
    }
  }
  rep->code_lines.insert(rep->code_lines.end(), block->codes.begin(), block->codes.end());
  rep->actors.push_back(rec);

  std::vector<std::string> tokens;
  std::vector<std::string> split;
  for (const PendingPhrase& p : block->phrases) {
    PhraseTokens(p.text, &tokens);
    if (tokens.empty()) {
      AddProblem(problems, file, p.line, "phrase " + Quote(p.text) + " has no words");
      continue;
    }
    uint32_t node = rep->trie.Insert(rep->actor_root, tokens);
    uint32_t old = rep->trie.value(node);
    if (old != kNone && old != id && !IsGenerated(*rep, node) && !SameCodes(*rep, old, id)) {
      const Rep::ActorRecord& o = rep->actors[old];
      AddProblem(problems, file, p.line,
                 "phrase " + Quote(p.text) + " is also actor " + Quote(rep->names.Get(o.name)) +
                     " (" + rep->sources[o.source] + ":" + std::to_string(o.line) +
                     ") with other codes; this later entry is used");
    }
    rep->trie.set_value(node, id);
    MarkGenerated(rep, node, false);
    if (HyphenSplitVariant(tokens, &split)) {
      uint32_t n2 = rep->trie.Insert(rep->actor_root, split);
      if (rep->trie.value(n2) == kNone || IsGenerated(*rep, n2)) {
        rep->trie.set_value(n2, id);
        MarkGenerated(rep, n2, true);
      }
    }
  }
}

}  // namespace

bool IsCameoShaped(std::string_view code) {
  if (code == "---") return true;
  size_t part = 0;
  for (char c : code) {
    if (c == '/') {
      if (part % 3 != 0) return false;
      part = 0;
    } else {
      ++part;
    }
  }
  return part % 3 == 0 && part > 0;
}

bool NormalizeActorCode(std::string_view in, std::string* out) {
  out->clear();
  if (in == "---") {
    *out = "---";
    return true;
  }
  if (in.empty() || in.front() == '/' || in.back() == '/') return false;
  char prev = 0;
  for (char c : in) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == '/' && prev != '/');
    if (!ok) return false;
    *out += c;
    prev = c;
  }
  return true;
}

void ReadActorSource(const DictionarySource& source, Rep* rep, std::vector<std::string>* problems) {
  const std::string& file = source.name;
  uint32_t source_index = static_cast<uint32_t>(rep->sources.size());
  rep->sources.push_back(file);
  DictionaryLineReader reader(file, source.text, problems);
  Block block;
  uint32_t n = 0;
  std::string_view line;
  while (reader.Next(&n, &line)) {
    if (line[0] == '[') {
      if (!block.open) {
        AddProblem(problems, file, n, "code line outside any actor record");
        continue;
      }
      ParseCodeGroups(line, file, n, rep, &block.codes, problems);
      continue;
    }
    bool synonym = line[0] == '+';
    if (synonym && !block.open) {
      AddProblem(problems, file, n, "synonym line before any actor record");
      continue;
    }
    if (!synonym) {
      FinishBlock(&block, file, source_index, rep, problems);
      block = Block();
      block.open = true;
      block.line = n;
    }
    std::string_view body = synonym ? line.substr(1) : line;
    size_t bracket = body.find('[');
    std::string_view phrase = Trim(body.substr(0, bracket));
    if (phrase.empty()) {
      AddProblem(problems, file, n, "line without a phrase");
    } else {
      if (!synonym) block.name = std::string(phrase);
      block.phrases.push_back(PendingPhrase{n, std::string(phrase)});
    }
    if (bracket != std::string_view::npos) {
      ParseCodeGroups(body.substr(bracket), file, n, rep, &block.codes, problems);
    }
  }
  FinishBlock(&block, file, source_index, rep, problems);
}

}  // namespace actors_internal

namespace {

using actors_internal::DictionaryRep;
using Rep = DictionaryRep;

}  // namespace

ActorDictionary::ActorDictionary(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
ActorDictionary::~ActorDictionary() = default;

Result<std::unique_ptr<ActorDictionary>> ActorDictionary::LoadFromSources(
    const std::vector<DictionarySource>& actors, const DictionarySource* agents,
    std::vector<std::string>* problems) {
  auto rep = std::make_unique<Rep>();
  for (const DictionarySource& s : actors) actors_internal::ReadActorSource(s, rep.get(), problems);
  if (agents != nullptr) actors_internal::ReadAgentSource(*agents, rep.get(), problems);
  std::vector<bool>().swap(rep->generated);
  rep->code_lines.shrink_to_fit();
  rep->actors.shrink_to_fit();
  rep->agents.shrink_to_fit();
  return std::unique_ptr<ActorDictionary>(new ActorDictionary(std::move(rep)));
}

Result<std::unique_ptr<ActorDictionary>> ActorDictionary::Load(
    const std::vector<std::string>& actor_files, const std::string& agent_file,
    std::vector<std::string>* problems) {
  std::vector<DictionarySource> actors(actor_files.size());
  for (size_t i = 0; i < actor_files.size(); ++i) {
    actors[i].name = actor_files[i];
    DYAD_RETURN_IF_ERROR(ReadFileInto(actor_files[i], &actors[i].text, "dictionary"));
  }
  DictionarySource agents;
  if (!agent_file.empty()) {
    agents.name = agent_file;
    DYAD_RETURN_IF_ERROR(ReadFileInto(agent_file, &agents.text, "dictionary"));
  }
  return LoadFromSources(actors, agent_file.empty() ? nullptr : &agents, problems);
}

PhraseMatch ActorDictionary::LongestActorMatch(const std::vector<std::string_view>& lowered_tokens,
                                               size_t start) const {
  return rep_->trie.Longest(rep_->actor_root, lowered_tokens, start);
}

PhraseMatch ActorDictionary::LongestAgentMatch(const std::vector<std::string_view>& lowered_tokens,
                                               size_t start) const {
  return rep_->trie.Longest(rep_->agent_root, lowered_tokens, start);
}

size_t ActorDictionary::actor_count() const { return rep_->actors.size(); }
size_t ActorDictionary::agent_count() const { return rep_->agents.size(); }

std::optional<std::string> ActorDictionary::CodeOn(uint32_t entry, int32_t yyyymmdd) const {
  const Rep::ActorRecord& a = rep_->actors[entry];
  uint32_t chosen = a.default_code;
  for (uint32_t k = a.first_code; k < a.first_code + a.code_count; ++k) {
    const Rep::CodeLine& c = rep_->code_lines[k];
    if (!c.unrestricted && c.from <= yyyymmdd && yyyymmdd <= c.to) {
      chosen = k;
      break;
    }
  }
  if (chosen == actors_internal::kNone) return std::nullopt;
  std::string_view code = rep_->codes.Get(rep_->code_lines[chosen].code);
  if (code == "---") return std::nullopt;
  return std::string(code);
}

std::vector<DatedCode> ActorDictionary::Codes(uint32_t entry) const {
  const Rep::ActorRecord& a = rep_->actors[entry];
  std::vector<DatedCode> out;
  out.reserve(a.code_count);
  for (uint32_t k = a.first_code; k < a.first_code + a.code_count; ++k) {
    const Rep::CodeLine& c = rep_->code_lines[k];
    out.push_back(DatedCode{rep_->codes.Get(c.code), c.from, c.to, c.unrestricted});
  }
  return out;
}

std::string_view ActorDictionary::ActorName(uint32_t entry) const {
  return rep_->names.Get(rep_->actors[entry].name);
}

std::string ActorDictionary::ActorSource(uint32_t entry) const {
  const Rep::ActorRecord& a = rep_->actors[entry];
  return rep_->sources[a.source] + ":" + std::to_string(a.line);
}

AgentCode ActorDictionary::Agent(uint32_t entry) const {
  const Rep::AgentRecord& a = rep_->agents[entry];
  return AgentCode{rep_->codes.Get(a.code), a.side};
}

std::string_view ActorDictionary::AgentName(uint32_t entry) const {
  return rep_->names.Get(rep_->agents[entry].name);
}

std::string ActorDictionary::AgentSource(uint32_t entry) const {
  const Rep::AgentRecord& a = rep_->agents[entry];
  return rep_->sources[a.source] + ":" + std::to_string(a.line);
}

}  // namespace dyad
