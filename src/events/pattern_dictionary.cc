// Readers of the PETRARCH2 verb pattern dictionary (with TABARI /
// PETRARCH-1 markers), the internal coding ontology, the discard list and the
// issue list. Formats and dyad's decisions: docs/events.md.
#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "actors/dictionary_lines_internal.h"
#include "events/event_coder_internal.h"
#include "util/ascii.h"

namespace dyad::events_internal {
namespace {

using actors_internal::AddProblem;
using actors_internal::DictionaryLineReader;
using actors_internal::Trim;

bool IsBlankChar(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::vector<std::string_view> SplitBlanks(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsBlankChar(s[i])) ++i;
    size_t b = i;
    while (i < s.size() && !IsBlankChar(s[i])) ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

// "WIRE_+TAP" -> words split on '_' (and blanks), lower-case.
std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == '_' || IsBlankChar(c)) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += AsciiLower(c);
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

bool IsCameoCodeText(std::string_view c) {
  if (c == "---") return true;
  if (c.size() < 2 || c.size() > 4) return false;
  return std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// "[050]", "[042:043]", "[---]" -> code; nullopt when malformed.
std::optional<PatternCode> ParseCode(std::string_view inside) {
  inside = Trim(inside);
  PatternCode pc;
  size_t colon = inside.find(':');
  std::string_view a = Trim(inside.substr(0, colon));
  // "[:173]": no event from source to target, only the reverse one.
  if (a.empty() && colon != std::string_view::npos) a = "---";
  if (!IsCameoCodeText(a)) return std::nullopt;
  pc.code = std::string(a);
  if (colon != std::string_view::npos) {
    std::string_view b = Trim(inside.substr(colon + 1));
    if (!IsCameoCodeText(b)) return std::nullopt;
    if (b != "---") pc.reverse = std::string(b);
  }
  return pc;
}

struct Synset {
  std::vector<WordSeq> members;
  bool no_plural = false;
};

struct ReaderState {
  std::string_view name;
  PatternDictionary* dict;
  std::vector<std::string>* problems;
  std::unordered_map<std::string, Synset>* synsets;
  // Context: the synset being defined, or the block being read.
  std::string current_synset;
  int64_t current_block = -1;
  TriggerKind kind = TriggerKind::kVerb;  // what the file's triggers are
};

// Evidence names the file without its folder: the same dictionary gives the
// same rule text wherever it is installed.
std::string Rule(std::string_view name, uint32_t line, std::string_view text) {
  const size_t slash = name.find_last_of('/');
  std::string r(slash == std::string_view::npos ? name : name.substr(slash + 1));
  r += ':';
  r += std::to_string(line);
  r += ": ";
  // Column padding in the file is not part of the rule.
  bool blank = false;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      blank = true;
      continue;
    }
    if (blank && r.back() != ' ') r += ' ';
    blank = false;
    r += c;
  }
  return r;
}

// A synset member or trigger phrase as a word sequence; '_' at the end: no plural.
WordSeq MemberSeq(std::string_view text) {
  WordSeq seq;
  std::string t(text);
  t.erase(std::remove(t.begin(), t.end(), '('), t.end());
  t.erase(std::remove(t.begin(), t.end(), ')'), t.end());
  std::string_view tv = Trim(t);
  if (!tv.empty() && tv.back() == '_') seq.form_only = true;
  seq.words = SplitWords(tv);
  return seq;
}

void AddSynsetMember(ReaderState* st, uint32_t line, std::string_view text) {
  Synset& syn = (*st->synsets)[st->current_synset];
  std::string_view t = Trim(text);
  if (!t.empty() && t[0] == '&') {  // an embedded synset: its members
    std::string inner = AsciiLower(t);
    auto it = st->synsets->find(inner);
    if (it == st->synsets->end()) {
      inner += '_';
      it = st->synsets->find(inner);
    }
    if (it == st->synsets->end() || inner == st->current_synset) {
      AddProblem(st->problems, st->name, line, "synset " + std::string(t) + " is not defined before use");
      return;
    }
    std::vector<WordSeq> copy = it->second.members;
    Synset& target = (*st->synsets)[st->current_synset];
    target.members.insert(target.members.end(), copy.begin(), copy.end());
    return;
  }
  WordSeq seq = MemberSeq(t);
  if (seq.words.empty()) {
    AddProblem(st->problems, st->name, line, "empty synset member");
    return;
  }
  if (syn.no_plural) seq.form_only = true;
  syn.members.push_back(std::move(seq));
}

// Tokenises a pattern body: words, {...} groups, (...) groups, markers.
struct Tok {
  enum Kind { kWord, kBrace, kParen, kStar } kind;
  std::string_view text;  // inside the brackets for kBrace / kParen
};

bool Tokenize(std::string_view body, std::vector<Tok>* out, std::string* error) {
  size_t i = 0;
  while (i < body.size()) {
    char c = body[i];
    if (IsBlankChar(c)) {
      ++i;
      continue;
    }
    if (c == '{' || c == '(') {
      char close = c == '{' ? '}' : ')';
      size_t e = body.find(close, i + 1);
      if (e == std::string_view::npos) {
        *error = std::string("unclosed '") + c + "'";
        return false;
      }
      std::string_view inside = body.substr(i + 1, e - i - 1);
      // A '{' inside parentheses: "(FOR {FINANCIAL AID})" — find the ')' after the '}'.
      if (c == '(' && inside.find('{') != std::string_view::npos) {
        size_t brace_end = body.find('}', i + 1);
        if (brace_end == std::string_view::npos) {
          *error = "unclosed '{'";
          return false;
        }
        e = body.find(')', brace_end);
        if (e == std::string_view::npos) {
          *error = "unclosed '('";
          return false;
        }
        inside = body.substr(i + 1, e - i - 1);
      }
      out->push_back({c == '{' ? Tok::kBrace : Tok::kParen, inside});
      i = e + 1;
      continue;
    }
    if (c == '}' || c == ')') {
      *error = std::string("unexpected '") + c + "'";
      return false;
    }
    size_t b = i;
    while (i < body.size() && !IsBlankChar(body[i]) && body[i] != '{' && body[i] != '(') ++i;
    std::string_view w = body.substr(b, i - b);
    out->push_back({w == "*" ? Tok::kStar : Tok::kWord, w});
  }
  return true;
}

// One word token -> element. False (with *error) for an unknown synset.
bool WordElem(ReaderState* st, std::string_view w, Elem* e, std::string* error) {
  if (w == "$") e->kind = Elem::kSource;
  else if (w == "+") e->kind = Elem::kTarget;
  else if (w == "^") e->kind = Elem::kSkip;
  else if (w == "%") e->kind = Elem::kCompound;
  else if (w[0] == '&') {
    std::string label = AsciiLower(w);
    auto it = st->synsets->find(label);
    if (it == st->synsets->end()) it = st->synsets->find(label + "_");
    if (it == st->synsets->end() || it->second.members.empty()) {
      *error = "synset " + std::string(w) + " is not defined before use";
      return false;
    }
    e->kind = Elem::kTerm;
    e->alts = it->second.members;
  } else {
    WordSeq seq;
    std::string_view t = w;
    if (!t.empty() && t.back() == '_') seq.form_only = true;
    seq.words = SplitWords(t);
    if (seq.words.empty()) {
      *error = "empty word";
      return false;
    }
    e->kind = Elem::kTerm;
    e->alts.push_back(std::move(seq));
  }
  return true;
}

bool GroupElem(ReaderState* st, const Tok& tok, Elem* e, std::string* error) {
  std::vector<Tok> inner;
  if (!Tokenize(tok.text, &inner, error)) return false;
  if (tok.kind == Tok::kBrace) {
    e->kind = Elem::kPhrase;
    for (const Tok& t : inner) {
      if (t.kind != Tok::kWord) {
        *error = "only words inside {...}";
        return false;
      }
      Elem part;
      if (!WordElem(st, t.text, &part, error)) return false;
      e->parts.push_back(std::move(part));
    }
    if (e->parts.empty()) {
      *error = "empty {}";
      return false;
    }
    return true;
  }
  // (P X...): the preposition, then its object (a word, a {phrase}, a marker,
  // or several words read as a phrase whose last word is the head).
  e->kind = Elem::kPrep;
  if (inner.empty() || inner[0].kind != Tok::kWord) {
    *error = "a (...) group must start with a preposition";
    return false;
  }
  Elem prep;
  if (!WordElem(st, inner[0].text, &prep, error)) return false;
  e->parts.push_back(std::move(prep));
  if (inner.size() == 2) {
    Elem obj;
    if (inner[1].kind == Tok::kBrace) {
      if (!GroupElem(st, inner[1], &obj, error)) return false;
    } else if (inner[1].kind == Tok::kWord) {
      if (!WordElem(st, inner[1].text, &obj, error)) return false;
    } else {
      *error = "unexpected token inside (...)";
      return false;
    }
    e->parts.push_back(std::move(obj));
  } else if (inner.size() > 2 &&
             std::all_of(inner.begin() + 1, inner.end(), [](const Tok& t) { return t.text == "^"; })) {
    Elem obj;  // "(AT ^ ^)": one noun phrase, however long
    obj.kind = Elem::kSkip;
    e->parts.push_back(std::move(obj));
  } else if (inner.size() > 2) {
    Elem obj;
    obj.kind = Elem::kPhrase;
    for (size_t i = 1; i < inner.size(); ++i) {
      if (inner[i].kind != Tok::kWord) {
        *error = "unexpected group inside (...)";
        return false;
      }
      Elem part;
      if (!WordElem(st, inner[i].text, &part, error)) return false;
      obj.parts.push_back(std::move(part));
    }
    e->parts.push_back(std::move(obj));
  }
  return true;
}

int ElemWeight(const Elem& e) {
  switch (e.kind) {
    case Elem::kTerm:
      return 2;
    case Elem::kPhrase:
    case Elem::kPrep: {
      int w = e.kind == Elem::kPrep ? 1 : 0;
      for (const Elem& p : e.parts) w += ElemWeight(p);
      return w;
    }
    case Elem::kSource:
    case Elem::kTarget:
    case Elem::kCompound:
      return 1;
    case Elem::kSkip:
      return 0;
  }
  return 0;
}

void ReadPatternLine(ReaderState* st, uint32_t line, std::string_view text) {
  std::string_view body = text;
  if (!body.empty() && body[0] == '-') body.remove_prefix(1);
  size_t open = body.rfind('[');
  size_t close = body.rfind(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    AddProblem(st->problems, st->name, line, "pattern without a [code]");
    return;
  }
  auto code = ParseCode(body.substr(open + 1, close - open - 1));
  if (!code) {
    AddProblem(st->problems, st->name, line,
               "invalid code [" + std::string(body.substr(open + 1, close - open - 1)) +
                   "] (expected 2-4 digits, '---', or two of them joined by ':')");
    return;
  }
  if (st->current_block < 0) {
    AddProblem(st->problems, st->name, line, "pattern outside a '--- VERB ---' block");
    return;
  }
  std::vector<Tok> toks;
  std::string error;
  if (!Tokenize(body.substr(0, open), &toks, &error)) {
    AddProblem(st->problems, st->name, line, error);
    return;
  }
  Pattern p;
  p.code = *code;
  bool seen_star = false;
  for (const Tok& t : toks) {
    if (t.kind == Tok::kStar) {
      if (seen_star) {
        AddProblem(st->problems, st->name, line, "two '*' in a pattern");
        return;
      }
      seen_star = true;
      continue;
    }
    Elem e;
    bool ok = t.kind == Tok::kWord ? WordElem(st, t.text, &e, &error) : GroupElem(st, t, &e, &error);
    if (!ok) {
      AddProblem(st->problems, st->name, line, error + "; pattern ignored");
      return;
    }
    if (e.kind == Elem::kCompound) p.reciprocal = true;
    (seen_star ? p.post : p.pre).push_back(std::move(e));
  }
  if (!seen_star) {
    AddProblem(st->problems, st->name, line, "pattern without '*' (the verb's place)");
    return;
  }
  for (const Elem& e : p.pre) p.weight += ElemWeight(e);
  for (const Elem& e : p.post) p.weight += ElemWeight(e);
  if (p.weight == 0) {
    AddProblem(st->problems, st->name, line, "pattern can never match: it requires nothing beside the verb");
    return;
  }
  p.rule = Rule(st->name, line, text);
  st->dict->blocks[st->current_block].patterns.push_back(std::move(p));
  ++st->dict->pattern_count;
}

// "WORD", "+WORD_OFF", "WIRE_+TAP" -> form; false when malformed.
bool ParseTriggerWord(std::string_view w, TriggerForm* f) {
  std::vector<std::string> words;
  int marked = -1;
  std::string cur;
  bool mark_next = false;
  auto flush = [&]() {
    if (!cur.empty()) {
      if (mark_next) marked = static_cast<int>(words.size());
      words.push_back(cur);
      cur.clear();
      mark_next = false;
    }
  };
  for (char c : w) {
    if (c == '_') {
      flush();
    } else if (c == '+') {
      flush();
      mark_next = true;
    } else {
      cur += AsciiLower(c);
    }
  }
  flush();
  if (words.empty()) return false;
  if (marked < 0) {
    if (words.size() > 1) marked = 0;  // "CLEAR_UP" without '+': the first word
    else marked = 0;
  }
  f->word = words[marked];
  f->before.assign(words.begin(), words.begin() + marked);
  f->after.assign(words.begin() + marked + 1, words.end());
  return true;
}

void IndexTrigger(PatternDictionary* dict, uint32_t index, const std::string& form, bool base) {
  auto& v = (base ? dict->by_base : dict->by_form)[form];
  if (std::find(v.begin(), v.end(), index) == v.end()) v.push_back(index);
}

void ReadTriggerLine(ReaderState* st, uint32_t line, std::string_view text) {
  if (st->current_block < 0) {
    AddProblem(st->problems, st->name, line, "verb outside a '--- VERB ---' block");
    return;
  }
  std::string_view rest = text;
  std::optional<PatternCode> code;
  size_t open = rest.find('[');
  if (open != std::string_view::npos) {
    size_t close = rest.find(']', open);
    if (close == std::string_view::npos) {
      AddProblem(st->problems, st->name, line, "unclosed '['");
      return;
    }
    code = ParseCode(rest.substr(open + 1, close - open - 1));
    if (!code) {
      AddProblem(st->problems, st->name, line,
                 "invalid code [" + std::string(rest.substr(open + 1, close - open - 1)) + "]");
      return;
    }
    rest = rest.substr(0, open);
  }
  std::string_view irregular;
  size_t brace = rest.find('{');
  if (brace != std::string_view::npos) {
    size_t close = rest.find('}', brace);
    if (close == std::string_view::npos) {
      AddProblem(st->problems, st->name, line, "unclosed '{'");
      return;
    }
    irregular = rest.substr(brace + 1, close - brace - 1);
    rest = rest.substr(0, brace);
  }
  std::vector<std::string_view> heads = SplitBlanks(rest);
  if (heads.size() != 1) {
    AddProblem(st->problems, st->name, line,
               heads.empty() ? "verb line without a verb" : "several words on a verb line (join a phrase with '_')");
    return;
  }
  TriggerForm base;
  if (!ParseTriggerWord(heads[0], &base)) {
    AddProblem(st->problems, st->name, line, "malformed verb");
    return;
  }
  base.code = code;
  base.block = static_cast<uint32_t>(st->current_block);
  base.rule = Rule(st->name, line, text);
  base.kind = st->kind;
  PatternDictionary* d = st->dict;
  uint32_t index = static_cast<uint32_t>(d->triggers.size());
  d->triggers.push_back(base);
  IndexTrigger(d, index, base.word, /*base=*/true);
  IndexTrigger(d, index, base.word, /*base=*/false);
  if (st->kind == TriggerKind::kNoun) {
    // A noun: its regular plural, or the irregular ones written in {}.
    if (irregular.empty()) {
      IndexTrigger(d, index, RegularPlural(base.word), false);
    } else {
      for (std::string_view w : SplitBlanks(irregular)) IndexTrigger(d, index, AsciiLower(w), false);
    }
    return;
  }
  if (irregular.empty()) {
    for (const std::string& f : RegularVerbForms(base.word)) IndexTrigger(d, index, f, false);
    return;
  }
  // Irregular forms: each its own trigger form (same block, same code), so
  // that "+BROKE_DOWN" keeps its particle.
  for (std::string_view w : SplitBlanks(irregular)) {
    TriggerForm f;
    if (!ParseTriggerWord(w, &f)) continue;
    f.code = code;
    f.block = base.block;
    f.rule = base.rule;
    f.kind = base.kind;
    if (f.before == base.before && f.after == base.after) {
      IndexTrigger(d, index, f.word, false);
      continue;
    }
    uint32_t fi = static_cast<uint32_t>(d->triggers.size());
    std::string word = f.word;
    d->triggers.push_back(std::move(f));
    IndexTrigger(d, fi, word, false);
    IndexTrigger(d, fi, base.word, true);
  }
}

// "~ a (a b ATTACK) SAY = a b 015"
void ReadTransformation(ReaderState* st, uint32_t line, std::string_view text) {
  std::string t(text.substr(1));
  size_t eq = t.find('=');
  size_t open = t.find('(');
  size_t close = t.find(')');
  auto bad = [&](const char* why) {
    AddProblem(st->problems, st->name, line, std::string("malformed transformation: ") + why);
  };
  if (eq == std::string::npos || open == std::string::npos || close == std::string::npos ||
      !(open < close && close < eq)) {
    return bad("expected '~ a (b c VERB) VERB = x y CODE'");
  }
  auto top = SplitBlanks(std::string_view(t).substr(0, open));
  auto low = SplitBlanks(std::string_view(t).substr(open + 1, close - open - 1));
  auto top_verb = SplitBlanks(std::string_view(t).substr(close + 1, eq - close - 1));
  auto out = SplitBlanks(std::string_view(t).substr(eq + 1));
  auto var = [](std::string_view v) { return v.size() == 1 ? v[0] : '\0'; };
  if (top.size() != 1 || low.size() != 3 || top_verb.size() != 1 || out.size() != 3 || !var(top[0]) ||
      !var(low[0]) || !var(low[1]) || !var(out[0]) || !var(out[1])) {
    return bad("expected '~ a (b c VERB) VERB = x y CODE'");
  }
  Transformation tr;
  tr.top_source = var(top[0]);
  tr.low_source = var(low[0]);
  tr.low_target = var(low[1]);
  // Verb names are resolved to codes once every file is read; keep the words.
  std::vector<std::string> low_words = SplitWords(low[2]);
  if (low_words.size() == 1 && low_words[0] == "q") {
    tr.low_code.clear();
  } else {
    tr.low_code = "=" + low_words.back();  // resolved later
    low_words.pop_back();
    tr.low_aux = low_words;
  }
  tr.top_code = "=" + AsciiLower(top_verb[0]);
  tr.out_source = var(out[0]);
  tr.out_target = var(out[1]);
  tr.out_code = std::string(out[2]);
  if (tr.out_code != "Q" && tr.out_code != "q" && !IsCameoCodeText(tr.out_code)) {
    return bad("the result code must be a CAMEO code or Q");
  }
  if (tr.out_code == "q") tr.out_code = "Q";
  tr.rule = Rule(st->name, line, text);
  st->dict->transformations.push_back(std::move(tr));
}

}  // namespace

