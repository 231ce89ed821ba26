// Coding one mention: the description words of a name from the parse (the
// title before it, the apposition after it), the CAMEO code of a description
// or of an organisation name (country + role), the date-aware code of a
// dictionary entry, and the tiny built-in dictionary used when no actor file
// is given.

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "actors/actor_coder_internal.h"
#include "dyad/entities.h"
#include "dyad/utf8.h"

namespace dyad {
namespace entities_internal {
namespace {

bool IsPunctWord(const Word& w) {
  if (w.upos == "PUNCT" || w.upos == "SYM") return true;
  if (!w.upos.empty()) return false;
  for (char c : w.form) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      return false;
    }
  }
  return true;
}

// Words that may lead a noun phrase but are not part of a title.
bool IsLeadingFunctionWord(const Word& w) {
  return w.upos == "DET" || w.upos == "ADP" || w.upos == "CCONJ" || w.upos == "SCONJ" ||
         w.upos == "PART" || IsPunctWord(w);
}

// Words that never belong to a title before a name: a verb or a pronoun
// means the walk left the noun phrase (a wrong attachment).
bool EndsTitle(const Word& w) {
  return w.upos == "VERB" || w.upos == "AUX" || w.upos == "PRON" || w.form == "," ||
         w.form == ";" || w.form == ":" || w.form == "(" || w.form == ")";
}

bool HasContentWord(const Document& doc, uint32_t b, uint32_t e) {
  for (uint32_t i = b; i < e; ++i) {
    const std::string& u = doc.words[i].upos;
    if (u == "NOUN" || u == "PROPN" || u == "ADJ" || (u.empty() && !IsPunctWord(doc.words[i]))) {
      return true;
    }
  }
  return false;
}

// A word that can stand in a title before a name whatever the parse says:
// a noun, proper noun, adjective or number, or "of" / "for" between two of
// them ("Secretary of State"). The parser often misattaches long titles.
bool IsTitleWord(const Document& doc, uint32_t sentence_begin, uint32_t w) {
  const std::string& u = doc.words[w].upos;
  if (u == "NOUN" || u == "PROPN" || u == "ADJ" || u == "NUM") return true;
  if (u == "ADP" && (doc.words[w].form == "of" || doc.words[w].form == "for") &&
      w > sentence_begin) {
    const std::string& left = doc.words[w - 1].upos;
    const std::string& right = doc.words[w + 1].upos;
    return (left == "NOUN" || left == "PROPN") && (right == "NOUN" || right == "PROPN");
  }
  return false;
}

bool StartsUpper(std::string_view form) {
  if (form.empty()) return false;
  size_t i = 0;
  return utf8::IsUpper(utf8::Next(form, i));
}

// A speaker or helper for someone: the role is that of whom they speak for
// ("presidential spokesperson" is the presidency's, not the media's).
bool IsProxyRole(std::string_view lowered_head) {
  return lowered_head.rfind("spokes", 0) == 0 || lowered_head == "aide" ||
         lowered_head == "aides" || lowered_head == "adviser" || lowered_head == "advisers" ||
         lowered_head == "advisor" || lowered_head == "advisors";
}

std::string Sources(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    out += out.empty() ? " (" : "; ";
    out += p;
  }
  if (!out.empty()) out += ')';
  return out;
}

}  // namespace

int32_t AbsoluteHead(const Document& doc, const Sentence& s, uint32_t w) {
  int32_t h = doc.words[w].head;
  if (h < 0 || static_cast<uint32_t>(h) >= s.num_words) return -1;
  return static_cast<int32_t>(s.first_word + static_cast<uint32_t>(h));
}

bool Dominates(const Document& doc, const Sentence& s, uint32_t ancestor, uint32_t w) {
  // Bounded walk: a malformed parse with a cycle cannot hang it.
  for (uint32_t steps = 0; steps <= s.num_words; ++steps) {
    if (w == ancestor) return true;
    int32_t h = AbsoluteHead(doc, s, w);
    if (h < 0) return false;
    w = static_cast<uint32_t>(h);
  }
  return false;
}

