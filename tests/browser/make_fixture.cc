// Test and benchmark stores made without the pipeline:
//
//   dyad_serve_fixture OUT.db
//       hand-written documents with every layer (text with characters outside
//       the Basic Multilingual Plane), for the dashboard's browser tests;
//   dyad_serve_fixture --synthetic-events N DB
//       adds synthetic articles with N events in all (deterministic: actor
//       codes, CAMEO codes, dates and issues drawn from a fixed generator)
//       to DB, for bench/serve_bench.sh when the pipeline codes fewer events
//       than the benchmark needs.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "dyad/store.h"
#include "serve/serve_fixture_internal.h"

namespace {

int Fail(const dyad::Status& s) {
  std::fprintf(stderr, "dyad_serve_fixture: %s\n", s.ToString().c_str());
  return 1;
}

// One synthetic article: a sentence per event ("USA praised CHN 17.").
dyad::Document SyntheticArticle(int index, int events, std::mt19937& rng) {
  static const char* kActors[] = {"USA", "CHN", "RUS", "UKR", "SAU", "IRN", "ISR", "PSE", "GBR", "FRA",
                                  "DEU", "JPN", "KOR", "PRK", "IND", "PAK", "TUR", "EGY", "SDN", "ETH",
                                  "USAGOV", "CHNGOV", "RUSMIL", "UKRMIL", "IGOUNO"};
  struct Verb {
    const char* word;
    const char* code;
    int quad;
    double goldstein;
  };
  static const Verb kVerbs[] = {{"praised", "051", 1, 3.4},    {"met", "040", 1, 1.0},
                                {"hosted", "043", 1, 2.8},     {"sent aid to", "070", 2, 7.0},
                                {"signed a deal with", "057", 2, 8.0}, {"accused", "112", 3, -2.0},
                                {"threatened", "130", 3, -4.4}, {"criticized", "111", 3, -2.0},
                                {"attacked", "190", 4, -10.0},  {"shelled", "195", 4, -10.0}};
  static const char* kIssues[] = {"TRADE", "MILITARY", "DIPLOMACY", "HUMANITARIAN", "ENERGY", "ELECTIONS"};
  const int na = sizeof kActors / sizeof *kActors;
  const int nv = sizeof kVerbs / sizeof *kVerbs;
  const int ni = sizeof kIssues / sizeof *kIssues;
  dyad::Document d;
  d.article.id = "synthetic-" + std::to_string(index);
  d.article.source = index % 3 == 0 ? "Synthetic Wire" : "Synthetic Daily";
  int day = static_cast<int>(rng() % 365);
  static const int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month = 0;
  while (day >= kMonthDays[month]) day -= kMonthDays[month++];
  char date[16];
  std::snprintf(date, sizeof date, "2023-%02d-%02d", month + 1, day + 1);
  d.article.date = date;
  std::string title = "Synthetic report " + std::to_string(index);
  d.article.title = title;
  d.article.text = title + "\n\n";
  d.article.body_start = static_cast<uint32_t>(d.article.text.size());
  d.article.title_span = dyad::Span{0, static_cast<uint32_t>(title.size())};
  struct Planned {
    dyad::Span src, verb, tgt;
    int s, t, v;
  };
  std::vector<Planned> plan;
  for (int e = 0; e < events; ++e) {
    Planned p;
    p.s = static_cast<int>(rng() % na);
    p.t = static_cast<int>(rng() % na);
    if (p.t == p.s) p.t = (p.t + 1) % na;
    p.v = static_cast<int>(rng() % nv);
    std::string& t = d.article.text;
    uint32_t start = static_cast<uint32_t>(t.size());
    t += kActors[p.s];
    p.src = {start, static_cast<uint32_t>(t.size())};
    t += ' ';
    uint32_t vs = static_cast<uint32_t>(t.size());
    t += kVerbs[p.v].word;
    p.verb = {vs, static_cast<uint32_t>(t.size())};
    t += ' ';
    uint32_t ts = static_cast<uint32_t>(t.size());
    t += kActors[p.t];
    p.tgt = {ts, static_cast<uint32_t>(t.size())};
    t += " in round " + std::to_string(e) + ".";
    dyad::Sentence sent;
    sent.span = {start, static_cast<uint32_t>(t.size())};
    d.sentences.push_back(sent);
    t += ' ';
    plan.push_back(p);
  }
  for (size_t i = 0; i < plan.size(); ++i) {
    const Planned& p = plan[i];
    const Verb& v = kVerbs[p.v];
    dyad::Event e;
    e.code = v.code;
    e.root = e.code.substr(0, 2);
    e.quad_class = v.quad;
    e.goldstein = v.goldstein;
    e.source = dyad::EventActor{p.src, std::string(kActors[p.s]), -1};
    e.target = dyad::EventActor{p.tgt, std::string(kActors[p.t]), -1};
    e.sentence = static_cast<uint32_t>(i);
    e.date = d.article.date;
    e.trigger = p.verb;
    e.rule = std::string("synthetic.verbs:") + std::to_string(p.v + 1) + ": " + v.word;
    e.issues.push_back(kIssues[rng() % ni]);
    if (rng() % 3 == 0) e.issues.push_back(kIssues[rng() % ni]);
    if (e.issues.size() == 2 && e.issues[0] == e.issues[1]) e.issues.pop_back();
    d.events.push_back(e);
  }
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--synthetic-events") {
    long total = std::strtol(argv[2], nullptr, 10);
    if (total < 1 || total > 10000000) {
      std::fprintf(stderr, "dyad_serve_fixture: --synthetic-events needs 1..10000000\n");
      return 2;
    }
    auto store = dyad::Store::Open(argv[3]);
    if (!store.ok()) return Fail(store.status());
    std::mt19937 rng(20240506);
    constexpr int kPerArticle = 20;
    std::vector<dyad::Document> batch;
    size_t added = 0;
    for (long done = 0, index = 0; done < total; ++index) {
      int n = static_cast<int>(std::min<long>(kPerArticle, total - done));
      batch.push_back(SyntheticArticle(static_cast<int>(index), n, rng));
      done += n;
      if (batch.size() == 200 || done == total) {
        auto st = (*store)->Ingest(batch);
        if (!st.ok()) return Fail(st.status());
        added += st->events_added;
        batch.clear();
      }
    }
    std::printf("%zu synthetic events added\n", added);
    return 0;
  }
  if (argc != 2 || argv[1][0] == '-') {
    std::fprintf(stderr, "usage: dyad_serve_fixture OUT.db | dyad_serve_fixture --synthetic-events N DB\n");
    return 2;
  }
  std::error_code ec;
  std::filesystem::remove(argv[1], ec);
  auto store = dyad::Store::Open(argv[1]);
  if (!store.ok()) return Fail(store.status());
  auto added = (*store)->Ingest(dyad::serve_fixture::FixtureDocuments());
  if (!added.ok()) return Fail(added.status());
  std::printf("%zu articles, %zu events, %zu quotes\n", added->articles_added, added->events_added,
              added->quotes_added);
  return 0;
}
