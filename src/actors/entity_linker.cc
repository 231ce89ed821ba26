// The actors stage: mentions (ner + dictionary + headline) -> entities.
//
//   1. candidates: the ner mentions; the dictionary phrases the ner stage did
//      not cover (countries, demonyms, capitals); "the North" / "the South";
//      names in the headline (dictionary phrases, and runs of capitalised
//      words that share a word with a person named in the body);
//   2. each candidate's own code: its dictionary entry on the date, or the
//      code of its title / apposition (persons) or of its words and noun
//      phrase (organisations);
//   3. linking, with a union-find over candidates: one dictionary entry is
//      one entity; full names that contain one another; short forms to the
//      full name they fit, decided by context when several fit, dropped when
//      nothing decides; "the North" to the one "North ..." country named;
//   4. one Entity per group: mentions in text order, canonical = the longest
//      full form, code = the best coded member's.
// docs/entities.md says why each rule is as it is.

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <tuple>

#include "actors/actor_coder_internal.h"
#include "dyad/entities.h"
#include "dyad/utf8.h"
#include "util/ascii.h"

namespace dyad {
namespace {

using entities_internal::ActorCoder;
using entities_internal::CodedActor;
using entities_internal::IsCountryCode;

constexpr int32_t kTitleSentence = -1;

struct Candidate {
  Mention m;
  bool ner = false;
  bool in_title = false;
  bool has_span = true;    // false: a name in a title that is not part of the text
  std::string text;        // the words as written (canonical candidates)
  std::vector<std::string> key;  // lower-cased name words, no punctuation
  int32_t entry = -1;      // dictionary entry of exactly these words
  bool adjective = false;  // a demonym used as an adjective ("Chinese support")
  int metonym = 0;         // +1 "the North", -1 "the South"
  uint32_t order = 0;      // text order (title candidates first)
  int32_t sentence = kTitleSentence;
  std::optional<CodedActor> own_code;  // title / apposition / organisation words
  uint32_t desc_begin = 0, desc_end = 0;  // a person's description words
  bool dropped = false;    // a short form that nothing decides
};

struct UnionFind {
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Union(size_t a, size_t b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<size_t> parent;
};

bool IsNameWord(std::string_view lowered) {
  if (lowered == "'s" || lowered == "\xE2\x80\x99s" || lowered == "'" || lowered == "\xE2\x80\x99") {
    return false;
  }
  for (size_t i = 0; i < lowered.size();) {
    char32_t c = utf8::Next(lowered, i);
    if (utf8::IsLetter(c) || utf8::IsDigit(c)) return true;
  }
  return false;
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  size_t i = 0;
  return utf8::IsUpper(utf8::Next(s, i));
}

bool IsPerson(const Candidate& c) { return c.m.type == "PER"; }

// ---- the headline --------------------------------------------------------

struct TitleToken {
  Span span;  // bytes in the article text (or in the title string)
  std::string lowered;
  bool upper = false;
  bool ends_run = false;  // followed by a possessive or punctuation
};

// Splits a headline into words: at blanks, at hyphens between words
// ("U.S.-China"), without quotes, commas and possessives around them.
std::vector<TitleToken> TitleTokens(std::string_view title, uint32_t base) {
  std::vector<TitleToken> out;
  auto is_break = [](char32_t c) {
    return utf8::IsSpace(c) || c == '-' || c == 0x2013 || c == 0x2014 || c == '/';
  };
  size_t i = 0;
  while (i < title.size()) {
    size_t start = i;
    char32_t c = utf8::Next(title, i);
    if (is_break(c)) continue;
    size_t end = i;
    while (end < title.size()) {
      size_t j = end;
      char32_t d = utf8::Next(title, j);
      if (is_break(d)) break;
      end = j;
    }
    i = end;
    // Trim punctuation (not the dots of "U.S.") and a possessive.
    bool ends_run = false;
    std::string_view w = title.substr(start, end - start);
    for (bool changed = true; changed && !w.empty();) {
      changed = false;
      for (std::string_view suffix : {"'s", "\xE2\x80\x99s", "'", "\xE2\x80\x99"}) {
        if (w.size() > suffix.size() && w.ends_with(suffix)) {
          w.remove_suffix(suffix.size());
          ends_run = changed = true;
        }
      }
      size_t j = w.size();
      char32_t last = utf8::Prev(w, j);
      if (last != '.' && (utf8::IsPunct(last) || utf8::IsSymbol(last))) {
        w = w.substr(0, j);
        ends_run = changed = true;
      }
    }
    while (!w.empty()) {
      size_t j = 0;
      char32_t first = utf8::Next(w, j);
      if (!(utf8::IsPunct(first) || utf8::IsSymbol(first))) break;
      w.remove_prefix(j);
    }
    if (w.empty()) continue;
    TitleToken t;
    uint32_t off = base + static_cast<uint32_t>(w.data() - title.data());
    t.span = Span{off, off + static_cast<uint32_t>(w.size())};
    t.lowered = utf8::ToLower(w);
    t.upper = StartsUpper(w);
    t.ends_run = ends_run;
    out.push_back(std::move(t));
  }
  return out;
}

// ---- the linker ------------------------------------------------------------

class Linker {
 public:
  Linker(const ActorDictionary& dict, Document* doc) : coder_(dict, *doc), doc_(*doc) {}

