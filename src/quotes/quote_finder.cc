// QuoteFinder::Find: quotation regions (quote_marks.cc) and cue verbs (the
// lexicon) linked over the dependency parse.
//
// Order of work, each step linear in the words of the document:
//   1. per-document tables: sentence of each word, children, subtree ranges,
//      the quotation region that holds each word;
//   2. direct quotations: each region (or chain of regions over several
//      paragraphs) looks for its cue right after it ("...," said X / X said)
//      or right before it (X said, "..." / X said: "..."), or a dash ("— X");
//      a region interrupted by its own cue joins the same quotation;
//   3. reported speech: every other cue verb with a clausal complement, a
//      "..., X said" clause, or "according to X"; transcript turns
//      ("NAME: ...");
//   4. cue-less quotation sentences and paragraphs take the speaker of the
//      previous attributed quotation;
//   5. spans trimmed or widened as attribution corpora mark them (the cue's
//      auxiliaries, a colon after it, the speaker's closing comma);
//   6. speakers linked to entities and their descriptions found.
// A new attribution pattern goes in step 2 (around a region) or step 3
// (around a cue verb).
#include <algorithm>
#include <cstring>

#include "dyad/quotes.h"
#include "dyad/utf8.h"
#include "quotes/quotes_internal.h"
#include "util/ascii.h"

namespace dyad {
namespace {

using quotes_internal::CueFeatureHash;
using quotes_internal::Lexicon;
using quotes_internal::QuoteRegion;

constexpr int32_t kNone = -1;
// Bounds that keep every step linear whatever the parse: the words a
// speaker's phrase may have, and how far from its cue a content may start.
constexpr uint32_t kMaxSpeakerWords = 40;
constexpr uint32_t kMaxLeadWords = 60;

bool IsPunct(const Word& w) { return w.upos == "PUNCT"; }

// Whether `form` ends with `suffix` and has more before it.
bool EndsWithLonger(std::string_view form, std::string_view suffix) {
  return form.size() > suffix.size() && form.ends_with(suffix);
}

// A gerund or present participle by its form, of five letters or more
// ("saying", not "sing").
bool IsIngForm(std::string_view form) { return form.size() > 4 && form.ends_with("ing"); }

// A relative pronoun by its lower-case form ("Smith, who said", "which
// Trump called").
bool IsRelativeWord(std::string_view lower) {
  return lower == "who" || lower == "whom" || lower == "which" || lower == "that";
}

// The first of `spans` (sorted by start, disjoint) that ends after byte x.
std::vector<Span>::const_iterator FirstEndingAfter(const std::vector<Span>& spans, uint32_t x) {
  return std::lower_bound(spans.begin(), spans.end(), x, [](const Span& p, uint32_t y) { return p.end <= y; });
}

bool IsDash(std::string_view f) {
  return f == "\xE2\x80\x94" || f == "\xE2\x80\x93" || f == "\xE2\x80\x95" || f == "--" || f == "-";
}

// Cues whose object is the one spoken to, not what is said ("told
// reporters", "urged voters to ...").
bool AddresseeCue(std::string_view lemma) {
  static const char* const kWords[] = {"tell", "ask", "urge", "inform", "assure", "advise", "remind", "notify",
                                       "brief", "instruct", "order", "beg", "encourage", "warn", "reassure",
                                       "caution", "thank", "quote", "call"};
  for (const char* w : kWords) {
    if (lemma == w) return true;
  }
  return false;
}

// Cues whose object is rarely what is said ("wrote a letter", "read the
// statement", "offered a plan").
bool ObjectNotContent(std::string_view lemma) {
  static const char* const kWords[] = {"write", "read", "post", "offer", "text", "email", "answer", "see",
                                       "hear", "learn", "know", "speak", "talk", "continue", "tweet", "blog",
                                       "feel", "decide", "vote", "plan", "seek", "appear", "seem", "state",
                                       "order", "request", "demand", "report", "announce", "maintain", "prove"};
  for (const char* w : kWords) {
    if (lemma == w) return true;
  }
  return false;
}

bool IsPronounSubject(std::string_view lower) {
  return lower == "he" || lower == "she" || lower == "they" || lower == "it" || lower == "i" ||
         lower == "we" || lower == "you";
}

// Everything Find needs about one document, built once per call.
class Scratch {
 public:
  // score_cues: run the lexicon's cue model, if any, over the verbs.
  Scratch(const Document& doc, const Lexicon& lex, bool score_cues = true) : doc_(doc), lex_(lex) {
    const size_t n = doc.words.size();
    sentence_.assign(n, 0);
    head_.assign(n, kNone);
    for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
      const Sentence& sent = doc.sentences[s];
      for (uint32_t i = 0; i < sent.num_words; ++i) {
        const uint32_t w = sent.first_word + i;
        if (w >= n) break;
        sentence_[w] = s;
        const int32_t h = doc.words[w].head;
        if (h >= 0 && static_cast<uint32_t>(h) < sent.num_words) head_[w] = static_cast<int32_t>(sent.first_word + h);
      }
    }
    // Children in CSR form.
    child_start_.assign(n + 1, 0);
    for (size_t w = 0; w < n; ++w) {
      if (head_[w] >= 0) ++child_start_[head_[w] + 1];
    }
    for (size_t w = 0; w < n; ++w) child_start_[w + 1] += child_start_[w];
    children_.assign(child_start_[n], 0);
    std::vector<uint32_t> fill(child_start_.begin(), child_start_.end() - 1);
    for (size_t w = 0; w < n; ++w) {
      if (head_[w] >= 0) children_[fill[head_[w]]++] = static_cast<uint32_t>(w);
    }
    // Subtree ranges, children before parents (post-order from each root);
    // a word never reached (a cycle in a damaged parse) keeps its own range.
    lo_.resize(n);
    hi_.resize(n);
    for (size_t w = 0; w < n; ++w) lo_[w] = hi_[w] = static_cast<uint32_t>(w);
    std::vector<uint8_t> state(n, 0);
    std::vector<std::pair<uint32_t, uint32_t>> stack;
    for (size_t r = 0; r < n; ++r) {
      if (head_[r] >= 0) continue;
      stack.push_back({static_cast<uint32_t>(r), child_start_[r]});
      state[r] = 1;
      while (!stack.empty()) {
        auto& [w, next] = stack.back();
        if (next < child_start_[w + 1]) {
          uint32_t c = children_[next++];
          if (state[c] == 0) {
            state[c] = 1;
            stack.push_back({c, child_start_[c]});
          }
        } else {
          const uint32_t done = w;
          stack.pop_back();
          if (!stack.empty()) {
            const uint32_t p = stack.back().first;
            lo_[p] = std::min(lo_[p], lo_[done]);
            hi_[p] = std::max(hi_[p], hi_[done]);
          }
        }
      }
    }
    lower_.resize(n);
    for (size_t w = 0; w < n; ++w) lower_[w] = AsciiLower(doc.words[w].form);
    // A hyphen or slash written inside a word ("front-runner", "al-Qaeda",
    // "candi- dates" is not): the tokenizer splits it off as punctuation,
    // but it ends no phrase.
    in_word_.assign(n, 0);
    for (size_t w = 1; w + 1 < n; ++w) {
      const Word& x = doc.words[w];
      const bool one_sentence = sentence_[w - 1] == sentence_[w] && sentence_[w + 1] == sentence_[w];
      if ((x.form == "-" || x.form == "/") && one_sentence && doc.words[w - 1].span.end == x.span.start &&
          x.span.end == doc.words[w + 1].span.start) {
        in_word_[w] = 1;
      }
    }
    // The entity type of each word inside a named-entity mention.
    entity_type_.assign(n, nullptr);
    for (const Mention& m : doc.mentions) {
      for (uint32_t k = 0; k < m.num_words && m.first_word + k < n; ++k) entity_type_[m.first_word + k] = &m.type;
    }
    // The learned cue model's verdict on each verb.
    if (lex.cue_model && score_cues) {
      learned_.assign(n, 0);
      std::vector<uint64_t> f;
      for (uint32_t w = 0; w < n; ++w) {
        if (doc.words[w].upos != "VERB") continue;
        CueFeatures(w, &f);
        const float score = lex.cue_model->Score(f);
        if (score > lex.cue_model->threshold) learned_[w] = kLearnedCue;
        else if (score < lex.cue_model->veto) learned_[w] = kLearnedNot;
      }
    }
  }

  // The features the cue model reads for verb w: its lemma and form, its
  // class in the lexicon, its relation and dependents in the parse, its
  // subject, its head, and the words around it.
  void CueFeatures(uint32_t w, std::vector<uint64_t>* f) const {
    f->clear();
    const Word& x = doc_.words[w];
    const std::string lemma = AsciiLower(x.lemma);
    // The hash of "name=value" and "name=a|b", without building them.
    auto add = [&](std::string_view name, std::string_view value) {
      f->push_back(CueFeatureHash({name, "=", value}));
    };
    auto add2 = [&](std::string_view name, std::string_view a, std::string_view b) {
      f->push_back(CueFeatureHash({name, "=", a, "|", b}));
    };
    const auto cls = CueOf(w);
    const char* cls_name = cls ? CueClassName(*cls) : "-";
    add("bias", "");
    add("l", lemma);
    add("c", cls_name);
    add("x", x.xpos);
    add2("lx", lemma, x.xpos);
    add("d", x.deprel);
    add2("ld", lemma, x.deprel);
    add2("cd", cls_name, x.deprel);
    add("s3", lemma.size() > 3 ? std::string_view(lemma).substr(lemma.size() - 3) : std::string_view(lemma));
    auto [cb, ce] = children(w);
    for (auto it = cb; it != ce; ++it) {
      const Word& c = doc_.words[*it];
      if (IsPunct(c)) continue;
      const std::string_view side = *it < w ? "<" : ">";
      add2("k", c.deprel, side);
      add2("lk", lemma, c.deprel);
      add2("ck", cls_name, c.deprel);
      if (c.deprel.rfind("nsubj", 0) == 0) {
        add("su", c.upos == "PRON" ? std::string_view(lower_[*it]) : std::string_view(c.upos));
        add2("lsu", lemma, c.upos);
        const std::string_view type = entity_type_[*it] ? std::string_view(*entity_type_[*it]) : "-";
        add2("se", c.deprel, type);
        add2("lse", lemma, type);
        if (c.upos == "NOUN") add("sl", AsciiLower(c.lemma));
      } else if (c.deprel == "ccomp" || c.deprel == "advcl" || c.deprel == "xcomp") {
        const int32_t m = Child(*it, "mark");
        add2("km", c.deprel, m >= 0 ? std::string_view(lower_[m]) : "-");
      } else if (c.deprel == "obj" || c.deprel.rfind("obl", 0) == 0) {
        add2("ku", c.deprel, c.upos);
        if (c.deprel == "obj") add2("lo", lemma, AsciiLower(c.lemma));
        const int32_t cs = Child(*it, "case");
        if (cs >= 0) add2("lcase", lemma, lower_[cs]);
      } else if (c.deprel.rfind("aux", 0) == 0) {
        add("aux", lower_[*it]);
      }
    }
    if (head_[w] >= 0) {
      const Word& h = doc_.words[head_[w]];
      add2("h", AsciiLower(h.lemma), x.deprel);
      add("hu", h.upos);
    }
    add("p1", w > 0 && sentence_[w - 1] == sentence_[w] ? std::string_view(lower_[w - 1]) : "<s>");
    const bool next = w + 1 < size() && sentence_[w + 1] == sentence_[w];
    add("n1", next ? std::string_view(lower_[w + 1]) : "</s>");
    add2("ln1", lemma, next ? std::string_view(lower_[w + 1]) : "</s>");
  }

  // Whether the cue model takes verb w for a cue the lexicon lacks, or
  // rejects a lexicon cue.
  bool LearnedCue(uint32_t w) const { return !learned_.empty() && learned_[w] == kLearnedCue; }
  bool LearnedNot(uint32_t w) const { return !learned_.empty() && learned_[w] == kLearnedNot; }

  const Document& doc() const { return doc_; }
  size_t size() const { return head_.size(); }
  const Word& word(uint32_t w) const { return doc_.words[w]; }
  const std::string& lower(uint32_t w) const { return lower_[w]; }
  // A hyphen or slash written inside a word ("front-runner").
  bool InWord(uint32_t w) const { return in_word_[w] != 0; }
  // Punctuation that may end a phrase: not a hyphen inside a word.
  bool Breaks(uint32_t w) const { return IsPunct(doc_.words[w]) && !in_word_[w]; }
  uint32_t sentence(uint32_t w) const { return sentence_[w]; }
  int32_t head(uint32_t w) const { return head_[w]; }
  uint32_t lo(uint32_t w) const { return lo_[w]; }
  uint32_t hi(uint32_t w) const { return hi_[w]; }
  uint32_t sent_first(uint32_t s) const { return doc_.sentences[s].first_word; }
  uint32_t sent_end(uint32_t s) const {
    return std::min<uint32_t>(doc_.sentences[s].first_word + doc_.sentences[s].num_words,
                              static_cast<uint32_t>(size()));
  }
  std::pair<const uint32_t*, const uint32_t*> children(uint32_t w) const {
    return {children_.data() + child_start_[w], children_.data() + child_start_[w + 1]};
  }
  int32_t Child(uint32_t w, std::string_view deprel_prefix) const {
    auto [b, e] = children(w);
    for (auto it = b; it != e; ++it) {
      const std::string& d = doc_.words[*it].deprel;
      if (d.compare(0, deprel_prefix.size(), deprel_prefix) == 0 &&
          (d.size() == deprel_prefix.size() || d[deprel_prefix.size()] == ':')) {
        return static_cast<int32_t>(*it);
      }
    }
    return kNone;
  }
  // True when `a` is `w` or one of its ancestors (bounded walk).
  bool Dominates(uint32_t a, uint32_t w) const {
    for (int steps = 0; steps < 64; ++steps) {
      if (w == a) return true;
      if (head_[w] < 0) return false;
      w = static_cast<uint32_t>(head_[w]);
    }
    return false;
  }