std::vector<std::string> RegularVerbForms(const std::string& base) {
  std::vector<std::string> out;
  if (base.empty()) return out;
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  char last = base.back();
  std::string s, ed, ing;
  if (last == 'y' && base.size() > 1 && !vowel(base[base.size() - 2])) {
    std::string stem = base.substr(0, base.size() - 1);
    s = stem + "ies";
    ed = stem + "ied";
    ing = base + "ing";
  } else if (last == 'e') {
    s = base + "s";
    ed = base + "d";
    bool keep_e = base.size() > 1 && (base[base.size() - 2] == 'e' || base[base.size() - 2] == 'y' ||
                                      base[base.size() - 2] == 'o');  // agreeing, dyeing, hoeing
    ing = keep_e ? base + "ing" : base.substr(0, base.size() - 1) + "ing";
  } else {
    bool sibilant = last == 's' || last == 'x' || last == 'z' ||
                    (base.size() > 1 && (base.substr(base.size() - 2) == "ch" || base.substr(base.size() - 2) == "sh"));
    s = base + (sibilant ? "es" : "s");
    ed = base + "ed";
    ing = base + "ing";
    // Consonant doubling for short consonant-vowel-consonant verbs ("stop").
    if (base.size() >= 3 && !vowel(last) && last != 'w' && last != 'x' && last != 'y' &&
        vowel(base[base.size() - 2]) && !vowel(base[base.size() - 3]) && base.size() <= 4) {
      out.push_back(base + last + "ed");
      out.push_back(base + last + "ing");
    }
  }
  out.push_back(s);
  out.push_back(ed);
  out.push_back(ing);
  return out;
}