  std::vector<Entity> Run() {
    AddNerCandidates();
    AddDictionaryCandidates();
    AddTitleCandidates();
    std::stable_sort(cands_.begin(), cands_.end(),
                     [](const Candidate& a, const Candidate& b) { return a.order < b.order; });
    for (Candidate& c : cands_) CodeOwnWords(&c);
    DropOfficesInTitles();
    UnionFind uf(cands_.size());
    LinkByEntry(&uf);
    LinkOrganisations(&uf);
    LinkFullNames(&uf);
    LinkShortNames(&uf);
    LinkMetonyms(&uf);
    return MakeEntities(&uf);
  }

 private:
  Candidate FromWords(const Mention& m) const {
    Candidate c;
    c.m = m;
    c.text = std::string(doc_.Text(m.span));
    c.order = m.span.start;
    c.sentence = static_cast<int32_t>(m.sentence);
    for (uint32_t i = m.first_word; i < m.first_word + m.num_words; ++i) {
      std::string lowered = utf8::ToLower(doc_.words[i].form);
      if (IsNameWord(lowered)) c.key.push_back(std::move(lowered));
    }
    // A demonym or name used as a modifier ("Chinese support", "South
    // Korean presidential spokesperson") is a weaker canonical form.
    const Word& last = doc_.words[m.first_word + m.num_words - 1];
    c.adjective = last.upos == "ADJ" || last.deprel == "amod" || last.deprel == "compound";
    return c;
  }

  // A name the ner stage tagged that is an acronym in capitals written
  // without its dots ("US", "UK") takes the dictionary entry of the dotted
  // form ("U.S.", "U.K."); the lower-case pronoun "us" is never a name here.
  int32_t DottedAcronym(std::string_view form) const {
    if (form.size() < 2 || form.size() > 4) return -1;
    std::string dotted;
    for (char ch : form) {
      if (ch < 'A' || ch > 'Z') return -1;
      dotted += AsciiLower(ch);
      dotted += '.';
    }
    std::vector<std::string_view> toks = {dotted};
    PhraseMatch a = coder_.dict().LongestActorMatch(toks, 0);
    return a && a.length == 1 ? static_cast<int32_t>(a.entry) : -1;
  }