  // The cue class of word w as a single-word cue.
  std::optional<CueClass> CueOf(uint32_t w) const {
    const Word& x = doc_.words[w];
    if (x.upos != "VERB") return std::nullopt;
    if (x.deprel == "amod" || x.deprel == "compound") return std::nullopt;
    std::string lemma = AsciiLower(x.lemma);
    auto it = lex_.cues.find(lemma);
    if (it == lex_.cues.end()) {
      // The lemmatizer's guesses for an unknown inflected form ("declined"
      // -> "declin", "touted" -> "toute"): the lemma with an "e" added or
      // taken off, for forms ending in -ed, -es or -ing.
      const std::string& f = x.form;
      if (lemma.size() < 3 ||
          !(EndsWithLonger(f, "ed") || EndsWithLonger(f, "es") || EndsWithLonger(f, "ing"))) {
        return std::nullopt;
      }
      if (lemma.back() == 'e') lemma.pop_back();
      else lemma.push_back('e');
      it = lex_.cues.find(lemma);
      if (it == lex_.cues.end()) return std::nullopt;
    }
    return it->second;
  }
  bool IsAccordingTo(uint32_t w) const {
    return lower_[w] == "according" && w + 1 < size() && lower_[w + 1] == "to" &&
           sentence_[w + 1] == sentence_[w];
  }
  const Lexicon& lex() const { return lex_; }

 private:
  const Document& doc_;
  const Lexicon& lex_;
  std::vector<uint32_t> sentence_;
  std::vector<int32_t> head_;
  std::vector<uint32_t> child_start_, children_;
  std::vector<uint32_t> lo_, hi_;
  std::vector<std::string> lower_;
  std::vector<uint8_t> in_word_;
  static constexpr uint8_t kLearnedCue = 1, kLearnedNot = 2;
  std::vector<uint8_t> learned_;  // empty without a cue model
  std::vector<const std::string*> entity_type_;  // per word, null outside mentions
};

// A quotation being built, with the word indices the later steps need.
struct Candidate {
  Quote q;
  int32_t cue_word = kNone;     // first word of the cue
  int32_t cue_last = kNone;     // last word of a cue of several words ("referring to")
  int32_t speaker_head = kNone;  // head word of the speaker's phrase
  // The noun phrase a relative pronoun speaker stands for ("Smith" of
  // "Smith, who said ..."): the speaker's entity and description are
  // read from it.
  std::optional<Span> named;
  uint32_t paragraph = 0;        // paragraph of the content's last piece
  bool direct = false;
};

class Finder {
 public:
  Finder(const Scratch& s, std::vector<QuoteRegion> regions)
      : s_(s), doc_(s.doc()), regions_(std::move(regions)) {
    const size_t n = s_.size();
    region_of_.assign(n, kNone);
    size_t r = 0;
    for (uint32_t w = 0; w < n; ++w) {
      const Span sp = doc_.words[w].span;
      while (r < regions_.size() && regions_[r].span.end <= sp.start) ++r;
      if (r < regions_.size() && regions_[r].span.start <= sp.start && sp.end <= regions_[r].span.end) {
        region_of_[w] = static_cast<int32_t>(r);
      }
    }
    // First and last word of each region.
    first_word_.assign(regions_.size(), kNone);
    last_word_.assign(regions_.size(), kNone);
    for (uint32_t w = 0; w < n; ++w) {
      const int32_t q = region_of_[w];
      if (q < 0) continue;
      if (first_word_[q] < 0) first_word_[q] = static_cast<int32_t>(w);
      last_word_[q] = static_cast<int32_t>(w);
    }
    used_cue_.assign(n, false);
    paragraph_of_sentence_.assign(doc_.sentences.size(), 0);
    for (uint32_t p = 0; p < doc_.paragraphs.size(); ++p) {
      const Paragraph& para = doc_.paragraphs[p];
      for (uint32_t k = 0; k < para.num_sentences; ++k) {
        if (para.first_sentence + k < paragraph_of_sentence_.size()) {
          paragraph_of_sentence_[para.first_sentence + k] = p;
        }
      }
    }
  }

  std::vector<Candidate> Run() {
    DirectQuotes();
    for (const Candidate& c : found_) {
      direct_pieces_.insert(direct_pieces_.end(), c.q.content.begin(), c.q.content.end());
    }
    std::sort(direct_pieces_.begin(), direct_pieces_.end(),
              [](const Span& a, const Span& b) { return a.start < b.start; });
    ReportedSpeech();
    Transcript();
    QuotedObjects();
    std::sort(found_.begin(), found_.end(), [](const Candidate& a, const Candidate& b) {
      return a.q.content.front().start < b.q.content.front().start;
    });
    CarryOver();
    for (Candidate& c : found_) Polish(&c);
    return std::move(found_);
  }

 private:
  uint32_t ParagraphOfWord(uint32_t w) const { return paragraph_of_sentence_[s_.sentence(w)]; }

  Span WordsSpan(uint32_t a, uint32_t b) const {  // words [a, b] inclusive
    return Span{doc_.words[a].span.start, doc_.words[b].span.end};
  }

  // The speaker's phrase for a cue verb: its subject, or the subject of the
  // verb it is coordinated with or subordinated to ("... and added", ",
  // adding"). Sets *head to the subject's head word.
  std::optional<Span> SpeakerOf(uint32_t v, int32_t* head, std::optional<Span>* named) const {
    uint32_t owner = v;  // the verb whose subject speaks
    int32_t subj = Subject(v);
    if (subj < 0) {
      const std::string& d = s_.word(v).deprel;
      if ((d == "conj" || d == "advcl" || d == "xcomp") && s_.head(v) >= 0) {
        owner = static_cast<uint32_t>(s_.head(v));
        subj = Subject(owner);
        // "Silverman was joined on stage ... and joked, “...”": the passive
        // subject of the verb the cue is coordinated with is its speaker.
        if (subj < 0) {
          const int32_t p = s_.Child(owner, "nsubj:pass");
          if (p >= 0 && static_cast<uint32_t>(p) < v) subj = p;
        }
      }
    }
    if (subj < 0 && IsIngForm(s_.word(v).form) && v > 0 && s_.word(v - 1).form == ",") {
      // "Christie bristled at the suggestion that ..., saying, “...”": a
      // participle set off by a comma speaks for the subject of its
      // sentence's main verb.
      int32_t root = static_cast<int32_t>(v);
      for (int steps = 0; steps < 16 && s_.head(root) >= 0; ++steps) root = s_.head(root);
      const int32_t rs = s_.head(root) < 0 ? Subject(static_cast<uint32_t>(root)) : kNone;
      if (rs >= 0 && static_cast<uint32_t>(rs) < v) {
        owner = static_cast<uint32_t>(root);
        subj = rs;
      }
    }
    if (subj < 0) {
      // "McKeague, writing for the majority, said ...": the parser gave the
      // subject to the participle clause before the cue.
      auto [cb, ce] = s_.children(v);
      for (auto it = cb; it != ce && subj < 0; ++it) {
        if (*it >= v) break;
        const Word& c = s_.word(*it);
        const bool ing = IsIngForm(c.form);
        if (c.upos != "VERB" || (c.feats.find("VerbForm=Ger") == std::string::npos && !ing)) continue;
        const int32_t cs = Subject(*it);
        if (cs >= 0 && static_cast<uint32_t>(cs) < *it) {
          owner = *it;
          subj = cs;
        }
      }
    }
    if (subj < 0) return std::nullopt;
    const Word& sw = s_.word(subj);
    if (sw.upos == "PRON" && (sw.feats.find("PronType=Rel") != std::string::npos || IsRelativeWord(s_.lower(subj)))) {
      // "Smith, who said ...": the speaker is the pronoun, as attribution
      // corpora mark it; the noun the clause describes names it.
      const std::string& d = s_.word(v).deprel;
      if (d.rfind("acl", 0) == 0 && s_.head(v) >= 0 && s_.head(v) < subj) {
        const uint32_t n = static_cast<uint32_t>(s_.head(v));
        *head = static_cast<int32_t>(n);
        // The noun's own words, without the relative clause.
        uint32_t a = n, b = n;
        auto [cb, ce] = s_.children(n);
        for (auto it = cb; it != ce; ++it) {
          if (*it == v || s_.word(*it).deprel == "case" || IsPunct(s_.word(*it))) continue;
          if (*it < n) a = std::min(a, s_.lo(*it));
        }
        *named = TrimPhrase(a, b);
        if (!*named) return std::nullopt;
        return s_.word(subj).span;
      }
      return std::nullopt;
    }
    *head = subj;
    uint32_t a = s_.lo(subj), b = s_.hi(subj);
    // A subject split in two by the parser ("South Korean presidential
    // spokesperson" + "Kim Eui-kyeom"): adjacent subjects of the same verb
    // join.
    auto [cb, ce] = s_.children(owner);
    for (bool grew = true; grew;) {
      grew = false;
      for (auto it = cb; it != ce; ++it) {
        if (s_.word(*it).deprel.rfind("nsubj", 0) != 0 || static_cast<int32_t>(*it) == subj) continue;
        if (s_.hi(*it) + 1 == a) a = s_.lo(*it), grew = true;
        else if (s_.lo(*it) == b + 1) b = s_.hi(*it), grew = true;
      }
    }
    // Title words the parser attached elsewhere ("U.S. Secretary of State"
    // before "Mike Pompeo").
    while (a > 0 && s_.sentence(a - 1) == s_.sentence(a)) {
      const uint32_t p = a - 1;
      const Word& w = s_.word(p);
      const bool capital = !w.form.empty() && w.form[0] >= 'A' && w.form[0] <= 'Z';
      if (region_of_[p] >= 0 || p == v) break;
      if ((w.upos == "PROPN" && capital) || s_.lex().titles.count(s_.lower(p)) ||
          (w.upos == "ADJ" && capital)) {
        a = p;
      } else if (s_.lower(p) == "of" && p > 0 && s_.word(p - 1).upos == "PROPN") {
        a = p;
      } else {
        break;
      }
    }
    // A degenerate parse can make a "subject" of thousands of words: keep
    // the words around its head (and every later step bounded).
    if (b - a > kMaxSpeakerWords) {
      const uint32_t h = static_cast<uint32_t>(subj);
      a = std::max(a, h > kMaxSpeakerWords / 2 ? h - kMaxSpeakerWords / 2 : 0);
      b = std::min(b, h + kMaxSpeakerWords / 2);
    }
    // Never let the speaker run into a quotation or over the cue.
    a = std::max(a, ClipLeft(subj, a, v));
    b = std::min(b, ClipRight(subj, b, v));
    // Not the words the parse put before the subject's head with a comma
    // between ("The club's investment in its facilities, Ms. Tanzer
    // said"), nor a leading conjunction or preposition ("and I", "as David
    // Dayen").
    for (uint32_t x = static_cast<uint32_t>(subj); x > a; --x) {
      if (s_.word(x - 1).form == "," && region_of_[x - 1] < 0) {
        a = x;
        break;
      }
    }
    while (a < static_cast<uint32_t>(subj)) {
      const std::string& u = s_.word(a).upos;
      if (u != "CCONJ" && u != "ADP" && u != "SCONJ" && !IsPunct(s_.word(a))) break;
      ++a;
    }
    return TrimPhrase(a, b);
  }

  // The active subject of verb v (a passive subject is the one spoken to or
  // about, not the speaker); the one nearest the verb when there are two.
  int32_t Subject(uint32_t v) const {
    int32_t best = kNone;
    auto [cb, ce] = s_.children(v);
    for (auto it = cb; it != ce; ++it) {
      const std::string& d = s_.word(*it).deprel;
      if (d != "nsubj" && d != "nsubj:outer") continue;
      if (best < 0) {
        best = static_cast<int32_t>(*it);
        continue;
      }
      const auto dist = [&](uint32_t x) { return x < v ? v - x : x - v; };
      if (dist(*it) < dist(static_cast<uint32_t>(best))) best = static_cast<int32_t>(*it);
    }
    return best;
  }

  // Narrows [a, subj] so it contains no quotation word and not the cue.
  uint32_t ClipLeft(uint32_t subj, uint32_t a, uint32_t v) const {
    uint32_t x = subj;
    while (x > a) {
      const uint32_t y = x - 1;
      if (region_of_[y] >= 0 || y == v || used_cue_[y]) break;
      x = y;
    }
    return x;
  }
  uint32_t ClipRight(uint32_t subj, uint32_t b, uint32_t v) const {
    uint32_t x = subj;
    while (x < b) {
      const uint32_t y = x + 1;
      if (region_of_[y] >= 0 || y == v || used_cue_[y]) break;
      x = y;
    }
    return x;
  }

