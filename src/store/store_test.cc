#include "dyad/store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <filesystem>
#include <fstream>
#include <thread>

#include "dyad/utf8.h"
#include "store/query_internal.h"
#include "store/schema_internal.h"
#include "store/sqlite_internal.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

// A fresh temporary folder per test, removed afterwards.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dyad_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name = "news.db") const { return (dir_ / name).string(); }

  std::unique_ptr<Store> OpenOrDie(const std::string& path, StoreOptions options = {}) {
    auto s = Store::Open(path, options);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }

  fs::path dir_;
};

// Byte span of the first occurrence of `needle` in `text`.
Span Find(const std::string& text, const std::string& needle, size_t from = 0) {
  size_t at = text.find(needle, from);
  EXPECT_NE(at, std::string::npos) << needle;
  return Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

// A hand-built article with every layer: "Ünïted" and "—" make byte and
// code point offsets differ.
Document MakeDoc(const std::string& id, const std::string& date, const std::string& source_code,
                 const std::string& event_code, int quad, const std::string& extra = "") {
  Document d;
  d.article.id = id;
  d.article.date = date;
  d.article.source = "Wire";
  d.article.title = "Ünïted talks — " + id;
  d.article.text = *d.article.title + "\n\nPompeo said the sanctions on Iran would stay — " + id +
                   ". The Ünïted States accused China of theft. " + extra;
  d.article.body_start = static_cast<uint32_t>(d.article.title->size() + 2);
  const std::string& t = d.article.text;
  d.removed.push_back(Removed{Span{static_cast<uint32_t>(d.article.title->size()), d.article.body_start}, "blank"});
  Span s1 = Find(t, "Pompeo said");
  s1.end = Find(t, ". The").start + 1;
  Span s2{Find(t, "The Ünïted").start, Find(t, "theft.").end};
  d.sentences.push_back(Sentence{s1});
  d.sentences.push_back(Sentence{s2});

  Entity pompeo;
  pompeo.canonical = "Mike Pompeo";
  pompeo.type = "PER";
  pompeo.actor = "USAGOV";
  pompeo.actor_rule = "title: secretary of state";
  pompeo.mentions.push_back(Mention{Find(t, "Pompeo"), "PER", 0, 0, 1});
  Entity usa;
  usa.canonical = "Ünïted States";
  usa.type = "LOC";
  usa.actor = source_code;
  usa.mentions.push_back(Mention{Find(t, "Ünïted States"), "LOC", 1, 0, 2});
  Entity china;
  china.canonical = "China";
  china.type = "LOC";
  china.actor = "CHN";
  china.mentions.push_back(Mention{Find(t, "China"), "LOC", 1, 0, 1});
  d.entities = {pompeo, usa, china};

  Quote q;
  q.kind = "indirect";
  q.content.push_back(Span{Find(t, "the sanctions").start, Find(t, "stay").end});
  q.cue = Find(t, "said");
  q.speaker = Find(t, "Pompeo");
  q.speaker_entity = 0;
  q.sentence = 0;
  d.quotes.push_back(q);

  Event e;
  e.code = event_code;
  e.root = event_code.substr(0, 2);
  e.quad_class = quad;
  e.goldstein = quad <= 2 ? 3.0 : -5.0;
  e.plover = "ACCUSE";
  e.source = EventActor{Find(t, "Ünïted States"), source_code, 1};
  e.target = EventActor{Find(t, "China"), std::string("CHN"), 2};
  e.sentence = 1;
  e.trigger = Find(t, "accused");
  e.rule = "verbs.txt:12: ACCUSE";
  e.issues = {"THEFT", "ECONOMY"};
  d.events.push_back(e);
  return d;
}

TEST_F(StoreTest, CreatesTheSchemaAtTheCurrentVersion) {
  auto store = OpenOrDie(Path());
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->schema_version, kStoreSchemaVersion);
  EXPECT_EQ(stats->articles, 0);
  // Opening again is a no-op.
  store.reset();
  store = OpenOrDie(Path());
  EXPECT_EQ(store->Stats()->schema_version, kStoreSchemaVersion);
}