uint32_t PhraseHead(const Document& doc, const Sentence& s, uint32_t b, uint32_t e) {
  uint32_t head = e - 1;
  for (uint32_t i = b; i < e; ++i) {
    int32_t h = AbsoluteHead(doc, s, i);
    if (h < 0 || static_cast<uint32_t>(h) < b || static_cast<uint32_t>(h) >= e) head = i;
  }
  return head;
}

std::pair<uint32_t, uint32_t> SubtreeRange(const Document& doc, const Sentence& s, uint32_t w) {
  uint32_t lo = w, hi = w + 1;
  const uint32_t end = s.first_word + s.num_words;
  for (uint32_t i = s.first_word; i < end; ++i) {
    if ((i < lo || i >= hi) && Dominates(doc, s, w, i)) {
      lo = std::min(lo, i);
      hi = std::max(hi, i + 1);
    }
  }
  return {lo, hi};
}

std::optional<DescriptionWords> FindDescription(const Document& doc, const Mention& m) {
  if (m.num_words == 0 || m.sentence >= doc.sentences.size()) return std::nullopt;
  const Sentence& s = doc.sentences[m.sentence];
  const uint32_t sb = s.first_word, se = s.first_word + s.num_words;
  const uint32_t mb = m.first_word, me = m.first_word + m.num_words;
  if (mb < sb || me > se || mb >= me) return std::nullopt;
  const uint32_t h = PhraseHead(doc, s, mb, me);
  // The title: the words right before the name that the name governs
  // ("U.S. Secretary of State" <- Pompeo), at most ten of them.
  constexpr uint32_t kMaxTitleWords = 10;
  uint32_t b = mb;
  while (b > sb && mb - b < kMaxTitleWords && !EndsTitle(doc.words[b - 1]) &&
         (Dominates(doc, s, h, b - 1) || IsTitleWord(doc, sb, b - 1))) {
    --b;
  }
  while (b < mb && IsLeadingFunctionWord(doc.words[b])) ++b;
  uint32_t e = mb;
  while (e > b && IsPunctWord(doc.words[e - 1])) --e;
  if (e > b && HasContentWord(doc, b, e)) return DescriptionWords{b, e, DescriptionKind::kTitle};

  // The apposition after the name: "Cheng Xiaohe, professor at ...".
  for (uint32_t i = me; i < se; ++i) {
    if (AbsoluteHead(doc, s, i) != static_cast<int32_t>(h)) continue;
    if (doc.words[i].deprel.rfind("appos", 0) != 0) continue;
    auto [lo, hi] = SubtreeRange(doc, s, i);
    lo = std::max(lo, me);
    while (lo < hi && IsLeadingFunctionWord(doc.words[lo])) ++lo;
    while (hi > lo && IsPunctWord(doc.words[hi - 1])) --hi;
    if (hi > lo && HasContentWord(doc, lo, hi)) {
      return DescriptionWords{lo, hi, DescriptionKind::kApposition};
    }
  }
  // The same without the parse: ", professor at ..." up to the next
  // punctuation or verb, starting with a common noun or adjective.
  if (me + 1 < se && doc.words[me].form == ",") {
    uint32_t lo = me + 1;
    if (doc.words[lo].upos == "DET") ++lo;
    if (lo < se && (doc.words[lo].upos == "NOUN" || doc.words[lo].upos == "ADJ") &&
        !StartsUpper(doc.words[lo].form)) {
      uint32_t hi = lo;
      while (hi < se && !EndsTitle(doc.words[hi]) && doc.words[hi].upos != "PUNCT") ++hi;
      // "'s" is a PART, "Renmin University's School" stays whole; a closing
      // quotation mark or a full stop ends it.
      if (hi > lo && HasContentWord(doc, lo, hi)) {
        return DescriptionWords{lo, hi, DescriptionKind::kApposition};
      }
    }
  }
  // The name as the apposition of a noun before it: "the spokesperson,
  // Kim Eui-kyeom, said".
  if (doc.words[h].deprel.rfind("appos", 0) == 0) {
    int32_t g = AbsoluteHead(doc, s, h);
    if (g >= 0 && static_cast<uint32_t>(g) < mb) {
      uint32_t lo = SubtreeRange(doc, s, static_cast<uint32_t>(g)).first;
      uint32_t hi = mb;
      while (lo < hi && IsLeadingFunctionWord(doc.words[lo])) ++lo;
      while (hi > lo && IsPunctWord(doc.words[hi - 1])) --hi;
      if (hi > lo && HasContentWord(doc, lo, hi)) {
        return DescriptionWords{lo, hi, DescriptionKind::kApposition};
      }
    }
  }
  return std::nullopt;
}