  // Words [a, b] without punctuation at either end; the comma that closes
  // an apposition or a relative clause ("Huma Abedin, vice chairwoman ...,")
  // is kept, as news attribution corpora mark it.
  std::optional<Span> TrimPhrase(uint32_t a, uint32_t b) const {
    while (a < b && IsPunct(s_.word(a))) ++a;
    // A closing bracket whose opening one is inside stays ("Harry M. Reid
    // (D-Nev.)").
    auto opened = [&](uint32_t close) {
      int depth = 0;
      for (uint32_t x = close; x > a;) {
        const std::string& f = s_.word(--x).form;
        if (f == ")") ++depth;
        else if (f == "(" && depth-- == 0) return true;
      }
      return false;
    };
    while (b > a && IsPunct(s_.word(b)) && !(s_.word(b).form == ")" && opened(b))) --b;
    if (IsPunct(s_.word(a))) return std::nullopt;
    return WordsSpan(a, b);
  }

  // The word holding byte `pos` (the last word starting at or before it).
  uint32_t WordAt(uint32_t pos) const {
    auto it = std::upper_bound(doc_.words.begin(), doc_.words.end(), pos,
                               [](uint32_t x, const Word& w) { return x < w.span.start; });
    return it == doc_.words.begin() ? 0 : static_cast<uint32_t>(it - doc_.words.begin() - 1);
  }

  // ---- step 2: direct quotations --------------------------------------

  // "...," said X / "...," X said / "..." — X: the cue in the words right
  // after region r.
  struct CueHit {
    int32_t cue = kNone;      // cue verb (or dash) word
    int32_t cue_last = kNone;  // last word of the cue
    bool dash = false;
    bool dash_before = false;  // "Name ― “...”"
    int32_t region = kNone;    // the region the cue was found for
    bool after = false;        // the cue follows the region
  };

  CueHit CueAfter(int32_t r) const {
    CueHit hit;
    const int32_t lw = last_word_[r];
    if (lw < 0) return hit;
    const uint32_t a = static_cast<uint32_t>(lw) + 1;
    if (a >= s_.size()) return hit;
    if (region_of_[a] >= 0) return hit;
    if (ParagraphOfWord(a) != regions_[r].paragraph) return hit;
    // The quotation ends with a comma, '?' or '!' inside its marks: the
    // sentence goes on with its attribution ("“...,” Viguerie concludes.").
    bool open_end = false;
    for (uint32_t x = static_cast<uint32_t>(lw); x > 0 && region_of_[x - 1] == r;) {
      --x;
      const std::string& f = s_.word(x).form;
      if (f == "," || f == "?" || f == "!") {
        open_end = true;
        break;
      }
      if (!IsPunct(s_.word(x)) || f == "." || f == ":" || f == ";") break;
    }
    if (s_.sentence(a) != s_.sentence(lw)) {
      // The splitter cut after the closing mark: accept only a lower-case
      // continuation ("?" he asked), or any after a quotation ending with
      // a comma.
      // A dash and a name ("“...” ― Carla Sanchez") is a signature,
      // whatever the split.
      const std::string& f = s_.word(a).form;
      if (f.empty() || !((f[0] >= 'a' && f[0] <= 'z') || (open_end && s_.word(lw).form != "?") || IsDash(f))) {
        return hit;
      }
    }
    const uint32_t end = s_.sent_end(s_.sentence(a));
    uint32_t w = a;
    while (w < end && IsPunct(s_.word(w)) && s_.word(w).form == ",") ++w;
    if (w < end && IsDash(s_.word(w).form)) {
      // "..." — Name
      const uint32_t n = w + 1;
      if (n < end && s_.word(n).upos == "PROPN") {
        hit.cue = hit.cue_last = static_cast<int32_t>(w);
        hit.dash = true;
      }
      return hit;
    }
    for (uint32_t k = 0; w < end && k < 24; ++w, ++k) {
      if (region_of_[w] >= 0) break;
      if (s_.CueOf(w) || (open_end && CueAfterQuote(w, end))) {
        // Everything between the region and the cue belongs to the cue's
        // clause (its subject, an adverb), through words of the quotation
        // or between it and the cue ("filing papers, John said" after a
        // quotation inside another clause is not John's).
        for (uint32_t x = a; x < w; ++x) {
          if (IsPunct(s_.word(x))) continue;
          // "pledged a “political revolution” and said ...": the cue is
          // coordinated with the clause the quotation ends.
          if (s_.word(x).upos == "CCONJ" && s_.head(x) == static_cast<int32_t>(w)) return hit;
          // After a quotation ending with a comma the words before a cue
          // (with no verb among them) are its subject, however parsed.
          if (open_end && (s_.CueOf(w) || s_.word(w).deprel.rfind("acl", 0) == 0)) continue;
          if (!s_.Dominates(w, x)) return hit;
          int steps = 0;
          for (int32_t y = s_.head(x); y >= 0 && y != static_cast<int32_t>(w) && steps < 64; y = s_.head(y), ++steps) {
            if (y < first_word_[r] || y > static_cast<int32_t>(w)) return hit;
          }
        }
        // "... a defense of “New York values,” saying the city ...": a
        // participle with no subject and a complement of its own after it
        // reports that, not the quotation before it.
        if (IsIngForm(s_.word(w).form) && Subject(w) < 0) {
          auto [cb, ce] = s_.children(w);
          for (auto it = cb; it != ce; ++it) {
            if (*it > w && s_.word(*it).deprel == "ccomp" && region_of_[*it] < 0) return hit;
          }
        }
        hit.cue = hit.cue_last = static_cast<int32_t>(w);
        hit.region = r;
        hit.after = true;
        return hit;
      }
      const Word& x = s_.word(w);
      // Brackets and in-word hyphens belong to the speaker ("Harry M. Reid
      // (D-Nev.) said").
      if (s_.Breaks(w) && x.form != "," && x.form != "(" && x.form != ")") break;
      // A verb inside the speaker's phrase ("Harry Bond, who was among
      // those polled, said", "Paris, who used to work on Capitol Hill,
      // said", "the conservative-leaning newspaper wrote"): one that hangs,
      // through at most a few words after the quotation, on a noun after
      // it, does not end the search.
      if (x.upos == "VERB" && !InPhraseAfter(w, a)) break;
    }
    return hit;
  }

  // Whether verb x hangs on a noun or pronoun at or after word a, through
  // words at or after a (at most 8 steps up the parse).
  bool InPhraseAfter(uint32_t x, uint32_t a) const {
    int32_t y = s_.head(x);
    for (int steps = 0; steps < 8 && y >= static_cast<int32_t>(a) && static_cast<uint32_t>(y) < x + 64; ++steps) {
      const std::string& u = s_.word(y).upos;
      if (u == "NOUN" || u == "PROPN" || u == "PRON") return true;
      y = s_.head(y);
    }
    return false;
  }

  // After a quotation that ends with a comma ("“...,” X <word>."), a word
  // is the cue when it is a verb that ends its clause without an object or
  // complement of its own ("riffed", "mused"), or a cue of the lexicon the
  // tagger took for a noun ("Viguerie concludes").
  bool CueAfterQuote(uint32_t w, uint32_t end) const {
    const Word& x = s_.word(w);
    // A cue verb of the lexicon that the parser hung as a modifier ("said"
    // read as an adjective of "Mr. Burr").
    if (x.upos == "VERB" && (x.deprel == "amod" || x.deprel == "compound") &&
        s_.lex().cues.count(AsciiLower(x.lemma)) > 0) {
      return true;
    }
    const bool next_ok = w + 1 >= end || IsPunct(s_.word(w + 1)) || s_.word(w + 1).upos == "ADP" ||
                         s_.word(w + 1).upos == "ADV";
    if (!next_ok) return false;
    if (x.upos == "VERB") {
      // Its subject, or the noun the parser hung it on ("the nominee
      // riffed on ..." read as a clause of "nominee").
      const int32_t h = s_.head(w);
      const bool subject = s_.Child(w, "nsubj") >= 0 ||
                           (x.deprel.rfind("acl", 0) == 0 && h >= 0 && static_cast<uint32_t>(h) < w &&
                            (s_.word(h).upos == "NOUN" || s_.word(h).upos == "PROPN"));
      return s_.Child(w, "obj") < 0 && s_.Child(w, "xcomp") < 0 && s_.Child(w, "nsubj:pass") < 0 &&
             s_.Child(w, "aux:pass") < 0 && subject;
    }
    if (x.upos != "NOUN" && x.upos != "PROPN") return false;
    const std::string& f = s_.lower(w);
    if (f.size() < 4 || f.back() != 's') return false;
    const std::string& lem = AsciiLower(x.lemma);
    return s_.lex().cues.count(lem) > 0 || s_.lex().cues.count(f.substr(0, f.size() - 1)) > 0;
  }

  // X said, "..." / X said: "..." / X said that "...": the cue right before
  // region r, in its sentence or in a previous sentence ending with ':'.
  CueHit CueBefore(int32_t r) const {
    CueHit hit;
    const int32_t fw = first_word_[r];
    if (fw <= 0) return hit;
    const uint32_t f = static_cast<uint32_t>(fw);
    const uint32_t sent = s_.sentence(f);
    uint32_t b = f - 1;  // the word before the opening mark
    if (s_.sentence(b) != sent) {
      // A sentence (maybe a paragraph) ending with ':' leads in.
      if (s_.word(b).form != ":") return hit;
    } else {
      const std::string& bf = s_.word(b).form;
      const bool lead = bf == "," || bf == ":" || IsDash(bf) || s_.CueOf(b);
      if (!lead) return hit;
      // "Name ― “...”": a name, a dash, the quotation.
      if (IsDash(bf) && b > s_.sent_first(sent) && !s_.CueOf(b - 1)) {
        uint32_t a = s_.sent_first(sent);
        bool name = s_.word(b - 1).upos == "PROPN";
        for (uint32_t x = a; x < b && name; ++x) {
          if (s_.word(x).upos == "VERB" || region_of_[x] >= 0) name = false;
        }
        if (name) {
          hit.cue = hit.cue_last = static_cast<int32_t>(b);
          hit.dash = true;
          hit.dash_before = true;
        }
        return hit;
      }
      // "said that “...”" and "said that, “...”" are reported speech that
      // quotes: the clause with "that" is the content (step 3).
      if (bf == "," && b > 0 && s_.lower(b - 1) == "that") return hit;
    }
    // "admitted “one or two instances” where ...": a quotation right after
    // the cue that the sentence goes on from is part of the cue's object
    // (reported speech, step 3), not a quotation of its own.
    if (s_.sentence(b) == sent && s_.CueOf(b) && last_word_[r] >= 0) {
      const uint32_t after = static_cast<uint32_t>(last_word_[r]) + 1;
      if (after < s_.sent_end(sent) && !IsPunct(s_.word(after)) && region_of_[after] < 0) return hit;
      // "Trump said Fox executives were calling “every 15 minutes.”": the
      // quotation is the object of a cue inside another cue's clause, a
      // part of that reported speech (step 3).
      const int32_t h = s_.head(b);
      if (s_.word(b).deprel == "ccomp" && h >= 0 && static_cast<uint32_t>(h) < b && s_.CueOf(h) &&
          region_of_[h] < 0) {
        return hit;
      }
    }
    const uint32_t lo = s_.sent_first(s_.sentence(b));
    for (uint32_t k = 0; k < 24; ++k) {
      if (region_of_[b] >= 0) return hit;
      if (s_.CueOf(b)) {
        for (uint32_t x = b + 1; x < f; ++x) {
          if (!IsPunct(s_.word(x)) && !s_.Dominates(b, x) && s_.lower(x) != "that") return hit;
          // "said that after 200 years ..., “It's time.”": reported speech
          // that ends in a quotation (step 3).
          if (s_.lower(x) == "that" && s_.word(x).deprel == "mark") return hit;
        }
        hit.cue = hit.cue_last = static_cast<int32_t>(b);
        return hit;
      }
      if (b == lo) break;
      --b;
    }
    // "Sanders delivered a snappy retort: “...”": a lead-in clause ending
    // with a colon right before the quotation is its attribution, its
    // verb the cue, whatever the verb.
    const uint32_t colon = f - 1;
    if (s_.word(colon).form == ":" && region_of_[colon] < 0) {
      const uint32_t cs = s_.sentence(colon);
      for (uint32_t v = s_.sent_first(cs); v < colon; ++v) {
        if (s_.head(v) >= 0 || s_.word(v).upos != "VERB" || region_of_[v] >= 0 || used_cue_[v]) continue;
        const int32_t subj = Subject(v);
        if (subj >= 0 && static_cast<uint32_t>(subj) < v) hit.cue = hit.cue_last = static_cast<int32_t>(v);
        break;
      }
    }
    return hit;
  }