TEST_F(StoreTest, MigratesAVersion1FileForward) {
  {
    store_internal::Connection c;
    ASSERT_TRUE(c.Open(Path(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 1000).ok());
    ASSERT_TRUE(store_internal::MigrateTo(c, 1).ok());
    ASSERT_TRUE(c.Exec("INSERT INTO articles(id, date, title, text, text_length, body_start, content_hash, "
                       "ingested_at) VALUES('old', '2019-01-02', 'Old', 'Sanctions were lifted.', 22, 0, "
                       "'h', 'now')")
                    .ok());
    ASSERT_TRUE(c.Exec("INSERT INTO sentences(article, idx, start, \"end\") "
                       "SELECT pk, 0, 0, 22 FROM articles WHERE id = 'old'").ok());
    ASSERT_TRUE(c.Exec("INSERT INTO events(article, idx, code, root, quad_class, goldstein, plover, "
                       "sentence, negated, trigger_start, trigger_end, rule) "
                       "SELECT pk, 0, '081', '08', 2, 5.0, 'CONCEDE', 0, 0, 15, 21, 'r' "
                       "FROM articles WHERE id = 'old'").ok());
    EXPECT_EQ(*store_internal::SchemaVersion(c), 1);
  }
  // Read-only opens do not migrate: they say so.
  StoreOptions ro;
  ro.read_only = true;
  auto refused = Store::Open(Path(), ro);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("needs migrating"), std::string::npos);

  auto store = OpenOrDie(Path());
  EXPECT_EQ(store->Stats()->schema_version, kStoreSchemaVersion);
  // Version 2's full-text index was filled from the rows already there.
  Query q;
  q.text = "sanctions";
  auto rows = store->QueryArticles(q);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].id, "old");
  // Version 3 copied the event's words out of the article text.
  auto events = store->QueryEvents(Query{});
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].trigger.text, "lifted");
  EXPECT_EQ((*events)[0].sentence.text, "Sanctions were lifted.");
  EXPECT_FALSE((*events)[0].source.has_value());
  // Version 4 filed the event under its code's prefixes.
  Query code;
  code.code = "08";
  EXPECT_EQ(store->QueryEvents(code)->size(), 1u);
  EXPECT_EQ(*store->CountEvents(code), 1);
  code.code = "082";
  EXPECT_EQ(*store->CountEvents(code), 0);
  code.code = "08";
  code.since = "2019-01-02";
  EXPECT_EQ(*store->CountEvents(code), 0);  // the event has no day: no date range holds it
}

TEST_F(StoreTest, RefusesNewerVersionsAndOtherFiles) {
  {
    store_internal::Connection c;
    ASSERT_TRUE(c.Open(Path("newer.db"), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 1000).ok());
    ASSERT_TRUE(c.Exec("PRAGMA user_version = 99").ok());
  }
  auto newer = Store::Open(Path("newer.db"));
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.status().message().find("newer"), std::string::npos) << newer.status().ToString();
  {
    store_internal::Connection c;
    ASSERT_TRUE(c.Open(Path("other.db"), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 1000).ok());
    ASSERT_TRUE(c.Exec("CREATE TABLE stuff(x)").ok());
  }
  auto other = Store::Open(Path("other.db"));
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("not a dyad database"), std::string::npos);
  std::ofstream(Path("garbage.db")) << std::string(4096, 'x');
  auto garbage = Store::Open(Path("garbage.db"));
  EXPECT_FALSE(garbage.ok());
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_TRUE(Store::Open(Path("missing.db"), ro).status().IsNotFound());
  EXPECT_FALSE(Store::Open(":memory:").ok());
}

TEST_F(StoreTest, ReadOnlyStoreRefusesIngest) {
  OpenOrDie(Path());
  StoreOptions ro;
  ro.read_only = true;
  auto store = OpenOrDie(Path(), ro);
  EXPECT_FALSE(store->Ingest({MakeDoc("a", "2019-01-01", "USA", "112", 3)}).ok());
}

TEST_F(StoreTest, IngestIsIdempotentById) {
  auto store = OpenOrDie(Path());
  auto first = store->Ingest({MakeDoc("a", "2019-01-01", "USA", "112", 3)});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->articles_added, 1u);
  EXPECT_EQ(first->events_added, 1u);
  EXPECT_EQ(first->quotes_added, 1u);
  EXPECT_EQ(first->entities_added, 3u);
  // Same id, different text: still the same article.
  Document again = MakeDoc("a", "2019-01-01", "USA", "112", 3, "More text.");
  auto second = store->Ingest({again});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->articles_added, 0u);
  EXPECT_EQ(second->articles_skipped, 1u);
  EXPECT_TRUE(*store->HasArticle("a"));
  EXPECT_TRUE(*store->Contains(again.article));
  auto stats = store->Stats();
  EXPECT_EQ(stats->articles, 1);
  EXPECT_EQ(stats->events, 1);
  EXPECT_EQ(stats->quotes, 1);
  EXPECT_EQ(stats->entities, 3);
  EXPECT_EQ(stats->mentions, 3);
}