bool IsCountryCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  // Three-letter codes that are not countries.
  static constexpr std::array<std::string_view, 8> kNot = {"IGO", "NGO", "MNC", "REB",
                                                           "INS", "SPY", "UIS", "ELI"};
  return std::find(kNot.begin(), kNot.end(), code) == kNot.end();
}

ActorCoder::ActorCoder(const ActorDictionary& dict, const Document& doc)
    : dict_(dict), doc_(doc), date_(ArticleDateNumber(doc.article)) {
  lowered_.reserve(doc.words.size());
  for (const Word& w : doc.words) lowered_.push_back(utf8::ToLower(w.form));
  views_.resize(doc.sentences.size());
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const Sentence& sent = doc.sentences[s];
    views_[s].reserve(sent.num_words);
    for (uint32_t i = 0; i < sent.num_words && sent.first_word + i < lowered_.size(); ++i) {
      views_[s].push_back(lowered_[sent.first_word + i]);
    }
  }
}

std::optional<std::string> ActorCoder::Code(uint32_t entry) const {
  if (date_ > 0) return dict_.CodeOn(entry, date_);
  for (const DatedCode& c : dict_.Codes(entry)) {
    if (c.unrestricted && c.code != "---") return std::string(c.code);
  }
  return std::nullopt;
}

bool ActorCoder::LooksLikeName(uint32_t b, uint32_t e) const {
  if (b >= e) return false;
  if (!StartsUpper(doc_.words[e - 1].form)) return false;
  for (uint32_t i = b; i < e; ++i) {
    const std::string& u = doc_.words[i].upos;
    if (u.empty() || u == "PROPN" || u == "NOUN" || u == "ADJ" || u == "X") return true;
  }
  return false;
}

PhraseMatch ActorCoder::ActorAt(uint32_t s, uint32_t w, uint32_t limit) const {
  const Sentence& sent = doc_.sentences[s];
  PhraseMatch m = dict_.LongestActorMatch(views_[s], w - sent.first_word);
  if (!m) return m;
  const uint32_t e = w + static_cast<uint32_t>(m.length);
  if (e > limit || e > sent.first_word + sent.num_words || !LooksLikeName(w, e) ||
      !Code(m.entry)) {
    return PhraseMatch{};
  }
  return m;
}