std::string RegularPlural(const std::string& noun) {
  if (noun.empty()) return noun;
  if (noun.back() == 'y' && noun.size() > 1) return noun.substr(0, noun.size() - 1) + "ies";
  if (noun.size() > 1 && noun.substr(noun.size() - 2) == "ss") return noun + "es";
  return noun + "s";
}

void ReadPatternFile(std::string_view name, std::string_view text, PatternDictionary* dict,
                     std::vector<std::string>* problems, TriggerKind kind) {
  std::unordered_map<std::string, Synset> synsets;
  ReaderState st{name, dict, problems, &synsets, "", -1, kind};
  DictionaryLineReader reader(name, text, problems);
  uint32_t line = 0;
  std::string_view l;
  while (reader.Next(&line, &l)) {
    if (l.size() >= 3 && l.substr(0, 3) == "---") {
      // "--- NAME [CODE] ---"
      PatternCode code{"---", ""};
      size_t open = l.find('[');
      size_t close = l.find(']');
      if (open != std::string_view::npos && close != std::string_view::npos && open < close) {
        auto c = ParseCode(l.substr(open + 1, close - open - 1));
        if (!c) {
          AddProblem(problems, name, line,
                     "invalid block code [" + std::string(l.substr(open + 1, close - open - 1)) +
                         "]; the block's verbs are read with the null code");
        } else {
          code = *c;
        }
      }
      Block b;
      b.code = code;
      b.rule = Rule(name, line, l);
      dict->blocks.push_back(std::move(b));
      st.current_block = static_cast<int64_t>(dict->blocks.size()) - 1;
      st.current_synset.clear();
      continue;
    }
    char c = l[0];
    if (c == '&') {
      std::vector<std::string_view> parts = SplitBlanks(l);
      std::string label = AsciiLower(parts[0]);
      if (label.size() < 2) {
        AddProblem(problems, name, line, "synset without a name");
        continue;
      }
      st.current_synset = label;
      Synset& syn = synsets[label];
      syn.members.clear();  // a redefinition replaces the earlier one
      syn.no_plural = label.back() == '_';
      // The label is also usable without its trailing '_'.
      continue;
    }
    if (c == '+' && !st.current_synset.empty()) {
      AddSynsetMember(&st, line, l.substr(1));
      continue;
    }
    st.current_synset.clear();
    if (c == '~') {
      ReadTransformation(&st, line, l);
    } else if (c == '-' || c == '*') {
      // A line starting with '*' is a pattern whose '-' was left out.
      ReadPatternLine(&st, line, l);
    } else if (c == '<') {
      continue;  // XML-style markers of older files
    } else {
      ReadTriggerLine(&st, line, l);
    }
  }
  // Synset labels with a trailing '_' may be written without it in patterns;
  // handled at definition time by the format's authors, nothing to do here.
}