TEST_F(StoreTest, IngestIsIdempotentByContentHash) {
  auto store = OpenOrDie(Path());
  Document a = MakeDoc("a", "2019-01-01", "USA", "112", 3);
  Document b = a;
  b.article.id = "another-id-same-content";
  ASSERT_TRUE(store->Ingest({a}).ok());
  EXPECT_TRUE(*store->Contains(b.article));
  EXPECT_FALSE(*store->HasArticle(b.article.id));
  auto r = store->Ingest({b});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->articles_skipped, 1u);
  EXPECT_EQ(store->Stats()->articles, 1);
  // Duplicates inside one batch too.
  Document c = MakeDoc("c", "2019-01-02", "USA", "112", 3);
  Document c2 = c;
  c2.article.id = "c2";
  auto r2 = store->Ingest({c, c, c2});
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->articles_added, 1u);
  EXPECT_EQ(r2->articles_skipped, 2u);
  EXPECT_EQ(store->Stats()->articles, 2);
  EXPECT_EQ(ArticleContentHash(a.article), ArticleContentHash(b.article));
  EXPECT_NE(ArticleContentHash(a.article), ArticleContentHash(c.article));
  EXPECT_EQ(ArticleContentHash(a.article).size(), 32u);
}

TEST_F(StoreTest, EventRowsCarryCodePointSpans) {
  auto store = OpenOrDie(Path());
  Document d = MakeDoc("a", "2019-01-01", "USAGOV", "112", 3);
  ASSERT_TRUE(store->Ingest({d}).ok());
  auto rows = store->QueryEvents(Query{});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  const EventRow& e = (*rows)[0];
  EXPECT_EQ(e.article_id, "a");
  EXPECT_EQ(e.date, "2019-01-01");
  EXPECT_EQ(e.code, "112");
  EXPECT_EQ(e.source_actor, "USAGOV");
  EXPECT_EQ(e.target_actor, "CHN");
  EXPECT_EQ(e.trigger.text, "accused");
  ASSERT_TRUE(e.source);
  EXPECT_EQ(e.source->text, "Ünïted States");
  EXPECT_EQ(e.sentence.text, "The Ünïted States accused China of theft.");
  EXPECT_EQ(e.rule, "verbs.txt:12: ACCUSE");
  EXPECT_EQ(e.issues, (std::vector<std::string>{"ECONOMY", "THEFT"}));
  // Code points, not bytes: slice the text by code points and compare.
  std::u32string cps;
  for (size_t i = 0; i < d.article.text.size();) cps += utf8::Next(d.article.text, i);
  std::string sliced;
  for (uint32_t i = e.trigger.start; i < e.trigger.end; ++i) utf8::Append(cps[i], &sliced);
  EXPECT_EQ(sliced, "accused");
  EXPECT_LT(e.trigger.start, d.events[0].trigger.start);  // the text has multi-byte characters before it
}

class QueryTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store_ = OpenOrDie(Path());
    std::vector<Document> docs = {
        MakeDoc("a1", "2019-01-05", "USAGOV", "042", 1, "Talks in Geneva."),
        MakeDoc("a2", "2019-01-20", "USA", "112", 3, "Tariffs rose."),
        MakeDoc("a3", "2019-02-10", "RUS", "140", 3, "Protests in Moscow."),
        MakeDoc("a4", "2019-03-01", "USAMIL", "190", 4, "Strikes reported."),
    };
    docs[2].quotes[0].speaker = Find(docs[2].article.text, "Pompeo");
    docs[2].quotes[0].speaker_entity = -1;
    docs[2].quotes[0].speaker_actor = "RUSGOV";
    docs[2].events[0].target->actor = "UKR";
    ASSERT_TRUE(store_->Ingest(docs).ok());
  }
  std::vector<std::string> EventIds(const Query& q) {
    auto rows = store_->QueryEvents(q);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<std::string> ids;
    if (rows.ok()) {
      for (const auto& r : *rows) ids.push_back(r.article_id);
    }
    return ids;
  }
  std::unique_ptr<Store> store_;
};

using Ids = std::vector<std::string>;