  // True when region r is a sentence of its own (or starts one): its
  // opening mark is the first word of its sentence.
  bool StartsSentence(int32_t r) const {
    const int32_t fw = first_word_[r];
    if (fw < 0) return false;
    return static_cast<uint32_t>(fw) == s_.sent_first(s_.sentence(fw)) || RegionSentence(r) != s_.sentence(fw);
  }
  // The sentence region r starts in; when the splitter left its opening
  // mark at the end of the sentence before ("... administration. ''"), the
  // next one.
  uint32_t RegionSentence(int32_t r) const {
    const uint32_t fw = static_cast<uint32_t>(first_word_[r]);
    const uint32_t sent = s_.sentence(fw);
    if (fw + 1 == s_.sent_end(sent) && fw + 1 < s_.size() && region_of_[fw + 1] == r) return sent + 1;
    return sent;
  }
  // True when region r ends its sentence (only punctuation after it).
  bool EndsSentence(int32_t r) const {
    const int32_t lw = last_word_[r];
    if (lw < 0) return false;
    const uint32_t end = s_.sent_end(s_.sentence(lw));
    for (uint32_t x = lw + 1; x < end; ++x) {
      if (!IsPunct(s_.word(x))) return false;
    }
    return true;
  }
  bool StartsParagraph(int32_t r) const {
    const int32_t fw = first_word_[r];
    if (fw < 0) return false;
    const uint32_t s = s_.sentence(fw);
    const uint32_t p = paragraph_of_sentence_[s];
    return p < doc_.paragraphs.size() && doc_.paragraphs[p].first_sentence == s &&
           static_cast<uint32_t>(fw) == s_.sent_first(s);
  }

  Candidate MakeCandidate(const CueHit& hit) const {
    Candidate c;
    c.cue_word = hit.cue;
    c.q.cue = WordsSpan(hit.cue, hit.cue_last);
    c.q.sentence = s_.sentence(hit.cue);
    if (hit.dash && hit.dash_before) {
      const uint32_t a = s_.sent_first(s_.sentence(hit.cue));
      c.q.speaker = TrimPhrase(a, hit.cue - 1);
      c.speaker_head = hit.cue - 1;
    } else if (hit.dash) {
      // Speaker: the words after the dash, to the end of the sentence or a comma.
      uint32_t a = hit.cue + 1, b = a;
      const uint32_t end = s_.sent_end(s_.sentence(a));
      while (b + 1 < end && s_.word(b + 1).form != "," && !IsPunct(s_.word(b + 1))) ++b;
      c.q.speaker = WordsSpan(a, b);
      c.speaker_head = static_cast<int32_t>(b);
    } else {
      int32_t head = kNone;
      c.q.speaker = SpeakerOf(hit.cue, &head, &c.named);
      // A subject inside a quotation is the parser's mistake, not a speaker.
      if (c.q.speaker && head >= 0 && region_of_[head] >= 0) {
        c.q.speaker.reset();
        head = kNone;
      }
      if (!c.q.speaker && hit.after) c.q.speaker = SpeakerNextTo(hit, &head);
      c.speaker_head = head;
    }
    return c;
  }

  // When the parse gives the cue after a quotation no subject: the words
  // between the quotation and the cue ("“...,” Graham, a former candidate,
  // told ...") or, for "“...,” said X, ...", the words after the cue to the
  // end of the sentence; only when they hold no verb of their own.
  std::optional<Span> SpeakerNextTo(const CueHit& hit, int32_t* head) const {
    const uint32_t v = static_cast<uint32_t>(hit.cue);
    uint32_t a = static_cast<uint32_t>(last_word_[hit.region]) + 1, b = v;
    while (a < b && IsPunct(s_.word(a))) ++a;
    if (a < b) {
      b = v - 1;
    } else {
      a = v + 1;
      const uint32_t end = s_.sent_end(s_.sentence(v));
      if (a >= end) return std::nullopt;
      b = a;
      // "said Mr. Burr, adding ...": the speaker stops before a verb.
      while (b + 1 < end && region_of_[b + 1] < 0 && b + 1 - a < kMaxSpeakerWords &&
             s_.word(b + 1).upos != "VERB" && s_.word(b + 1).upos != "AUX") {
        ++b;
      }
    }
    const uint32_t first_b = b;
    while (b > a && IsPunct(s_.word(b))) --b;
    if (b - a + 1 > 24 || first_b < a) return std::nullopt;
    int32_t h = kNone;
    for (uint32_t x = a; x <= b; ++x) {
      const Word& w = s_.word(x);
      if (region_of_[x] >= 0) return std::nullopt;
      if ((w.upos == "VERB" || w.upos == "AUX") && h < 0) return std::nullopt;
      if (h < 0 && (w.upos == "PROPN" || w.upos == "NOUN" || w.upos == "PRON")) h = static_cast<int32_t>(x);
    }
    if (h < 0) return std::nullopt;
    // The name: the last word of the first run of nouns.
    while (static_cast<uint32_t>(h) < b && (s_.word(h + 1).upos == "PROPN") && s_.word(h).upos == "PROPN") ++h;
    *head = h;
    return TrimPhrase(a, b);
  }

  // "The media are “manipulating ... this campaign,” he said.": the words
  // of the sentence before a quotation whose cue follows it are part of
  // what is said (the quotation is then mixed).
  void LeadIn(Candidate* c, int32_t r) const {
    const uint32_t fw = static_cast<uint32_t>(first_word_[r]);
    const uint32_t first = s_.sent_first(s_.sentence(fw));
    if (fw <= first || fw - first > kMaxLeadWords || c->q.content.empty()) return;
    for (uint32_t x = first; x < fw; ++x) {
      const Word& w = s_.word(x);
      if (region_of_[x] >= 0 || s_.CueOf(x) || w.form == ":" || IsDash(w.form) || s_.IsAccordingTo(x)) return;
    }
    auto lead = ContentSpan(first, fw - 1);
    if (!lead) return;
    c->q.content.front().start = lead->start;
    c->q.kind = "mixed";
  }

  void AddPieces(Candidate* c, int32_t first_region, int32_t last_region) {
    for (int32_t r = first_region; r <= last_region; ++r) {
      c->q.content.push_back(regions_[r].span);
      c->paragraph = regions_[r].paragraph;
    }
  }

  // Whether region r is the title of a show, a book or a film, not a
  // quotation ("on CBS's “Face the Nation,” House Speaker ... said"): at
  // most eight words, each capitalised but for short function words,
  // after a preposition, a possessive or a determiner.
  bool IsTitle(int32_t r) const {
    const int32_t fw = first_word_[r], lw = last_word_[r];
    if (fw <= 0 || lw < fw) return false;
    const Word& before = s_.word(static_cast<uint32_t>(fw) - 1);
    if (s_.sentence(fw - 1) != s_.sentence(fw)) return false;
    if (!(before.upos == "ADP" || before.upos == "DET" || before.deprel == "case" || before.upos == "PART")) {
      return false;
    }
    int words = 0;
    for (int32_t x = fw; x <= lw; ++x) {
      const Word& w = s_.word(x);
      if (IsPunct(w)) continue;
      if (++words > 8) return false;
      const char c = w.form.empty() ? 'a' : w.form[0];
      const bool small = w.upos == "ADP" || w.upos == "DET" || w.upos == "CCONJ" || w.upos == "PART";
      if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && !small) return false;
    }
    return words > 0;
  }

  void DirectQuotes() {
    pending_.clear();
    int32_t last = kNone;  // index in found_ of the last direct quotation
    for (int32_t r = 0; r < static_cast<int32_t>(regions_.size());) {
      // A chain: r .. e, joined by the multi-paragraph convention.
      int32_t e = r;
      while (regions_[e].continues && e + 1 < static_cast<int32_t>(regions_.size()) &&
             regions_[e + 1].continuation) {
        ++e;
      }
      if (first_word_[r] < 0) {  // no word inside: between tokens
        r = e + 1;
        continue;
      }
      if (e == r && IsTitle(r)) {  // a title is no quotation
        r = e + 1;
        continue;
      }
      CueHit hit;
      if (regions_[r].closed) hit = CueAfter(r);
      if (hit.cue < 0) hit = CueBefore(r);
      if (hit.cue < 0 && e != r && regions_[e].closed) hit = CueAfter(e);
      if (hit.cue >= 0) {
        if (last >= 0 && found_[last].cue_word == hit.cue) {
          // "...," said X, "..." : the same quotation, interrupted.
          AddPieces(&found_[last], r, e);
        } else {
          Candidate c = MakeCandidate(hit);
          c.direct = true;
          c.q.kind = "direct";
          AddPieces(&c, r, e);
          if (hit.after && hit.region == r) LeadIn(&c, r);
          found_.push_back(std::move(c));
          last = static_cast<int32_t>(found_.size()) - 1;
          used_cue_[hit.cue] = true;
        }
      } else if (StartsSentence(r) && EndsSentence(e) && regions_[e].closed) {
        pending_.push_back({r, e});  // step 4 decides
      }
      r = e + 1;
    }
  }

  // ---- step 3: reported speech ----------------------------------------

  // Whether sp overlaps a direct quotation's piece (pieces sorted, disjoint).
  bool OverlapsQuote(Span sp) const {
    auto it = FirstEndingAfter(direct_pieces_, sp.start);
    return it != direct_pieces_.end() && it->start < sp.end;
  }

  // The content words [a, b] trimmed of punctuation at the ends, except the
  // closing quotation mark that ends a quoted stretch.
  std::optional<Span> ContentSpan(uint32_t a, uint32_t b) const {
    const uint32_t end = s_.sent_end(s_.sentence(b));
    // A quotation the content ends in is part of it to its closing mark.
    auto opened_inside = [&](int32_t r) { return first_word_[r] >= static_cast<int32_t>(a); };
    if (region_of_[b] >= 0 && opened_inside(region_of_[b])) {
      b = std::max<uint32_t>(b, last_word_[region_of_[b]]);
    } else {
      uint32_t x = b + 1;
      while (x < end && IsPunct(s_.word(x)) && region_of_[x] < 0) ++x;
      if (x < end && region_of_[x] >= 0 && last_word_[region_of_[x]] == static_cast<int32_t>(x) &&
          opened_inside(region_of_[x]) && first_word_[region_of_[x]] <= static_cast<int32_t>(b)) {
        b = x;
      } else if (b + 1 < end && region_of_[b + 1] >= 0 && first_word_[region_of_[b + 1]] == static_cast<int32_t>(b + 1) &&
                 !IsPunct(s_.word(b)) && s_.word(b).upos == "AUX" &&
                 s_.sentence(last_word_[region_of_[b + 1]]) == s_.sentence(b)) {
        // "the candidate has “always run a lean campaign.”": the parse
        // left the quoted predicate out of the clause.
        b = static_cast<uint32_t>(last_word_[region_of_[b + 1]]);
      }
    }
    while (a < b && IsPunct(s_.word(a)) && region_of_[a] < 0) ++a;
    while (b > a && IsPunct(s_.word(b)) && !(region_of_[b] >= 0 && last_word_[region_of_[b]] == static_cast<int32_t>(b))) --b;
    if (b < a) return std::nullopt;
    if (IsPunct(s_.word(a)) && region_of_[a] < 0) return std::nullopt;
    return WordsSpan(a, b);
  }

  // The content of "X said [clause]": the complement `comp` of cue v, made
  // robust to the parser hanging parts of the clause elsewhere: it starts
  // at "that" or after v's own dependents ("on Tuesday", "reporters"), and
  // runs on over words the complement dominates (and punctuation) to the
  // end of a quotation it ends in.
  std::optional<Span> ClauseAfter(uint32_t v, uint32_t comp) const {
    const uint32_t end = s_.sent_end(s_.sentence(v));
    uint32_t a = s_.lo(comp);
    if (a > v + kMaxLeadWords) return std::nullopt;
    bool that = false;
    for (uint32_t x = v + 1; x < a; ++x) {
      if (s_.lower(x) == "that" && region_of_[x] < 0) {
        a = x;
        that = true;
        break;
      }
    }
    if (!that) {
      uint32_t x = v + 1;
      while (x < a) {
        // Skip a dependent of v that lies wholly before the complement.
        int32_t c = static_cast<int32_t>(x);
        while (c >= 0 && s_.head(c) != static_cast<int32_t>(v)) c = s_.head(c);
        if (c < 0 || static_cast<uint32_t>(c) == comp || s_.hi(c) >= a) break;
        // A subject, copula or auxiliary the parser hung on the cue belongs
        // to the complement ("said No Child Left Behind was “...”").
        const std::string& d = s_.word(c).deprel;
        if (d.rfind("nsubj", 0) == 0 || d.rfind("csubj", 0) == 0 || d == "cop" || d.rfind("aux", 0) == 0 ||
            d == "expl") {
          break;
        }
        x = s_.hi(c) + 1;
      }
      a = x;
    }
    if (a <= v) a = v + 1;
    uint32_t b = std::max(a, s_.hi(comp));
    for (uint32_t x = b + 1; x < end; ++x) {
      if (IsPunct(s_.word(x))) continue;
      if (s_.Dominates(comp, x)) {
        b = x;
        continue;
      }
      break;
    }
    // Words running on from the content with no punctuation between belong
    // to it, unless the parse makes them the cue's own adjuncts ("said ...
    // on Tuesday"): the parser often hangs a relative or participle clause
    // of the content on the cue or the root.
    for (uint32_t x = b + 1; x < end; ++x) {
      if (const int32_t q = QuotedRun(x); q >= 0) {
        b = x = static_cast<uint32_t>(q);
        continue;
      }
      if (s_.Breaks(x) || s_.CueOf(x)) break;
      if (region_of_[x] >= 0 && first_word_[region_of_[x]] != static_cast<int32_t>(x)) break;
      int32_t c = static_cast<int32_t>(x);
      for (int steps = 0; c >= 0 && s_.head(c) != static_cast<int32_t>(v) && steps < 64; ++steps) c = s_.head(c);
      if (c >= 0 && s_.head(c) == static_cast<int32_t>(v)) {
        const std::string& d = s_.word(c).deprel;
        const std::string& u = s_.word(c).upos;
        // A preposition or determiner made a clause of its own is the
        // parser's mistake, not an adjunct ("will act | as | a “stepping
        // stone”").
        const bool function_word = u == "ADP" || u == "DET";
        if (!function_word && (d.rfind("obl", 0) == 0 || d == "advmod" || d == "advcl" ||
                               d.rfind("nmod", 0) == 0 || d == "parataxis" || d == "conj" || d == "cc")) {
          break;
        }
      }
      b = x;
    }
    return ContentSpan(a, TrimTail(a, ToSentenceEnd(b)));
  }