  void AddNerCandidates() {
    covered_.assign(doc_.words.size(), false);
    for (const Mention& m : doc_.mentions) {
      if (m.num_words == 0 || m.first_word + m.num_words > doc_.words.size() ||
          m.sentence >= doc_.sentences.size()) {
        continue;
      }
      const Sentence& sent = doc_.sentences[m.sentence];
      if (m.first_word < sent.first_word ||
          m.first_word + m.num_words > sent.first_word + sent.num_words) {
        continue;  // not inside its sentence: not a mention this stage can read
      }
      Candidate c = FromWords(m);
      c.ner = true;
      c.adjective = false;
      if (c.key.empty()) continue;
      PhraseMatch a = coder_.ActorAt(m.sentence, m.first_word, m.first_word + m.num_words);
      if (a && a.length == m.num_words) c.entry = static_cast<int32_t>(a.entry);
      if (c.entry < 0 && m.num_words == 1) c.entry = DottedAcronym(doc_.words[m.first_word].form);
      // "the North" tagged as a place by the ner stage.
      if (m.num_words == 1 && m.first_word > doc_.sentences[m.sentence].first_word) {
        c.metonym = Metonym(m.first_word);
      }
      for (uint32_t i = m.first_word; i < m.first_word + m.num_words; ++i) covered_[i] = true;
      cands_.push_back(std::move(c));
    }
  }

  // The type of a name found by the dictionary alone: LOC for a bare
  // country code; PER for an entry whose codes hold for dates only (terms
  // of office: persons); ORG otherwise.
  std::string TypeOfEntry(uint32_t entry) const {
    if (IsCountryCode(coder_.Code(entry).value_or(""))) return "LOC";
    for (const DatedCode& c : coder_.dict().Codes(entry)) {
      if (!c.unrestricted) return "PER";
    }
    return "ORG";
  }

  // +1 for "the North", -1 for "the South" at word w ("North"), else 0.
  int Metonym(uint32_t w) const {
    if (w == 0) return 0;
    const std::string& form = doc_.words[w].form;
    if (form != "North" && form != "South") return 0;
    if (AsciiLower(doc_.words[w - 1].form) != "the") return 0;
    // Not "the North Atlantic", "the South China Sea".
    if (w + 1 < doc_.words.size() && StartsUpper(doc_.words[w + 1].form) &&
        doc_.words[w + 1].token != doc_.words[w].token) {
      const std::string& next_upos = doc_.words[w + 1].upos;
      if (next_upos == "PROPN" || next_upos == "NOUN" || next_upos.empty()) return 0;
    }
    return form == "North" ? 1 : -1;
  }

  void AddDictionaryCandidates() {
    for (uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      const Sentence& sent = doc_.sentences[s];
      const uint32_t end = sent.first_word + sent.num_words;
      for (uint32_t w = sent.first_word; w < end;) {
        if (covered_[w]) {
          ++w;
          continue;
        }
        uint32_t limit = w;
        while (limit < end && !covered_[limit]) ++limit;
        PhraseMatch a = coder_.ActorAt(s, w, limit);
        if (a) {
          Mention m;
          m.sentence = s;
          m.first_word = w;
          m.num_words = static_cast<uint32_t>(a.length);
          m.span = Span{doc_.words[w].span.start, doc_.words[w + m.num_words - 1].span.end};
          m.type = TypeOfEntry(a.entry);
          Candidate c = FromWords(m);
          c.entry = static_cast<int32_t>(a.entry);
          cands_.push_back(std::move(c));
          w += m.num_words;
          continue;
        }
        if (int dir = w + 1 < limit ? Metonym(w + 1) : 0; dir != 0) {
          Mention m;
          m.sentence = s;
          m.first_word = w;
          m.num_words = 2;
          m.span = Span{doc_.words[w].span.start, doc_.words[w + 1].span.end};
          m.type = "LOC";
          Candidate c = FromWords(m);
          c.metonym = dir;
          c.adjective = false;
          cands_.push_back(std::move(c));
          w += 2;
          continue;
        }
        ++w;
      }
    }
  }