TEST_F(QueryTest, EventFilters) {
  EXPECT_EQ(EventIds(Query{}), (Ids{"a4", "a3", "a2", "a1"}));  // newest first
  Query q;
  q.source_actor = "USA";  // prefix: USA, USAGOV, USAMIL
  EXPECT_EQ(EventIds(q), (Ids{"a4", "a2", "a1"}));
  q.source_actor = "USAG";
  EXPECT_EQ(EventIds(q), (Ids{"a1"}));
  q = Query{};
  q.target_actor = "UK";
  EXPECT_EQ(EventIds(q), (Ids{"a3"}));
  q = Query{};
  q.actor = "UKR";  // either side
  EXPECT_EQ(EventIds(q), (Ids{"a3"}));
  q = Query{};
  q.code = "04";  // 042, not 140
  EXPECT_EQ(EventIds(q), (Ids{"a1"}));
  q.code = "1";
  EXPECT_EQ(EventIds(q), (Ids{"a4", "a3", "a2"}));
  q = Query{};
  q.quad_mask = QuadMask(3, 3);
  EXPECT_EQ(EventIds(q), (Ids{"a3", "a2"}));
  q.quad_mask = QuadMask(3, 4);
  EXPECT_EQ(EventIds(q), (Ids{"a4", "a3", "a2"}));
  q.quad_mask = QuadMask(1, 1) | QuadMask(4, 4);
  EXPECT_EQ(EventIds(q), (Ids{"a4", "a1"}));
  q = Query{};
  q.since = "2019-01-20";
  q.until = "2019-02";  // the whole of February
  EXPECT_EQ(EventIds(q), (Ids{"a3", "a2"}));
  q.until = "2019-02-09";
  EXPECT_EQ(EventIds(q), (Ids{"a2"}));
  q = Query{};
  q.text = "moscow";
  EXPECT_EQ(EventIds(q), (Ids{"a3"}));
  q.text = "\"Protests in\" moscow";
  EXPECT_EQ(EventIds(q), (Ids{"a3"}));
  q.text = "\"in Protests\"";
  EXPECT_EQ(EventIds(q), Ids{});
  q = Query{};
  q.limit = 2;
  q.offset = 1;
  EXPECT_EQ(EventIds(q), (Ids{"a3", "a2"}));
  q.limit = 1000000;  // clamped
  q.offset = -5;
  EXPECT_EQ(EventIds(q).size(), 4u);
  q = Query{};
  q.source_actor = "USA";
  q.quad_mask = QuadMask(3, 4);
  EXPECT_EQ(*store_->CountEvents(q), 2);
  q.since = "2019-13";
  EXPECT_TRUE(store_->QueryEvents(q).status().IsInvalidArgument());
}

TEST_F(QueryTest, QuoteAndArticleFilters) {
  Query q;
  q.speaker = "pompeo";  // words, case-insensitive
  auto quotes = store_->QueryQuotes(q);
  ASSERT_TRUE(quotes.ok()) << quotes.status().ToString();
  EXPECT_EQ(quotes->size(), 4u);
  q.speaker = "Mike";  // the linked entity's name
  EXPECT_EQ(store_->QueryQuotes(q)->size(), 3u);
  q.speaker = "RUSGOV";  // its code
  ASSERT_EQ(store_->QueryQuotes(q)->size(), 1u);
  EXPECT_EQ((*store_->QueryQuotes(q))[0].article_id, "a3");
  q = Query{};
  q.text = "sanctions iran";
  quotes = store_->QueryQuotes(q);
  ASSERT_EQ(quotes->size(), 4u);
  const QuoteRow& r = (*quotes)[0];
  EXPECT_EQ(r.content.text, "the sanctions on Iran would stay");
  ASSERT_TRUE(r.cue && r.speaker);
  EXPECT_EQ(r.cue->text, "said");
  EXPECT_EQ(r.speaker->text, "Pompeo");
  ASSERT_EQ(r.pieces.size(), 1u);
  EXPECT_EQ(r.pieces[0].first, r.content.start);
  q.text = "moscow";  // not in any quotation
  EXPECT_TRUE(store_->QueryQuotes(q)->empty());
  EXPECT_EQ(*store_->CountQuotes(Query{}), 4);

  q = Query{};
  q.text = "tariffs";
  auto arts = store_->QueryArticles(q);
  ASSERT_TRUE(arts.ok()) << arts.status().ToString();
  ASSERT_EQ(arts->size(), 1u);
  EXPECT_EQ((*arts)[0].id, "a2");
  EXPECT_EQ((*arts)[0].events, 1);
  EXPECT_EQ((*arts)[0].entities, 3);
  EXPECT_NE((*arts)[0].snippet.find("[Tariffs]"), std::string::npos) << (*arts)[0].snippet;
  q = Query{};
  q.code = "19";
  arts = store_->QueryArticles(q);
  ASSERT_EQ(arts->size(), 1u);
  EXPECT_EQ((*arts)[0].id, "a4");
  q = Query{};
  q.actor = "UKR";  // no entity has it (only an event side)
  EXPECT_TRUE(store_->QueryArticles(q)->empty());
  q.actor = "RUS";
  EXPECT_EQ(store_->QueryArticles(q)->size(), 1u);
  EXPECT_EQ(*store_->CountArticles(Query{}), 4);
}

