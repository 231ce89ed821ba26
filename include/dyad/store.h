// dyad/store.h: the embedded database of processed articles (one SQLite file)
// and the queries that the command line and the HTTP server ask of it.
//
// Offsets: every span this API returns (Cp* fields) is in Unicode CODE POINTS
// into ArticleView::text, end exclusive, as in dyad/1 (Python's
// text[start:end]). JavaScript strings count UTF-16 units: a client slicing
// JS strings converts (Utf16Offsets() below gives the table once per text).
//
// Thread-safety: a Store is safe to share between threads. Every const query
// borrows a connection of its own from a pool inside the Store (SQLite in WAL
// mode lets readers run while a writer commits), so queries from many threads
// run in parallel. Ingest() calls are serialised by the Store. Several
// processes may open the same file: one writer at a time (others wait up to
// StoreOptions::busy_timeout_ms), any number of readers.
//
// Query filters are always bound as SQL parameters; the full-text `text`
// filter is turned into a quoted FTS5 query, so no user string is ever SQL or
// FTS syntax.
#ifndef DYAD_STORE_H_
#define DYAD_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

// The schema version this build writes (PRAGMA user_version). Older files are
// migrated forward on open (unless read-only); newer ones are refused.
constexpr int kStoreSchemaVersion = 4;

struct StoreOptions {
  // Open for queries only: nothing is created or migrated; Ingest() fails.
  bool read_only = false;
  // Create the file (and schema) when it does not exist (ignored when read_only).
  bool create_if_missing = true;
  // How long a statement waits for a lock held by another connection.
  int busy_timeout_ms = 10000;
  // Most connections the read pool keeps open (more threads wait for one).
  int max_readers = 8;
};

// What one Ingest() call did.
struct IngestStats {
  size_t articles_added = 0;
  size_t articles_skipped = 0;  // already stored (same id or same content hash)
  size_t entities_added = 0;
  size_t quotes_added = 0;
  size_t events_added = 0;
};

// Filters shared by the queries; an empty / unset field does not filter.
// Every field is matched literally (no wildcards, no SQL, no FTS syntax).
struct Query {
  std::string source_actor;  // prefix of the event's source actor code ("USA" matches "USAGOV")
  std::string target_actor;  // prefix of the target actor code
  std::string actor;         // prefix of either side's code (events); of the code (actors)
  std::string code;          // prefix of the CAMEO event code ("04" matches "042")
  // Quad classes to keep, as a bit set: bit q (1 << q) for class q in 1..4;
  // 0 = all. QuadMask(1, 2) is verbal and material cooperation.
  unsigned quad_mask = 0;
  std::string since, until;  // inclusive, YYYY-MM-DD (compared with the event's or article's date)
  // Full-text: every word must occur (in the article for events and
  // articles, in the quotation for quotes); "a phrase" in double quotes must
  // occur as a phrase. Case-insensitive, diacritics folded.
  std::string text;
  std::string speaker;     // quotes, articles: substring of the speaker's words, name or actor code (case-insensitive)
  std::string article_id;  // only this article (the id as ingested)
  std::string source;      // the article's publisher/source, exact
  int limit = 100;         // clamped to 1..kMaxQueryLimit
  int offset = 0;          // rows skipped (>= 0)
};
constexpr int kMaxQueryLimit = 10000;

// Bit set for Query::quad_mask with classes lo..hi (1..4).
constexpr unsigned QuadMask(int lo, int hi) {
  unsigned m = 0;
  for (int q = lo; q <= hi; ++q) m |= (q >= 1 && q <= 4) ? (1u << q) : 0u;
  return m;
}

// A span in code points with its text.
struct CpSpan {
  uint32_t start = 0, end = 0;  // code points into the article text
  std::string text;
};

struct ArticleRow {
  std::string id;
  std::string url, source, date, title;  // empty when the article had none
  std::string content_hash;              // 32 hex digits over title and text
  uint32_t text_length = 0;              // code points
  int64_t entities = 0, quotes = 0, events = 0;
  std::string snippet;  // with Query::text: matching words in context, marked [..]
};

struct EventRow {
  int64_t id = 0;  // stable row id, for links
  std::string article_id, article_title, article_source;
  std::string date;  // the event's date, else the article's (YYYY-MM-DD, YYYY-MM or YYYY; may be empty)
  std::string code, root, plover;
  int quad_class = 0;
  double goldstein = 0;
  std::string source_actor, target_actor;  // codes; empty when none
  std::optional<CpSpan> source, target;    // the words naming each side
  bool negated = false;
  CpSpan trigger;   // evidence: the words that carried the event
  CpSpan sentence;  // the sentence it was found in
  std::string rule;  // the dictionary entry that matched, "file:line: text"
  std::vector<std::string> issues;
};

struct QuoteRow {
  int64_t id = 0;
  std::string article_id, article_title, date;  // date: the article's
  std::string kind;                              // direct, indirect, mixed
  CpSpan content;  // whole quotation (pieces joined by a space in `text`)
  std::vector<std::pair<uint32_t, uint32_t>> pieces;  // code point spans of its pieces
  std::optional<CpSpan> cue, speaker, description;
  std::string speaker_name;   // the linked entity's canonical name; empty when unlinked
  std::string speaker_actor;  // actor code; empty when none
  uint32_t sentence = 0;
};