  void AddTitleCandidates() {
    std::string_view title;
    uint32_t base = 0;
    bool has_span = false;
    if (doc_.article.title_span && doc_.article.title_span->end <= doc_.article.text.size()) {
      title = doc_.Text(*doc_.article.title_span);
      base = doc_.article.title_span->start;
      has_span = true;
    } else if (doc_.article.title) {
      title = *doc_.article.title;
    }
    if (title.empty()) return;
    std::vector<TitleToken> tokens = TitleTokens(title, base);
    std::vector<std::string_view> views;
    for (const TitleToken& t : tokens) views.push_back(t.lowered);
    // Words of the persons named in the body.
    std::vector<std::vector<std::string>> person_keys;  // copies: cands_ grows below
    for (const Candidate& c : cands_) {
      if (IsPerson(c)) person_keys.push_back(c.key);
    }
    auto add = [&](size_t b, size_t e, const std::string& type, int32_t entry) {
      Candidate c;
      c.in_title = true;
      c.has_span = has_span;
      c.m.type = type;
      c.m.span = Span{tokens[b].span.start, tokens[e - 1].span.end};
      c.text = has_span ? std::string(doc_.Text(c.m.span))
                        : std::string(title.substr(c.m.span.start, c.m.span.size()));
      for (size_t i = b; i < e; ++i) {
        if (IsNameWord(tokens[i].lowered)) c.key.push_back(tokens[i].lowered);
      }
      c.entry = entry;
      c.order = has_span ? c.m.span.start : 0;
      c.sentence = kTitleSentence;
      cands_.push_back(std::move(c));
    };
    for (size_t i = 0; i < tokens.size();) {
      PhraseMatch a = coder_.dict().LongestActorMatch(views, i);
      if (tokens[i].upper) {
        // A run of capitalised words naming a person of the body.
        size_t e = i + 1;
        while (e < tokens.size() && !tokens[e - 1].ends_run && tokens[e].upper) ++e;
        std::vector<std::string> key;
        for (size_t k = i; k < e; ++k) key.push_back(tokens[k].lowered);
        bool person = false;
        for (const std::vector<std::string>& pk : person_keys) {
          if (pk == key) person = true;
          if (key.size() >= 2 && !pk.empty() &&
              (pk.front() == key.front() || pk.back() == key.back())) {
            person = true;
          }
        }
        if (person) {
          int32_t entry = a && a.length == e - i && coder_.Code(a.entry)
                              ? static_cast<int32_t>(a.entry)
                              : -1;
          add(i, e, "PER", entry);
          i = e;
          continue;
        }
      }
      if (a && tokens[i + a.length - 1].upper && coder_.Code(a.entry)) {
        add(i, i + a.length, TypeOfEntry(a.entry),
            static_cast<int32_t>(a.entry));
        i += a.length;
        continue;
      }
      ++i;
    }
  }

  void CodeOwnWords(Candidate* c) const {
    if (c->m.num_words == 0 || c->entry >= 0) return;
    if (IsPerson(*c)) {
      auto d = entities_internal::FindDescription(doc_, c->m);
      if (!d) return;
      c->desc_begin = d->begin;
      c->desc_end = d->end;
      c->own_code = coder_.CodeDescription(
          c->m.sentence, d->begin, d->end,
          d->kind == entities_internal::DescriptionKind::kTitle ? "title" : "apposition");
    } else if (c->m.type == "ORG") {
      c->own_code = coder_.CodeOrganisation(c->m);
    }
  }

  // An office found by the dictionary inside a person's title ("U.S.
  // Secretary of State" Mike Pompeo) describes that person: it is not an
  // entity of its own. Countries in titles ("South Korean") stay mentions.
  void DropOfficesInTitles() {
    for (Candidate& c : cands_) {
      if (c.ner || c.in_title || c.entry < 0 || c.m.num_words == 0) continue;
      if (IsCountryCode(coder_.Code(static_cast<uint32_t>(c.entry)).value_or(""))) continue;
      for (const Candidate& p : cands_) {
        if (IsPerson(p) && p.desc_end > p.desc_begin && c.m.first_word >= p.desc_begin &&
            c.m.first_word + c.m.num_words <= p.desc_end) {
          c.dropped = true;
        }
      }
    }
  }