namespace {
constexpr size_t kFilterBits = size_t{1} << 16;
// Two bit positions from one hash of the key.
std::pair<size_t, size_t> FilterBits(std::string_view key) {
  const size_t h = std::hash<std::string_view>{}(key);
  return {h & (kFilterBits - 1), (h >> 32) & (kFilterBits - 1)};
}
}  // namespace

void KeyFilter::Add(std::string_view key) {
  if (bits_.empty()) bits_.assign(kFilterBits / 64, 0);
  auto [a, b] = FilterBits(key);
  bits_[a / 64] |= uint64_t{1} << (a % 64);
  bits_[b / 64] |= uint64_t{1} << (b % 64);
}

bool KeyFilter::MayHave(std::string_view key) const {
  if (bits_.empty()) return false;
  auto [a, b] = FilterBits(key);
  return (bits_[a / 64] >> (a % 64) & 1) && (bits_[b / 64] >> (b % 64) & 1);
}

void FinishPatternDictionary(PatternDictionary* dict) {
  auto code_of = [dict](const std::string& word) -> std::string {
    const std::vector<uint32_t>* v = nullptr;
    auto it = dict->by_base.find(word);
    if (it != dict->by_base.end()) {
      v = &it->second;
    } else {
      auto jt = dict->by_form.find(word);
      if (jt != dict->by_form.end()) v = &jt->second;
    }
    if (v == nullptr) return "";
    for (uint32_t i : *v) {
      const TriggerForm& f = dict->triggers[i];
      if (!f.before.empty() || !f.after.empty()) continue;
      const PatternCode& pc = f.code ? *f.code : dict->blocks[f.block].code;
      return pc.code;
    }
    return "";
  };
  std::vector<Transformation> kept;
  for (Transformation& t : dict->transformations) {
    if (t.top_code.size() > 1 && t.top_code[0] == '=') t.top_code = code_of(t.top_code.substr(1));
    if (t.low_code.size() > 1 && t.low_code[0] == '=') t.low_code = code_of(t.low_code.substr(1));
    if (t.top_code.empty() || t.top_code == "---") continue;  // the verb is not in the dictionary
    kept.push_back(std::move(t));
  }
  dict->transformations = std::move(kept);
}