  // The end of a content that ends at word b, run on to the end of its
  // sentence: attribution corpora take the rest of the clause ("said the
  // government tried to put me away, but a federal judge refused ..."),
  // which the parse often hangs on the cue. The run stops before a relative
  // clause set off by a comma; b is kept when another cue or a direct
  // quotation (or one left open) follows, while a quotation that is part
  // of the clause ("Russia was ''not concerned with the fate'' of ...") is
  // run over. (Stopping before the cue's own adjuncts, "... in an
  // interview", was tried: it lowered train and dev.) One pass over at
  // most 240 words, so that a sentence of thousands of words stays linear.
  uint32_t ToSentenceEnd(uint32_t b) const {
    const uint32_t end = std::min(s_.sent_end(s_.sentence(b)), b + 1 + 4 * kMaxLeadWords);  // bounded: linear
    uint32_t last = b;
    bool relative = false;  // the run stopped at ", which" / ", who"
    for (uint32_t x = b + 1; x < end; ++x) {
      const int32_t r = region_of_[x];
      if (s_.CueOf(x) || (r >= 0 && (OverlapsQuote(regions_[r].span) || !regions_[r].closed))) return b;
      if (relative || IsPunct(s_.word(x))) continue;
      relative = s_.word(x - 1).form == "," && (s_.lower(x) == "which" || s_.lower(x) == "who");
      if (!relative) last = x;
    }
    return last;
  }

  // The end of content [a, b] without a trailing element set off by a
  // comma that describes the content's last noun: an apposition or a
  // "which"/"who" clause running to the end ("the “Charleston loophole,” a
  // flaw in the FBI's system ...", "him “well qualified,” which is its
  // highest rating"): attribution corpora leave it out.
  uint32_t TrimTail(uint32_t a, uint32_t b) const {
    const uint32_t lo = b > a + kMaxLeadWords ? b - kMaxLeadWords : a;  // bounded: linear
    for (uint32_t x = b; x > lo + 1; --x) {
      const uint32_t c = x - 1;  // the comma
      if (s_.word(c).form != "," || region_of_[c] >= 0) continue;
      int32_t h = static_cast<int32_t>(x);
      for (int steps = 0; steps < 64 && s_.head(h) >= static_cast<int32_t>(x) && s_.head(h) <= static_cast<int32_t>(b);
           ++steps) {
        h = s_.head(h);  // bounded: a damaged parse may have a cycle
      }
      if (h < 0 || (s_.lo(h) != x && s_.lo(h) != c) || s_.hi(h) < b) continue;
      const std::string& d = s_.word(h).deprel;
      const bool rel = d.rfind("acl", 0) == 0 && (s_.lower(x) == "which" || s_.lower(x) == "who");
      if (d == "appos" || rel) return c > a ? c - 1 : b;
    }
    return b;
  }

  std::string KindOf(const std::vector<Span>& pieces) const {
    // Mixed when a quotation region lies (partly) inside the content.
    for (const Span& p : pieces) {
      auto it = std::lower_bound(regions_.begin(), regions_.end(), p.start,
                                 [](const QuoteRegion& r, uint32_t x) { return r.span.end <= x; });
      if (it != regions_.end() && it->span.start < p.end) {
        if (it->span.start <= p.start + 5 && it->span.end >= p.end) return "direct";
        return "mixed";
      }
    }
    return "indirect";
  }

  // Transcripts and headlines: a paragraph opening with a name and a colon
  // ("BOULDUAN: You guys ...", "Sanders: Brexit's message ...") is that
  // speaker's words, the colon its cue.
  void Transcript() {
    for (uint32_t p = 0; p < doc_.paragraphs.size(); ++p) {
      const Paragraph& para = doc_.paragraphs[p];
      if (para.num_sentences == 0 || para.first_sentence >= doc_.sentences.size()) continue;
      const uint32_t a = s_.sent_first(para.first_sentence);
      const uint32_t last_s = std::min<uint32_t>(para.first_sentence + para.num_sentences,
                                                 static_cast<uint32_t>(doc_.sentences.size())) - 1;
      const uint32_t end = s_.sent_end(last_s);
      uint32_t colon = a;
      while (colon < end && colon < a + 5 && s_.word(colon).form != ":") {
        const Word& w = s_.word(colon);
        const bool capital = !w.form.empty() && w.form[0] >= 'A' && w.form[0] <= 'Z';
        if (!capital || (w.upos != "PROPN" && w.upos != "NOUN") || region_of_[colon] >= 0) break;
        ++colon;
      }
      if (colon == a || colon >= end || s_.word(colon).form != ":" || colon + 1 >= end) continue;
      if (used_cue_[colon]) continue;
      auto content = ContentSpan(colon + 1, end - 1);
      if (!content || OverlapsQuote(*content)) continue;
      Candidate c;
      c.q.speaker = WordsSpan(a, colon - 1);
      c.speaker_head = static_cast<int32_t>(colon - 1);
      c.q.cue = s_.word(colon).span;
      c.cue_word = static_cast<int32_t>(colon);
      c.q.content.push_back(*content);
      c.q.sentence = s_.sentence(a);
      c.q.kind = KindOf(c.q.content);
      c.paragraph = p;
      found_.push_back(std::move(c));
    }
  }

  void ReportedSpeech() {
    const uint32_t n = static_cast<uint32_t>(s_.size());
    // Content of the candidates of the current sentence, so that a cue
    // inside another cue's content (X said Y believes Z) is left to it.
    std::vector<Candidate> sentence_found;
    for (uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      sentence_found.clear();
      const uint32_t first = s_.sent_first(s), end = s_.sent_end(s);
      for (uint32_t v = first; v < end && v < n; ++v) {
        if (region_of_[v] >= 0 || used_cue_[v]) continue;
        if (s_.IsAccordingTo(v)) {
          AccordingTo(v, &sentence_found);
          continue;
        }
        if (NominalCue(v, &sentence_found)) continue;
        if (s_.CueOf(v) ? s_.LearnedNot(v) : !s_.LearnedCue(v)) continue;
        if (AskedClause(v, &sentence_found)) continue;
        int32_t comp = s_.Child(v, "ccomp");
        if (comp < 0) comp = ClauseReadAsConjunct(v);
        if (comp >= 0 && static_cast<uint32_t>(comp) < v) {
          // Two complements ("..., even though X said they supported him"
          // read with the clause before as one): the one after the cue.
          auto [cb, ce] = s_.children(v);
          for (auto it = cb; it != ce; ++it) {
            if (*it > v && s_.word(*it).deprel == "ccomp") {
              comp = static_cast<int32_t>(*it);
              break;
            }
          }
        }
        Candidate c;
        bool raising = false;
        std::optional<Span> trailing_speaker;
        int32_t trailing_head = kNone;
        if (comp >= 0 && static_cast<uint32_t>(comp) > v) {
          auto span = ClauseAfter(v, static_cast<uint32_t>(comp));
          if (!span) continue;
          c.q.content.push_back(*span);
        } else if (s_.word(v).deprel == "parataxis" && s_.head(v) >= 0 &&
                   static_cast<uint32_t>(s_.head(v)) < v && s_.lo(v) > first) {
          // "The talks went well, he said."
          const uint32_t h = static_cast<uint32_t>(s_.head(v));
          if (region_of_[h] >= 0) continue;  // a quotation step 2 did not take
          auto span = ContentSpan(std::max(first, s_.lo(h)), s_.lo(v) - 1);
          if (!span) continue;
          c.q.content.push_back(*span);
          // "He may not electrify a room, they say, but he is ...": the
          // clause goes on after the cue.
          const uint32_t hh = std::min(end - 1, s_.hi(h));
          if (hh > s_.hi(v) + 1 && s_.word(s_.hi(v) + 1).form == "," && s_.lo(v) > 0 &&
              s_.word(s_.lo(v) - 1).form == ",") {
            if (auto right = ContentSpan(s_.hi(v) + 1, hh)) c.q.content.push_back(*right);
          }
        } else if (comp >= 0 && static_cast<uint32_t>(comp) < v && s_.lo(v) > first &&
                   s_.hi(comp) < v) {
          // "The talks went well, he said." parsed with the clause as ccomp.
          auto span = ContentSpan(s_.lo(comp), s_.hi(comp));
          if (!span) continue;
          c.q.content.push_back(*span);
        } else if (int32_t x = s_.Child(v, "xcomp"); x >= 0 && static_cast<uint32_t>(x) > v) {
          // "vowed to ...", "urged voters to ...", "called Trump “unhinged.”"
          // (the object before the predicate is part of what is said).
          uint32_t xa = s_.lo(x);
          if (const int32_t o = s_.Child(v, "obj"); o > static_cast<int32_t>(v) && o < x) {
            xa = std::min(xa, s_.lo(o));
          }
          auto span = ContentSpan(xa, TrimTail(xa, RunOn(v, s_.hi(x))));
          if (!span) continue;
          // "Carson seems to recognize ...", "The vote is expected to ...":
          // the subject is part of what is said, and nobody is named as
          // saying it.
          const std::string& lem = s_.word(v).lemma;
          const int32_t subj = s_.Child(v, "nsubj");
          if (subj >= 0 && static_cast<uint32_t>(subj) < v &&
              (lem == "seem" || lem == "appear" ||
               (lem == "expect" && s_.word(subj).deprel == "nsubj:pass"))) {
            const Word& sw = s_.word(subj);
            const bool relative = sw.feats.find("PronType=Rel") != std::string::npos;
            auto left = relative ? std::nullopt : TrimPhrase(s_.lo(subj), s_.hi(subj));
            if (!left || OverlapsQuote(*left) || s_.hi(subj) >= v) continue;
            c.q.content.push_back(*left);
            c.q.content.push_back(*span);
            raising = true;
          } else {
            c.q.content.push_back(*span);
          }
        } else if (int32_t o = s_.Child(v, "obj"); o >= 0 && static_cast<uint32_t>(o) > v &&
                   (!AddresseeCue(s_.word(v).lemma) || s_.word(v).lemma == "call") &&
                   !ObjectNotContent(s_.word(v).lemma) &&
                   (s_.word(o).upos != "PRON" || s_.word(v).lemma == "call")) {
          // "praised the deal", "cited the report"; with its predicate:
          // "called them “deplorables”", "described her as “a politician”".
          uint32_t b = s_.hi(o);
          bool predicate = false;
          auto [cb, ce] = s_.children(v);
          for (auto it = cb; it != ce; ++it) {
            if (*it <= static_cast<uint32_t>(o)) continue;
            const std::string& d = s_.word(*it).deprel;
            const int32_t cs = s_.Child(*it, "case");
            if (d == "xcomp" || (d.rfind("obl", 0) == 0 && cs >= 0 && s_.lower(cs) == "as")) {
              b = std::max(b, s_.hi(*it));
              predicate = true;
            }
          }
          if (s_.word(v).lemma == "call" && !predicate) {
            // "called the incident a reason for ...", "called Trump's
            // statements “childish.”": a predicate the parser did not
            // attach as one follows the object.
            const uint32_t nx = s_.hi(o) + 1;
            if (nx >= end || s_.sentence(nx) != s) continue;
            const Word& nw = s_.word(nx);
            const bool opens = region_of_[nx] >= 0 && first_word_[region_of_[nx]] == static_cast<int32_t>(nx);
            if (!opens && nw.upos != "DET" && nw.upos != "ADJ") continue;
          }
          auto span = ContentSpan(s_.lo(o), TrimTail(s_.lo(o), ToSentenceEnd(RunOn(v, b))));
          if (!span) continue;
          c.q.content.push_back(*span);
        } else if (const int32_t po = PrepObject(v); po >= 0) {
          // "referring to ...", "talked about ...", "called for ...": the
          // preposition is part of the cue, its object the content.
          auto span = ContentSpan(v + 2, ToSentenceEnd(s_.hi(po)));
          if (!span) continue;
          c.q.content.push_back(*span);
          c.cue_last = static_cast<int32_t>(v + 1);
        } else if (auto t = TrailingAttribution(v); t.first != kNone) {
          // "..., Defense Secretary Ash Carter told a Senate panel
          // Wednesday." however parsed.
          auto span = ContentSpan(first, static_cast<uint32_t>(t.first) - 1);
          auto who = TrimPhrase(static_cast<uint32_t>(t.first) + 1, v - 1);
          if (!span || !who) continue;
          c.q.content.push_back(*span);
          trailing_speaker = who;
          trailing_head = t.second;
        } else {
          continue;
        }
        if (OverlapsQuote(c.q.content.front())) {
          // "X said he welcomed ... and added, “...”": the content stops
          // before the clause that introduces the direct quotation.
          auto clipped = ClipBeforeQuote(c.q.content.front(), v);
          if (!clipped) continue;
          c.q.content.front() = *clipped;
        }
        int32_t head = kNone;
        if (trailing_speaker) {
          c.q.speaker = trailing_speaker;
          head = trailing_head;
        } else if (!raising) {
          c.q.speaker = SpeakerOf(v, &head, &c.named);
          // Reported speech with nobody reporting it is mostly a verb used
          // otherwise ("Asked whether ...", "suggesting that ...").
          if (!c.q.speaker) continue;
          if (c.q.speaker->start < c.q.content.front().end && c.q.content.front().start < c.q.speaker->end) continue;
        }
        c.speaker_head = head;
        c.cue_word = static_cast<int32_t>(v);
        c.q.cue = c.cue_last > static_cast<int32_t>(v) ? WordsSpan(v, c.cue_last) : s_.word(v).span;
        c.q.sentence = s;
        c.q.kind = KindOf(c.q.content);
        c.paragraph = paragraph_of_sentence_[s];
        sentence_found.push_back(std::move(c));
      }
      // Keep the outermost: drop a candidate whose cue lies inside
      // another's content (quadratic in the candidates of one sentence, so
      // only for sentences of a sane size).
      // All decided before any candidate is moved out.
      // A cue that governs the other's cue in the parse is the main clause
      // ("Though he said it ..., John said none were added"): the other's
      // content ran over it and stops where its attribution starts.
      const bool nest = sentence_found.size() <= 32;
      std::vector<bool> inner(sentence_found.size(), false);
      std::vector<uint32_t> cut(sentence_found.size(), UINT32_MAX);  // byte where content stops
      for (size_t i = 0; nest && i < sentence_found.size(); ++i) {
        const Candidate& ci = sentence_found[i];
        const Span cue = *ci.q.cue;
        for (size_t j = 0; j < sentence_found.size() && !inner[i]; ++j) {
          if (i == j) continue;
          for (const Span& p : sentence_found[j].q.content) {
            if (!(p.start <= cue.start && cue.end <= p.end)) continue;
            const Candidate& cj = sentence_found[j];
            uint32_t start = cue.start;
            if (ci.q.speaker && ci.q.speaker->start < start) start = ci.q.speaker->start;
            if (ci.cue_word >= 0 && cj.cue_word >= 0 && ci.cue_word != cj.cue_word &&
                s_.Dominates(ci.cue_word, cj.cue_word) && cj.q.cue->end <= start && p.start < start) {
              cut[j] = std::min(cut[j], start);
            } else if (ci.cue_word >= 0 && s_.IsAccordingTo(ci.cue_word) && cj.cue_word >= 0 &&
                       !s_.IsAccordingTo(cj.cue_word)) {
              // "..., X pledged to support the senator, according to
              // Buchanan": the parse hung "according to" inside the other
              // content, but it attributes the whole sentence; the other
              // (whose cue lies in its content) is the inner one.
            } else {
              inner[i] = true;
            }
          }
        }
      }
      for (size_t j = 0; j < sentence_found.size(); ++j) {
        if (cut[j] == UINT32_MAX || inner[j]) continue;
        std::vector<Span> kept;
        for (const Span& p : sentence_found[j].q.content) {
          if (p.start >= cut[j]) continue;
          if (p.end <= cut[j]) {
            kept.push_back(p);
            continue;
          }
          const uint32_t last = WordAt(cut[j] - 1);
          const uint32_t first = WordAt(p.start);
          if (last < first) continue;
          if (auto sp = ContentSpan(first, last)) kept.push_back(*sp);
        }
        if (kept.empty()) inner[j] = true;
        else sentence_found[j].q.content = std::move(kept);
      }
      for (size_t i = 0; i < sentence_found.size(); ++i) {
        if (!inner[i]) found_.push_back(std::move(sentence_found[i]));
      }
    }
  }