  void LinkByEntry(UnionFind* uf) {
    std::vector<std::pair<int32_t, size_t>> by_entry;
    for (size_t i = 0; i < cands_.size(); ++i) {
      if (cands_[i].entry >= 0) by_entry.emplace_back(cands_[i].entry, i);
    }
    std::sort(by_entry.begin(), by_entry.end());
    for (size_t k = 1; k < by_entry.size(); ++k) {
      if (by_entry[k].first == by_entry[k - 1].first) uf->Union(by_entry[k].second, by_entry[k - 1].second);
    }
  }

  // Organisations and places without an entry: the same words, the same one.
  void LinkOrganisations(UnionFind* uf) {
    for (size_t i = 0; i < cands_.size(); ++i) {
      if (IsPerson(cands_[i]) || cands_[i].entry >= 0 || cands_[i].metonym != 0) continue;
      for (size_t j = 0; j < i; ++j) {
        if (!IsPerson(cands_[j]) && cands_[j].entry < 0 && cands_[j].metonym == 0 &&
            cands_[j].key == cands_[i].key) {
          uf->Union(i, j);
          break;
        }
      }
    }
  }

  // Whether `part` is a run of `whole` that starts or ends it.
  static bool AlignedPart(const std::vector<std::string>& part, const std::vector<std::string>& whole) {
    if (part.empty() || part.size() > whole.size()) return false;
    return std::equal(part.begin(), part.end(), whole.begin()) ||
           std::equal(part.begin(), part.end(), whole.end() - static_cast<ptrdiff_t>(part.size()));
  }

  // Full names (two words or more) that contain one another.
  void LinkFullNames(UnionFind* uf) {
    for (size_t i = 0; i < cands_.size(); ++i) {
      if (!IsPerson(cands_[i]) || cands_[i].key.size() < 2) continue;
      std::vector<size_t> groups;
      for (size_t j = 0; j < i; ++j) {
        if (!IsPerson(cands_[j]) || cands_[j].key.size() < 2) continue;
        if (AlignedPart(cands_[i].key, cands_[j].key) || AlignedPart(cands_[j].key, cands_[i].key)) {
          size_t g = uf->Find(j);
          if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
        }
      }
      if (groups.size() == 1) uf->Union(i, groups[0]);
    }
  }

  // The group's code for comparing: its dictionary or description code.
  std::optional<std::string> GroupCode(UnionFind* uf, size_t g) {
    for (size_t k = 0; k < cands_.size(); ++k) {
      if (cands_[k].dropped || uf->Find(k) != g) continue;
      if (cands_[k].entry >= 0) {
        if (auto code = coder_.Code(static_cast<uint32_t>(cands_[k].entry))) return code;
      }
      if (cands_[k].own_code) return cands_[k].own_code->code;
    }
    return std::nullopt;
  }