std::optional<ActorCoder::Role> ActorCoder::RoleAt(uint32_t s, uint32_t w, uint32_t limit) const {
  const Sentence& sent = doc_.sentences[s];
  PhraseMatch m = dict_.LongestAgentMatch(views_[s], w - sent.first_word);
  if (m && w + m.length <= limit) {
    return Role{w, w + static_cast<uint32_t>(m.length), dict_.Agent(m.entry),
                dict_.AgentSource(m.entry)};
  }
  // An adjective of a role noun: "presidential" -> "president",
  // "governmental" -> "government", "parliamentary" -> "parliament",
  // "diplomatic" -> "diplomat".
  const Word& word = doc_.words[w];
  if (word.upos != "ADJ" && !word.upos.empty()) return std::nullopt;
  std::string_view form = lowered_[w];
  static constexpr std::array<std::string_view, 4> kSuffixes = {"ial", "al", "ary", "ic"};
  for (std::string_view suffix : kSuffixes) {
    if (form.size() <= suffix.size() + 3 || !form.ends_with(suffix)) continue;
    std::vector<std::string_view> one = {form.substr(0, form.size() - suffix.size())};
    PhraseMatch d = dict_.LongestAgentMatch(one, 0);
    if (d) return Role{w, w + 1, dict_.Agent(d.entry), dict_.AgentSource(d.entry)};
  }
  return std::nullopt;
}

std::optional<CodedActor> ActorCoder::CodeDescription(uint32_t s, uint32_t b, uint32_t e,
                                                      std::string_view kind) const {
  const Sentence& sent = doc_.sentences[s];
  struct ActorWords {
    uint32_t entry, begin, end;
    std::string code;
  };
  std::optional<ActorWords> country;  // the first bare country ("South Korean")
  std::optional<ActorWords> body;     // the first other actor ("Secretary of State" -> USAGOV)
  std::vector<Role> roles;
  for (uint32_t i = b; i < e;) {
    if (PhraseMatch a = ActorAt(s, i, e)) {
      const uint32_t end = i + static_cast<uint32_t>(a.length);
      ActorWords w{a.entry, i, end, *Code(a.entry)};
      if (IsCountryCode(w.code)) {
        if (!country) country = w;
      } else if (!body) {
        body = w;
      }
      i = end;
      continue;
    }
    if (auto r = RoleAt(s, i, e)) {
      i = r->end;
      roles.push_back(std::move(*r));
      continue;
    }
    ++i;
  }
  if (!country && !body && roles.empty()) return std::nullopt;
  // The head word: in a title, the last noun before "of" ("Secretary of
  // State", "presidential spokesperson"); in an apposition, its first noun
  // ("professor at ..."). The parser is not trusted with long titles.
  uint32_t head = PhraseHead(doc_, sent, b, e);
  if (kind == "title") {
    head = e - 1;
    for (uint32_t i = b; i < e; ++i) {
      if (doc_.words[i].upos == "ADP" && i > b) {
        head = i - 1;
        break;
      }
    }
  } else {
    for (uint32_t i = b; i < e; ++i) {
      if (doc_.words[i].upos == "NOUN" || doc_.words[i].upos == "PROPN") {
        head = i;
        break;
      }
    }
  }
  // The role of the head word; else the last role before it; else the last.
  const Role* head_role = nullptr;
  for (const Role& r : roles) {
    if (r.begin <= head && head < r.end) head_role = &r;
  }
  if (head_role == nullptr) {
    for (const Role& r : roles) {
      if (r.end <= head + 1) head_role = &r;
    }
  }
  if (head_role == nullptr && !roles.empty()) head_role = &roles.back();
  const Role* role = head_role;
  const bool proxy = role != nullptr && IsProxyRole(lowered_[role->end - 1]);
  if (proxy) {
    // "presidential spokesperson": the modifier's role, if there is one.
    for (const Role& r : roles) {
      if (&r != head_role && r.end <= head_role->begin) role = &r;
    }
  }
  CodedActor out;
  std::vector<std::string> sources;
  std::string words;
  auto name = [&](uint32_t from, uint32_t to) {
    if (!words.empty()) words += " + ";
    words += doc_.Text(Span{doc_.words[from].span.start, doc_.words[to - 1].span.end});
  };
  const bool head_in_body = body && body->begin <= head && head < body->end;
  if (body && (head_in_body || role == nullptr || proxy)) {
    // An organisation or office of the dictionary carries the role itself
    // ("Secretary of State" -> USAGOV); a spokesperson speaks for it.
    out.code = body->code;
    name(body->begin, body->end);
    sources.push_back(dict_.ActorSource(body->entry));
    if (!head_in_body && role != nullptr && !proxy) {
      out.code = ComposeActorAgent(out.code, role->agent);
    }
  } else {
    std::string base = country ? country->code : body ? body->code : std::string();
    if (role != nullptr) {
      out.code = ComposeActorAgent(base, role->agent);
      name(std::min(role->begin, head_role->begin), head_role->end);
      sources.push_back(role->source);
    } else {
      out.code = base;
    }
    const ActorWords* used = country ? &*country : body ? &*body : nullptr;
    if (used != nullptr) {
      name(used->begin, used->end);
      sources.push_back(dict_.ActorSource(used->entry));
    }
  }
  if (out.code.empty()) return std::nullopt;
  out.rule = std::string(kind) + ": " + words + Sources(sources);
  return out;
}