std::optional<int64_t> Ontology::Value(std::string_view c) const {
  auto it = value.find(std::string(c));
  if (it == value.end()) return std::nullopt;
  return it->second;
}

const std::string* Ontology::Code(int64_t v) const {
  auto it = code.find(v);
  return it == code.end() ? nullptr : &it->second;
}

namespace {

// "0xFFFF+0x0080", "-0xFFFF+0x2040+0x300", "0x1000-0xFFFF" -> value.
std::optional<int64_t> ParseOntologyValue(std::string_view s) {
  s = Trim(s);
  if (s.empty()) return std::nullopt;
  int64_t total = 0;
  size_t i = 0;
  bool any = false;
  while (i < s.size()) {
    int sign = 1;
    while (i < s.size() && IsBlankChar(s[i])) ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      sign = s[i] == '-' ? -1 : 1;
      ++i;
    } else if (any) {
      return std::nullopt;
    }
    while (i < s.size() && IsBlankChar(s[i])) ++i;
    if (i + 1 < s.size() && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
      i += 2;
      size_t b = i;
      int64_t v = 0;
      while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) {
        char ch = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
        v = v * 16 + (ch <= '9' ? ch - '0' : ch - 'a' + 10);
        if (v > (int64_t{1} << 40)) return std::nullopt;
        ++i;
      }
      if (i == b) return std::nullopt;
      total += sign * v;
    } else {
      size_t b = i;
      int64_t v = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        v = v * 10 + (s[i] - '0');
        if (v > (int64_t{1} << 40)) return std::nullopt;
        ++i;
      }
      if (i == b) return std::nullopt;
      total += sign * v;
    }
    any = true;
    while (i < s.size() && IsBlankChar(s[i])) ++i;
  }
  return total;
}

}  // namespace