  // Short forms ("Pompeo", "Kim"): to the full name they fit; when several
  // fit, to the one the context supports; otherwise left out.
  void LinkShortNames(UnionFind* uf) {
    for (size_t i = 0; i < cands_.size(); ++i) {
      Candidate& c = cands_[i];
      if (!IsPerson(c) || c.key.size() != 1) continue;
      const std::string& word = c.key.front();
      std::vector<size_t> groups;
      for (size_t j = 0; j < cands_.size(); ++j) {
        const Candidate& f = cands_[j];
        if (!IsPerson(f) || f.key.size() < 2 || (f.key.front() != word && f.key.back() != word)) {
          continue;
        }
        size_t g = uf->Find(j);
        if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
      }
      if (groups.empty()) {
        // No full name: the same short name is the same one.
        for (size_t j = 0; j < i; ++j) {
          if (IsPerson(cands_[j]) && !cands_[j].dropped && cands_[j].key == c.key) {
            uf->Union(i, j);
            break;
          }
        }
        continue;
      }
      if (groups.size() == 1) {
        uf->Union(i, groups[0]);
        continue;
      }
      // A person is not named twice in one sentence: a full name earlier in
      // this sentence is someone else ("Kim Eui-kyeom said ... Kim's trip").
      std::vector<size_t> open;
      for (size_t g : groups) {
        bool named_here = false;
        for (size_t j = 0; j < i; ++j) {
          if (uf->Find(j) == g && cands_[j].key.size() >= 2 && cands_[j].sentence == c.sentence &&
              c.sentence != kTitleSentence) {
            named_here = true;
          }
        }
        if (!named_here) open.push_back(g);
      }
      if (open.size() == 1) {
        uf->Union(i, open[0]);
        continue;
      }
      if (open.empty()) open = groups;
      // Evidence: the headline names it (+2); its latest mention is more
      // recent than every other's (+1); the title before this short form
      // gives the same country as its code (+3) or another one (-3).
      std::vector<int> score(open.size(), 0);
      std::vector<int32_t> last(open.size(), kTitleSentence - 1);
      size_t in_title = 0;
      std::optional<std::string> own;
      if (c.own_code && c.own_code->code.size() >= 3) own = c.own_code->code.substr(0, 3);
      for (size_t k = 0; k < open.size(); ++k) {
        bool title = false;
        for (size_t j = 0; j < cands_.size(); ++j) {
          if (uf->Find(j) != open[k] || cands_[j].dropped) continue;
          if (cands_[j].in_title) title = true;
          if (j < i) last[k] = std::max(last[k], cands_[j].sentence);
        }
        if (title) {
          score[k] += 2;
          ++in_title;
        }
        if (own) {
          auto code = GroupCode(uf, open[k]);
          if (code && code->size() >= 3) score[k] += code->compare(0, 3, *own) == 0 ? 3 : -3;
        }
      }
      if (in_title == open.size()) {
        for (int& s : score) s -= 2;
      }
      size_t latest = 0;
      bool unique_latest = true;
      for (size_t k = 1; k < open.size(); ++k) {
        if (last[k] > last[latest]) {
          latest = k;
          unique_latest = true;
        } else if (last[k] == last[latest]) {
          unique_latest = false;
        }
      }
      if (unique_latest && last[latest] >= kTitleSentence) score[latest] += 1;
      size_t best = 0;
      for (size_t k = 1; k < open.size(); ++k) {
        if (score[k] > score[best]) best = k;
      }
      bool decided = true;
      for (size_t k = 0; k < open.size(); ++k) {
        if (k != best && score[k] >= score[best]) decided = false;
      }
      if (decided) {
        uf->Union(i, open[best]);
      } else {
        c.dropped = true;
      }
    }
  }

  // "the North" / "the South": the one country named in the article whose
  // dictionary name starts with "North" / "South".
  void LinkMetonyms(UnionFind* uf) {
    for (size_t i = 0; i < cands_.size(); ++i) {
      Candidate& c = cands_[i];
      if (c.metonym == 0) continue;
      const std::string_view prefix = c.metonym > 0 ? "north" : "south";
      std::optional<int32_t> entry;
      size_t member = 0;
      bool ambiguous = false;
      for (size_t j = 0; j < cands_.size(); ++j) {
        const Candidate& o = cands_[j];
        if (o.entry < 0) continue;
        std::string name = AsciiLower(coder_.dict().ActorName(static_cast<uint32_t>(o.entry)));
        if (!name.starts_with(prefix) || name.size() <= prefix.size() ||
            (name[prefix.size()] != '_' && name[prefix.size()] != ' ')) {
          continue;
        }
        if (!IsCountryCode(coder_.Code(static_cast<uint32_t>(o.entry)).value_or(""))) continue;
        if (entry && *entry != o.entry) ambiguous = true;
        entry = o.entry;
        member = j;
      }
      if (!entry || ambiguous) {
        c.dropped = true;
        continue;
      }
      uf->Union(i, member);
    }
  }

  // Ranks the canonical form: a person's full name, the dictionary's own
  // name of the entry, a name rather than an adjective, more words, longer.
  std::tuple<bool, bool, bool, bool, size_t, size_t> CanonicalRank(const Candidate& c) const {
    bool primary = false;
    if (c.entry >= 0) {
      std::string name = AsciiLower(coder_.dict().ActorName(static_cast<uint32_t>(c.entry)));
      std::string joined;
      for (const std::string& k : c.key) joined += (joined.empty() ? "" : "_") + k;
      while (!name.empty() && (name.back() == '_' || name.back() == ' ')) name.pop_back();
      for (char& ch : name) {
        if (ch == ' ') ch = '_';
      }
      primary = name == joined;
    }
    return {IsPerson(c), primary, !c.adjective, c.metonym == 0, c.key.size(), c.text.size()};
  }

