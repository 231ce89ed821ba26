// The date of an event from the temporal dependents of its predicate.
#include <algorithm>
#include <vector>

#include "dyad/time.h"

namespace dyad {
namespace {

bool LemmaIs(const Word& w, std::initializer_list<std::string_view> lemmas) {
  std::string lower;
  const std::string& src = w.lemma.empty() ? w.form : w.lemma;
  for (char c : src) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  for (std::string_view l : lemmas) {
    if (lower == l) return true;
  }
  return false;
}

bool DeprelIs(const Word& w, std::string_view base) {
  std::string_view d = w.deprel;
  return d == base || (d.size() > base.size() && d.substr(0, base.size()) == base &&
                       d[base.size()] == ':');
}

// Verbs whose infinitival complement is an event still to come.
bool IsIntentVerb(const Word& w) {
  return LemmaIs(w, {"plan", "intend", "expect", "hope", "schedule", "set", "agree", "promise",
                     "vow", "pledge", "aim", "prepare", "threaten", "decide", "want", "seek",
                     "propose", "go"});
}

}  // namespace

Tense PredicateTense(const Document& doc, uint32_t sentence, uint32_t predicate) {
  const Sentence& s = doc.sentences[sentence];
  const uint32_t local = predicate - s.first_word;
  const Word& p = doc.words[predicate];
  bool past = p.xpos == "VBD";
  bool has_to = false;
  for (uint32_t i = 0; i < s.num_words; ++i) {
    const Word& c = doc.words[s.first_word + i];
    if (c.head != static_cast<int32_t>(local)) continue;
    if (DeprelIs(c, "aux")) {
      if (LemmaIs(c, {"will", "shall", "'ll"}) || c.form == "'ll") return Tense::kFuture;
      // "did meet", "had met", "was met", "has met": done by the article's date.
      if (c.xpos == "VBD" || LemmaIs(c, {"have"})) past = true;
    }
    if (DeprelIs(c, "mark") && LemmaIs(c, {"to"})) has_to = true;
  }
  // "is going to meet", "plans to meet": the infinitive of an intent.
  if (has_to && DeprelIs(p, "xcomp") && p.head >= 0) {
    const Word& h = doc.words[s.first_word + static_cast<uint32_t>(p.head)];
    if (IsIntentVerb(h)) return Tense::kFuture;
  }
  return past ? Tense::kPast : Tense::kPresent;
}

std::optional<std::string> EventDate(const Document& doc, uint32_t sentence, uint32_t predicate) {
  const Sentence& s = doc.sentences[sentence];
  std::optional<CalendarDate> article;
  if (doc.article.date) article = ParseIsoDate(*doc.article.date);

  const Tense tense = PredicateTense(doc, sentence, predicate);
  auto word = [&](uint32_t local) -> const Word& { return doc.words[s.first_word + local]; };

  // The words of the subtree of `root` (sentence-local), in text order.
  auto subtree_text = [&](uint32_t root) {
    std::vector<uint32_t> members = {root};
    for (bool grew = true; grew;) {
      grew = false;
      for (uint32_t i = 0; i < s.num_words; ++i) {
        if (std::find(members.begin(), members.end(), i) != members.end()) continue;
        int32_t h = word(i).head;
        if (h >= 0 && std::find(members.begin(), members.end(), static_cast<uint32_t>(h)) != members.end()) {
          members.push_back(i);
          grew = true;
        }
      }
    }
    std::sort(members.begin(), members.end());
    std::string text;
    for (uint32_t i : members) {
      if (!text.empty()) text += ' ';
      text += word(i).form;
    }
    return text;
  };

  auto dates_of = [&](uint32_t head_local) {
    std::vector<std::string> found;
    for (uint32_t i = 0; i < s.num_words; ++i) {
      const Word& c = word(i);
      if (c.head != static_cast<int32_t>(head_local)) continue;
      const bool temporal = DeprelIs(c, "obl") || DeprelIs(c, "nmod") || c.deprel == "advmod" ||
                            c.deprel == "obl:tmod" || c.deprel == "nmod:tmod";
      if (!temporal || c.deprel == "nmod:poss") continue;
      if (auto d = ResolveDateExpression(subtree_text(i), article, tense)) found.push_back(*d);
    }
    return found;
  };

  uint32_t local = predicate - s.first_word;
  std::vector<std::string> found = dates_of(local);
  // An infinitive ("agreed to meet") shares its governor's time words.
  if (found.empty() && DeprelIs(doc.words[predicate], "xcomp") && doc.words[predicate].head >= 0) {
    found = dates_of(static_cast<uint32_t>(doc.words[predicate].head));
  }
  // "signed the agreement on Dec. 30": a date the parser attached to the
  // object rather than the verb (the attachment is ambiguous to it).
  if (found.empty()) {
    for (uint32_t i = 0; i < s.num_words && found.empty(); ++i) {
      if (word(i).head == static_cast<int32_t>(local) && word(i).deprel == "obj") {
        for (uint32_t j = 0; j < s.num_words; ++j) {
          const Word& c = word(j);
          if (c.head != static_cast<int32_t>(i) || !(c.deprel == "nmod" || c.deprel == "nmod:tmod")) continue;
          if (auto d = ResolveDateExpression(subtree_text(j), article, tense)) found.push_back(*d);
        }
      }
    }
  }
  if (!found.empty()) {
    // Most precise first (day > month > year), then text order.
    std::stable_sort(found.begin(), found.end(),
                     [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return found.front();
  }
  if (article) return FormatIsoDate(*article);
  return std::nullopt;
}

void DateEvents(Document* doc) {
  for (Event& e : doc->events) {
    if (e.sentence >= doc->sentences.size()) continue;
    const Sentence& s = doc->sentences[e.sentence];
    for (uint32_t w = s.first_word; w < s.first_word + s.num_words; ++w) {
      const Span span = doc->words[w].span;
      if (span.start <= e.trigger.start && e.trigger.start < span.end) {
        if (auto date = EventDate(*doc, e.sentence, w)) e.date = std::move(date);
        break;
      }
    }
  }
}

}  // namespace dyad