void ReadOntology(std::string_view name, std::string_view text, Ontology* ontology,
                  std::vector<std::string>* problems) {
  // Lines "CODE:VALUE[#VALUE...][#comment]". '#' separates alternative values
  // here, so the generic comment stripping cannot be used: split by hand.
  uint32_t line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (l.empty() || l[0] == '#') {
      if (end >= text.size()) break;
      continue;
    }
    size_t colon = l.find(':');
    std::string_view code = colon == std::string_view::npos ? l : Trim(l.substr(0, colon));
    if (colon == std::string_view::npos || !IsCameoCodeText(code)) {
      AddProblem(problems, name, line_no, "expected CODE:VALUE");
      if (end >= text.size()) break;
      continue;
    }
    if (code == "---") {
      if (end >= text.size()) break;
      continue;
    }
    std::string_view rest = l.substr(colon + 1);
    bool first = true;
    size_t b = 0;
    while (b <= rest.size()) {
      size_t h = rest.find('#', b);
      if (h == std::string_view::npos) h = rest.size();
      auto v = ParseOntologyValue(rest.substr(b, h - b));
      if (!v) break;  // the rest is a comment
      if (first) ontology->value.emplace(std::string(code), *v);
      ontology->code.emplace(*v, std::string(code));
      first = false;
      b = h + 1;
    }
    if (first) AddProblem(problems, name, line_no, "no value for code " + std::string(code));
    if (end >= text.size()) break;
  }
}