  std::vector<Entity> MakeEntities(UnionFind* uf) {
    std::vector<std::vector<size_t>> groups;
    std::vector<size_t> group_of(cands_.size(), SIZE_MAX);
    for (size_t i = 0; i < cands_.size(); ++i) {
      if (cands_[i].dropped) continue;
      size_t root = uf->Find(i);
      if (group_of[root] == SIZE_MAX) {
        group_of[root] = groups.size();
        groups.emplace_back();
      }
      groups[group_of[root]].push_back(i);
    }
    std::vector<Entity> out;
    for (const std::vector<size_t>& g : groups) {
      Entity e;
      const Candidate* canonical = nullptr;
      for (size_t i : g) {
        const Candidate& c = cands_[i];
        if (c.has_span) e.mentions.push_back(c.m);
        if (canonical == nullptr || CanonicalRank(c) > CanonicalRank(*canonical)) canonical = &c;
      }
      if (e.mentions.empty()) continue;
      std::sort(e.mentions.begin(), e.mentions.end(),
                [](const Mention& a, const Mention& b) { return a.span.start < b.span.start; });
      e.canonical = canonical->text;
      e.type = canonical->m.type;
      // The code: a dictionary entry (longest mention first), else the
      // first title, apposition or organisation code in text order.
      const Candidate* by_entry = nullptr;
      for (size_t i : g) {
        const Candidate& c = cands_[i];
        if (c.entry < 0 || !coder_.Code(static_cast<uint32_t>(c.entry))) continue;
        if (by_entry == nullptr || c.key.size() > by_entry->key.size()) by_entry = &c;
      }
      if (by_entry != nullptr) {
        e.actor = coder_.Code(static_cast<uint32_t>(by_entry->entry));
        e.actor_rule = coder_.dict().ActorSource(static_cast<uint32_t>(by_entry->entry));
      } else {
        for (size_t i : g) {
          if (cands_[i].own_code) {
            e.actor = cands_[i].own_code->code;
            e.actor_rule = cands_[i].own_code->rule;
            break;
          }
        }
      }
      out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) {
      return a.mentions.front().span.start < b.mentions.front().span.start;
    });
    return out;
  }

  ActorCoder coder_;
  const Document& doc_;
  std::vector<Candidate> cands_;
  std::vector<bool> covered_;  // words inside a ner mention
};

}  // namespace

EntityLinker::EntityLinker(std::shared_ptr<const ActorDictionary> dictionary, bool builtin)
    : dictionary_(std::move(dictionary)), builtin_(builtin) {}
EntityLinker::~EntityLinker() = default;

Result<std::unique_ptr<EntityLinker>> EntityLinker::Create(const DictionaryFiles& files,
                                                           std::vector<std::string>* problems) {
  if (files.actors.empty()) {
    std::shared_ptr<const ActorDictionary> builtin = BuiltinActorDictionary();
    if (!builtin) return Status::Corruption("the built-in actor dictionary does not load");
    return std::make_unique<EntityLinker>(std::move(builtin), /*builtin=*/true);
  }
  auto dict = ActorDictionary::Load(files.actors, files.agents, problems);
  if (!dict.ok()) return dict.status();
  return std::make_unique<EntityLinker>(std::shared_ptr<const ActorDictionary>(std::move(*dict)));
}

void EntityLinker::Annotate(Document* doc) const {
  doc->entities = Linker(*dictionary_, doc).Run();
}

int32_t EntityAtWord(const Document& doc, uint32_t word) {
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    for (const Mention& m : doc.entities[e].mentions) {
      if (m.num_words > 0 && m.first_word <= word && word < m.first_word + m.num_words) {
        return static_cast<int32_t>(e);
      }
    }
  }
  return -1;
}

}  // namespace dyad