  // "Brian Fallon, a spokesman ..., said the Clintons and the foundation
  // had always been careful" parsed with the clause as a conjunct of the
  // cue: a conjunct (or parataxis) with a subject of its own that starts
  // right after the cue, with no conjunction or punctuation first, is the
  // cue's complement. kNone otherwise.
  int32_t ClauseReadAsConjunct(uint32_t v) const {
    auto [cb, ce] = s_.children(v);
    for (auto it = cb; it != ce; ++it) {
      const uint32_t c = *it;
      if (c <= v) continue;
      const std::string& d = s_.word(c).deprel;
      if (d != "conj" && d != "parataxis") continue;
      if (s_.lo(c) != v + 1 || Subject(c) < 0) return kNone;
      const Word& first = s_.word(v + 1);
      if (first.upos == "CCONJ" || IsPunct(first) || region_of_[v + 1] >= 0) return kNone;
      return static_cast<int32_t>(c);
    }
    return kNone;
  }

  // A quotation inside a clause that no other step attributed ("Trump
  // launched into a lament for the “countless Americans” who ..."): the
  // nearest verb above it in the parse (at most 8 steps), before it, with
  // a subject of its own is the cue, whatever the verb (but one the cue
  // model rejects); the content runs from right after the cue over the
  // quotation to the sentence's end, as for reported speech. The speaker
  // is the verb's subject. Linear: each region climbs a bounded path and
  // looks up the spans taken so far by binary search.
  void QuotedObjects() {
    std::vector<Span> taken;
    for (const Candidate& c : found_) {
      taken.insert(taken.end(), c.q.content.begin(), c.q.content.end());
      if (c.q.speaker) taken.push_back(*c.q.speaker);
    }
    std::sort(taken.begin(), taken.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    auto overlaps = [&](Span sp) {
      auto it = FirstEndingAfter(taken, sp.start);
      // Spans taken may nest: a few after the first are looked at.
      for (int k = 0; it != taken.end() && k < 8; ++it, ++k) {
        if (it->start < sp.end && sp.start < it->end) return true;
      }
      return false;
    };
    std::vector<Candidate> added;
    for (int32_t r = 0; r < static_cast<int32_t>(regions_.size()); ++r) {
      const int32_t fw = first_word_[r], lw = last_word_[r];
      if (!regions_[r].closed || fw < 0 || lw < 0 || StartsSentence(r)) continue;
      if (IsTitle(r)) continue;
      if (overlaps(regions_[r].span)) continue;
      // The word of the quotation whose head lies outside it.
      int32_t x = kNone;
      for (int32_t y = fw; y <= lw && x < 0; ++y) {
        const int32_t h = s_.head(y);
        if (h >= 0 && region_of_[h] != r && !IsPunct(s_.word(y))) x = y;
      }
      if (x < 0) continue;
      int32_t child = x, v = s_.head(x);
      for (int steps = 0; v >= 0 && steps < 8; ++steps) {
        if (s_.word(v).upos == "VERB" && v < fw && region_of_[v] < 0 && Subject(v) >= 0 && !used_cue_[v]) break;
        child = v;
        v = s_.head(v);
      }
      if (v < 0 || s_.word(v).upos != "VERB" || v >= fw || region_of_[v] >= 0 || Subject(v) < 0 ||
          used_cue_[v] || static_cast<uint32_t>(child) <= static_cast<uint32_t>(v)) {
        continue;
      }
      const uint32_t cv = static_cast<uint32_t>(v);
      if (s_.LearnedNot(cv)) continue;  // a verb the cue model rejects ("continues", "wants")
      // The content starts right after the cue (and its particle), as for
      // reported speech: "calls Trump line 'racist,' but ...".
      uint32_t start = cv + 1;
      if (start < s_.size() && s_.head(start) == v && s_.word(start).deprel == "compound:prt") ++start;
      start = std::min(start, s_.lo(child));
      const uint32_t stop = std::max<uint32_t>(s_.hi(child), lw);
      auto span = ContentSpan(start, TrimTail(start, ToSentenceEnd(stop)));
      if (!span || overlaps(*span)) continue;
      Candidate c;
      int32_t head = kNone;
      c.q.speaker = SpeakerOf(cv, &head, &c.named);
      if (!c.q.speaker || (c.q.speaker->start < span->end && span->start < c.q.speaker->end)) continue;
      c.q.content.push_back(*span);
      c.speaker_head = head;
      c.cue_word = v;
      c.q.cue = s_.word(cv).span;
      c.q.sentence = s_.sentence(cv);
      c.q.kind = KindOf(c.q.content);
      c.paragraph = paragraph_of_sentence_[c.q.sentence];
      added.push_back(std::move(c));
    }
    for (Candidate& c : added) found_.push_back(std::move(c));
  }

  // When word x opens a quotation that closes in its sentence and is no
  // direct quotation of its own, the quotation's last word ("he believes
  // his campaign has “the wind at our backs” heading to ..."); else kNone.
  int32_t QuotedRun(uint32_t x) const {
    const int32_t r = region_of_[x];
    if (r < 0 || first_word_[r] != static_cast<int32_t>(x) || !regions_[r].closed) return kNone;
    const int32_t l = last_word_[r];
    if (s_.sentence(l) != s_.sentence(x) || OverlapsQuote(regions_[r].span)) return kNone;
    return l;
  }

  // The last word of a content that ends at word b as parsed, run on over
  // the words that follow it in the sentence up to punctuation, another
  // cue or a quotation: attribution corpora take the whole clause ("blames
  // mass media for their failure to ...") where the parser often hangs its
  // tail on the cue.
  uint32_t RunOn(uint32_t v, uint32_t b) const {
    const uint32_t end = std::min(s_.sent_end(s_.sentence(b)), b + 1 + kMaxLeadWords);  // bounded: linear
    const uint32_t first = b;
    for (uint32_t x = b + 1; x < end; ++x) {
      if (const int32_t q = QuotedRun(x); q >= 0) {
        b = x = static_cast<uint32_t>(q);
        continue;
      }
      if (s_.Breaks(x) || s_.CueOf(x) || x == v) break;
      if (region_of_[x] >= 0 && first_word_[region_of_[x]] != static_cast<int32_t>(x)) break;
      b = x;
    }
    while (b > first && (s_.word(b).upos == "CCONJ" || IsPunct(s_.word(b))) && region_of_[b] < 0) --b;
    return b;
  }

  // "<clause>, <speaker> <cue> [words without a verb]." at the end of a
  // sentence: the comma before the speaker and the speaker's head (its last
  // noun), or kNone when the sentence is not of that shape.
  std::pair<int32_t, int32_t> TrailingAttribution(uint32_t v) const {
    const std::pair<int32_t, int32_t> none{kNone, kNone};
    const uint32_t sent = s_.sentence(v);
    const uint32_t first = s_.sent_first(sent), end = s_.sent_end(sent);
    const Word& cue = s_.word(v);
    if (IsIngForm(cue.form)) return none;
    if (end - v > kMaxSpeakerWords || v - first > kMaxLeadWords) return none;  // bounded: linear
    for (uint32_t x = v + 1; x < end; ++x) {
      const Word& w = s_.word(x);
      if (w.upos == "VERB" || w.upos == "AUX" || region_of_[x] >= 0 || w.form == "," || w.form == ":") return none;
    }
    int32_t h = kNone;
    uint32_t x = v;
    for (uint32_t k = 0; x > first && k < 12; ++k) {
      --x;
      const Word& w = s_.word(x);
      if (w.form == ",") break;
      if (w.upos == "VERB" || w.upos == "AUX" || IsPunct(w) || region_of_[x] >= 0) return none;
      if (h < 0 && (w.upos == "PROPN" || w.upos == "NOUN" || w.upos == "PRON")) h = static_cast<int32_t>(x);
    }
    if (s_.word(x).form != "," || x + 1 >= v || x < first + 3 || h < 0) return none;
    return {static_cast<int32_t>(x), h};
  }

  // The part of content `sp` (of cue v) before the first direct quotation
  // it overlaps and before the clause of the cue that took that quotation
  // ("and added, “...”"); nullopt when nothing of it is left.
  std::optional<Span> ClipBeforeQuote(Span sp, uint32_t v) const {
    auto it = FirstEndingAfter(direct_pieces_, sp.start);
    if (it == direct_pieces_.end() || it->start >= sp.end || it->start <= sp.start) return std::nullopt;
    const uint32_t a = WordAt(sp.start);
    uint32_t stop = WordAt(it->start);  // first word of the quotation
    if (stop - a > kMaxLeadWords) return std::nullopt;  // bounded: linear
    for (uint32_t x = a; x < stop; ++x) {
      if (used_cue_[x] && x != v) {
        stop = std::min(stop, s_.lo(x));
        break;
      }
    }
    while (stop > a && (IsPunct(s_.word(stop - 1)) || s_.word(stop - 1).upos == "CCONJ")) --stop;
    if (stop <= a) return std::nullopt;
    auto out = ContentSpan(a, stop - 1);
    if (!out || OverlapsQuote(*out)) return std::nullopt;
    return out;
  }

  // The object of the preposition right after cue v when it is v's oblique
  // and the pair says what is spoken of ("talked about", "referring to",
  // "called for", "railed against", "spoke of"); kNone otherwise.
  int32_t PrepObject(uint32_t v) const {
    const uint32_t p = v + 1;
    if (p >= s_.size() || s_.sentence(p) != s_.sentence(v) || s_.word(p).deprel != "case") return kNone;
    const int32_t o = s_.head(p);
    if (o <= static_cast<int32_t>(p) || s_.head(o) != static_cast<int32_t>(v) ||
        s_.word(o).deprel.rfind("obl", 0) != 0 || region_of_[p] >= 0) {
      return kNone;
    }
    const std::string& prep = s_.lower(p);
    const std::string& lem = s_.word(v).lemma;
    if (prep == "about" || prep == "against" || prep == "of") return o;
    if (prep == "for") return o;  // "on" (commented on, called on) is right 1 time in 10 on train
    if (prep == "to" && (lem == "refer" || lem == "point" || lem == "respond" || lem == "react" ||
                         lem == "object" || lem == "allude")) {
      return o;
    }
    return kNone;
  }

  // A nominal cue: a noun of the nominal list (cues.txt, class `noun`)
  // with a clause of its own (`acl` / `ccomp`) opening with "that": "his
  // claim that ...", "the judges' statement that ...", "complaints that
  // ...". The clause is the content; the cue is the noun with the
  // adjectives right before it ("unsubstantiated accusations"). The source
  // is the possessor ("his", "Bolton's"), the object of "by" or "from",
  // the subject of a light verb whose object the noun is ("X made the
  // claim that ...": the cue runs from the verb), or the speaker of a cue
  // verb the noun is an "in" phrase of ("X said in a statement that ...",
  // when the verb took no content itself); else there is none, as PolNeAR
  // often marks none for "concerns that ...". An of / about / on
  // complement ("her criticism of ...") was tried as content and left out:
  // right 1 time in 3 on train, and it lowered dev.
  bool NominalCue(uint32_t v, std::vector<Candidate>* out) const {
    const Word& w = s_.word(v);
    if (w.upos != "NOUN" || s_.lex().nominal.count(AsciiLower(w.lemma)) == 0) return false;
    const uint32_t s = s_.sentence(v);
    Candidate c;
    int32_t clause = kNone, poss = kNone, agent = kNone;
    auto [cb, ce] = s_.children(v);
    for (auto it = cb; it != ce; ++it) {
      const uint32_t x = *it;
      const std::string& d = s_.word(x).deprel;
      if (x < v) {
        if (d == "nmod:poss" && poss < 0) poss = static_cast<int32_t>(x);
        continue;
      }
      if ((d == "acl" || d == "ccomp") && clause < 0) {
        const int32_t m = s_.Child(x, "mark");
        if (m >= 0 && s_.lower(m) == "that" && static_cast<uint32_t>(m) == s_.lo(x)) clause = static_cast<int32_t>(x);
        continue;
      }
      if (d.rfind("nmod", 0) != 0 || d == "nmod:poss") continue;
      const int32_t cs = s_.Child(x, "case");
      if (cs < 0) continue;
      const std::string& prep = s_.lower(cs);
      if ((prep == "by" || prep == "from") && agent < 0) agent = static_cast<int32_t>(x);
    }
    if (clause < 0) return false;
    auto span = ClauseAfter(v, static_cast<uint32_t>(clause));
    if (span && span->end > s_.word(s_.hi(v)).span.end) {
      // The run-on stops at the end of the noun's phrase: what follows is
      // the clause the noun is part of ("his claim that ... angered them").
      span = ContentSpan(WordAt(span->start), s_.hi(v));
    }
    if (!span || OverlapsQuote(*span)) return false;
    c.q.content.push_back(*span);
    // The cue takes in the adjectives right before the noun ("false claims").
    uint32_t cue_first = v;
    for (auto it = ce; it != cb; --it) {
      const uint32_t x = *(it - 1);
      if (x >= cue_first) continue;
      const std::string& d = s_.word(x).deprel;
      if (d != "amod" || s_.hi(x) + 1 != cue_first || region_of_[x] >= 0) break;
      cue_first = s_.lo(x);
    }
    int32_t head = kNone;
    if (poss >= 0) {
      c.q.speaker = TrimPhrase(s_.lo(poss), s_.hi(poss));
      head = poss;
    } else if (agent >= 0) {
      const uint32_t a = static_cast<uint32_t>(s_.Child(agent, "case")) + 1;
      if (a <= s_.hi(agent)) c.q.speaker = TrimPhrase(a, s_.hi(agent));
      head = agent;
    } else if (s_.head(v) >= 0) {
      // "X made the claim that ...", "X said in a statement that ...": the
      // subject of the light verb (or cue verb) the noun depends on, when
      // that verb took no content of its own.
      const uint32_t h = static_cast<uint32_t>(s_.head(v));
      const std::string& l = s_.word(h).lemma;
      const int32_t cs = s_.Child(v, "case");
      const bool in_cue = cs >= 0 && s_.lower(cs) == "in" && s_.CueOf(h);
      const bool light = w.deprel == "obj" && (l == "make" || l == "issue" || l == "release" || l == "express" ||
                                               l == "voice" || l == "repeat" || l == "reiterate" || l == "renew" ||
                                               l == "deliver" || l == "offer" || l == "level" || l == "raise");
      // Whether the verb already took a content: candidates come in word
      // order, so only those after it are looked at (bounded: linear).
      bool taken = false;
      for (auto it = out->rbegin(); it != out->rend() && it->cue_word >= static_cast<int32_t>(h); ++it) {
        taken = taken || it->cue_word == static_cast<int32_t>(h);
      }
      if ((in_cue || light) && !taken && h + kMaxLeadWords > v) {
        c.q.speaker = SpeakerOf(h, &head, &c.named);
        if (c.q.speaker && h < v) {
          // "has made several controversial statements on": the light verb
          // with its auxiliaries and all up to the noun is the cue.
          cue_first = h;
          while (cue_first > s_.sent_first(s) && s_.head(cue_first - 1) == static_cast<int32_t>(h) &&
                 (s_.word(cue_first - 1).deprel.rfind("aux", 0) == 0 || s_.word(cue_first - 1).deprel == "advmod") &&
                 region_of_[cue_first - 1] < 0) {
            --cue_first;
          }
        }
      }
    }
    if (const int32_t in = s_.Child(v, "case"); in >= 0 && s_.lower(in) == "in" && !c.q.speaker) {
      return false;  // "in the hopes that ...", "in a statement" of a verb with its own content
    }
    const Span& ct = c.q.content.front();
    if (c.q.speaker && c.q.speaker->start < ct.end && ct.start < c.q.speaker->end) return false;
    c.speaker_head = head;
    c.cue_word = static_cast<int32_t>(v);
    c.q.cue = WordsSpan(cue_first, v);
    c.q.sentence = s;
    c.q.kind = KindOf(c.q.content);
    c.paragraph = paragraph_of_sentence_[s];
    out->push_back(std::move(c));
    return true;
  }

  // "Asked whether ..., X said ...", "When asked about ...": the question
  // is the content, nobody is named as asking it.
  bool AskedClause(uint32_t v, std::vector<Candidate>* out) const {
    const Word& w = s_.word(v);
    if (w.lemma != "ask") return false;
    if (Subject(v) >= 0 || s_.Child(v, "aux") >= 0 || s_.Child(v, "aux:pass") >= 0) return false;
    const uint32_t s = s_.sentence(v);
    const uint32_t first = s_.sent_first(s), end = s_.sent_end(s);
    if (!(v == first || (v == first + 1 && s_.lower(first) == "when"))) return false;
    uint32_t cue_end = v;
    if (v + 1 < end && s_.lower(v + 1) == "about") ++cue_end;
    uint32_t b = cue_end;
    while (b + 1 < end && s_.Dominates(v, b + 1) && region_of_[b + 1] < 0 && s_.word(b + 1).form != ",") ++b;
    if (b + 1 < end && region_of_[b + 1] >= 0) {
      // a quotation inside the question runs to its closing mark
      b = std::max<uint32_t>(b, static_cast<uint32_t>(last_word_[region_of_[b + 1]]));
    }
    if (b <= cue_end) return false;
    auto content = ContentSpan(cue_end + 1, b);
    if (!content || OverlapsQuote(*content)) return false;
    Candidate c;
    c.cue_word = static_cast<int32_t>(v);
    c.q.cue = WordsSpan(v, cue_end);
    c.q.content.push_back(*content);
    c.q.sentence = s;
    c.q.kind = KindOf(c.q.content);
    c.paragraph = paragraph_of_sentence_[s];
    out->push_back(std::move(c));
    return true;
  }

  // "according to X, ...": X is the speaker; the content is the clause that
  // "according to X" modifies, without it.
  void AccordingTo(uint32_t v, std::vector<Candidate>* out) {
    int32_t x = s_.head(v);  // UD: "according" is the case of X
    const uint32_t s = s_.sentence(v);
    const uint32_t first = s_.sent_first(s), end = s_.sent_end(s);
    uint32_t x_lo = 0, x_hi = 0;
    if (x >= 0 && static_cast<uint32_t>(x) > v + 1 && s_.sentence(x) == s && s_.word(v).deprel == "case") {
      x_lo = s_.lo(x);
      x_hi = s_.hi(x);
    } else {
      // "according" parsed as a verb: X is the words after "to" up to
      // punctuation, its head the last noun among them.
      x = kNone;
      uint32_t b = v + 1;
      while (b + 1 < end && !IsPunct(s_.word(b + 1)) && region_of_[b + 1] < 0 && b + 1 - v <= kMaxSpeakerWords) ++b;
      for (uint32_t y = v + 2; y <= b; ++y) {
        const std::string& u = s_.word(y).upos;
        if (u == "NOUN" || u == "PROPN" || u == "PRON") x = static_cast<int32_t>(y);
      }
      if (x < 0) return;
      x_lo = v + 2;
      x_hi = b;
    }
    Candidate c;
    c.cue_word = static_cast<int32_t>(v);
    c.q.cue = WordsSpan(v, v + 1);
    auto sp = TrimPhrase(v + 2, x_hi);
    if (!sp) return;
    c.q.speaker = sp;
    c.speaker_head = x;
    // The sentence around "according to X" (the clause it modifies, by the
    // parse, is often cut short by the parser's attachments).
    const uint32_t ca = first, cb = end - 1;
    // The content without "according to X" and the commas around it.
    const uint32_t ga = std::min(v, x_lo), gb = x_hi;
    if (ga > ca) {
      auto left = ContentSpan(ca, ga - 1);
      if (left) c.q.content.push_back(*left);
    }
    if (gb < cb) {
      auto right = ContentSpan(gb + 1, cb);
      if (right) c.q.content.push_back(*right);
    }
    if (c.q.content.empty()) return;
    for (const Span& p : c.q.content) {
      if (OverlapsQuote(p)) return;
    }
    c.q.sentence = s;
    c.q.kind = KindOf(c.q.content);
    c.paragraph = paragraph_of_sentence_[s];
    out->push_back(std::move(c));
  }

  // ---- step 4b: the spans as attribution corpora mark them -------------

  bool Overlaps(const Candidate& c, Span sp) const {
    for (const Span& p : c.q.content) {
      if (p.start < sp.end && sp.start < p.end) return true;
    }
    return c.q.speaker && c.q.speaker->start < sp.end && sp.start < c.q.speaker->end;
  }

  // The cue with its auxiliaries and adverbs ("has also said", "did not
  // say"), a colon right after it ("said:") and "in a statement"; a speaker
  // set off by commas keeps its closing comma ("Huma Abedin, vice chairwoman
  // for Clinton’s presidential campaign, said").
  void Polish(Candidate* c) const {
    if (c->cue_word >= 0 && c->q.cue && (s_.CueOf(c->cue_word) || s_.LearnedCue(c->cue_word))) {
      const uint32_t v = static_cast<uint32_t>(c->cue_word);
      const uint32_t sent = s_.sentence(v);
      uint32_t a = v, b = v;
      if (c->cue_last > c->cue_word && s_.sentence(c->cue_last) == sent) b = static_cast<uint32_t>(c->cue_last);
      while (a > s_.sent_first(sent)) {
        const uint32_t p = a - 1;
        const Word& w = s_.word(p);
        if (region_of_[p] >= 0 || s_.head(p) != static_cast<int32_t>(v)) break;
        const bool aux = w.deprel.rfind("aux", 0) == 0;
        const bool adv = w.deprel == "advmod" && (w.upos == "ADV" || w.upos == "PART") &&
                         doc_.words[p].span.end + 1 >= doc_.words[a].span.start;
        if (!aux && !adv) break;
        a = p;
      }
      const uint32_t end = s_.sent_end(sent);
      // "pointed out", "shot back": the verb's particle.
      if (b + 1 < end && s_.head(b + 1) == static_cast<int32_t>(v) && s_.word(b + 1).deprel == "compound:prt") ++b;
      if (b + 3 < end && s_.lower(b + 1) == "in" && s_.lower(b + 2) == "a" && s_.lower(b + 3) == "statement") b += 3;
      if (b + 1 < end && s_.word(b + 1).form == ":" && region_of_[b + 1] < 0) ++b;
      if (a != v || b != v) {
        const Span wide = WordsSpan(a, b);
        Candidate probe = *c;
        probe.q.speaker.reset();
        if (!Overlaps(probe, wide) &&
            !(c->q.speaker && c->q.speaker->start < wide.end && wide.start < c->q.speaker->end)) {
          c->q.cue = wide;
        } else if (a != v && !Overlaps(*c, WordsSpan(a, v))) {
          c->q.cue = WordsSpan(a, v);
        }
      }
    }
    LeftPiece(c);
    // "the deal, which Trump called a “disaster”": a relative pronoun that
    // is the cue's object is the content's first piece.
    if (c->cue_word >= 0 && !c->q.content.empty()) {
      const uint32_t v = static_cast<uint32_t>(c->cue_word);
      const int32_t o = s_.Child(v, "obj");
      if (o >= 0 && static_cast<uint32_t>(o) < v && IsRelativeWord(s_.lower(o))) {
        const Span ow = s_.word(o).span;
        const bool in_speaker = c->q.speaker && c->q.speaker->start <= ow.start && ow.end <= c->q.speaker->end;
        if (ow.end <= c->q.content.front().start && !in_speaker) c->q.content.insert(c->q.content.begin(), ow);
      }
    }
    if (c->q.speaker && c->q.cue && c->q.speaker->end <= c->q.cue->start) {
      const uint32_t last = WordAt(c->q.speaker->end - 1);
      const uint32_t first = WordAt(c->q.speaker->start);
      if (last + 1 < s_.size() && s_.word(last + 1).form == "," && region_of_[last + 1] < 0 &&
          s_.sentence(last + 1) == s_.sentence(last) && doc_.words[last + 1].span.end <= c->q.cue->start) {
        bool inner = false;
        for (uint32_t x = first; x < last && !inner; ++x) inner = s_.word(x).form == ",";
        if (inner) c->q.speaker->end = doc_.words[last + 1].span.end;
      }
    }
  }

  // "This campaign, he says, is different" / "Cruz, Blackwell wrote, “has
  // ...”": the words before an attribution set off by commas, at the
  // start of the sentence, are the content's first piece.
  void LeftPiece(Candidate* c) const {
    if (!c->q.speaker || !c->q.cue || c->cue_word < 0 || c->q.content.empty()) return;
    const Span sp = *c->q.speaker;
    if (!(sp.end <= c->q.cue->start && c->q.cue->end <= c->q.content.front().start)) return;
    const uint32_t a = WordAt(sp.start);
    const uint32_t sent = s_.sentence(a);
    const uint32_t first = s_.sent_first(sent);
    if (a < first + 2 || s_.word(a - 1).form != ",") return;
    // Only the cue's clause lies between the speaker and the content.
    const uint32_t cf = WordAt(c->q.content.front().start);
    if (s_.sentence(cf) != sent || cf == 0 || s_.word(cf - 1).form != ",") return;
    if (s_.lower(cf) == "that" || region_of_[cf] >= 0) return;
    for (uint32_t x = a; x < cf; ++x) {
      if (region_of_[x] >= 0) return;
    }
    if (a - first > kMaxLeadWords) return;
    for (uint32_t x = first; x + 1 < a; ++x) {
      if (region_of_[x] >= 0 || s_.CueOf(x)) return;
    }
    auto left = ContentSpan(first, a - 2);
    if (!left) return;
    c->q.content.insert(c->q.content.begin(), *left);
  }

  // ---- step 4: quotations with no cue of their own ---------------------

  void CarryOver() {
    if (pending_.empty()) return;
    std::vector<Candidate> added;
    size_t k = 0;  // found_[k-1] is the last quotation before the region
    int32_t last_added = kNone;
    for (const auto& [r, e] : pending_) {
      const uint32_t start = regions_[r].span.start;
      while (k < found_.size() && found_[k].q.content.front().start < start) ++k;
      // The previous quotation: the latest of found_[k-1] and the last added.
      Candidate* prev = k > 0 ? &found_[k - 1] : nullptr;
      bool prev_added = false;
      if (last_added >= 0 &&
          (!prev || added[last_added].q.content.back().start > prev->q.content.back().start)) {
        prev = &added[last_added];
        prev_added = true;
      }
      // A statement reported in the attribution's own clause ("“...,” she
      // said, adding that ...") does not stand between a quotation and its
      // next sentence: the direct quotation just before it is the one.
      if (prev && !prev->direct && k >= 2 && !prev_added) {
        for (size_t back = 2; back <= 3 && back <= k; ++back) {
          Candidate* d = &found_[k - back];
          if (d->direct && d->q.speaker && d->cue_word >= 0 && prev->cue_word >= 0 &&
              s_.sentence(d->cue_word) == s_.sentence(prev->cue_word)) {
            prev = d;
            break;
          }
        }
      }
      if (!prev || prev->q.content.back().end > start || !prev->q.speaker) continue;
      const uint32_t para = regions_[r].paragraph;
      // Only right after the attributed quotation: its last piece (or its
      // cue) is in the sentence before this one.
      const uint32_t this_sentence = RegionSentence(r);
      uint32_t prev_end = WordAt(prev->q.content.back().end - 1);
      if (prev->cue_word >= 0) prev_end = std::max<uint32_t>(prev_end, prev->cue_word);
      if (s_.sentence(prev_end) + 1 != this_sentence) continue;
      if (prev->paragraph == para && prev->direct) {
        // "...," X said. "..." : one quotation, two pieces.
        AddPieces(prev, r, e);
      } else if (StartsParagraph(r) && prev->paragraph + 1 == para) {
        Candidate c;
        c.q = prev->q;
        if (prev->named) c.q.speaker = prev->named;  // "who" names nobody a paragraph later
        c.q.cue.reset();
        c.q.content.clear();
        c.q.kind = "direct";
        c.q.sentence = s_.sentence(first_word_[r]);
        c.speaker_head = prev->speaker_head;
        c.direct = true;
        AddPieces(&c, r, e);
        added.push_back(std::move(c));
        last_added = static_cast<int32_t>(added.size()) - 1;
      }
    }
    for (Candidate& c : added) found_.push_back(std::move(c));
    std::sort(found_.begin(), found_.end(), [](const Candidate& a, const Candidate& b) {
      return a.q.content.front().start < b.q.content.front().start;
    });
  }

  const Scratch& s_;
  const Document& doc_;
  const std::vector<QuoteRegion> regions_;
  std::vector<int32_t> region_of_;
  std::vector<int32_t> first_word_, last_word_;
  std::vector<bool> used_cue_;
  std::vector<uint32_t> paragraph_of_sentence_;
  std::vector<Candidate> found_;
  std::vector<std::pair<int32_t, int32_t>> pending_;
  std::vector<Span> direct_pieces_;
};

// ---- step 5: entities and descriptions ---------------------------------

class SpeakerLinker {
 public:
  explicit SpeakerLinker(const Document& doc) : doc_(doc) {
    for (size_t e = 0; e < doc.entities.size(); ++e) {
      for (const Mention& m : doc.entities[e].mentions) {
        mentions_.push_back({m.span, static_cast<int32_t>(e)});
      }
    }
    std::sort(mentions_.begin(), mentions_.end(),
              [](const auto& a, const auto& b) { return a.first.start < b.first.start; });
  }