TEST_F(QueryTest, ActorsNetworkTimelineIssues) {
  auto actors = store_->QueryActors(Query{});
  ASSERT_TRUE(actors.ok()) << actors.status().ToString();
  ASSERT_FALSE(actors->empty());
  EXPECT_EQ((*actors)[0].actor, "CHN");  // target of three events
  EXPECT_EQ((*actors)[0].as_target, 3);
  EXPECT_EQ((*actors)[0].name, "China");
  Query q;
  q.actor = "USA";
  actors = store_->QueryActors(q);
  ASSERT_TRUE(actors.ok());
  for (const auto& a : *actors) EXPECT_EQ(a.actor.rfind("USA", 0), 0u) << a.actor;
  bool found_gov = false;
  for (const auto& a : *actors) {
    if (a.actor == "USAGOV") {
      found_gov = true;
      EXPECT_EQ(a.as_source, 1);
      EXPECT_EQ(a.quotes, 3);  // Pompeo's, resolved through the entity
      EXPECT_EQ(a.name, "Mike Pompeo");
    }
  }
  EXPECT_TRUE(found_gov);

  auto edges = store_->ActorNetwork(Query{});
  ASSERT_TRUE(edges.ok()) << edges.status().ToString();
  ASSERT_EQ(edges->size(), 4u);
  for (const auto& e : *edges) {
    EXPECT_EQ(e.events, 1);
    if (e.source == "RUS") {
      EXPECT_EQ(e.target, "UKR");
      EXPECT_EQ(e.quad[3], 1);
      EXPECT_DOUBLE_EQ(e.mean_goldstein, -5.0);
    }
  }
  auto days = store_->EventTimeline(Query{}, TimeBucket::kDay);
  ASSERT_TRUE(days.ok()) << days.status().ToString();
  ASSERT_EQ(days->size(), 4u);
  EXPECT_EQ((*days)[0].period, "2019-01-05");
  EXPECT_EQ((*days)[0].quad_class, 1);
  auto months = store_->EventTimeline(Query{}, TimeBucket::kMonth);
  ASSERT_EQ(months->size(), 4u);  // 2019-01 has quad 1 and quad 3
  EXPECT_EQ((*months)[0].period, "2019-01");
  EXPECT_EQ((*months)[1].period, "2019-01");
  EXPECT_EQ((*months)[1].quad_class, 3);
  auto years = store_->EventTimeline(Query{}, TimeBucket::kYear);
  int64_t total = 0;
  for (const auto& p : *years) total += p.events;
  EXPECT_EQ(total, 4);

  auto issues = store_->QueryIssues(Query{});
  ASSERT_TRUE(issues.ok()) << issues.status().ToString();
  ASSERT_EQ(issues->size(), 2u);
  EXPECT_EQ((*issues)[0].events, 4);
  auto pairs = store_->IssueCooccurrence(Query{});
  ASSERT_TRUE(pairs.ok()) << pairs.status().ToString();
  ASSERT_EQ(pairs->size(), 1u);
  EXPECT_EQ((*pairs)[0].a, "ECONOMY");
  EXPECT_EQ((*pairs)[0].b, "THEFT");
  EXPECT_EQ((*pairs)[0].articles, 4);
}

TEST_F(QueryTest, GetArticleHasEveryLayerInCodePoints) {
  auto v = store_->GetArticle("a3");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->article.id, "a3");
  EXPECT_EQ(v->article.title, "Ünïted talks — a3");
  EXPECT_EQ(v->article.text_length, utf8::Length(v->text));
  std::u32string cps;
  for (size_t i = 0; i < v->text.size();) cps += utf8::Next(v->text, i);
  auto slice = [&](uint32_t s, uint32_t e) {
    std::string out;
    for (uint32_t i = s; i < e && i < cps.size(); ++i) utf8::Append(cps[i], &out);
    return out;
  };
  EXPECT_EQ(slice(0, v->body_start), "Ünïted talks — a3\n\n");
  ASSERT_EQ(v->sentences.size(), 2u);
  ASSERT_EQ(v->entities.size(), 3u);
  EXPECT_EQ(v->entities[1].canonical, "Ünïted States");
  ASSERT_EQ(v->entities[1].mentions.size(), 1u);
  const CpSpan& m = v->entities[1].mentions[0];
  EXPECT_EQ(m.text, "Ünïted States");
  EXPECT_EQ(slice(m.start, m.end), "Ünïted States");
  ASSERT_EQ(v->quotes.size(), 1u);
  EXPECT_EQ(slice(v->quotes[0].content.start, v->quotes[0].content.end), v->quotes[0].content.text);
  EXPECT_EQ(v->quotes[0].speaker_actor, "RUSGOV");
  ASSERT_EQ(v->events.size(), 1u);
  EXPECT_EQ(slice(v->events[0].trigger.start, v->events[0].trigger.end), "accused");
  ASSERT_EQ(v->removed.size(), 1u);
  EXPECT_EQ(v->removed_reasons[0], "blank");
  EXPECT_TRUE(store_->GetArticle("nope").status().IsNotFound());
}