std::optional<CodedActor> ActorCoder::CodeOrganisation(const Mention& m) const {
  if (m.num_words == 0 || m.sentence >= doc_.sentences.size()) return std::nullopt;
  const uint32_t s = m.sentence;
  const Sentence& sent = doc_.sentences[s];
  const uint32_t b = m.first_word, e = m.first_word + m.num_words;
  // Its role: the agent phrase that holds its head word, else its last one.
  const uint32_t head = PhraseHead(doc_, sent, b, e);
  std::vector<Role> roles;
  for (uint32_t i = b; i < e;) {
    if (auto r = RoleAt(s, i, e)) {
      i = r->end;
      roles.push_back(std::move(*r));
    } else {
      ++i;
    }
  }
  const Role* role = roles.empty() ? nullptr : &roles.back();
  for (const Role& r : roles) {
    if (r.begin <= head && head < r.end) role = &r;
  }
  if (!role) return std::nullopt;
  // Its country: named in it, else in the noun phrase it belongs to
  // ("Renmin University's School of International Studies in Beijing").
  std::optional<uint32_t> country;
  uint32_t cb = 0, ce = 0;
  auto find_country = [&](uint32_t from, uint32_t to) {
    for (uint32_t i = from; i < to && !country;) {
      PhraseMatch a = ActorAt(s, i, to);
      if (a && IsCountryCode(Code(a.entry).value_or(""))) {
        country = a.entry;
        cb = i;
        ce = i + static_cast<uint32_t>(a.length);
        break;
      }
      i += a ? static_cast<uint32_t>(a.length) : 1;
    }
  };
  find_country(b, e);
  if (!country) {
    uint32_t x = head;
    for (int steps = 0; steps < 4; ++steps) {
      const std::string& rel = doc_.words[x].deprel;
      int32_t h = AbsoluteHead(doc_, sent, x);
      if (h < 0 || !(rel == "nmod:poss" || rel == "compound" || rel == "flat")) break;
      x = static_cast<uint32_t>(h);
    }
    if (x != head) {
      auto [lo, hi] = SubtreeRange(doc_, sent, x);
      find_country(e, hi);
      if (!country) find_country(lo, b);
    }
  }
  if (!country) {
    // Without the parse: the words after it up to punctuation or a verb
    // ("Renmin University's School of International Studies in Beijing").
    constexpr uint32_t kMaxWords = 12;
    uint32_t hi = e;
    const uint32_t se = sent.first_word + sent.num_words;
    while (hi < se && hi - e < kMaxWords && !EndsTitle(doc_.words[hi]) &&
           doc_.words[hi].upos != "PUNCT") {
      ++hi;
    }
    find_country(e, hi);
  }
  CodedActor out;
  std::string country_code = country ? *Code(*country) : std::string();
  out.code = ComposeActorAgent(country_code, role->agent);
  if (out.code.empty()) return std::nullopt;
  out.rule = "organisation: ";
  out.rule += doc_.Text(Span{doc_.words[role->begin].span.start, doc_.words[role->end - 1].span.end});
  if (country) {
    out.rule += " + ";
    out.rule += doc_.Text(Span{doc_.words[cb].span.start, doc_.words[ce - 1].span.end});
  }
  out.rule += Sources({role->source, country ? dict_.ActorSource(*country) : std::string()});
  return out;
}

}  // namespace entities_internal