  // The entity named by the speaker's words: a mention over the head word,
  // else a mention inside the phrase (PER first); for a pronoun, the
  // closest compatible mention before it.
  int32_t Link(Span speaker, Span head_word, std::string_view head_lower) const {
    if (mentions_.empty()) return kNone;
    if (IsPronounSubject(head_lower)) {
      const bool person = head_lower == "he" || head_lower == "she" || head_lower == "i";
      auto it = std::lower_bound(mentions_.begin(), mentions_.end(), speaker.start,
                                 [](const auto& m, uint32_t x) { return m.first.start < x; });
      while (it != mentions_.begin()) {
        --it;
        const Entity& e = doc_.entities[it->second];
        if (!person || e.type == "PER") return it->second;
      }
      return kNone;
    }
    int32_t inside = kNone;
    auto it = std::lower_bound(mentions_.begin(), mentions_.end(), speaker.start,
                               [](const auto& m, uint32_t x) { return m.first.start < x; });
    for (; it != mentions_.end() && it->first.start < speaker.end; ++it) {
      if (it->first.end > speaker.end) break;
      if (it->first.start <= head_word.start && head_word.end <= it->first.end) return it->second;
      if (inside < 0 || (doc_.entities[it->second].type == "PER" && doc_.entities[inside].type != "PER")) {
        inside = it->second;
      }
    }
    return inside;
  }