// Every filter, given hostile strings, is taken literally: no error, no
// rows, and the tables are intact.
// The prefix filters are answered from event_keys (schema version 4), the
// others from the events' columns: on a store with many codes, dates and
// undated events, every combination gives the rows and counts that filtering
// the full listing gives, in the same order.
TEST_F(StoreTest, EventKeysAgreeWithTheEventColumns) {
  auto store = OpenOrDie(Path());
  const std::vector<std::string> sources = {"USA", "USAGOV", "USAMIL", "CHN", "CHNGOV", "RUS", "IRN", "UKR"};
  const std::vector<std::string> codes = {"042", "0431", "112", "140", "190", "193", "01", "057"};
  const std::vector<std::string> dates = {"2019-01-05", "2019-01-20", "2019-02-10", "", "2019-03", "2020-07-04"};
  std::vector<Document> docs;
  for (int i = 0; i < 60; ++i) {
    const std::string& code = codes[i % codes.size()];
    Document d = MakeDoc("k" + std::to_string(i), dates[i % dates.size()], sources[i % sources.size()], code,
                         1 + i % 4, "Event " + std::to_string(i) + ".");
    if (d.article.date->empty()) d.article.date.reset();
    if (i % 3 == 0) {  // a second event: another code, the sides swapped
      Event e = d.events[0];
      e.code = codes[(i + 3) % codes.size()];
      e.root = e.code.substr(0, 2);
      std::swap(e.source, e.target);
      if (i % 9 == 0) e.target.reset();
      if (i % 6 == 0) e.date = "2018-12-31";
      d.events.push_back(e);
    }
    docs.push_back(std::move(d));
  }
  ASSERT_TRUE(store->Ingest(docs).ok());

  Query all_q;
  all_q.limit = kMaxQueryLimit;
  auto all = store->QueryEvents(all_q);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 80u);
  auto starts = [](const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; };
  auto expected = [&](const Query& q) {
    std::vector<int64_t> ids;
    for (const EventRow& e : *all) {
      if (!q.source_actor.empty() && !starts(e.source_actor, q.source_actor)) continue;
      if (!q.target_actor.empty() && !starts(e.target_actor, q.target_actor)) continue;
      if (!q.actor.empty() && !starts(e.source_actor, q.actor) && !starts(e.target_actor, q.actor)) continue;
      if (!q.code.empty() && !starts(e.code, q.code)) continue;
      if (q.quad_mask != 0 && (q.quad_mask & (1u << e.quad_class)) == 0) continue;
      if (!q.since.empty() && (e.date.empty() || e.date < q.since)) continue;
      if (!q.until.empty() && (e.date.empty() || e.date >= store_internal::PrefixEnd(q.until))) continue;
      ids.push_back(e.id);
    }
    return ids;
  };
  struct Case {
    std::string source, target, actor, code;
    unsigned quad;
    std::string since, until;
  };
  const std::vector<Case> cases = {
      {"USA", "", "", "", 0, "", ""},      {"", "CHN", "", "", 0, "", ""},       {"", "", "USA", "", 0, "", ""},
      {"", "", "U", "", 0, "", ""},        {"", "", "", "19", 0, "", ""},        {"", "", "", "0", 0, "", ""},
      {"", "", "", "0431", 0, "", ""},     {"", "", "USA", "1", 0, "", ""},      {"USA", "CHN", "", "", 0, "", ""},
      {"", "", "CHN", "04", 3 << 1, "", ""}, {"", "", "USA", "", 0, "2019-01-20", ""},
      {"", "", "USA", "", 0, "", "2019-02"}, {"", "", "", "1", 0, "2019", "2019"},
      {"", "", "", "", 0, "", "2019-12"},  {"", "", "RUSX", "", 0, "", ""},      {"", "", "", "9", 0, "", ""},
      {"CHNGOV", "", "USA", "0", 1 << 4, "", ""}};
  for (const Case& c : cases) {
    Query q;
    q.source_actor = c.source;
    q.target_actor = c.target;
    q.actor = c.actor;
    q.code = c.code;
    q.quad_mask = c.quad;
    q.since = c.since;
    q.until = c.until;
    const std::string what = c.source + "/" + c.target + "/" + c.actor + "/" + c.code + "/" +
                             std::to_string(c.quad) + "/" + c.since + "/" + c.until;
    const std::vector<int64_t> want = expected(q);
    auto count = store->CountEvents(q);
    ASSERT_TRUE(count.ok()) << what << ": " << count.status().ToString();
    EXPECT_EQ(*count, static_cast<int64_t>(want.size())) << what;
    for (int offset : {0, 3}) {
      q.limit = 5;
      q.offset = offset;
      auto rows = store->QueryEvents(q);
      ASSERT_TRUE(rows.ok()) << what << ": " << rows.status().ToString();
      std::vector<int64_t> got;
      for (const EventRow& e : *rows) got.push_back(e.id);
      std::vector<int64_t> page(want.begin() + std::min<size_t>(offset, want.size()),
                                want.begin() + std::min<size_t>(offset + 5, want.size()));
      EXPECT_EQ(got, page) << what << " offset " << offset;
    }
  }
  // The issue view's sample: the breakdowns over the newest events agree
  // with counting the listed rows.
  for (const std::string& actor : {std::string(), std::string("CHN")}) {
    Query q;
    q.actor = actor;
    q.limit = 25;
    auto b = store->IssueSample(q);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    auto rows = store->QueryEvents(q);
    ASSERT_TRUE(rows.ok());
    std::map<std::pair<std::string, std::string>, int64_t> want_actor, want_month;
    for (const EventRow& e : *rows) {
      std::set<std::string> sides;
      if (!e.source_actor.empty()) sides.insert(e.source_actor);
      if (!e.target_actor.empty()) sides.insert(e.target_actor);
      for (const std::string& issue : e.issues) {
        for (const std::string& a : sides) ++want_actor[{issue, a}];
        if (!e.date.empty()) ++want_month[{issue, e.date.substr(0, 7)}];
      }
    }
    std::map<std::pair<std::string, std::string>, int64_t> got_actor, got_month;
    for (const auto& c : b->by_actor) got_actor[{c.issue, c.key}] = c.events;
    for (const auto& c : b->by_month) got_month[{c.issue, c.key}] = c.events;
    EXPECT_EQ(got_actor, want_actor) << actor;
    EXPECT_EQ(got_month, want_month) << actor;
    EXPECT_EQ(b->sampled, static_cast<int64_t>(rows->size()));
    EXPECT_FALSE(got_month.empty());
  }
  // Ingest stays idempotent: the same articles again add no keys.
  auto again = store->Ingest(docs);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->articles_added, 0u);
  Query usa;
  usa.actor = "USA";
  const int64_t before = static_cast<int64_t>(expected(usa).size());
  EXPECT_EQ(*store->CountEvents(usa), before);
  // Counts and summaries are remembered only while nothing is committed.
  Query actors_q;
  actors_q.actor = "USAGOV";
  auto actors_before = store->QueryActors(actors_q);
  ASSERT_TRUE(actors_before.ok());
  ASSERT_EQ(actors_before->size(), 1u);
  ASSERT_TRUE(store->Ingest({MakeDoc("new", "2021-01-01", "USAGOV", "042", 1)}).ok());
  EXPECT_EQ(*store->CountEvents(usa), before + 1);
  auto actors_after = store->QueryActors(actors_q);
  ASSERT_TRUE(actors_after.ok());
  ASSERT_EQ(actors_after->size(), 1u);
  EXPECT_EQ((*actors_after)[0].as_source, (*actors_before)[0].as_source + 1);
  auto newest = store->QueryEvents(usa);
  ASSERT_TRUE(newest.ok());
  ASSERT_FALSE(newest->empty());
  EXPECT_EQ((*newest)[0].article_id, "new");
}