// One actor code over the events (and quotes) the query selects.
struct ActorRow {
  std::string actor;
  std::string name;  // most frequent canonical name of entities with this code
  int64_t as_source = 0, as_target = 0;  // events
  int64_t quotes = 0;                    // quotations by it
  int64_t articles = 0;                  // articles where it is named
};

struct EntityView {
  std::string canonical, type, actor, actor_rule;
  std::vector<CpSpan> mentions;
};

// Everything the article view shows: the text and every layer, spans in code
// points into `text`. Indices (QuoteRow::sentence, EventRow::sentence) refer
// to `sentences`.
struct ArticleView {
  ArticleRow article;
  std::string text;
  uint32_t body_start = 0;  // code points
  std::vector<CpSpan> removed;
  std::vector<std::string> removed_reasons;  // parallel to removed
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  std::vector<EntityView> entities;
  std::vector<QuoteRow> quotes;
  std::vector<EventRow> events;
};

enum class TimeBucket { kDay, kMonth, kYear };

// Events per period and quad class.
struct TimelinePoint {
  std::string period;  // "2019-01-08", "2019-01" or "2019"
  int quad_class = 0;
  int64_t events = 0;
  double mean_goldstein = 0;
};

// Source -> target edges over the selected events.
struct ActorEdge {
  std::string source, target;
  int64_t events = 0;
  double mean_goldstein = 0;
  int64_t quad[5] = {0, 0, 0, 0, 0};  // events per quad class (index 1..4)
};

struct IssueCount {
  std::string issue;
  int64_t events = 0, articles = 0;
};

// Two issues coded in the same article (a < b).
struct IssuePair {
  std::string a, b;
  int64_t articles = 0;
};

// The issue view's breakdowns over a sample of events (Store::IssueSample).
struct IssueBreakdown {
  struct Cell {
    std::string issue, key;  // key: an actor code, or a month
    int64_t events = 0;
  };
  std::vector<Cell> by_actor;  // events per issue and actor code (either side, once per event)
  std::vector<Cell> by_month;  // events per issue and month (YYYY-MM; a shorter date as it is)
  int64_t sampled = 0;         // events in the sample (with or without issues)
};

struct StoreStats {
  int schema_version = 0;
  int64_t articles = 0, entities = 0, mentions = 0, quotes = 0, events = 0;
  std::string first_date, last_date;  // over articles with a date
};

class Store {
 public:
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Opens (and, unless read-only, creates and migrates) the database at
  // `path`. Errors name the path.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options = {});

  // Stores processed articles in one transaction: each article with all its
  // layers, or nothing when it fails. An article whose id or content hash is
  // already stored is skipped (idempotent). Thread-safe (serialised).
  Result<IngestStats> Ingest(const std::vector<Document>& docs);

  // Whether an article with this id is stored.
  Result<bool> HasArticle(std::string_view id) const;
  // Whether Ingest would skip this article (its id or content hash is
  // stored): lets a caller skip processing it at all.
  Result<bool> Contains(const Article& article) const;

  // Rows in a stable order: newest date first, then most recently stored
  // first. Which filters apply to which rows: docs/store.md.
  Result<std::vector<EventRow>> QueryEvents(const Query& q) const;
  Result<std::vector<QuoteRow>> QueryQuotes(const Query& q) const;
  Result<std::vector<ArticleRow>> QueryArticles(const Query& q) const;
  // Actor codes by number of events (source + target), most first; without
  // event filters, codes that only entities carry are listed too.
  Result<std::vector<ActorRow>> QueryActors(const Query& q) const;
  // How many rows the same query would give without limit / offset.
  Result<int64_t> CountEvents(const Query& q) const;
  Result<int64_t> CountQuotes(const Query& q) const;
  Result<int64_t> CountArticles(const Query& q) const;

  // One article with every layer; NotFound when no such id.
  Result<ArticleView> GetArticle(std::string_view id) const;

  // Events per period and quad class, oldest first (undated events omitted).
  Result<std::vector<TimelinePoint>> EventTimeline(const Query& q, TimeBucket bucket = TimeBucket::kDay) const;
  // Edges between actor codes, most events first; q.limit edges at most.
  // Events missing either side are left out.
  Result<std::vector<ActorEdge>> ActorNetwork(const Query& q) const;
  // Issues of the selected events, most events first.
  Result<std::vector<IssueCount>> QueryIssues(const Query& q) const;
  // Pairs of issues coded in the same article, most articles first.
  Result<std::vector<IssuePair>> IssueCooccurrence(const Query& q) const;
  // Issues by actor and by month over the newest q.limit events the query
  // selects (q.offset is ignored); undated events count in no month. Cells
  // sorted by issue, then key.
  Result<IssueBreakdown> IssueSample(const Query& q) const;

  Result<StoreStats> Stats() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The content hash the store deduplicates on: 32 hex digits over the
// article's title and text.
std::string ArticleContentHash(const Article& article);

// UTF-16 offset of each code point offset of `text` (size: code points + 1),
// for clients that slice JavaScript strings.
std::vector<uint32_t> Utf16Offsets(std::string_view text);

}  // namespace dyad

#endif  // DYAD_STORE_H_