 private:
  const Document& doc_;
  std::vector<std::pair<Span, int32_t>> mentions_;
};

// The description in the speaker's phrase: the apposition ("Hugh Hill, a
// doctor") or the title words before the name ("U.S. Secretary of State
// Mike Pompeo").
std::optional<Span> Description(const Scratch& s, const Document& doc, Span speaker, int32_t head) {
  if (head < 0) return std::nullopt;
  const uint32_t h = static_cast<uint32_t>(head);
  int32_t appos = s.Child(h, "appos");
  // "(D-Nev.)" after a name is a party and state, not a description.
  if (appos >= 0 && (s.word(s.lo(appos)).form == "(" || (s.lo(appos) > 0 && s.word(s.lo(appos) - 1).form == "("))) {
    appos = kNone;
  }
  auto trim = [&](uint32_t a, uint32_t b) -> std::optional<Span> {
    while (a < b && IsPunct(s.word(a))) ++a;
    while (b > a && IsPunct(s.word(b))) --b;
    if (IsPunct(s.word(a))) return std::nullopt;
    return Span{doc.words[a].span.start, doc.words[b].span.end};
  };
  if (appos >= 0) {
    // A name in apposition to a title ("the finance minister, Lou Jiwei"):
    // the title is the description.
    if (s.word(h).upos != "PROPN" && s.word(appos).upos == "PROPN") {
      if (static_cast<uint32_t>(appos) > h) {
        return trim(std::max<uint32_t>(s.lo(h), 0), s.lo(appos) - 1);
      }
    }
    return trim(s.lo(appos), s.hi(appos));
  }
  // The name: the head and the proper nouns just before it that are not
  // titles and not the object of "of" ("Secretary of State").
  uint32_t name = h;
  if (s.word(h).upos != "PROPN") {
    // "Kim Eui-kyeom" with "kyeom" tagged a noun: the part after a hyphen
    // of a proper name.
    const bool joined = h >= 2 && s.word(h - 1).form == "-" && s.InWord(h - 1) && s.word(h - 2).upos == "PROPN";
    if (!joined) return std::nullopt;
    name = h - 2;
  }
  while (name > 0) {
    const uint32_t p = name - 1;
    if (doc.words[p].span.start < speaker.start) break;
    if (s.word(p).upos != "PROPN") break;
    if (s.lex().titles.count(s.lower(p))) break;
    if (p > 0 && s.lower(p - 1) == "of") break;
    name = p;
  }
  if (doc.words[name].span.start <= speaker.start) return std::nullopt;
  uint32_t a = name;
  while (a > 0 && doc.words[a - 1].span.start >= speaker.start) --a;
  if (a >= name) return std::nullopt;
  return trim(a, name - 1);
}

}  // namespace

namespace quotes_internal {

void ForEachCueCandidate(const Document& doc, const Lexicon& lex,
                         const std::function<void(uint32_t, const std::vector<uint64_t>&)>& fn) {
  const Scratch s(doc, lex, /*score_cues=*/false);
  std::vector<uint64_t> f;
  for (uint32_t w = 0; w < doc.words.size(); ++w) {
    if (doc.words[w].upos != "VERB") continue;
    s.CueFeatures(w, &f);
    fn(w, f);
  }
}

}  // namespace quotes_internal

void QuoteFinder::Find(Document* doc) const {
  doc->quotes.clear();
  if (doc->words.empty()) return;
  std::vector<Span> paragraphs;
  paragraphs.reserve(doc->paragraphs.size());
  for (const Paragraph& p : doc->paragraphs) paragraphs.push_back(p.span);
  if (paragraphs.empty()) paragraphs.push_back(Span{0, static_cast<uint32_t>(doc->article.text.size())});
  const Scratch scratch(*doc, *lex_);
  Finder finder(scratch, quotes_internal::ScanQuoteMarks(doc->article.text, paragraphs));
  std::vector<Candidate> found = finder.Run();
  const SpeakerLinker linker(*doc);
  doc->quotes.reserve(found.size());
  for (Candidate& c : found) {
    Quote& q = c.q;
    if (q.content.empty()) continue;
    std::sort(q.content.begin(), q.content.end(),
              [](const Span& a, const Span& b) { return a.start < b.start; });
    if (q.speaker && c.speaker_head >= 0) {
      const uint32_t h = static_cast<uint32_t>(c.speaker_head);
      const Span named = c.named ? *c.named : *q.speaker;
      q.description = Description(scratch, *doc, named, c.speaker_head);
      q.speaker_entity = linker.Link(named, doc->words[h].span, scratch.lower(h));
    }
    if (q.speaker_entity >= 0) {
      const Entity& e = doc->entities[q.speaker_entity];
      if (e.actor) q.speaker_actor = e.actor;
    }
    doc->quotes.push_back(std::move(q));
  }
}

std::optional<CueClass> QuoteFinder::ClassOfCue(const Document& doc, const Quote& q) const {
  if (!q.cue) return std::nullopt;
  std::string words;
  std::optional<CueClass> single;
  auto it = std::lower_bound(doc.words.begin(), doc.words.end(), q.cue->start,
                             [](const Word& w, uint32_t x) { return w.span.end <= x; });
  for (; it != doc.words.end(); ++it) {
    const Word& w = *it;
    if (w.span.start >= q.cue->end) break;
    if (!words.empty()) words += ' ';
    words += AsciiLower(w.form);
    if (!single) single = ClassOf(AsciiLower(w.lemma));
  }
  if (auto c = ClassOf(words)) return c;
  return single;
}

}  // namespace dyad