TEST_F(QueryTest, InjectionAttemptsInEveryFilterAreLiteral) {
  const std::vector<std::string> attacks = {
      "' OR 1=1 --", "\"; DROP TABLE articles; --", "'); DROP TABLE events; --", "%", "_",
      "\\", "*", "USA' OR '1'='1", "a\" OR \"1\"=\"1", "NEAR(a b)", "x:y", "\x01\xff"};
  for (const std::string& bad : attacks) {
    for (int field = 0; field < 8; ++field) {
      Query q;
      std::string* target[] = {&q.source_actor, &q.target_actor, &q.actor,    &q.code,
                               &q.text,         &q.speaker,      &q.article_id, &q.source};
      *target[field] = bad;
      auto ev = store_->QueryEvents(q);
      ASSERT_TRUE(ev.ok()) << "field " << field << " '" << bad << "': " << ev.status().ToString();
      EXPECT_TRUE(field == 5 || ev->empty()) << "field " << field << " '" << bad << "'";
      auto qu = store_->QueryQuotes(q);
      ASSERT_TRUE(qu.ok()) << qu.status().ToString();
      EXPECT_TRUE(qu->empty() || field == 1 || field == 3) << "field " << field << " '" << bad << "'";
      auto ar = store_->QueryArticles(q);
      ASSERT_TRUE(ar.ok()) << ar.status().ToString();
      EXPECT_TRUE(ar->empty()) << "field " << field << " '" << bad << "'";
      ASSERT_TRUE(store_->QueryActors(q).ok());
      ASSERT_TRUE(store_->ActorNetwork(q).ok());
      ASSERT_TRUE(store_->EventTimeline(q).ok());
      ASSERT_TRUE(store_->IssueCooccurrence(q).ok());
    }
    // Dates are checked, not compared blindly.
    Query q;
    q.since = bad;
    EXPECT_TRUE(store_->QueryEvents(q).status().IsInvalidArgument());
    q = Query{};
    q.until = bad;
    EXPECT_TRUE(store_->QueryQuotes(q).status().IsInvalidArgument());
  }
  auto stats = store_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 4);
  EXPECT_EQ(stats->events, 4);
  EXPECT_EQ(stats->quotes, 4);
}