void ReadDiscards(std::string_view name, std::string_view text, std::vector<DiscardEntry>* out,
                  std::vector<std::string>* problems) {
  DictionaryLineReader reader(name, text, problems);
  uint32_t line = 0;
  std::string_view l;
  while (reader.Next(&line, &l)) {
    DiscardEntry d;
    std::string_view t = l;
    if (t[0] == '+') {
      d.story = true;
      t = Trim(t.substr(1));
    }
    if (!t.empty() && t.back() == '_') {
      d.whole_word = true;
      t.remove_suffix(1);
    }
    std::vector<std::string> words = SplitWords(t);
    if (words.empty()) {
      AddProblem(problems, name, line, "empty discard phrase");
      continue;
    }
    for (size_t i = 0; i < words.size(); ++i) d.text += (i ? " " : "") + words[i];
    d.rule = Rule(name, line, l);
    out->push_back(std::move(d));
  }
}

namespace {

// Expands one issue token: "n:crime", "v:purge", "al+zarqawi", "pre+n:school".
std::vector<std::vector<std::string>> ExpandIssueToken(std::string_view tok) {
  std::vector<std::vector<std::string>> out;
  // '+' joins: blank or hyphen (as one token) versions.
  std::vector<std::string_view> pieces;
  size_t b = 0;
  while (true) {
    size_t p = tok.find('+', b);
    pieces.push_back(tok.substr(b, p == std::string_view::npos ? std::string_view::npos : p - b));
    if (p == std::string_view::npos) break;
    b = p + 1;
  }
  std::vector<std::vector<std::string>> piece_forms;
  for (std::string_view piece : pieces) {
    std::vector<std::string> forms;
    std::string w = AsciiLower(piece);
    if (w.size() > 2 && w[1] == ':' && (w[0] == 'n' || w[0] == 'v')) {
      std::string base = w.substr(2);
      forms.push_back(base);
      if (w[0] == 'n') {
        forms.push_back(RegularPlural(base));
      } else {
        for (auto& f : RegularVerbForms(base)) forms.push_back(f);
      }
    } else {
      forms.push_back(w);
    }
    piece_forms.push_back(std::move(forms));
  }
  if (piece_forms.size() == 1) {
    for (auto& f : piece_forms[0]) out.push_back({f});
    return out;
  }
  // Joined pieces: the last piece carries the inflections.
  std::vector<std::string> fixed;
  for (size_t i = 0; i + 1 < piece_forms.size(); ++i) fixed.push_back(piece_forms[i][0]);
  for (const std::string& last : piece_forms.back()) {
    std::vector<std::string> spaced = fixed;
    spaced.push_back(last);
    out.push_back(spaced);
    std::string hyphen;
    for (const auto& s : spaced) hyphen += (hyphen.empty() ? "" : "-") + s;
    out.push_back({hyphen});
    std::string joined;
    for (const auto& s : spaced) joined += s;
    out.push_back({joined});
  }
  return out;
}

}  // namespace

