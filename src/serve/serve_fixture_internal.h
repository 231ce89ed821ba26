// Hand-written documents with every layer (entities, quotations, events with
// evidence), for the server's tests and the dashboard's browser tests. The
// texts hold characters outside the Basic Multilingual Plane, so that code
// point and UTF-16 offsets differ and a client that mixes them up shows the
// wrong words.
#ifndef DYAD_SERVE_SERVE_FIXTURE_INTERNAL_H_
#define DYAD_SERVE_SERVE_FIXTURE_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"

namespace dyad::serve_fixture {

// Byte span of the n-th occurrence (0-based) of `needle` in `text`; an empty
// span at 0 when it is absent (the tests then fail on the words shown).
inline Span Find(std::string_view text, std::string_view needle, int nth = 0) {
  size_t at = text.find(needle);
  while (nth-- > 0 && at != std::string_view::npos) at = text.find(needle, at + 1);
  if (at == std::string_view::npos) return Span{0, 0};
  return Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

// Sentences: split after ". " (enough for these texts).
inline void AddSentences(Document* d) {
  const std::string& t = d->article.text;
  uint32_t start = d->article.body_start;
  for (size_t i = start; i < t.size(); ++i) {
    bool end = (t[i] == '.' && (i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == '\n'));
    if (end) {
      Sentence s;
      s.span = Span{start, static_cast<uint32_t>(i + 1)};
      d->sentences.push_back(s);
      start = static_cast<uint32_t>(i + 2);
    }
  }
}

inline uint32_t SentenceOf(const Document& d, Span s) {
  for (size_t i = 0; i < d.sentences.size(); ++i) {
    if (d.sentences[i].span.start <= s.start && s.end <= d.sentences[i].span.end) return static_cast<uint32_t>(i);
  }
  return 0;
}

inline int AddEntity(Document* d, const std::string& canonical, const std::string& type, const std::string& actor,
                     std::vector<Span> spans) {
  Entity e;
  e.canonical = canonical;
  e.type = type;
  if (!actor.empty()) e.actor = actor;
  e.actor_rule = actor.empty() ? "" : "fixture.actors:1: " + canonical;
  for (Span s : spans) {
    Mention m;
    m.span = s;
    m.type = type;
    m.sentence = SentenceOf(*d, s);
    e.mentions.push_back(m);
  }
  d->entities.push_back(e);
  return static_cast<int>(d->entities.size()) - 1;
}

inline void AddEvent(Document* d, const std::string& code, int quad, double goldstein, Span source,
                     const std::string& source_actor, Span target, const std::string& target_actor, Span trigger,
                     const std::string& rule, std::vector<std::string> issues) {
  Event e;
  e.code = code;
  e.root = code.substr(0, 2);
  e.quad_class = quad;
  e.goldstein = goldstein;
  e.plover = quad <= 2 ? "COOPERATE" : "ACCUSE";
  e.source = EventActor{source, source_actor, -1};
  e.target = EventActor{target, target_actor, -1};
  e.sentence = SentenceOf(*d, trigger);
  e.date = d->article.date;
  e.trigger = trigger;
  e.rule = rule;
  e.issues = std::move(issues);
  d->events.push_back(e);
}

// Three articles on three days: five events (quad classes 1, 3, 4 and 2),
// two quotations, entities with actor codes USA, CHN, RUS, UKR, SAU, USAGOV.
inline std::vector<Document> FixtureDocuments() {
  std::vector<Document> docs;
  {
    Document d;
    d.article.id = "fixture-talks";
    d.article.source = "Fixture Wire";
    d.article.url = "https://news.example/talks";
    d.article.date = "2024-05-06";
    std::string title = "Talks in Jeddah 🌍 resume";
    d.article.title = title;
    d.article.text = title +
                     "\n\n😀 The United States praised China on Monday for the 𝐍𝐄𝐖 trade talks. "
                     "“We welcome 🤝 the talks,” said Antony Blinken, the U.S. Secretary of State. "
                     "Russia accused Ukraine of shelling the port.\n\nAdvertisement";
    d.article.body_start = static_cast<uint32_t>(title.size() + 2);
    d.article.title_span = Span{0, static_cast<uint32_t>(title.size())};
    const std::string& t = d.article.text;
    d.removed.push_back(Removed{Find(t, "Advertisement"), "boilerplate"});
    AddSentences(&d);
    AddEntity(&d, "United States", "GPE", "USA", {Find(t, "United States")});
    AddEntity(&d, "China", "GPE", "CHN", {Find(t, "China")});
    int blinken = AddEntity(&d, "Antony Blinken", "PER", "USAGOV", {Find(t, "Antony Blinken")});
    AddEntity(&d, "Russia", "GPE", "RUS", {Find(t, "Russia")});
    AddEntity(&d, "Ukraine", "GPE", "UKR", {Find(t, "Ukraine")});
    Quote q;
    q.kind = "direct";
    q.content = {Find(t, "We welcome 🤝 the talks,")};
    q.cue = Find(t, "said");
    q.speaker = Find(t, "Antony Blinken");
    q.speaker_entity = blinken;
    q.speaker_actor = "USAGOV";
    q.description = Find(t, "the U.S. Secretary of State");
    q.sentence = SentenceOf(d, q.content[0]);
    d.quotes.push_back(q);
    AddEvent(&d, "051", 1, 3.4, Find(t, "The United States"), "USA", Find(t, "China"), "CHN", Find(t, "praised"),
             "fixture.verbs:12: PRAISE", {"TRADE", "DIPLOMACY"});
    AddEvent(&d, "112", 3, -2.0, Find(t, "Russia"), "RUS", Find(t, "Ukraine"), "UKR", Find(t, "accused"),
             "fixture.verbs:40: ACCUSE OF", {"MILITARY"});
    docs.push_back(std::move(d));
  }
  {
    Document d;
    d.article.id = "fixture-strike";
    d.article.source = "Fixture Daily";
    d.article.date = "2024-05-07";
    std::string title = "Shelling near the port";
    d.article.title = title;
    d.article.text = title +
                     "\n\nRussian forces shelled 𝟐 Ukrainian towns overnight. "
                     "Saudi Arabia sent aid to Ukraine after the attack. "
                     "“This must stop,” the Ukrainian minister said.";
    d.article.body_start = static_cast<uint32_t>(title.size() + 2);
    d.article.title_span = Span{0, static_cast<uint32_t>(title.size())};
    const std::string& t = d.article.text;
    AddSentences(&d);
    AddEntity(&d, "Russia", "GPE", "RUS", {Find(t, "Russian")});
    AddEntity(&d, "Ukraine", "GPE", "UKR", {Find(t, "Ukrainian"), Find(t, "Ukraine")});
    AddEntity(&d, "Saudi Arabia", "GPE", "SAU", {Find(t, "Saudi Arabia")});
    Quote q;
    q.kind = "direct";
    q.content = {Find(t, "This must stop,")};
    q.cue = Find(t, "said");
    q.speaker = Find(t, "the Ukrainian minister");
    q.speaker_actor = "UKRGOV";
    q.sentence = SentenceOf(d, q.content[0]);
    d.quotes.push_back(q);
    AddEvent(&d, "195", 4, -10.0, Find(t, "Russian forces"), "RUSMIL", Find(t, "Ukrainian towns"), "UKR",
             Find(t, "shelled"), "fixture.verbs:77: SHELL", {"MILITARY"});
    AddEvent(&d, "073", 2, 7.4, Find(t, "Saudi Arabia"), "SAU", Find(t, "Ukraine"), "UKR", Find(t, "sent aid"),
             "fixture.verbs:90: SEND AID", {"HUMANITARIAN", "MILITARY"});
    docs.push_back(std::move(d));
  }
  {
    Document d;
    d.article.id = "fixture-summit";
    d.article.source = "Fixture Wire";
    d.article.date = "2024-05-09";
    std::string title = "Leaders meet";
    d.article.title = title;
    d.article.text = title + "\n\nChina hosted the United States for a summit on trade.";
    d.article.body_start = static_cast<uint32_t>(title.size() + 2);
    d.article.title_span = Span{0, static_cast<uint32_t>(title.size())};
    const std::string& t = d.article.text;
    AddSentences(&d);
    AddEntity(&d, "China", "GPE", "CHN", {Find(t, "China")});
    AddEntity(&d, "United States", "GPE", "USA", {Find(t, "United States")});
    AddEvent(&d, "043", 1, 2.8, Find(t, "China"), "CHN", Find(t, "the United States"), "USA", Find(t, "hosted"),
             "fixture.verbs:21: HOST", {"TRADE", "DIPLOMACY"});
    docs.push_back(std::move(d));
  }
  return docs;
}

}  // namespace dyad::serve_fixture

#endif  // DYAD_SERVE_SERVE_FIXTURE_INTERNAL_H_