TEST_F(QueryTest, FullTextQueriesWithOddSyntax) {
  const std::vector<std::string> odd = {
      "", "   ", "\"", "\"unbalanced", "sanctions OR", "OR", "AND NOT", "NEAR(", "(", ")", "*",
      "sanc*", "^iran", "text:iran", "-iran", "+iran", "\"\"", "''", "a\"b", "iran\"", "中国",
      "Ünïted", "{text}: x", "\\"};
  for (const std::string& text : odd) {
    Query q;
    q.text = text;
    auto a = store_->QueryArticles(q);
    ASSERT_TRUE(a.ok()) << "'" << text << "': " << a.status().ToString();
    auto qu = store_->QueryQuotes(q);
    ASSERT_TRUE(qu.ok()) << "'" << text << "': " << qu.status().ToString();
    auto ev = store_->QueryEvents(q);
    ASSERT_TRUE(ev.ok()) << "'" << text << "': " << ev.status().ToString();
  }
  // Operators are words, not operators: "OR" alone matches no article.
  Query q;
  q.text = "tariffs OR moscow";
  EXPECT_TRUE(store_->QueryArticles(q)->empty());
  // Diacritics fold: "united" finds "Ünïted".
  q.text = "united";
  EXPECT_EQ(store_->QueryArticles(q)->size(), 4u);
  q.text = "sanc*";  // no prefix search: the star is not an operator
  EXPECT_TRUE(store_->QueryArticles(q)->empty());
}

TEST_F(QueryTest, QueriesFromManyThreadsWhileIngesting) {
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0}, queries{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, t] {
      while (!stop) {
        Query q;
        q.source_actor = t % 2 ? "USA" : "";
        auto e = store_->QueryEvents(q);
        auto a = store_->GetArticle("a1");
        auto s = store_->Stats();
        if (!e.ok() || !a.ok() || !s.ok() || s->events < 4) ++failures;
        ++queries;
      }
    });
  }
  for (int batch = 0; batch < 20; ++batch) {
    std::vector<Document> docs;
    for (int i = 0; i < 10; ++i) {
      docs.push_back(MakeDoc("t" + std::to_string(batch) + "_" + std::to_string(i), "2020-01-01", "FRA", "057", 2));
    }
    auto r = store_->Ingest(docs);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->articles_added, 10u);
  }
  while (queries < 20) std::this_thread::yield();
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(store_->Stats()->articles, 204);
}

TEST(StoreTextTest, FtsQueryQuotesEveryTerm) {
  using store_internal::FtsQuery;
  EXPECT_EQ(FtsQuery("sanctions iran"), "\"sanctions\" \"iran\"");
  EXPECT_EQ(FtsQuery("  \"trade war\"  tariffs "), "\"trade war\" \"tariffs\"");
  EXPECT_EQ(FtsQuery("a\"b"), "\"a\" \"b\"");
  EXPECT_EQ(FtsQuery("x OR y"), "\"x\" \"OR\" \"y\"");
  EXPECT_EQ(FtsQuery("\"unbalanced"), "\"unbalanced\"");
  EXPECT_EQ(FtsQuery(""), "");
  EXPECT_EQ(FtsQuery("\"\""), "");
  EXPECT_EQ(store_internal::LikeContains("50%_a\\"), "%50\\%\\_a\\\\%");
  EXPECT_EQ(store_internal::PrefixEnd("USA"), "USB");
  EXPECT_EQ(store_internal::PrefixEnd("A\xff"), "B");
  EXPECT_EQ(store_internal::PrefixEnd("\xff\xff"), "");
  EXPECT_TRUE(store_internal::ValidQueryDate("2019"));
  EXPECT_TRUE(store_internal::ValidQueryDate("2019-02"));
  EXPECT_TRUE(store_internal::ValidQueryDate("2019-02-30"));
  EXPECT_FALSE(store_internal::ValidQueryDate("2019-2"));
  EXPECT_FALSE(store_internal::ValidQueryDate("2019-13"));
  EXPECT_FALSE(store_internal::ValidQueryDate("2019-12-00"));
  EXPECT_FALSE(store_internal::ValidQueryDate("' OR 1=1"));
}

TEST(StoreTextTest, Utf16Offsets) {
  // "a", "é" (1 unit), "😀" (2 units), "b"
  std::vector<uint32_t> u = Utf16Offsets("a\xc3\xa9\xf0\x9f\x98\x80" "b");
  EXPECT_EQ(u, (std::vector<uint32_t>{0, 1, 2, 4, 5}));
  EXPECT_EQ(Utf16Offsets(""), (std::vector<uint32_t>{0}));
}

}  // namespace
}  // namespace dyad
