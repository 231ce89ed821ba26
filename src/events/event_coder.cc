// The event coder: predicates of the UD parse matched against the pattern
// dictionaries, arguments resolved to actors, events appended to the
// document. How it decides: docs/events.md.
#include <algorithm>
#include <span>
#include <unordered_set>

#include "dyad/events.h"
#include "dyad/entities.h"
#include "dyad/utf8.h"
#include "events/event_coder_internal.h"
#include "util/ascii.h"
#include "util/read_file.h"

namespace dyad {
namespace events_internal {
namespace {

// ---------------------------------------------------------------- sentence view

// One word of the sentence being coded, normalised for matching.
struct SWord {
  std::string lower;  // lower-case form
  std::string lemma;  // lower-case lemma (the form when there is none)
  std::string rel;    // UD v2 relation ("obj", "obl:agent", "nsubj:pass")
  std::string base;   // the relation without its subtype ("obl")
  std::string_view upos, xpos, feats;
  int head = -1;
  std::vector<int> kids;
  Span span;
};

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string BaseRel(std::string_view rel) {
  size_t c = rel.find(':');
  return std::string(rel.substr(0, c));
}

// s lower-cased into *out, reusing its buffer: ASCII in place, anything
// else through utf8::ToLower.
void LowerInto(std::string_view s, std::string* out) {
  out->assign(s);
  for (char& c : *out) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      *out = utf8::ToLower(s);
      return;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

std::string Lower(std::string_view s) {
  std::string out;
  LowerInto(s, &out);
  return out;
}

// An actor found in the sentence.
struct ActorRef {
  std::string code;  // composed CAMEO code; empty = no actor (agent only)
  Span span;
  int entity = -1;
  int word = -1;  // the word the reference is anchored on
};

// What the dictionaries see at a word: the longest actor / agent phrase
// starting there, or an entity mention of the actors stage.
struct WordActor {
  int length = 0;  // words covered, 0 = nothing starts here
  std::string code;  // actor code ("" when the phrase is null on the date)
  int entity = -1;
  bool is_agent = false;
  AgentCode agent;
};

struct Captures {
  std::vector<ActorRef> source, target;
  bool has_source = false, has_target = false;
  bool compound = false;  // `source` holds the actors of a '%' (noun patterns)

  // Records the actors a `$` (as_target false) or `+` (true) matched.
  void Set(bool as_target, std::vector<ActorRef> actors) {
    if (as_target) {
      target = std::move(actors);
      has_target = true;
    } else {
      source = std::move(actors);
      has_source = true;
    }
  }
};

// One predicate of the sentence with what the dictionaries made of it.
struct Pred {
  int word = -1;
  const TriggerForm* trigger = nullptr;
  const Pattern* pattern = nullptr;
  PatternCode code;
  Captures captures;
  std::vector<Event> events;  // events of this predicate (before combination)
  bool done = false;
};

// True when a discard phrase of the wanted level (story or sentence) occurs
// in `tokens` (lower-case words): a phrase ending in '_' must end at a word
// end, otherwise its last word is a stem.
bool DiscardIn(const CoderRep& rep, const std::vector<std::string_view>& tokens, bool story) {
  auto matches = [&](const DiscardEntry& d, size_t i) {
    if (d.story != story) return false;
    std::string_view t = d.text;
    size_t k = i;
    while (true) {
      size_t sp = t.find(' ');
      std::string_view word = t.substr(0, sp);
      if (k >= tokens.size()) return false;
      if (sp == std::string_view::npos) {
        return d.whole_word ? tokens[k] == word : tokens[k].substr(0, word.size()) == word;
      }
      if (tokens[k] != word) return false;
      t.remove_prefix(sp + 1);
      ++k;
    }
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    auto it = rep.discard_filter.MayHave(tokens[i]) ? rep.discard_first.find(tokens[i]) : rep.discard_first.end();
    if (it != rep.discard_first.end()) {
      for (uint32_t e : it->second) {
        if (matches(rep.discards[e], i)) return true;
      }
    }
    if (rep.discard_stems.empty()) continue;
    // Stems are filed under their first three letters (or fewer).
    for (size_t len = 1; len <= tokens[i].size() && len <= 3; ++len) {
      if (!(rep.discard_stem_lengths & (1u << len)) || !rep.discard_filter.MayHave(tokens[i].substr(0, len))) continue;
      auto jt = rep.discard_stems.find(tokens[i].substr(0, len));
      if (jt == rep.discard_stems.end()) continue;
      for (uint32_t e : jt->second) {
        if (matches(rep.discards[e], i)) return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------- the coder

class SentenceCoder {
 public:
  SentenceCoder(const CoderRep& rep, Document* doc, uint32_t sentence_index, int32_t date)
      : rep_(rep), doc_(doc), si_(sentence_index), date_(date) {}

  void Run();

 private:
  void Build();
  void FindActors();
  const WordActor& At(int i) const;
  bool IsVerbLike(int i) const;
  const TriggerForm* FindTrigger(int i, TriggerKind kind = TriggerKind::kVerb) const;

  int Child(int i, std::string_view rel) const;
  bool IsPassive(int v) const;
  bool IsNegated(int v) const;
  int SubjectOf(int v, int depth = 0) const;
  int ObjectOf(int v) const;
  // v is a gerund introduced by a time word: "after leaving", "while visiting".
  bool TemporalGerund(int v) const;
  int AgentOf(int v) const;
  int CaseOf(int n) const;

  // Actors of the noun phrase headed by h (with its conjuncts).
  std::vector<ActorRef> Resolve(int h) const;
  // The actor a third-person pronoun at h refers back to: the most recent
  // entity mention with an actor that is (in) the subject of a clause, before
  // it, in this or the two sentences before, of a matching kind (he / she: a
  // person; it / they: a country or an organisation).
  std::optional<ActorRef> Antecedent(int h) const;
  // "... their behaviour has shown it, and we appreciate that": the actor a
  // demonstrative object stands for, the subject of the clause before it.
  std::vector<ActorRef> DemonstrativeReferent(int h) const;
  void ResolveOne(int h, std::vector<ActorRef>* actors, std::vector<AgentCode>* agents,
                  std::vector<int>* agent_words) const;
  void CollectNp(int h, bool skip_conj, std::vector<int>* out) const;
  void CollectWide(int h, std::vector<int>* out) const;
  int NpHead(int w) const;

  // Pattern matching.
  bool MatchPattern(const Pattern& p, int v, const std::vector<int>& post, const std::vector<int>& pre,
                    Captures* caps) const;
  void Regions(int v, std::vector<int>* post, std::vector<int>* pre) const;
  bool WordIs(int w, const std::string& pat, bool form_only) const;
  int TermAt(const Elem& e, int w) const;  // words matched from w, 0 = no match
  bool PhraseAt(const Elem& e, int h) const;
  bool PatternNames(const std::vector<Elem>& elems, int w) const;
  // Word w is inside a question or a condition ("whether ...", "if ...",
  // "what X would concede"): what it says did not happen.
  bool Hypothetical(int w) const;
  // The clause headed by x is introduced by "whether" or "if".
  bool OpensWithWhetherOrIf(int x) const;
  int ActorStartFrom(std::span<const int> region, size_t from, bool backward, size_t* at) const;
  bool MatchPost(const std::vector<Elem>& elems, std::span<const int> region, Captures* caps) const;
  bool MatchPre(const std::vector<Elem>& elems, int v, const std::vector<int>& region, Captures* caps) const;
  bool MatchElemForward(const Elem& e, std::span<const int> region, size_t* pos, Captures* caps) const;

  void CodePredicate(Pred* p);
  // Noun triggers.
  void PreModifiers(int n, std::vector<int>* out) const;
  bool MatchNounPattern(const Pattern& p, int n, Captures* caps) const;
  bool PrepMatches(const Elem& e, int dep, Captures* caps) const;
  std::vector<ActorRef> ClauseSource(int n, const std::vector<int>& exclude) const;
  bool CodedByVerb(int n, const std::vector<Pred>& verbs) const;
  void CodeNoun(Pred* p);
  std::vector<ActorRef> DefaultTarget(int v, const std::vector<int>& exclude) const;
  std::vector<ActorRef> FirstActorIn(const std::vector<int>& words, const std::vector<int>& exclude) const;
  void Emit(Pred* p, const std::vector<ActorRef>& src, const std::vector<ActorRef>& tgt,
            const std::string& code, const std::string& reverse, bool negated, const std::string& note);
  Event MakeEvent(const Pred& p, const ActorRef* src, const ActorRef* tgt, const std::string& code,
                  bool negated, const std::string& note) const;
  void Combine(std::vector<Pred>* preds);
  bool Discarded() const;
  std::vector<std::string> Issues() const;

  const CoderRep& rep_;
  Document* doc_;
  uint32_t si_;
  int32_t date_;
  uint32_t first_ = 0;
  int n_ = 0;
  // Per-thread scratch, reused from sentence to sentence (no allocation once
  // warm); only [0, n_) is meaningful.
  static std::vector<SWord>& Scratch() {
    thread_local std::vector<SWord> words;
    return words;
  }
  std::vector<SWord>& w_ = Scratch();
  // Lazily filled: at_[i] is valid once state_[i] is set (At()).
  mutable std::vector<WordActor> at_;
  mutable std::vector<char> state_;
  std::vector<std::string_view> toks_;
  std::vector<int> depth_;
  std::vector<std::string_view> vocab_;  // forms and lemmas that may be anchors, sorted
  std::vector<std::pair<uint32_t, uint32_t>> anchored_;  // candidate (block, pattern)s
};

void SentenceCoder::Build() {
  const Sentence& s = doc_->sentences[si_];
  first_ = s.first_word;
  n_ = static_cast<int>(std::min<size_t>(s.num_words, doc_->words.size() - std::min<size_t>(first_, doc_->words.size())));
  if (static_cast<int>(w_.size()) < n_) w_.resize(n_);
  for (int i = 0; i < n_; ++i) {
    const Word& wd = doc_->words[first_ + i];
    SWord& sw = w_[i];
    LowerInto(wd.form, &sw.lower);
    if (wd.lemma.empty() || wd.lemma == "_") {
      sw.lemma = sw.lower;
    } else {
      LowerInto(wd.lemma, &sw.lemma);
    }
    sw.kids.clear();
    sw.upos = wd.upos;
    sw.xpos = wd.xpos;
    sw.feats = wd.feats;
    sw.head = wd.head >= 0 && wd.head < n_ && wd.head != i ? wd.head : -1;
    sw.span = wd.span;
  }
  // Break cycles: a word whose head chain does not reach the root within n
  // steps is made a root.
  depth_.assign(n_, 0);
  for (int i = 0; i < n_; ++i) {
    int steps = 0, h = w_[i].head;
    while (h >= 0 && steps <= n_) {
      h = w_[h].head;
      ++steps;
    }
    if (steps > n_) w_[i].head = -1;
  }
  for (int i = 0; i < n_; ++i) {
    int steps = 0, h = w_[i].head;
    while (h >= 0) {
      h = w_[h].head;
      ++steps;
    }
    depth_[i] = steps;
  }
  for (int i = 0; i < n_; ++i) {
    const Word& wd = doc_->words[first_ + i];
    std::string_view head_upos = w_[i].head >= 0 ? w_[w_[i].head].upos : std::string_view();
    w_[i].rel = UdV2Deprel(wd.deprel, head_upos);
    const std::string& rel = w_[i].rel;
    w_[i].base.assign(rel, 0, rel.find(':'));
    if (w_[i].head >= 0) w_[w_[i].head].kids.push_back(i);
  }
}

void SentenceCoder::FindActors() {
  at_.assign(n_, WordActor());
  state_.assign(n_, 0);
  toks_.resize(n_);
  for (int i = 0; i < n_; ++i) toks_[i] = w_[i].lower;
  // Entity mentions of the actors stage first: they cover their words.
  for (size_t e = 0; e < doc_->entities.size(); ++e) {
    const Entity& ent = doc_->entities[e];
    if (!ent.actor) continue;
    for (const Mention& m : ent.mentions) {
      if (m.sentence != si_ || m.first_word < first_ || m.num_words == 0) continue;
      int b = static_cast<int>(m.first_word - first_);
      if (b >= n_) continue;
      int len = std::min<int>(static_cast<int>(m.num_words), n_ - b);
      at_[b].length = len;
      at_[b].code = *ent.actor;
      at_[b].entity = static_cast<int>(e);
      for (int k = b; k < b + len; ++k) state_[k] = 1;  // decided
    }
  }
}

// The dictionary phrase starting at word i, looked up the first time it is
// asked for (most words of a sentence never are).
const WordActor& SentenceCoder::At(int i) const {
  if (state_[i]) return at_[i];
  state_[i] = 1;
  WordActor& out = at_[i];
  if (!rep_.actors) return out;
  PhraseMatch m = rep_.actors->LongestActorMatch(toks_, i);
  if (m) {
    std::optional<std::string> code;
    if (date_ > 0) {
      code = rep_.actors->CodeOn(m.entry, date_);
    } else {
      for (const DatedCode& dc : rep_.actors->Codes(m.entry)) {
        if (dc.unrestricted) code = std::string(dc.code);
      }
      if (!code) {
        auto all = rep_.actors->Codes(m.entry);
        if (!all.empty()) code = std::string(all.back().code);
      }
      if (code && *code == "---") code.reset();
    }
    out.length = static_cast<int>(m.length);
    out.code = code.value_or("");
    return out;
  }
  PhraseMatch a = rep_.actors->LongestAgentMatch(toks_, i);
  if (a) {
    out.length = static_cast<int>(a.length);
    out.is_agent = true;
    out.agent = rep_.actors->Agent(a.entry);
  }
  return out;
}

bool SentenceCoder::IsVerbLike(int i) const { return w_[i].upos == "VERB"; }

// The trigger form of word i, if the dictionaries have one: written forms
// first (so that "left" finds LEFT before LEAVE), then the lemma; forms with
// context words ("cordon off", "wire tap") are preferred when they fit.
const TriggerForm* SentenceCoder::FindTrigger(int i, TriggerKind kind) const {
  const PatternDictionary& d = rep_.patterns;
  const TriggerForm* best = nullptr;
  int best_score = -1;
  auto consider = [&](const std::vector<uint32_t>& ids, int bonus) {
    for (uint32_t id : ids) {
      const TriggerForm& f = d.triggers[id];
      if (f.kind != kind) continue;
      // Words right before.
      bool ok = true;
      for (size_t k = 0; k < f.before.size() && ok; ++k) {
        int j = i - static_cast<int>(f.before.size()) + static_cast<int>(k);
        ok = j >= 0 && (w_[j].lower == f.before[k] || w_[j].lemma == f.before[k]);
      }
      if (!ok) continue;
      if (!f.after.empty()) {
        // A particle child, else the next words.
        bool prt = false;
        if (f.after.size() == 1) {
          for (int c : w_[i].kids) {
            if ((w_[c].rel == "compound:prt" || w_[c].rel == "advmod" || w_[c].rel == "obl" ||
                 w_[c].rel == "case") && w_[c].lower == f.after[0]) {
              prt = true;
            }
          }
        }
        if (!prt) {
          for (size_t k = 0; k < f.after.size() && ok; ++k) {
            int j = i + 1 + static_cast<int>(k);
            ok = j < n_ && w_[j].lower == f.after[k];
          }
        }
      }
      if (!ok) continue;
      int score = bonus + 4 * static_cast<int>(f.before.size() + f.after.size());
      if (score > best_score) {
        best_score = score;
        best = &f;
      }
    }
  };
  if (d.trigger_filter.MayHave(w_[i].lower)) {
    auto it = d.by_form.find(w_[i].lower);
    if (it != d.by_form.end()) consider(it->second, 2);
  }
  if (d.trigger_filter.MayHave(w_[i].lemma)) {
    auto jt = d.by_base.find(w_[i].lemma);
    if (jt != d.by_base.end()) consider(jt->second, 1);
  }
  return best;
}

int SentenceCoder::Child(int i, std::string_view rel) const {
  for (int c : w_[i].kids) {
    if (w_[c].rel == rel) return c;
  }
  return -1;
}

bool SentenceCoder::IsPassive(int v) const {
  for (int c : w_[v].kids) {
    if (w_[c].rel == "nsubj:pass" || w_[c].rel == "aux:pass" || w_[c].rel == "csubj:pass") return true;
  }
  // A participle modifying a noun ("the village attacked by ...").
  if (w_[v].xpos == "VBN" && StartsWith(w_[v].rel, "acl")) return true;
  return false;
}

bool SentenceCoder::IsNegated(int v) const {
  auto neg = [&](int c) {
    const SWord& x = w_[c];
    if (x.rel == "advmod:neg") return true;
    if (x.rel == "advmod" || x.rel == "neg" || x.rel == "aux") {
      return x.lower == "not" || x.lower == "n't" || x.lower == "never" || x.lemma == "not";
    }
    return false;
  };
  for (int c : w_[v].kids) {
    if (neg(c)) return true;
    if (w_[c].base == "aux") {
      for (int cc : w_[c].kids) {
        if (neg(cc)) return true;
      }
    }
  }
  return false;
}

bool IsRelativePronoun(const SWord& w) {
  if (w.feats.find("PronType=Rel") != std::string_view::npos) return true;
  return w.lower == "who" || w.lower == "which" || w.lower == "that" || w.lower == "whom";
}

bool IsPersonalPronoun(const SWord& w) {
  return w.upos == "PRON" && !IsRelativePronoun(w);
}

// The subject word of predicate v: its own, else the one it shares
// (xcomp: the controller; conj: the first conjunct's; relative clause: the
// noun it modifies); a pronoun subject of an embedded clause is read as the
// governing clause's subject when that one names an actor.
int SentenceCoder::SubjectOf(int v, int depth) const {
  if (v < 0 || depth > 8) return -1;
  int s = -1, second = -1;
  for (int c : w_[v].kids) {
    const std::string& b = w_[c].base;
    if (b != "nsubj" && b != "csubj") continue;
    if (s < 0) s = c;
    else if (second < 0) second = c;
  }
  // Two subjects where the first is one word just before the second's
  // phrase are a parse error: a modifier of the subject taken for another
  // ("Ukrainian | President Volodymyr Zelensky thanked").
  if (second >= 0 && second < v && w_[s].kids.empty()) {
    bool inside = true;  // every word between the two is in the second's phrase
    for (int x = s + 1; x < second && inside; ++x) {
      int y = x;
      for (int steps = 0; steps < n_ && y >= 0 && y != second; ++steps) y = w_[y].head;
      inside = y == second;
    }
    if (inside) s = second;
  }
  const std::string& rel = w_[v].rel;
  int h = w_[v].head;
  if (s >= 0) {
    if (IsRelativePronoun(w_[s]) && StartsWith(rel, "acl") && h >= 0) return h;
    if (IsPersonalPronoun(w_[s]) && h >= 0 &&
        (rel == "ccomp" || rel == "xcomp" || BaseRel(rel) == "advcl" || rel == "conj")) {
      int up = SubjectOf(h, depth + 1);
      if (up >= 0 && up != s) return up;
    }
    return s;
  }
  if (h < 0) return -1;
  if (rel == "xcomp") {
    int obj = ObjectOf(h);
    if (obj >= 0 && obj < v) return obj;  // "urged Bree to help"
    return SubjectOf(h, depth + 1);
  }
  if (rel == "conj" && (w_[h].upos == "VERB" || w_[h].upos == "ADJ")) return SubjectOf(h, depth + 1);
  if (StartsWith(rel, "acl") && !IsPassive(v)) return h;
  // "to accord with", "..., killing five": the governing clause's subject.
  // A gerund after a time preposition ("after leaving Eriador") is a
  // background event of its own and is not coded from the main subject.
  if (BaseRel(rel) == "advcl" && (w_[v].xpos == "VBG" || w_[v].xpos == "VB") && !TemporalGerund(v)) {
    // "..., suggesting that ...": a participle set off by a comma at the end
    // of the sentence speaks of the main clause, however deep it attaches.
    if (w_[v].xpos == "VBG" && v > 0 && w_[v - 1].lower == ",") {
      int top = h;
      for (int steps = 0; steps < n_ && w_[top].head >= 0 && w_[top].base != "parataxis" && w_[top].base != "ccomp";
           ++steps) {
        top = w_[top].head;
      }
      if (top != h) {
        int s_top = SubjectOf(top, depth + 1);
        if (s_top >= 0) return s_top;
      }
    }
    return SubjectOf(h, depth + 1);
  }
  return -1;
}

bool SentenceCoder::TemporalGerund(int v) const {
  if (w_[v].xpos != "VBG") return false;
  for (int c : w_[v].kids) {
    if (c > v || (w_[c].rel != "mark" && w_[c].base != "case")) continue;
    const std::string& m = w_[c].lower;
    if (m == "after" || m == "before" || m == "since" || m == "upon" || m == "while" || m == "when") return true;
  }
  return false;
}

int SentenceCoder::ObjectOf(int v) const {
  int o = Child(v, "obj");
  if (o < 0) o = Child(v, "iobj");
  return o;
}

int SentenceCoder::CaseOf(int n) const {
  for (int c : w_[n].kids) {
    if (w_[c].rel == "case" || w_[c].rel == "mark") return c;
  }
  return -1;
}

int SentenceCoder::AgentOf(int v) const {
  for (int c : w_[v].kids) {
    if (w_[c].rel == "obl:agent") return c;
  }
  for (int c : w_[v].kids) {
    if (w_[c].base == "obl") {
      int cs = CaseOf(c);
      if (cs >= 0 && w_[cs].lower == "by") return c;
    }
  }
  return -1;
}

// ---------------------------------------------------------------- actors

// Relations whose subtrees are not part of a noun phrase's own words.
bool OutsideNp(std::string_view b) {
  // By length first: this runs for every word of every phrase looked at.
  switch (b.size()) {
    case 2:
      return b == "cc";
    case 3:
      return b == "acl" || b == "dep" || b == "obj" || b == "aux" || b == "cop";
    case 4:
      return b == "mark";
    case 5:
      return b == "ccomp" || b == "advcl" || b == "appos" || b == "punct" || b == "csubj" || b == "nsubj" ||
             b == "xcomp";
    case 8:
      return b == "vocative";
    case 9:
      return b == "parataxis" || b == "discourse";
    default:
      return false;
  }
}

void SentenceCoder::CollectNp(int h, bool skip_conj, std::vector<int>* out) const {
  // Iterative walk; `out` gets the words in any order (sorted by the caller).
  std::vector<int> stack = {h};
  while (!stack.empty()) {
    int x = stack.back();
    stack.pop_back();
    out->push_back(x);
    if (x != h && w_[x].upos == "VERB") continue;  // a clause inside the phrase
    for (int c : w_[x].kids) {
      const std::string& r = w_[c].rel;
      if (OutsideNp(w_[c].base)) continue;
      if (skip_conj && x == h && (w_[c].base == "conj" || r == "appos")) continue;
      stack.push_back(c);
    }
  }
  std::sort(out->begin(), out->end());
}

int SentenceCoder::NpHead(int w) const {
  int x = w;
  for (int steps = 0; steps < n_ && x >= 0; ++steps) {
    const std::string& b = w_[x].base;
    if ((b == "compound" || b == "flat" || b == "amod" || b == "fixed" || b == "det" || b == "nummod") &&
        w_[x].head >= 0) {
      x = w_[x].head;
    } else {
      break;
    }
  }
  return x;
}

bool SameActor(std::string_view a, std::string_view b);

void SentenceCoder::ResolveOne(int h, std::vector<ActorRef>* actors, std::vector<AgentCode>* agents,
                               std::vector<int>* agent_words) const {
  std::vector<int> words;
  CollectNp(h, /*skip_conj=*/true, &words);
  std::vector<char> in(n_, 0);
  for (int x : words) in[x] = 1;
  std::vector<ActorRef> found;
  for (size_t k = 0; k < words.size(); ++k) {
    int i = words[k];
    const WordActor& a = At(i);
    if (a.length == 0) continue;
    int end = std::min(n_, i + a.length);
    if (a.is_agent) {
      agents->push_back(a.agent);
      agent_words->push_back(i);
    } else if (!a.code.empty()) {
      ActorRef r;
      r.code = a.code;
      r.span = Span{w_[i].span.start, w_[end - 1].span.end};
      r.entity = a.entity;
      r.word = i;
      found.push_back(std::move(r));
    }
    while (k + 1 < words.size() && words[k + 1] < end) ++k;
  }
  if (found.empty()) return;
  // A country that modifies an actor of its own naming the phrase's head
  // says again what the head says ("Turkish President Recep Tayyip Erdogan"
  // is TURGOV, not also TUR); other countries stay ("the US-China talks").
  for (size_t k = 0; k < found.size(); ++k) {
    if (found[k].word > h || h >= found[k].word + std::max(1, At(found[k].word).length)) continue;
    const int head_word = found[k].word;
    const std::string head_code = found[k].code;
    std::erase_if(found, [&](const ActorRef& r) {
      return r.word != head_word && r.code.size() == 3 && SameActor(r.code, head_code);
    });
    break;
  }
  // Otherwise the first actor and those conjoined with it ("ambassadors of Arnor,
  // Osgiliath and Gondor", "Eriadori and Calenardhon leaders"); other actors
  // of the phrase are modifiers of it.
  auto key = [&](int w) {
    int x = w;
    for (int steps = 0; steps < n_ && x >= 0 && w_[x].head >= 0; ++steps) {
      const std::string& b = w_[x].base;
      if (b == "conj" || b == "compound" || b == "flat" || b == "amod" || b == "fixed" || b == "det" ||
          b == "nummod") {
        x = w_[x].head;
      } else {
        break;
      }
    }
    return x;
  };
  int key0 = key(found[0].word);
  for (const ActorRef& r : found) {
    if (key(r.word) == key0) actors->push_back(r);
  }
}

std::vector<ActorRef> SentenceCoder::Resolve(int h) const {
  std::vector<ActorRef> out;
  if (h < 0 || h >= n_) return out;
  // "we" / "I" inside a direct quotation is its speaker ("“... we
  // appreciate that,” Pompeo said"), when the quotes stage linked one.
  if (IsPersonalPronoun(w_[h]) && w_[h].feats.find("Person=1") != std::string_view::npos) {
    for (const Quote& q : doc_->quotes) {
      if (q.kind != "direct") continue;
      const bool inside = std::any_of(q.content.begin(), q.content.end(), [&](const Span& piece) {
        return piece.start <= w_[h].span.start && w_[h].span.end <= piece.end;
      });
      if (!inside) continue;
      std::optional<std::string> code = q.speaker_actor;
      if (!code && q.speaker_entity >= 0 && static_cast<size_t>(q.speaker_entity) < doc_->entities.size()) {
        code = doc_->entities[q.speaker_entity].actor;
      }
      if (code) out.push_back(ActorRef{*code, w_[h].span, q.speaker_entity, h});
      return out;
    }
  }
  if (IsPersonalPronoun(w_[h])) {
    if (std::optional<ActorRef> a = Antecedent(h)) {
      out.push_back(std::move(*a));
      return out;
    }
  }
  if (w_[h].kids.empty() && (w_[h].lower == "that" || w_[h].lower == "this") && w_[h].base == "obj") {
    return DemonstrativeReferent(h);
  }
  // The conjuncts of h.
  std::vector<int> conj = {h};
  for (size_t k = 0; k < conj.size() && conj.size() < 32; ++k) {
    auto nominal_conj = [&](int c) { return w_[c].rel == "conj" && w_[c].upos != "VERB"; };
    bool list = false;
    for (int c : w_[conj[k]].kids) list = list || nominal_conj(c);
    for (int c : w_[conj[k]].kids) {
      // An apposition inside a list ("Mordor, the awful Arnor, and Gondor";
      // "Mordor, the Shire, Arnor and Bree") is one more member.
      bool appos_list = w_[c].rel == "appos" && (list || std::any_of(w_[c].kids.begin(), w_[c].kids.end(), nominal_conj));
      if (nominal_conj(c) || appos_list) conj.push_back(c);
    }
  }
  struct Part {
    std::vector<ActorRef> actors;
    std::vector<AgentCode> agents;
    std::vector<int> agent_words;
  };
  std::vector<Part> parts(conj.size());
  std::vector<ActorRef> shared;
  for (size_t k = 0; k < conj.size(); ++k) {
    ResolveOne(conj[k], &parts[k].actors, &parts[k].agents, &parts[k].agent_words);
    if (shared.empty() && !parts[k].actors.empty()) {
      // What a conjunct without an actor inherits: the actor with the
      // agents that modify it ("the Danish Islamist media and government").
      shared = parts[k].actors;
      for (ActorRef& a : shared) {
        for (size_t g = 0; g < parts[k].agents.size(); ++g) {
          if (parts[k].agent_words[g] == conj[k] || NpHead(parts[k].agent_words[g]) != conj[k]) continue;
          if (parts[k].agent_words[g] + At(parts[k].agent_words[g]).length > conj[k]) continue;
          a.code = ComposeActorAgent(a.code, parts[k].agents[g]);
        }
      }
    }
  }
  for (size_t k = 0; k < conj.size(); ++k) {
    Part& p = parts[k];
    const std::vector<ActorRef>& base = p.actors.empty() ? shared : p.actors;
    if (base.empty()) continue;  // agents alone name no actor
    if (p.actors.empty() && p.agents.empty()) continue;
    for (const ActorRef& a : base) {
      ActorRef r = a;
      // Prefix agents compose after suffix ones so that the prefix lands in front.
      for (const AgentCode& ag : p.agents) {
        if (ag.side == AgentSide::kSuffix) r.code = ComposeActorAgent(r.code, ag);
      }
      for (const AgentCode& ag : p.agents) {
        if (ag.side == AgentSide::kPrefix) r.code = ComposeActorAgent(r.code, ag);
      }
      if (!p.actors.empty()) {
        for (int aw : p.agent_words) {
          int end = std::min(n_, aw + std::max(1, At(aw).length));
          r.span.start = std::min(r.span.start, w_[aw].span.start);
          r.span.end = std::max(r.span.end, w_[end - 1].span.end);
        }
      } else {
        // An inherited actor: the span is this conjunct's own words.
        r.span = w_[conj[k]].span;
        r.word = conj[k];
        r.entity = -1;
      }
      out.push_back(std::move(r));
    }
  }
  return out;
}

std::optional<ActorRef> SentenceCoder::Antecedent(int h) const {
  const std::string& p = w_[h].lower;
  const bool person = p == "he" || p == "him" || p == "his" || p == "she" || p == "her";
  const bool group = p == "they" || p == "them" || p == "their" || p == "it" || p == "its";
  if (!person && !group) return std::nullopt;
  const uint32_t start = w_[h].span.start;
  const Mention* best = nullptr;
  int best_entity = -1;
  for (size_t e = 0; e < doc_->entities.size(); ++e) {
    const Entity& ent = doc_->entities[e];
    if (!ent.actor || ent.actor->empty() || (ent.type == "PER") != person) continue;
    for (const Mention& m : ent.mentions) {
      if (m.sentence > si_ || m.sentence + 2 < si_ || m.span.end > start) continue;
      // Subjects are what a later pronoun most often continues with; a
      // name in a modifier or an object is passed over.
      bool subject = false;
      for (uint32_t k = m.first_word; k < m.first_word + m.num_words && k < doc_->words.size(); ++k) {
        subject = subject || StartsWith(doc_->words[k].deprel, "nsubj");
      }
      if (!subject) continue;
      if (!best || m.span.start > best->span.start) {
        best = &m;
        best_entity = static_cast<int>(e);
      }
    }
  }
  if (!best) return std::nullopt;
  return ActorRef{*doc_->entities[best_entity].actor, w_[h].span, best_entity, h};
}

std::vector<ActorRef> SentenceCoder::DemonstrativeReferent(int h) const {
  for (int j = h - 1; j >= 0; --j) {
    if (w_[j].base != "nsubj" || w_[j].head == w_[h].head) continue;
    std::vector<ActorRef> r = Resolve(j);
    if (!r.empty()) return r;
    // "Their behaviour": the owner of the subject.
    for (int c : w_[j].kids) {
      if (w_[c].rel != "nmod:poss") continue;
      r = Resolve(c);
      if (!r.empty()) return r;
    }
    break;  // only the nearest clause before
  }
  return {};
}

// ---------------------------------------------------------------- matching

bool SentenceCoder::WordIs(int w, const std::string& pat, bool form_only) const {
  const SWord& x = w_[w];
  if (x.lower == pat) return true;
  if (form_only) return false;
  return x.lemma == pat;
}

int SentenceCoder::TermAt(const Elem& e, int w) const {
  if (e.alts.size() > 2) {
    auto has = [&](std::string_view x) {
      auto it = std::lower_bound(e.firsts.begin(), e.firsts.end(), x,
                                 [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
      return it != e.firsts.end() && *it == x;
    };
    if (!has(w_[w].lower) && !has(w_[w].lemma)) return 0;
  }
  int best = 0;
  for (const WordSeq& seq : e.alts) {
    int len = static_cast<int>(seq.words.size());
    if (w + len > n_) continue;
    bool ok = true;
    for (int k = 0; k < len && ok; ++k) {
      const std::string& pw = seq.words[k];
      ok = WordIs(w + k, pw, seq.form_only) ||
           (k == len - 1 && !seq.last_plural.empty() && w_[w + k].lower == seq.last_plural);
    }
    if (ok && len > best) best = len;
  }
  return best;
}

// Whether a word element of `elems` (or of their parts) matches word w.
bool SentenceCoder::PatternNames(const std::vector<Elem>& elems, int w) const {
  for (const Elem& e : elems) {
    if (e.kind == Elem::kTerm && TermAt(e, w) > 0) return true;
    if (!e.parts.empty() && PatternNames(e.parts, w)) return true;
  }
  return false;
}

// {A B H}: H at h, A and B in order among the few words before it (same
// phrase: no punctuation between).
bool SentenceCoder::PhraseAt(const Elem& e, int h) const {
  if (e.parts.empty()) return false;
  const Elem& head = e.parts.back();
  if (head.kind != Elem::kTerm || TermAt(head, h) == 0) return false;
  int limit = h;  // parts are matched right to left before `limit`
  // The modifiers are in the head's phrase: its subtree, left of it.
  int floor = h;
  {
    std::vector<int> stack = {h};
    int guard = 0;
    while (!stack.empty() && ++guard < 4 * n_ + 8) {
      int x = stack.back();
      stack.pop_back();
      floor = std::min(floor, x);
      for (int c : w_[x].kids) {
        if (c < h) stack.push_back(c);
      }
    }
  }
  for (int k = static_cast<int>(e.parts.size()) - 2; k >= 0; --k) {
    const Elem& part = e.parts[k];
    if (part.kind != Elem::kTerm) continue;
    bool found = false;
    for (int j = limit - 1; j >= floor; --j) {
      if (w_[j].upos == "PUNCT" && w_[j].lower != "-") break;
      int len = TermAt(part, j);
      if (len > 0 && j + len <= limit) {
        limit = j;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

// First region position >= from (or <= from going backward) where an actor
// phrase starts; returns its noun-phrase head.
int SentenceCoder::ActorStartFrom(std::span<const int> region, size_t from, bool backward,
                                  size_t* at) const {
  if (!backward) {
    for (size_t k = from; k < region.size(); ++k) {
      int w = region[k];
      if (const WordActor& a = At(w); a.length > 0 && !a.is_agent && !a.code.empty()) {
        *at = k;
        return NpHead(w);
      }
    }
  } else {
    for (size_t k = from + 1; k-- > 0;) {
      int w = region[k];
      if (const WordActor& a = At(w); a.length > 0 && !a.is_agent && !a.code.empty()) {
        *at = k;
        return NpHead(w);
      }
    }
  }
  return -1;
}

bool SentenceCoder::MatchElemForward(const Elem& e, std::span<const int> region, size_t* pos,
                                     Captures* caps) const {
  switch (e.kind) {
    case Elem::kSkip:
      // One noun phrase: past the head of the next one.
      for (size_t k = *pos; k < region.size(); ++k) {
        std::string_view u = w_[region[k]].upos;
        if (u == "NOUN" || u == "PROPN" || u == "PRON") {
          int h = NpHead(region[k]);
          size_t p = k + 1;
          while (p < region.size() && region[p] <= h) ++p;
          *pos = p;
          return true;
        }
      }
      return false;
    case Elem::kCompound:
      return true;  // meaningful before the verb only
    case Elem::kSource:
    case Elem::kTarget: {
      size_t at = 0;
      int h = ActorStartFrom(region, *pos, false, &at);
      if (h < 0) return false;
      std::vector<ActorRef> r = Resolve(h);
      if (r.empty()) return false;
      caps->Set(e.kind == Elem::kTarget, std::move(r));
      *pos = at + 1;
      return true;
    }
    case Elem::kTerm:
      for (size_t k = *pos; k < region.size(); ++k) {
        int len = TermAt(e, region[k]);
        if (len > 0) {
          *pos = k + 1;
          while (*pos < region.size() && region[*pos] < region[k] + len) ++*pos;
          return true;
        }
      }
      return false;
    case Elem::kPhrase:
      for (size_t k = *pos; k < region.size(); ++k) {
        if (PhraseAt(e, region[k])) {
          *pos = k + 1;
          return true;
        }
      }
      return false;
    case Elem::kPrep: {
      const Elem& prep = e.parts[0];
      for (size_t k = *pos; k < region.size(); ++k) {
        int w = region[k];
        int len = TermAt(prep, w);
        if (len == 0) continue;
        if (e.parts.size() == 1) {
          *pos = k + len;
          return true;
        }
        const Elem& obj = e.parts[1];
        int last = w + len - 1;
        int h = (w_[last].rel == "case" || w_[last].rel == "mark") ? w_[last].head : -1;
        if (obj.kind == Elem::kSource || obj.kind == Elem::kTarget || obj.kind == Elem::kSkip) {
          if (obj.kind == Elem::kSkip) {
            size_t p = k + len;
            if (h > last) {
              while (p < region.size() && region[p] <= h) ++p;
            }
            *pos = p;
            return true;
          }
          std::vector<ActorRef> r = h >= 0 ? Resolve(h) : std::vector<ActorRef>();
          if (r.empty()) {
            size_t at = 0;
            int hh = ActorStartFrom(region, k + len, false, &at);
            if (hh < 0 || region[at] > last + 4) continue;
            r = Resolve(hh);
            if (r.empty()) continue;
          }
          caps->Set(obj.kind != Elem::kSource, std::move(r));
          *pos = k + len;
          return true;
        }
        // A word or phrase: the preposition's own noun, else close after it.
        auto matches_at = [&](int x) {
          return obj.kind == Elem::kTerm ? TermAt(obj, x) > 0 : PhraseAt(obj, x);
        };
        if (h >= 0 && h > last && matches_at(h)) {
          size_t p = k + 1;
          while (p < region.size() && region[p] <= h) ++p;
          *pos = p;
          return true;
        }
        for (size_t j = k + len; j < region.size() && region[j] <= last + 4; ++j) {
          if (matches_at(region[j])) {
            *pos = j + 1;
            return true;
          }
        }
      }
      return false;
    }
  }
  return false;
}

bool SentenceCoder::MatchPost(const std::vector<Elem>& elems, std::span<const int> region,
                              Captures* caps) const {
  size_t pos = 0;
  for (const Elem& e : elems) {
    if (!MatchElemForward(e, region, &pos, caps)) return false;
  }
  return true;
}

// Elements before the verb: matched right to left from the verb, each one
// before the one after it, over `region` (the subject's phrase: PETRARCH2
// reads pre-verb nouns there).
bool SentenceCoder::MatchPre(const std::vector<Elem>& elems, int v, const std::vector<int>& region,
                             Captures* caps) const {
  if (elems.empty()) return true;
  size_t limit = region.size();  // elements must lie before region[limit]
  for (size_t k = elems.size(); k-- > 0;) {
    const Elem& e = elems[k];
    if (e.kind == Elem::kSkip) continue;
    if (e.kind == Elem::kCompound) {
      int s = SubjectOf(v);
      if (s < 0 || Resolve(s).size() < 2) return false;
      continue;
    }
    if (e.kind == Elem::kSource || e.kind == Elem::kTarget) {
      // The actor phrase nearest before the verb (or the later element).
      size_t at = 0;
      if (limit == 0) return false;
      int h = ActorStartFrom(region, limit - 1, true, &at);
      if (h < 0) return false;
      std::vector<ActorRef> r = Resolve(h);
      if (r.empty()) return false;
      (e.kind == Elem::kSource ? caps->source : caps->target) = r;
      (e.kind == Elem::kSource ? caps->has_source : caps->has_target) = true;
      limit = at;
      continue;
    }
    bool found = false;
    for (size_t start = limit; start-- > 0;) {
      std::span<const int> sub(region.data() + start, limit - start);
      size_t pos = 0;
      Captures c = *caps;
      if (MatchElemForward(e, sub, &pos, &c) && pos >= 1) {
        *caps = std::move(c);
        limit = start;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

// The words after v in its clause (its subtree minus subjects and conjoined
// or paratactic clauses) and the words of its subject's phrase before it.
void SentenceCoder::Regions(int v, std::vector<int>* post, std::vector<int>* pre) const {
  std::vector<int> stack;
  for (int c : w_[v].kids) {
    const std::string& b = w_[c].base;
    if (b == "nsubj" || b == "csubj" || b == "parataxis") continue;
    if (b == "conj" && (w_[c].upos == "VERB")) continue;
    stack.push_back(c);
  }
  // An adverbial clause below the verb is background, and a clause below one
  // of its phrases has a predicate of its own: neither is the verb's phrase.
  while (!stack.empty()) {
    int x = stack.back();
    stack.pop_back();
    if (x > v) post->push_back(x);
    const bool complement = w_[x].head == v && w_[x].upos == "VERB" && (w_[x].base == "xcomp" || w_[x].base == "ccomp");
    for (int c : w_[x].kids) {
      const std::string& b = w_[c].base;
      if (b == "advcl" || (w_[c].upos == "VERB" && (b == "ccomp" || b == "xcomp" || b == "acl"))) continue;
      if (complement && b == "obl") continue;
      stack.push_back(c);
    }
  }
  std::sort(post->begin(), post->end());
  int subj = SubjectOf(v);
  if (subj >= 0) {
    stack = {subj};
    while (!stack.empty()) {
      int x = stack.back();
      stack.pop_back();
      if (x < v) pre->push_back(x);
      for (int c : w_[x].kids) {
        if (w_[c].base != "acl" && w_[c].base != "parataxis") stack.push_back(c);
      }
    }
    std::sort(pre->begin(), pre->end());
  }
}

bool SentenceCoder::MatchPattern(const Pattern& p, int v, const std::vector<int>& post,
                                 const std::vector<int>& pre, Captures* caps) const {
  Captures c;
  if (!MatchPost(p.post, post, &c)) return false;
  if (!MatchPre(p.pre, v, pre, &c)) return false;
  *caps = std::move(c);
  return true;
}

// ---------------------------------------------------------------- events

// The words of h's subtree except relative clauses and loosely attached
// clauses: where an argument's actor may be named ("an offensive against
// besieged Osgiliath", "the roads leading into Mordor").
void SentenceCoder::CollectWide(int h, std::vector<int>* out) const {
  std::vector<int> stack = {h};
  while (!stack.empty()) {
    int x = stack.back();
    stack.pop_back();
    out->push_back(x);
    for (int c : w_[x].kids) {
      const std::string& r = w_[c].rel;
      const std::string& b = w_[c].base;
      if (r == "acl:relcl" || b == "parataxis" || b == "punct" || b == "appos" || b == "advcl") continue;
      stack.push_back(c);
    }
  }
  std::sort(out->begin(), out->end());
}

std::vector<ActorRef> SentenceCoder::FirstActorIn(const std::vector<int>& words,
                                                  const std::vector<int>& exclude) const {
  for (int w : words) {
    if (const WordActor& a = At(w); a.length == 0 || a.is_agent || a.code.empty()) continue;
    if (std::find(exclude.begin(), exclude.end(), w) != exclude.end()) continue;
    std::vector<ActorRef> r = Resolve(NpHead(w));
    if (!r.empty()) return r;
  }
  return {};
}

// The target of v when no pattern placed it: its object, its prepositional
// complements in order, the subject of its clausal complement, else the first
// actor after it in its clause.
std::vector<ActorRef> SentenceCoder::DefaultTarget(int v, const std::vector<int>& exclude) const {
  auto usable = [&](const std::vector<ActorRef>& r) {
    for (const ActorRef& a : r) {
      if (std::find(exclude.begin(), exclude.end(), a.word) != exclude.end()) return false;
    }
    return !r.empty();
  };
  int o = ObjectOf(v);
  if (o >= 0) {
    auto r = Resolve(o);
    if (usable(r)) return r;
    std::vector<int> words;
    CollectWide(o, &words);
    r = FirstActorIn(words, exclude);
    if (usable(r)) return r;
  }
  for (int c : w_[v].kids) {
    const std::string& rel = w_[c].rel;
    if (BaseRel(rel) != "obl" || rel == "obl:tmod" || rel == "obl:npmod" || rel == "obl:agent") continue;
    auto r = Resolve(c);
    if (usable(r)) return r;
    std::vector<int> words;
    CollectWide(c, &words);
    r = FirstActorIn(words, exclude);
    if (usable(r)) return r;
  }
  // The subject of an indirect question is what it asks about, not who is
  // addressed ("asked whether China was linking ..."): not a target.
  for (int c : w_[v].kids) {
    if (w_[c].rel != "ccomp" && w_[c].rel != "xcomp") continue;
    if (OpensWithWhetherOrIf(c)) continue;
    int s = SubjectOf(c);
    if (s >= 0 && s != SubjectOf(v)) {
      auto r = Resolve(s);
      if (usable(r)) return r;
      std::vector<int> words;
      CollectNp(s, false, &words);
      r = FirstActorIn(words, exclude);
      if (usable(r)) return r;
    }
  }
  // The rest of the clause after the verb (xcomp / ccomp subtrees included).
  std::vector<int> region;
  std::vector<int> stack;
  auto infinitival = [&](int c) {
    for (int m : w_[c].kids) {
      if (w_[m].rel == "mark" && w_[m].lower == "to") return true;
    }
    return false;
  };
  for (int c : w_[v].kids) {
    const std::string& b = w_[c].base;
    if (b == "nsubj" || b == "csubj" || b == "parataxis" || b == "conj") continue;
    if (b == "advcl" && !infinitival(c)) continue;
    if (b == "ccomp" && OpensWithWhetherOrIf(c)) continue;
    stack.push_back(c);
  }
  while (!stack.empty()) {
    int x = stack.back();
    stack.pop_back();
    if (x > v) region.push_back(x);
    for (int c : w_[x].kids) {
      const std::string& r = w_[c].rel;
      const std::string& b = w_[c].base;
      if (r == "acl:relcl" || b == "advcl" || b == "parataxis" || b == "appos") continue;
      stack.push_back(c);
    }
  }
  std::sort(region.begin(), region.end());
  return FirstActorIn(region, exclude);
}

Event SentenceCoder::MakeEvent(const Pred& p, const ActorRef* src, const ActorRef* tgt,
                               const std::string& code, bool negated, const std::string& note) const {
  Event e;
  e.code = code;
  e.root = code.substr(0, 2);
  if (const CameoCode* c = rep_.cameo.Find(code)) {
    e.goldstein = c->goldstein;
    e.quad_class = c->quad_class;
    e.plover = c->plover;
  } else {
    e.quad_class = CameoTable::QuadClassOfRoot(e.root);
    e.plover = CameoTable::PloverOf(code);
  }
  if (src) e.source = EventActor{src->span, src->code.empty() ? std::nullopt : std::optional(src->code), src->entity};
  if (tgt) e.target = EventActor{tgt->span, tgt->code.empty() ? std::nullopt : std::optional(tgt->code), tgt->entity};
  e.sentence = si_;
  e.date = doc_->article.date;
  e.negated = negated;
  int v = p.word;
  e.trigger = w_[v].span;
  if (p.trigger) {
    int b = v - static_cast<int>(p.trigger->before.size());
    if (b >= 0) e.trigger.start = w_[b].span.start;
    int a = v + static_cast<int>(p.trigger->after.size());
    if (!p.trigger->after.empty() && a < n_ && w_[a].lower == p.trigger->after.back()) {
      e.trigger.end = w_[a].span.end;
    }
  }
  e.rule = p.pattern ? p.pattern->rule : (p.trigger ? p.trigger->rule : std::string());
  if (!note.empty()) e.rule += " (" + note + ")";
  return e;
}

// Source and target are one actor: the same code, or a country and its own
// government or people named another way ("the North" ... "Kim": PRK, PRKGOV).
bool SameActor(std::string_view a, std::string_view b) {
  if (a == b) return true;
  auto bare_country = [](std::string_view c) { return c.size() == 3; };
  if (bare_country(a) && b.size() > 3 && b.substr(0, 3) == a) return true;
  if (bare_country(b) && a.size() > 3 && a.substr(0, 3) == b) return true;
  return false;
}

void SentenceCoder::Emit(Pred* p, const std::vector<ActorRef>& src, const std::vector<ActorRef>& tgt,
                         const std::string& code, const std::string& reverse, bool negated,
                         const std::string& note) {
  if (negated && !rep_.options.emit_negated) return;
  auto one = [&](const ActorRef* s, const ActorRef* t, const std::string& c) {
    bool complete = s && t && !s->code.empty() && !t->code.empty();
    if (!complete && !rep_.options.emit_incomplete) return;
    if ((!s || s->code.empty()) && (!t || t->code.empty())) return;  // no actor at all
    if (complete && SameActor(s->code, t->code)) return;  // an actor acting on itself
    p->events.push_back(MakeEvent(*p, s, t, c, negated, note));
  };
  std::vector<const ActorRef*> ss, ts;
  for (const ActorRef& a : src) ss.push_back(&a);
  for (const ActorRef& a : tgt) ts.push_back(&a);
  if (ss.empty()) ss.push_back(nullptr);
  if (ts.empty()) ts.push_back(nullptr);
  for (const ActorRef* s : ss) {
    for (const ActorRef* t : ts) {
      if (code != "---") one(s, t, code);
      if (!reverse.empty() && s && t) one(t, s, reverse);
    }
  }
}

// Negation through the coding ontology: a code whose meaning contains NOT
// (0xFFFF) loses it ("did not clash" -> cooperate); "reject X" negated is X.
std::optional<std::string> NegateCode(const Ontology& o, const std::string& code) {
  auto v = o.Value(code);
  if (!v) return std::nullopt;
  const std::string* c = nullptr;
  if (*v >= 0xFFFF) c = o.Code(*v - 0xFFFF);
  else if (*v < 0) c = o.Code(*v + 0xFFFF);
  if (!c || *c == code) return std::nullopt;
  return *c;
}

void SentenceCoder::CodePredicate(Pred* p) {
  int v = p->word;
  const Block& block = rep_.patterns.blocks[p->trigger->block];
  const Pattern* best = nullptr;
  Captures best_caps;
  // Candidates: patterns whose anchor word is in the sentence, and those
  // without anchors, in file order.
  std::vector<uint32_t> cand = block.unanchored;
  uint32_t bi = p->trigger->block;
  auto lo = std::lower_bound(anchored_.begin(), anchored_.end(), std::make_pair(bi, uint32_t{0}));
  for (auto it = lo; it != anchored_.end() && it->first == bi; ++it) cand.push_back(it->second);
  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
  std::vector<int> post, pre;
  bool regions = false;
  for (uint32_t ci : cand) {
    const Pattern& pat = block.patterns[ci];
    if (best && pat.weight <= best->weight) continue;
    if (!regions) {
      Regions(v, &post, &pre);
      regions = true;
    }
    Captures caps;
    if (MatchPattern(pat, v, post, pre, &caps)) {
      best = &pat;
      best_caps = std::move(caps);
    }
  }
  p->pattern = best;
  p->captures = best_caps;
  if (best) p->code = best->code;
  else p->code = p->trigger->code ? *p->trigger->code : block.code;
}

// ---------------------------------------------------------------- nouns

bool IsNounLike(const SWord& w) { return w.upos == "NOUN" || w.upos == "PROPN"; }

// The modifiers of noun n written before it, in text order: possessive
// ("Kim's"), compound ("US-China", "trade"), adjective ("Chinese") and
// number modifiers.
void SentenceCoder::PreModifiers(int n, std::vector<int>* out) const {
  for (int c : w_[n].kids) {
    if (c > n) continue;
    const std::string& b = w_[c].base;
    if (b == "nmod" || b == "compound" || b == "amod" || b == "flat" || b == "nummod") out->push_back(c);
  }
  std::sort(out->begin(), out->end());
}

// Distinct actor codes among `actors`.
size_t DistinctActors(const std::vector<ActorRef>& actors) {
  std::vector<std::string_view> codes;
  for (const ActorRef& a : actors) {
    if (!a.code.empty() && std::find(codes.begin(), codes.end(), a.code) == codes.end()) codes.push_back(a.code);
  }
  return codes.size();
}

// One element after '*' of a noun pattern against the dependent `dep` of
// the noun: "(TO +)" is a prepositional dependent whose case word is TO and
// whose phrase names the target; "(BETWEEN %)" one naming two actors or more.
bool SentenceCoder::PrepMatches(const Elem& e, int dep, Captures* caps) const {
  auto actor = [&](Elem::Kind k) {
    std::vector<ActorRef> a = Resolve(dep);
    if (k == Elem::kCompound) {
      if (DistinctActors(a) < 2) return false;
    } else if (a.empty()) {
      return false;
    }
    caps->Set(k == Elem::kTarget, std::move(a));
    if (k != Elem::kTarget) caps->compound = caps->compound || k == Elem::kCompound;
    return true;
  };
  switch (e.kind) {
    case Elem::kSource:
    case Elem::kTarget:
    case Elem::kCompound:
      return actor(e.kind);
    case Elem::kTerm:
      return TermAt(e, dep) > 0;
    case Elem::kPhrase:
      return PhraseAt(e, dep);
    case Elem::kSkip:
      return true;
    case Elem::kPrep: {
      int c = CaseOf(dep);
      if (e.parts.empty() || c < 0 || e.parts[0].kind != Elem::kTerm || TermAt(e.parts[0], c) == 0) return false;
      if (e.parts.size() < 2) return true;
      const Elem& obj = e.parts[1];
      if (obj.kind == Elem::kSource || obj.kind == Elem::kTarget || obj.kind == Elem::kCompound) {
        return actor(obj.kind);
      }
      if (obj.kind == Elem::kTerm) return TermAt(obj, dep) > 0;
      if (obj.kind == Elem::kPhrase) return PhraseAt(obj, dep);
      return true;
    }
  }
  return false;
}

// A noun pattern: the elements before '*' match the noun's own modifiers in
// text order, those after it its prepositional dependents in text order.
bool SentenceCoder::MatchNounPattern(const Pattern& p, int n, Captures* caps) const {
  std::vector<int> mods;
  PreModifiers(n, &mods);
  size_t k = 0;
  for (const Elem& e : p.pre) {
    bool found = false;
    if (e.kind == Elem::kSource || e.kind == Elem::kTarget) {
      for (; k < mods.size() && !found; ++k) {
        std::vector<ActorRef> a = Resolve(mods[k]);
        if (a.empty()) continue;
        (e.kind == Elem::kSource ? caps->source : caps->target) = std::move(a);
        (e.kind == Elem::kSource ? caps->has_source : caps->has_target) = true;
        found = true;
      }
    } else if (e.kind == Elem::kCompound) {
      // Two actors or more among the modifiers: one modifier naming several
      // ("US-China", "US and Chinese"), or consecutive ones.
      std::vector<ActorRef> all;
      for (; k < mods.size() && DistinctActors(all) < 2; ++k) {
        std::vector<ActorRef> a = Resolve(mods[k]);
        if (a.empty()) {
          if (!all.empty()) break;  // the actors must be adjacent modifiers
          continue;
        }
        for (ActorRef& r : a) all.push_back(std::move(r));
      }
      found = DistinctActors(all) >= 2;
      if (found) {
        caps->source = std::move(all);
        caps->has_source = true;
        caps->compound = true;
      }
    } else if (e.kind == Elem::kTerm || e.kind == Elem::kPhrase) {
      const Elem& t = e.kind == Elem::kPhrase && !e.parts.empty() ? e.parts.back() : e;
      for (; k < mods.size() && !found; ++k) {
        std::vector<int> words;
        CollectNp(mods[k], false, &words);
        for (int x : words) found = found || (t.kind == Elem::kTerm && TermAt(t, x) > 0);
      }
    } else if (e.kind == Elem::kSkip) {
      found = true;
    }
    if (!found) return false;
  }
  std::vector<int> deps;
  for (int c : w_[n].kids) {
    if (c > n && w_[c].base == "nmod" && w_[c].rel != "nmod:poss") deps.push_back(c);
  }
  // A prepositional phrase right after an object noun but attached to its
  // verb ("announced sanctions on Iran": "on Iran" an obl of "announced")
  // may belong to the noun: the parse cannot tell.
  if (w_[n].head >= 0 && (w_[n].base == "obj" || w_[n].rel == "nsubj:pass")) {
    std::vector<int> np;
    CollectNp(n, false, &np);
    int end = np.empty() ? n : np.back();
    for (int c : w_[w_[n].head].kids) {
      if (c <= end || w_[c].base != "obl") continue;
      std::vector<int> cw;
      CollectNp(c, false, &cw);
      if (!cw.empty() && cw.front() == end + 1) deps.push_back(c);
    }
  }
  std::sort(deps.begin(), deps.end());
  k = 0;
  for (const Elem& e : p.post) {
    bool found = false;
    for (; k < deps.size() && !found; ++k) found = PrepMatches(e, deps[k], caps);
    if (!found) return false;
  }
  return true;
}

// The source of a noun event that its phrase does not name: the subject
// (or passive agent) of the clause the noun's phrase belongs to, unless the
// noun is in that subject ("sanctions on Iran" in "Washington announced
// sanctions on Iran").
std::vector<ActorRef> SentenceCoder::ClauseSource(int n, const std::vector<int>& exclude) const {
  int x = n;
  for (int steps = 0; steps < n_; ++steps) {
    int h = w_[x].head;
    if (h < 0) break;
    if (w_[h].upos == "VERB" || w_[h].upos == "AUX" || w_[h].upos == "ADJ") {
      const std::string& b = w_[x].base;
      if (b == "nsubj" || b == "csubj" || b == "conj") break;
      int s = IsPassive(h) ? AgentOf(h) : SubjectOf(h);
      if (s < 0) break;
      std::vector<ActorRef> out;
      for (ActorRef& a : Resolve(s)) {
        if (std::find(exclude.begin(), exclude.end(), a.word) == exclude.end()) out.push_back(std::move(a));
      }
      return out;
    }
    const std::string& b = w_[x].base;
    if (!IsNounLike(w_[h]) || (b != "nmod" && b != "conj" && b != "appos" && b != "compound")) break;
    x = h;
  }
  return {};
}

// True when a term of `e` (or of its parts) names word w.
bool ElemNames(const Elem& e, const SWord& w) {
  for (const WordSeq& seq : e.alts) {
    if (seq.words.empty()) continue;
    const std::string& last = seq.words.back();
    if (last == w.lower || last == w.lemma || (!seq.last_plural.empty() && seq.last_plural == w.lower)) return true;
  }
  for (const Elem& p : e.parts) {
    if (ElemNames(p, w)) return true;
  }
  return false;
}

// True when noun n depends on a verb whose matched pattern names it and
// that coded an event ("held talks with", "imposed sanctions on"): the verb
// has coded it.
bool SentenceCoder::CodedByVerb(int n, const std::vector<Pred>& verbs) const {
  int h = w_[n].head;
  if (h < 0) return false;
  for (const Pred& v : verbs) {
    if (v.word != h || !v.pattern || v.events.empty()) continue;
    for (const Elem& e : v.pattern->pre) {
      if (ElemNames(e, w_[n])) return true;
    }
    for (const Elem& e : v.pattern->post) {
      if (ElemNames(e, w_[n])) return true;
    }
  }
  return false;
}

// Codes a noun trigger: its best matching pattern (more required words
// first, then file order), actors from the pattern, the source from the
// clause when the pattern names none. No pattern, or no actor: no event.
void SentenceCoder::CodeNoun(Pred* p) {
  int n = p->word;
  const Block& block = rep_.patterns.blocks[p->trigger->block];
  const Pattern* best = nullptr;
  Captures best_caps;
  for (const Pattern& pat : block.patterns) {
    if (best && pat.weight <= best->weight) continue;
    Captures caps;
    if (!MatchNounPattern(pat, n, &caps)) continue;
    if (caps.compound && DistinctActors(caps.source) < 2) continue;
    best = &pat;
    best_caps = std::move(caps);
  }
  if (!best) return;
  p->pattern = best;
  p->captures = best_caps;
  p->code = best->code;
  if (p->code.null() && p->code.reverse.empty()) return;
  std::vector<ActorRef> src = best_caps.source, tgt = best_caps.target;
  if (best_caps.compound) {
    // '%': each actor acts on the other with the code; with [A:B], the
    // first named acts on the others with A and they on it with B.
    if (p->code.reverse.empty()) {
      tgt = src;
    } else {
      tgt.assign(src.begin() + 1, src.end());
      src.resize(1);
    }
  } else if (!best_caps.has_source) {
    std::vector<int> exclude;
    for (const ActorRef& a : tgt) exclude.push_back(a.word);
    exclude.push_back(n);
    src = ClauseSource(n, exclude);
  }
  if (src.empty() && tgt.empty()) return;
  Emit(p, src, tgt, p->code.code, p->code.reverse, false, "");
}

// ---------------------------------------------------------------- sentence

bool SentenceCoder::Discarded() const {
  if (rep_.discards.empty()) return false;
  std::vector<std::string_view> toks(n_);
  for (int i = 0; i < n_; ++i) toks[i] = w_[i].lower;
  return DiscardIn(rep_, toks, /*story=*/false);
}

std::vector<std::string> SentenceCoder::Issues() const {
  std::vector<std::string> out;
  if (rep_.issues.empty()) return out;
  bool ignore = false;
  for (int i = 0; i < n_ && !ignore; ++i) {
    auto it = rep_.issue_index.find(w_[i].lower);
    if (it == rep_.issue_index.end()) continue;
    for (auto [entry, alt] : it->second) {
      const IssueEntry& e = rep_.issues[entry];
      const std::vector<std::string>& seq = e.alternatives[alt];
      if (i + static_cast<int>(seq.size()) > n_) continue;
      bool ok = true;
      for (size_t k = 0; k < seq.size() && ok; ++k) ok = w_[i + k].lower == seq[k];
      if (!ok) continue;
      if (e.code.empty()) {
        ignore = true;
        break;
      }
      if (std::find(out.begin(), out.end(), e.code) == out.end()) out.push_back(e.code);
    }
  }
  if (ignore) out.clear();
  return out;
}

bool SentenceCoder::OpensWithWhetherOrIf(int x) const {
  for (int c : w_[x].kids) {
    if (c < x && w_[c].base == "mark" && (w_[c].lower == "whether" || w_[c].lower == "if")) return true;
  }
  return false;
}

bool SentenceCoder::Hypothetical(int w) const {
  int x = w;
  for (int steps = 0; x >= 0 && steps < n_; ++steps) {
    if (OpensWithWhetherOrIf(x)) return true;
    const std::string& b = w_[x].base;
    if (w_[x].rel == "acl:relcl" && w_[x].head >= 0) {
      const std::string& h = w_[w_[x].head].lower;
      if (h == "what" || h == "whatever" || h == "whether") return true;
    }
    if (b == "parataxis" || b == "root" || b == "appos") return false;
    x = w_[x].head;
  }
  return false;
}

void SentenceCoder::Run() {
  Build();
  if (n_ == 0 || Discarded()) return;
  std::vector<Pred> preds, nouns;
  for (int i = 0; i < n_; ++i) {
    bool noun = IsNounLike(w_[i]);
    if (!noun && !IsVerbLike(i)) continue;
    const TriggerForm* t = FindTrigger(i, noun ? TriggerKind::kNoun : TriggerKind::kVerb);
    if (!t) continue;
    Pred p;
    p.word = i;
    p.trigger = t;
    (noun ? nouns : preds).push_back(std::move(p));
  }
  if (preds.empty() && nouns.empty()) return;
  FindActors();
  vocab_.reserve(2 * n_);
  for (int i = 0; i < n_; ++i) {
    if (rep_.patterns.anchor_filter.MayHave(w_[i].lower)) vocab_.push_back(w_[i].lower);
    if (w_[i].lemma != w_[i].lower && rep_.patterns.anchor_filter.MayHave(w_[i].lemma)) vocab_.push_back(w_[i].lemma);
  }
  std::sort(vocab_.begin(), vocab_.end());
  vocab_.erase(std::unique(vocab_.begin(), vocab_.end()), vocab_.end());
  // Patterns of the predicates' blocks whose anchor word is in the
  // sentence, as (block, pattern).
  std::vector<uint32_t> blocks;
  for (const Pred& p : preds) blocks.push_back(p.trigger->block);
  std::sort(blocks.begin(), blocks.end());
  blocks.erase(std::unique(blocks.begin(), blocks.end()), blocks.end());
  for (std::string_view word : vocab_) {
    auto it = rep_.patterns.by_anchor.find(word);
    if (it == rep_.patterns.by_anchor.end()) continue;
    for (const auto& bp : it->second) {
      if (std::binary_search(blocks.begin(), blocks.end(), bp.first)) anchored_.push_back(bp);
    }
  }
  std::sort(anchored_.begin(), anchored_.end());
  for (Pred& p : preds) CodePredicate(&p);
  Combine(&preds);
  std::vector<Pred> coded_nouns;
  for (Pred& p : nouns) {
    if (CodedByVerb(p.word, preds)) continue;
    CodeNoun(&p);
    if (!p.events.empty()) coded_nouns.push_back(std::move(p));
  }
  for (Pred& p : coded_nouns) preds.push_back(std::move(p));
  bool any = false;
  for (const Pred& p : preds) any = any || !p.events.empty();
  if (!any) return;
  std::vector<std::string> issues = Issues();
  // Questions and conditions report no event: "asked whether China was
  // linking ...", "what the North would have to concede".
  for (Pred& p : preds) {
    if (!p.events.empty() && Hypothetical(p.word)) p.events.clear();
  }
  // Deduplicate (source, target, code) within the sentence.
  std::vector<Event> out;
  for (Pred& p : preds) {
    for (Event& e : p.events) {
      bool dup = false;
      for (const Event& o : out) {
        if (o.code == e.code && o.source.has_value() == e.source.has_value() &&
            o.target.has_value() == e.target.has_value() &&
            (!o.source || o.source->actor == e.source->actor) &&
            (!o.target || o.target->actor == e.target->actor)) {
          dup = true;
          break;
        }
      }
      if (dup) continue;
      e.issues = issues;
      out.push_back(std::move(e));
    }
  }
  for (Event& e : out) doc_->events.push_back(std::move(e));
}

// Codes the predicates from the most embedded up, so that a governing verb
// sees the event of its complement: a null-coded governor lets it through;
// a reporting verb (CAMEO 01) keeps it and adds its own statement towards the
// complement's source; a general category verb (intend, demand, appeal, ...)
// combines with it through the coding ontology ("promise to help" -> 033);
// transformations of the dictionary take precedence.
void SentenceCoder::Combine(std::vector<Pred>* preds) {
  std::vector<int> order(preds->size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return depth_[(*preds)[a].word] > depth_[(*preds)[b].word];
  });
  std::vector<int> pred_at(n_, -1);
  for (size_t k = 0; k < preds->size(); ++k) pred_at[(*preds)[k].word] = static_cast<int>(k);
  const Ontology& onto = rep_.ontology;

  for (int k : order) {
    Pred& p = (*preds)[k];
    int v = p.word;
    bool passive = IsPassive(v);
    bool negated = IsNegated(v);
    std::string code = p.code.code, reverse = p.code.reverse, note;
    if (negated && !p.code.null()) {
      if (auto n = NegateCode(onto, code)) {
        code = *n;
        reverse.clear();
        negated = false;
        note = "negated: " + p.code.code + " -> " + code;
      }
    }
    // Source.
    std::vector<ActorRef> src, tgt;
    std::vector<int> used;
    if (p.captures.has_source) {
      src = p.captures.source;
    } else if (passive) {
      int ag = AgentOf(v);
      if (ag >= 0) src = Resolve(ag);
    } else {
      int s = SubjectOf(v);
      if (s >= 0) {
        src = Resolve(s);
        if (src.empty() && StartsWith(w_[v].rel, "acl") && w_[v].head >= 0) src = Resolve(w_[v].head);
      }
    }
    for (const ActorRef& a : src) used.push_back(a.word);
    // Target.
    if (p.captures.has_target) {
      tgt = p.captures.target;
    } else if (passive) {
      int s = SubjectOf(v);
      if (s < 0 && StartsWith(w_[v].rel, "acl")) s = w_[v].head;
      if (s >= 0) tgt = Resolve(s);
    }
    if (!p.captures.has_target && !passive) {
      tgt = DefaultTarget(v, used);
    }
    if (passive && src.empty() && !p.captures.has_source) {
      // No agent: the first actor of the clause's prepositional phrases
      // ("was shot dead in Osgiliath").
      std::vector<int> excl;
      for (const ActorRef& a : tgt) excl.push_back(a.word);
      for (int c : w_[v].kids) {
        if (w_[c].base != "obl") continue;
        std::vector<int> words;
        CollectNp(c, false, &words);
        src = FirstActorIn(words, excl);
        if (!src.empty()) break;
      }
    }
    if (p.pattern && p.pattern->reciprocal && src.size() >= 2 && !p.captures.has_target) {
      // '%': the members of a compound subject act on each other.
      tgt = src;
    }

    // Complements that already carry events.
    bool absorbed = false;
    for (int c : w_[v].kids) {
      const std::string& rel = w_[c].rel;
      if (rel != "ccomp" && rel != "xcomp" && rel != "csubj") continue;
      // The complement's predicate (itself, or a predicate it governs).
      int lowk = pred_at[c];
      if (lowk < 0) continue;
      Pred& low = (*preds)[lowk];
      if (low.events.empty() || p.code.null()) continue;
      // Transformations.
      bool transformed = false;
      for (const Transformation& t : rep_.patterns.transformations) {
        if (t.top_code != p.code.code) continue;
        if (!t.low_code.empty() && t.low_code != low.events[0].code) continue;
        bool aux_ok = true;
        for (const std::string& a : t.low_aux) {
          bool has = false;
          for (int x : w_[low.word].kids) has = has || (w_[x].base == "aux" && w_[x].lemma == a);
          aux_ok = aux_ok && has;
        }
        if (!aux_ok) continue;
        std::vector<Event> made;
        for (const Event& le : low.events) {
          std::optional<std::string> top_src = src.empty() ? std::nullopt : std::optional(src[0].code);
          auto var_value = [&](char var) -> std::optional<std::optional<EventActor>> {
            if (var == t.top_source) {
              if (src.empty()) return std::optional<EventActor>();
              return std::optional<EventActor>(EventActor{src[0].span, src[0].code, src[0].entity});
            }
            if (var == t.low_source) return le.source;
            if (var == t.low_target) return le.target;
            return std::nullopt;
          };
          // Variable constraints of the low event.
          auto same = [](const std::optional<EventActor>& a, const std::optional<std::string>& code) {
            return a && a->actor && code && *a->actor == *code;
          };
          bool ok = true;
          if (t.low_source == '_' && le.source && le.source->actor) ok = false;
          if (t.low_source == t.top_source && !same(le.source, top_src)) ok = false;
          if (t.low_source != t.top_source && t.low_source != '.' && t.low_source != '_' &&
              same(le.source, top_src)) {
            ok = false;
          }
          if (!ok) continue;
          Event e = le;
          auto s = var_value(t.out_source);
          auto g = var_value(t.out_target);
          e.source = s ? *s : std::nullopt;
          e.target = g ? *g : std::nullopt;
          std::string oc = t.out_code == "Q" ? le.code : t.out_code;
          Event fresh = MakeEvent(p, nullptr, nullptr, oc, false, "");
          fresh.source = e.source;
          fresh.target = e.target;
          fresh.rule = t.rule;
          made.push_back(std::move(fresh));
        }
        if (!made.empty()) {
          low.events = std::move(made);
          transformed = true;
          absorbed = true;
          break;
        }
      }
      if (transformed) continue;
      // A pattern that names a word of the complement codes the two
      // together: "threatened to attack" is 138 (- * (TO ATTACK)), not also
      // an attack; "denied sending weapons" 1222 (- * &MILAID), not also 072.
      if (p.pattern) {
        std::vector<int> words;
        CollectWide(low.word, &words);
        const bool named = std::any_of(words.begin(), words.end(), [&](int x) {
          return PatternNames(p.pattern->post, x) || PatternNames(p.pattern->pre, x);
        });
        if (named) {
          low.events.clear();
          continue;
        }
      }
      std::string top = p.code.code;
      if (top.substr(0, 2) == "01") {
        // A statement about the complement: the complement's event stands;
        // the statement is towards the complement's source.
        if (tgt.empty() || !p.captures.has_target) {
          const Event& le = low.events[0];
          if (le.source && le.source->actor && ObjectOf(v) < 0) {
            ActorRef r;
            r.code = *le.source->actor;
            r.span = le.source->span;
            r.entity = le.source->entity;
            tgt = {r};
          }
        }
        if (!rep_.options.code_reporting) absorbed = true;
        continue;
      }
      // Category verbs combine with the complement's meaning.
      auto tv = onto.Value(top);
      if (!tv || *tv <= 0 || (*tv & 0xFFF) != 0) continue;
      bool combined = false;
      for (Event& le : low.events) {
        auto lv = onto.Value(le.code);
        if (!lv || *lv <= 0 || *lv >= 0x1000) continue;
        const std::string* cc = onto.Code(*tv + *lv);
        if (!cc) continue;
        std::string from = le.code;
        Event e = MakeEvent(low, nullptr, nullptr, *cc, le.negated, "");
        e.source = le.source;
        e.target = le.target;
        if ((!e.source || !e.source->actor) && !src.empty()) {
          e.source = EventActor{src[0].span, src[0].code, src[0].entity};
        }
        e.trigger = le.trigger;
        e.trigger.start = std::min(e.trigger.start, w_[v].span.start);
        e.trigger.end = std::max(e.trigger.end, w_[v].span.end);
        e.rule = (p.pattern ? p.pattern->rule : p.trigger->rule) + " + " + le.rule + " (ontology: " + top +
                 " + " + from + " -> " + *cc + ")";
        le = std::move(e);
        combined = true;
      }
      if (combined) absorbed = true;
    }
    if ((p.code.null() && p.code.reverse.empty()) || absorbed) continue;
    Emit(&p, src, tgt, code, reverse, negated, note);
  }
}

}  // namespace
}  // namespace events_internal

// ---------------------------------------------------------------- public API

using events_internal::CoderRep;

EventCoder::EventCoder(std::unique_ptr<CoderRep> rep) : rep_(std::move(rep)) {}
EventCoder::~EventCoder() = default;

namespace events_internal {
// The words one of which a sentence must contain for `p` to match: the
// alternatives of its first word element (a pre-filter; empty = none).
void SetAnchors(Pattern* p) {
  auto term_anchors = [p](const Elem& t) {
    for (const WordSeq& seq : t.alts) {
      if (seq.words.empty()) continue;
      p->anchors.push_back(seq.words[0]);
      if (seq.words.size() == 1 && !seq.last_plural.empty()) p->anchors.push_back(seq.last_plural);
    }
  };
  auto pick = [&](const std::vector<Elem>& elems) {
    for (const Elem& e : elems) {
      if (e.kind == Elem::kTerm) {
        term_anchors(e);
        return true;
      }
      if ((e.kind == Elem::kPhrase || e.kind == Elem::kPrep) && !e.parts.empty()) {
        const Elem& t = e.kind == Elem::kPhrase ? e.parts.back() : e.parts[0];
        if (t.kind == Elem::kTerm) {
          term_anchors(t);
          return true;
        }
      }
    }
    return false;
  };
  if (!pick(p->post)) pick(p->pre);
}
}  // namespace events_internal

namespace {

void FillPlurals(events_internal::Elem* e) {
  for (auto& seq : e->alts) {
    if (!seq.form_only && !seq.words.empty()) seq.last_plural = events_internal::RegularPlural(seq.words.back());
    if (!seq.words.empty()) e->firsts.push_back(seq.words[0]);
    if (seq.words.size() == 1 && !seq.last_plural.empty()) e->firsts.push_back(seq.last_plural);
  }
  std::sort(e->firsts.begin(), e->firsts.end());
  e->firsts.erase(std::unique(e->firsts.begin(), e->firsts.end()), e->firsts.end());
  for (auto& p : e->parts) FillPlurals(&p);
}

}  // namespace

std::string UdV2Deprel(std::string_view deprel, std::string_view head_upos) {
  if (deprel == "dobj") return "obj";
  if (deprel == "nsubjpass") return "nsubj:pass";
  if (deprel == "csubjpass") return "csubj:pass";
  if (deprel == "auxpass") return "aux:pass";
  if (deprel == "name") return "flat";
  if (deprel == "mwe") return "fixed";
  if (deprel == "neg") return "advmod";
  if (deprel == "foreign") return "flat:foreign";
  if (deprel == "remnant") return "orphan";
  if (deprel == "nmod:agent") return "obl:agent";
  if (deprel.substr(0, 4) == "nmod" && deprel != "nmod:poss" &&
      (head_upos == "VERB" || head_upos == "AUX" || head_upos == "ADJ" || head_upos == "ADV")) {
    return "obl" + std::string(deprel.substr(4));
  }
  return std::string(deprel);
}

Result<std::unique_ptr<EventCoder>> EventCoder::LoadFromSources(
    const std::vector<DictionarySource>& verbs, const DictionarySource* discards,
    const DictionarySource* issues, const DictionarySource* ontology,
    std::shared_ptr<const ActorDictionary> actors, std::vector<std::string>* problems,
    const EventCoderOptions& options, const std::vector<DictionarySource>& nouns) {
  auto cameo = CameoTable::LoadDefault();
  if (!cameo.ok()) return cameo.status();
  auto rep = std::make_unique<CoderRep>();
  for (const DictionarySource& v : verbs) {
    events_internal::ReadPatternFile(v.name, v.text, &rep->patterns, problems);
  }
  for (const DictionarySource& v : nouns) {
    events_internal::ReadPatternFile(v.name, v.text, &rep->patterns, problems,
                                     events_internal::TriggerKind::kNoun);
  }
  events_internal::FinishPatternDictionary(&rep->patterns);
  for (auto& b : rep->patterns.blocks) {
    for (auto& p : b.patterns) {
      for (auto& e : p.pre) FillPlurals(&e);
      for (auto& e : p.post) FillPlurals(&e);
      events_internal::SetAnchors(&p);
    }
  }
  for (uint32_t bi = 0; bi < rep->patterns.blocks.size(); ++bi) {
    auto& b = rep->patterns.blocks[bi];
    for (uint32_t i = 0; i < b.patterns.size(); ++i) {
      const auto& anchors = b.patterns[i].anchors;
      if (anchors.empty()) b.unanchored.push_back(i);
      for (const std::string& a : anchors) {
        auto& v = rep->patterns.by_anchor[a];
        if (v.empty() || v.back() != std::make_pair(bi, i)) v.push_back({bi, i});
      }
    }
  }
  for (const auto& [key, ids] : rep->patterns.by_form) rep->patterns.trigger_filter.Add(key);
  for (const auto& [key, ids] : rep->patterns.by_base) rep->patterns.trigger_filter.Add(key);
  for (const auto& [key, ids] : rep->patterns.by_anchor) rep->patterns.anchor_filter.Add(key);
  if (ontology) events_internal::ReadOntology(ontology->name, ontology->text, &rep->ontology, problems);
  if (discards) {
    events_internal::ReadDiscards(discards->name, discards->text, &rep->discards, problems);
    for (uint32_t i = 0; i < rep->discards.size(); ++i) {
      const std::string& t = rep->discards[i].text;
      size_t sp = t.find(' ');
      if (sp == std::string::npos && !rep->discards[i].whole_word) {
        rep->discard_stems[t.substr(0, 3)].push_back(i);
        rep->discard_stem_lengths |= 1u << std::min<size_t>(t.size(), 3);
        rep->discard_filter.Add(t.substr(0, 3));
      } else {
        rep->discard_first[t.substr(0, sp)].push_back(i);
        rep->discard_filter.Add(t.substr(0, sp));
      }
    }
  }
  if (issues) {
    events_internal::ReadIssues(issues->name, issues->text, &rep->issues, problems);
    for (uint32_t i = 0; i < rep->issues.size(); ++i) {
      const auto& alts = rep->issues[i].alternatives;
      for (uint32_t a = 0; a < alts.size(); ++a) {
        if (!alts[a].empty()) rep->issue_index[alts[a][0]].push_back({i, a});
      }
    }
  }
  rep->cameo = std::move(cameo).value();
  rep->actors = std::move(actors);
  rep->options = options;
  return std::unique_ptr<EventCoder>(new EventCoder(std::move(rep)));
}

Result<std::unique_ptr<EventCoder>> EventCoder::Load(const DictionaryFiles& files,
                                                     std::shared_ptr<const ActorDictionary> actors,
                                                     std::vector<std::string>* problems,
                                                     const EventCoderOptions& options) {
  std::vector<DictionarySource> verbs, nouns;
  for (const std::string& f : files.verbs) {
    DictionarySource s{f, ""};
    DYAD_RETURN_IF_ERROR(ReadFileInto(f, &s.text, "dictionary"));
    verbs.push_back(std::move(s));
  }
  for (const std::string& f : files.nouns) {
    DictionarySource s{f, ""};
    DYAD_RETURN_IF_ERROR(ReadFileInto(f, &s.text, "dictionary"));
    nouns.push_back(std::move(s));
  }
  std::optional<DictionarySource> discards, issues, ontology;
  auto read_opt = [](const std::string& f, std::optional<DictionarySource>* out) -> Status {
    if (f.empty()) return Status::OK();
    DictionarySource s{f, ""};
    DYAD_RETURN_IF_ERROR(ReadFileInto(f, &s.text, "dictionary"));
    *out = std::move(s);
    return Status::OK();
  };
  DYAD_RETURN_IF_ERROR(read_opt(files.discards, &discards));
  DYAD_RETURN_IF_ERROR(read_opt(files.issues, &issues));
  DYAD_RETURN_IF_ERROR(read_opt(files.ontology, &ontology));
  return LoadFromSources(verbs, discards ? &*discards : nullptr, issues ? &*issues : nullptr,
                         ontology ? &*ontology : nullptr, std::move(actors), problems, options, nouns);
}

void EventCoder::CodeSentence(Document* doc, uint32_t sentence) const {
  if (sentence >= doc->sentences.size()) return;
  events_internal::SentenceCoder coder(*rep_, doc, sentence,
                                       ArticleDateNumber(doc->article));
  coder.Run();
}

void EventCoder::Code(Document* doc) const {
  // Story-level discards: nothing in the article is coded.
  if (!rep_->discards.empty()) {
    std::vector<std::string> lowered;
    lowered.reserve(doc->words.size());
    for (const Word& w : doc->words) lowered.push_back(events_internal::Lower(w.form));
    std::vector<std::string_view> toks(lowered.begin(), lowered.end());
    if (events_internal::DiscardIn(*rep_, toks, /*story=*/true)) return;
  }
  for (uint32_t s = 0; s < doc->sentences.size(); ++s) CodeSentence(doc, s);
}

size_t EventCoder::verb_count() const {
  size_t n = 0;
  for (const auto& [base, ids] : rep_->patterns.by_base) {
    for (uint32_t id : ids) {
      if (rep_->patterns.triggers[id].kind == events_internal::TriggerKind::kVerb) {
        ++n;
        break;
      }
    }
  }
  return n;
}
size_t EventCoder::pattern_count() const { return rep_->patterns.pattern_count; }

}  // namespace dyad