void ReadIssues(std::string_view name, std::string_view text, std::vector<IssueEntry>* out,
                std::vector<std::string>* problems) {
  DictionaryLineReader reader(name, text, problems);
  uint32_t line = 0;
  std::string_view l;
  while (reader.Next(&line, &l)) {
    if (l[0] == '<') continue;  // <ISSUE CATEGORY=...> / </ISSUE>
    IssueEntry e;
    std::string_view t = l;
    if (t[0] == '~') {
      while (!t.empty() && t[0] == '~') t.remove_prefix(1);
    } else {
      size_t open = t.rfind('[');
      size_t close = t.rfind(']');
      if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
        AddProblem(problems, name, line, "issue phrase without a [CODE]");
        continue;
      }
      e.code = std::string(Trim(t.substr(open + 1, close - open - 1)));
      if (e.code.empty()) {
        AddProblem(problems, name, line, "empty issue code");
        continue;
      }
      t = t.substr(0, open);
    }
    std::vector<std::string_view> toks = SplitBlanks(t);
    if (toks.empty()) {
      AddProblem(problems, name, line, "empty issue phrase");
      continue;
    }
    std::vector<std::vector<std::string>> seqs = {{}};
    for (std::string_view tok : toks) {
      auto forms = ExpandIssueToken(tok);
      std::vector<std::vector<std::string>> next;
      for (const auto& s : seqs) {
        for (const auto& f : forms) {
          auto n = s;
          n.insert(n.end(), f.begin(), f.end());
          next.push_back(std::move(n));
        }
      }
      seqs = std::move(next);
      if (seqs.size() > 256) {
        AddProblem(problems, name, line, "issue phrase expands to too many forms; truncated");
        seqs.resize(256);
      }
    }
    e.alternatives = std::move(seqs);
    e.rule = Rule(name, line, l);
    out->push_back(std::move(e));
  }
}

}  // namespace dyad::events_internal