int32_t ArticleDateNumber(const Article& article) {
  if (!article.date) return 0;
  const std::string& d = *article.date;
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return 0;
  int32_t y = 0, m = 0, day = 0;
  auto num = [&](size_t pos, size_t len, int32_t* out) {
    auto r = std::from_chars(d.data() + pos, d.data() + pos + len, *out);
    return r.ec == std::errc() && r.ptr == d.data() + pos + len;
  };
  if (!num(0, 4, &y) || !num(5, 2, &m) || !num(8, 2, &day)) return 0;
  if (m < 1 || m > 12 || day < 1 || day > 31) return 0;
  return y * 10000 + m * 100 + day;
}

std::optional<Span> MentionDescription(const Document& doc, const Mention& m) {
  auto d = entities_internal::FindDescription(doc, m);
  if (!d) return std::nullopt;
  return Span{doc.words[d->begin].span.start, doc.words[d->end - 1].span.end};
}

namespace {

// The built-in fallback (PETRARCH formats), used only when no actor file is
// given at all.
constexpr std::string_view kBuiltinActors = R"(# dyad built-in fallback actors
UNITED_STATES_ [USA]
+US_
+U.S._
+USA_
+AMERICA_
+AMERICAN_
+WASHINGTON_
CHINA_ [CHN]
+CHINESE_
+BEIJING_
RUSSIA_ [RUS]
+RUSSIAN_
+MOSCOW_
NORTH_KOREA_ [PRK]
+NORTH_KOREAN_
+PYONGYANG_
SOUTH_KOREA_ [KOR]
+SOUTH_KOREAN_
+SEOUL_
JAPAN_ [JPN]
+JAPANESE_
+TOKYO_
UNITED_KINGDOM_ [GBR]
+BRITAIN_
+BRITISH_
+LONDON_
FRANCE_ [FRA]
+FRENCH_
+PARIS_
GERMANY_ [DEU]
+GERMAN_
+BERLIN_
INDIA_ [IND]
+INDIAN_
+NEW_DELHI_
IRAN_ [IRN]
+IRANIAN_
+TEHRAN_
ISRAEL_ [ISR]
+ISRAELI_
UKRAINE_ [UKR]
+UKRAINIAN_
+KYIV_
UNITED_NATIONS_ [IGOUNO]
+UN_
+U.N._
)";

constexpr std::string_view kBuiltinAgents = R"(# dyad built-in fallback agents
GOVERNMENT [~GOV]
PRESIDENT [~GOV]
PRIME_MINISTER [~GOV]
MINISTER [~GOV]
MINISTRY [~GOV]
SECRETARY_OF_STATE [~GOV]
SPOKESPERSON [~GOV]
SPOKESMAN {SPOKESMEN} [~GOV]
SPOKESWOMAN {SPOKESWOMEN} [~GOV]
MILITARY {} [~MIL]
ARMY [~MIL]
POLICE {} [~COP]
PROFESSOR [~EDU]
UNIVERSITY [~EDU]
REBEL [~REB]
)";

}  // namespace

std::unique_ptr<ActorDictionary> BuiltinActorDictionary() {
  std::vector<DictionarySource> actors = {{"built-in actors", std::string(kBuiltinActors)}};
  DictionarySource agents{"built-in agents", std::string(kBuiltinAgents)};
  auto r = ActorDictionary::LoadFromSources(actors, &agents, nullptr);
  return r.ok() ? std::move(r).value() : nullptr;
}

}  // namespace dyad
