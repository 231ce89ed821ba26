// The queries of dyad::Store. Every filter value is a bound parameter; the
// SQL text is built only from the fixed pieces below.
#include <algorithm>
#include <cstdlib>

#include "dyad/store.h"
#include "dyad/utf8.h"
#include "store/query_internal.h"
#include "store/schema_internal.h"
#include "store/store_internal.h"

namespace dyad {

using store_internal::Connection;
using store_internal::SqlValue;
using store_internal::Statement;

namespace {

// A WHERE clause under construction and the values of its parameters, in
// the order of their '?'.
struct Where {
  std::string sql;
  std::vector<SqlValue> args;

  void And(std::string_view clause) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += clause;
  }
  std::string Text() const { return sql; }
};

// column >= prefix AND column < PrefixEnd(prefix).
void PrefixRange(Where* w, const std::string& column, const std::string& prefix) {
  std::string end = store_internal::PrefixEnd(prefix);
  if (end.empty()) {
    w->And(column + " >= ?");
    w->args.push_back(prefix);
  } else {
    w->And("(" + column + " >= ? AND " + column + " < ?)");
    w->args.push_back(prefix);
    w->args.push_back(end);
  }
}

// since <= column, and column within `until` (a whole month or year when
// `until` is YYYY-MM or YYYY).
Status DateRange(Where* w, const std::string& column, const Query& q) {
  if (!q.since.empty()) {
    if (!store_internal::ValidQueryDate(q.since)) {
      return Status::InvalidArgument("since: not a date (YYYY-MM-DD, YYYY-MM or YYYY): '" + q.since + "'");
    }
    w->And(column + " >= ?");
    w->args.push_back(q.since);
  }
  if (!q.until.empty()) {
    if (!store_internal::ValidQueryDate(q.until)) {
      return Status::InvalidArgument("until: not a date (YYYY-MM-DD, YYYY-MM or YYYY): '" + q.until + "'");
    }
    w->And(column + " < ?");
    w->args.push_back(store_internal::PrefixEnd(q.until));
  }
  return Status::OK();
}

bool HasEventFilter(const Query& q) {
  return !q.source_actor.empty() || !q.target_actor.empty() || !q.code.empty() ||
         (q.quad_mask & 0x1e) != 0;
}

// Filters on the event's own columns (alias e).
void EventOnlyFilters(Where* w, const Query& q) {
  if (!q.source_actor.empty()) PrefixRange(w, "e.source_actor", q.source_actor);
  if (!q.target_actor.empty()) PrefixRange(w, "e.target_actor", q.target_actor);
  if (!q.code.empty()) PrefixRange(w, "e.code", q.code);
  if ((q.quad_mask & 0x1e) != 0) {
    w->And("((1 << e.quad_class) & ?) != 0");
    w->args.push_back(static_cast<int64_t>(q.quad_mask & 0x1e));
  }
}

// Filters on the article (alias a) that every kind of row shares.
void ArticleFilters(Where* w, const Query& q) {
  if (!q.article_id.empty()) {
    w->And("a.id = ?");
    w->args.push_back(q.article_id);
  }
  if (!q.source.empty()) {
    w->And("a.source = ?");
    w->args.push_back(q.source);
  }
}

void ArticleText(Where* w, const std::string& pk_column, const Query& q) {
  std::string fts = store_internal::FtsQuery(q.text);
  if (fts.empty()) return;
  w->And(pk_column + " IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)");
  w->args.push_back(fts);
}

// Query::actor on either side of the event (alias e).
void EitherSide(Where* w, const std::string& actor) {
  std::string end = store_internal::PrefixEnd(actor);
  if (end.empty()) {
    w->And("(e.source_actor >= ? OR e.target_actor >= ?)");
    w->args.insert(w->args.end(), {actor, actor});
  } else {
    w->And("((e.source_actor >= ? AND e.source_actor < ?) OR (e.target_actor >= ? AND e.target_actor < ?))");
    w->args.insert(w->args.end(), {actor, end, actor, end});
  }
}

// The events a query selects, as a FROM clause and a WHERE clause. Prefix
// filters on codes are answered from event_keys (schema version 4): the
// first key (alias k0) is read in listing order, the others are probed in
// the same index (k1, k2, ...). What is left is checked on the event's row
// (alias e) and its article (alias a), joined only when a filter needs them
// (or, with `event_row`, always: the caller reads the event's columns).
struct EventSelection {
  std::string from;            // " FROM ..."
  std::vector<SqlValue> from_args;
  Where where;
  std::string pk = "e.pk";     // the event's pk and the day it is filed
  std::string day = "e.day";   // under, the columns of the listing order

  std::string Sql() const { return from + where.sql; }
  std::vector<SqlValue> Args() const {
    std::vector<SqlValue> a = from_args;
    a.insert(a.end(), where.args.begin(), where.args.end());
    return a;
  }
};

// with_actor: apply Query::actor to either side (QueryActors applies it to
// the codes instead).
Status SelectEvents(const Query& q, bool with_actor, bool event_row, EventSelection* sel) {
  Query rest = q;  // the filters left once the keys have taken theirs
  std::vector<std::string> keys;
  auto take = [&](char kind, std::string* prefix) {
    if (prefix->empty() || utf8::Length(*prefix) > store_internal::kEventKeyPrefixMax) return;
    keys.push_back(kind + *prefix);
    prefix->clear();
  };
  take('s', &rest.source_actor);
  take('t', &rest.target_actor);
  if (with_actor) take('a', &rest.actor);
  take('c', &rest.code);
  // The longest prefix is likely the narrowest: it is the one read in order.
  std::stable_sort(keys.begin(), keys.end(),
                   [](const std::string& x, const std::string& y) { return x.size() > y.size(); });

  Where& w = sel->where;
  const bool by_article = !q.article_id.empty() || !q.source.empty();
  const bool has_text = !store_internal::FtsQuery(q.text).empty();
  const bool row_filters = HasEventFilter(rest) || (with_actor && !rest.actor.empty()) || has_text || by_article;
  if (keys.empty()) {
    sel->from = " FROM events e";
  } else {
    sel->pk = "k0.event";
    sel->day = "k0.day";
    sel->from = " FROM event_keys k0";
    for (size_t i = 1; i < keys.size(); ++i) {
      const std::string k = "k" + std::to_string(i);
      sel->from += " JOIN event_keys " + k + " ON " + k + ".key = ? AND " + k + ".day = k0.day AND " + k +
                   ".event = k0.event";
      sel->from_args.push_back(keys[i]);
    }
    if (event_row || row_filters) sel->from += " JOIN events e ON e.pk = k0.event";
    w.And("k0.key = ?");
    w.args.push_back(keys[0]);
  }
  if (by_article) sel->from += " JOIN articles a ON a.pk = e.article";

  EventOnlyFilters(&w, rest);
  if (with_actor && !rest.actor.empty()) EitherSide(&w, rest.actor);
  if (!q.since.empty() || !q.until.empty()) {
    // event_keys files an undated event under '', which no date range holds.
    if (!keys.empty()) w.And("k0.day <> ''");
    DYAD_RETURN_IF_ERROR(DateRange(&w, sel->day, q));
  }
  ArticleFilters(&w, q);
  ArticleText(&w, "e.article", q);
  return Status::OK();
}

std::string SpeakerClause() {
  return "(q.speaker_text LIKE ? ESCAPE '\\' OR q.speaker_actor LIKE ? ESCAPE '\\' OR "
         "q.speaker_entity IN (SELECT pk FROM entities WHERE canonical LIKE ? ESCAPE '\\'))";
}

void SpeakerArgs(Where* w, const Query& q) {
  std::string like = store_internal::LikeContains(q.speaker);
  w->args.insert(w->args.end(), {like, like, like});
}

Status QuoteWhere(const Query& q, Where* w) {
  const std::string& actor = !q.actor.empty() ? q.actor : q.source_actor;
  if (!actor.empty()) PrefixRange(w, "q.speaker_actor", actor);
  if (!q.speaker.empty()) {
    w->And(SpeakerClause());
    SpeakerArgs(w, q);
  }
  DYAD_RETURN_IF_ERROR(DateRange(w, "a.date", q));
  ArticleFilters(w, q);
  std::string fts = store_internal::FtsQuery(q.text);
  if (!fts.empty()) {
    w->And("q.pk IN (SELECT rowid FROM quote_fts WHERE quote_fts MATCH ?)");
    w->args.push_back(fts);
  }
  return Status::OK();
}

Status ArticleWhere(const Query& q, Where* w) {
  DYAD_RETURN_IF_ERROR(DateRange(w, "a.date", q));
  ArticleFilters(w, q);
  ArticleText(w, "a.pk", q);
  if (HasEventFilter(q)) {
    Where inner;
    EventOnlyFilters(&inner, q);
    w->And("EXISTS (SELECT 1 FROM events e" + inner.sql + " AND e.article = a.pk)");
    w->args.insert(w->args.end(), inner.args.begin(), inner.args.end());
  }
  if (!q.actor.empty()) {
    Where inner;
    PrefixRange(&inner, "en.actor", q.actor);
    w->And("EXISTS (SELECT 1 FROM entities en" + inner.sql + " AND en.article = a.pk)");
    w->args.insert(w->args.end(), inner.args.begin(), inner.args.end());
  }
  if (!q.speaker.empty()) {
    w->And("EXISTS (SELECT 1 FROM quotes q WHERE q.article = a.pk AND " + SpeakerClause() + ")");
    SpeakerArgs(w, q);
  }
  return Status::OK();
}

int64_t Limit(const Query& q) { return std::clamp(q.limit, 1, kMaxQueryLimit); }
int64_t Offset(const Query& q) { return std::max(q.offset, 0); }

// " LIMIT ? OFFSET ?" with its values appended to args.
std::string Page(const Query& q, std::vector<SqlValue>* args) {
  args->push_back(Limit(q));
  args->push_back(Offset(q));
  return " LIMIT ? OFFSET ?";
}

// substr() of the article text for a code point span (SQLite counts
// characters of TEXT values).
std::string Substr(const std::string& start, const std::string& end) {
  return "substr(a.text, " + start + " + 1, " + end + " - " + start + ")";
}

std::optional<CpSpan> OptionalSpan(const Statement& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return CpSpan{static_cast<uint32_t>(st.Int(col)), static_cast<uint32_t>(st.Int(col + 1)), st.Text(col + 2)};
}

CpSpan SpanAt(const Statement& st, int col) {
  return CpSpan{static_cast<uint32_t>(st.Int(col)), static_cast<uint32_t>(st.Int(col + 1)), st.Text(col + 2)};
}

std::vector<std::string> SplitUnit(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t at = 0;
  for (;;) {
    size_t sep = s.find('\x1f', at);
    out.push_back(s.substr(at, sep == std::string::npos ? std::string::npos : sep - at));
    if (sep == std::string::npos) break;
    at = sep + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Runs `sql` (prepared once per connection, Connection::Cached) and calls
// row(st) for each row.
template <typename Row>
Status ForEach(Connection& c, const std::string& sql, const std::vector<SqlValue>& args, const Row& row) {
  auto st = c.Cached(sql);
  if (!st.ok()) return st.status();
  store_internal::ResetOnExit reset(*st);
  (*st)->BindAll(args);
  for (;;) {
    auto more = (*st)->Step();
    if (!more.ok()) return more.status();
    if (!*more) return Status::OK();
    row(**st);
  }
}

// Results remembered by the connection until the database changes (PRAGMA
// data_version: another connection committed): counts and the summaries
// over every selected event (actors, network, timeline, issues), which cost
// far more than a page of rows. The dashboard asks for the total of every
// page it shows and for the same summaries on every visit of a view.
// Rough bytes a remembered value holds (for Connection::Memo's bound).
size_t MemoBytes(int64_t) { return 64; }
size_t MemoBytes(const IssueBreakdown& b) {
  return 64 + (b.by_actor.size() + b.by_month.size()) * (sizeof(IssueBreakdown::Cell) + 32);
}
template <typename Row>
size_t MemoBytes(const std::vector<Row>& rows) {
  return 64 + rows.size() * (sizeof(Row) + 64);
}

template <typename T, typename Compute>
Result<T> Remembered(Connection& c, const std::string& sql, const std::vector<SqlValue>& args,
                     const Compute& compute) {
  int64_t version = -1;
  DYAD_RETURN_IF_ERROR(ForEach(c, "PRAGMA data_version", {}, [&](const Statement& st) { version = st.Int(0); }));
  Connection::Memo& memo = c.memo();
  if (memo.version != version) {
    memo.values.clear();
    memo.bytes = 0;
    memo.version = version;
  }
  std::string key = sql;  // then each argument, typed and with its length
  for (const SqlValue& v : args) {
    std::string value = std::holds_alternative<std::nullptr_t>(v) ? "n"
                        : std::holds_alternative<int64_t>(v)      ? "i" + std::to_string(std::get<int64_t>(v))
                        : std::holds_alternative<double>(v)       ? "d" + std::to_string(std::get<double>(v))
                                                                  : "t" + std::get<std::string>(v);
    key += '\0' + std::to_string(value.size()) + ':' + value;
  }
  if (auto it = memo.values.find(key); it != memo.values.end()) {
    if (const T* v = std::any_cast<T>(&it->second)) return *v;
  }
  T result{};
  DYAD_RETURN_IF_ERROR(compute(&result));
  const size_t bytes = MemoBytes(result) + key.size();
  if (bytes > Connection::Memo::kMaxBytes / 2) return result;  // too large to keep
  if (memo.bytes + bytes > Connection::Memo::kMaxBytes) {
    memo.values.clear();
    memo.bytes = 0;
  }
  memo.bytes += bytes;
  memo.values.insert_or_assign(std::move(key), result);
  return result;
}

// Every row of `sql`, read by read(st), remembered as above.
template <typename Row, typename Read>
Result<std::vector<Row>> RememberedRows(Connection& c, const std::string& sql, const std::vector<SqlValue>& args,
                                        const Read& read) {
  return Remembered<std::vector<Row>>(c, sql, args, [&](std::vector<Row>* rows) {
    return ForEach(c, sql, args, [&](const Statement& st) { rows->push_back(read(st)); });
  });
}

  std::vector<EventRow> rows;Result<int64_t> CountRows(Connection& c, const std::string& sql, const std::vector<SqlValue>& args) {
  return Remembered<int64_t>(c, sql, args, [&](int64_t* n) {
    return ForEach(c, sql, args, [&](const Statement& st) { *n = st.Int(0); });
  });
}

// An event's columns, in ReadEvent's order, over events e, articles a and
// sentences s (kEventJoins).
const std::string kEventColumns =
    "SELECT e.pk, a.id, a.title, a.source, e.day, e.code, e.root, e.plover, e.quad_class, "
    "e.goldstein, e.source_actor, e.target_actor, e.negated, e.rule, "
    "e.source_start, e.source_end, e.source_text, "
    "e.target_start, e.target_end, e.target_text, "
    "e.trigger_start, e.trigger_end, e.trigger_text, "
    "s.start, s.\"end\", e.sentence_text, "
    "(SELECT group_concat(issue, char(31)) FROM event_issues WHERE event = e.pk) ";
const std::string kEventJoins =
    "JOIN articles a ON a.pk = e.article "
    "LEFT JOIN sentences s ON s.article = e.article AND s.idx = e.sentence";

EventRow ReadEvent(const Statement& st) {
  EventRow r;
  r.id = st.Int(0);
  r.article_id = st.Text(1);
  r.article_title = st.Text(2);
  r.article_source = st.Text(3);
  r.date = st.Text(4);
  r.code = st.Text(5);
  r.root = st.Text(6);
  r.plover = st.Text(7);
  r.quad_class = static_cast<int>(st.Int(8));
  r.goldstein = st.Double(9);
  r.source_actor = st.Text(10);
  r.target_actor = st.Text(11);
  r.negated = st.Int(12) != 0;
  r.rule = st.Text(13);
  r.source = OptionalSpan(st, 14);
  r.target = OptionalSpan(st, 17);
  r.trigger = SpanAt(st, 20);
  if (!st.IsNull(23)) r.sentence = SpanAt(st, 23);
  r.issues = SplitUnit(st.Text(26));
  return r;
}

const std::string kQuoteColumns =
    "SELECT q.pk, a.id, a.title, a.date, q.kind, q.content, q.start, q.\"end\", q.pieces, "
    "q.speaker_actor, q.sentence, "
    "(SELECT canonical FROM entities WHERE pk = q.speaker_entity), "
    "q.cue_start, q.cue_end, " + Substr("q.cue_start", "q.cue_end") + ", " +
    "q.speaker_start, q.speaker_end, q.speaker_text, " +
    "q.description_start, q.description_end, " + Substr("q.description_start", "q.description_end") +
    " FROM quotes q JOIN articles a ON a.pk = q.article";

QuoteRow ReadQuote(const Statement& st) {
  QuoteRow r;
  r.id = st.Int(0);
  r.article_id = st.Text(1);
  r.article_title = st.Text(2);
  r.date = st.Text(3);
  r.kind = st.Text(4);
  r.content = CpSpan{static_cast<uint32_t>(st.Int(6)), static_cast<uint32_t>(st.Int(7)), st.Text(5)};
  std::string pieces = st.Text(8);
  for (size_t at = 0; at < pieces.size();) {
    char* end = nullptr;
    unsigned long s = std::strtoul(pieces.c_str() + at, &end, 10);
    unsigned long e = *end == '-' ? std::strtoul(end + 1, &end, 10) : s;
    r.pieces.emplace_back(static_cast<uint32_t>(s), static_cast<uint32_t>(e));
    at = static_cast<size_t>(end - pieces.c_str()) + 1;
  }
  r.speaker_actor = st.Text(9);
  r.sentence = static_cast<uint32_t>(st.Int(10));
  r.speaker_name = st.Text(11);
  r.cue = OptionalSpan(st, 12);
  r.speaker = OptionalSpan(st, 15);
  r.description = OptionalSpan(st, 18);
  return r;
}

const std::string kArticleColumns =
    "SELECT a.id, a.url, a.source, a.date, a.title, a.content_hash, a.text_length, "
    "(SELECT COUNT(*) FROM entities WHERE article = a.pk), "
    "(SELECT COUNT(*) FROM quotes WHERE article = a.pk), "
    "(SELECT COUNT(*) FROM events WHERE article = a.pk)";

ArticleRow ReadArticle(const Statement& st) {
  ArticleRow r;
  r.id = st.Text(0);
  r.url = st.Text(1);
  r.source = st.Text(2);
  r.date = st.Text(3);
  r.title = st.Text(4);
  r.content_hash = st.Text(5);
  r.text_length = static_cast<uint32_t>(st.Int(6));
  r.entities = st.Int(7);
  r.quotes = st.Int(8);
  r.events = st.Int(9);
  return r;
}

// A read transaction, so that a query of several statements sees one state.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& c) : c_(c) { ok_ = c_.Exec("BEGIN").ok(); }
  ~ReadTransaction() {
    if (ok_) (void)c_.Exec("COMMIT");
  }

 private:
  Connection& c_;
  bool ok_ = false;
};

}  // namespace

Result<std::vector<EventRow>> Store::QueryEvents(const Query& q) const {
  // The page's keys first, from the narrowest index that gives them in
  // listing order; then the columns and joins of those rows only.
  EventSelection sel;
  DYAD_RETURN_IF_ERROR(SelectEvents(q, true, false, &sel));
  std::vector<SqlValue> args = sel.Args();
  // The rows are put in listing order here rather than by an ORDER BY on
  // the outer query, which would copy every column of the page through
  // SQLite's sorter. (A day of NULL reads as "", as event_keys files it.)
  std::string sql = "WITH page(pk, day) AS (SELECT " + sel.pk + ", " + sel.day + sel.Sql() + " ORDER BY " +
                    sel.day + " DESC, " + sel.pk + " DESC" + Page(q, &args) + ") " + kEventColumns +
                    "FROM page p JOIN events e ON e.pk = p.pk " + kEventJoins;
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  auto read = [&](std::vector<EventRow>* rows) -> Status {
    rows->reserve(static_cast<size_t>(std::min<int64_t>(Limit(q), 512)));
    DYAD_RETURN_IF_ERROR(
        ForEach(lease->conn(), sql, args, [&](const Statement& st) { rows->push_back(ReadEvent(st)); }));
    std::sort(rows->begin(), rows->end(), [](const EventRow& x, const EventRow& y) {
      int c = x.date.compare(y.date);
      return c != 0 ? c > 0 : x.id > y.id;
    });
    return Status::OK();
  };
  std::vector<EventRow> rows;
  DYAD_RETURN_IF_ERROR(read(&rows));
  return rows;
}

Result<int64_t> Store::CountEvents(const Query& q) const {
  EventSelection sel;
  DYAD_RETURN_IF_ERROR(SelectEvents(q, true, false, &sel));
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  return CountRows(lease->conn(), "SELECT COUNT(*)" + sel.Sql(), sel.Args());
}

Result<std::vector<QuoteRow>> Store::QueryQuotes(const Query& q) const {
  Where w;
  DYAD_RETURN_IF_ERROR(QuoteWhere(q, &w));
  // The page's keys first, in the order of the articles' date index and of
  // each article's quotations (idx follows pk within an article, and an
  // article's quotations are stored together: the same order as date, then
  // pk); then the columns (with their substr() of the article text) of
  // those rows only, put in order here.
  std::string sql = "WITH page(pk) AS (SELECT q.pk FROM quotes q JOIN articles a ON a.pk = q.article" + w.sql +
                    " ORDER BY a.date DESC, a.pk DESC, q.idx DESC" + Page(q, &w.args) + ") " + kQuoteColumns +
                    " JOIN page p ON p.pk = q.pk";
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  std::vector<QuoteRow> rows;
  DYAD_RETURN_IF_ERROR(ForEach(lease->conn(), sql, w.args, [&](const Statement& st) { rows.push_back(ReadQuote(st)); }));
  std::sort(rows.begin(), rows.end(), [](const QuoteRow& x, const QuoteRow& y) {
    int c = x.date.compare(y.date);
    return c != 0 ? c > 0 : x.id > y.id;
  });
  return rows;
}

Result<int64_t> Store::CountQuotes(const Query& q) const {
  Where w;
  DYAD_RETURN_IF_ERROR(QuoteWhere(q, &w));
  const bool by_article = !q.since.empty() || !q.until.empty() || !q.article_id.empty() || !q.source.empty();
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  return CountRows(lease->conn(),
                   std::string("SELECT COUNT(*) FROM quotes q") + (by_article ? " JOIN articles a ON a.pk = q.article" : "") +
                       w.sql,
                   w.args);
}

Result<std::vector<ArticleRow>> Store::QueryArticles(const Query& q) const {
  Where w;
  DYAD_RETURN_IF_ERROR(ArticleWhere(q, &w));
  std::string fts = store_internal::FtsQuery(q.text);
  std::vector<SqlValue> args;
  std::string sql = kArticleColumns;
  if (!fts.empty()) {
    // The snippet's parameter comes first: it is the first '?' of the SQL.
    sql += ", (SELECT snippet(article_fts, 1, '[', ']', '…', 16) FROM article_fts "
           "WHERE article_fts MATCH ? AND rowid = a.pk)";
    args.push_back(fts);
  }
  sql += " FROM articles a" + w.sql + " ORDER BY a.date DESC, a.pk DESC";
  args.insert(args.end(), w.args.begin(), w.args.end());
  sql += Page(q, &args);
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  std::vector<ArticleRow> rows;
  DYAD_RETURN_IF_ERROR(ForEach(lease->conn(), sql, args, [&](const Statement& st) {
    rows.push_back(ReadArticle(st));
    if (!fts.empty()) rows.back().snippet = st.Text(10);
  }));
  return rows;
}

Result<int64_t> Store::CountArticles(const Query& q) const {
  Where w;
  DYAD_RETURN_IF_ERROR(ArticleWhere(q, &w));
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  return CountRows(lease->conn(), "SELECT COUNT(*) FROM articles a" + w.sql, w.args);
}

Result<std::vector<ActorRow>> Store::QueryActors(const Query& q) const {
  EventSelection sel;
  DYAD_RETURN_IF_ERROR(SelectEvents(q, false, true, &sel));
  std::vector<SqlValue> args = sel.Args();
  // Each row of `sides` is one appearance of a code: as an event's source or
  // target, or (when no event filter narrows the events) as an entity's code
  // in an article the query selects.
  std::string sql =
      "WITH ev AS (SELECT e.article, e.source_actor, e.target_actor" + sel.Sql() + "), "
      "sides AS (SELECT source_actor AS actor, 1 AS s, 0 AS t, article FROM ev WHERE source_actor IS NOT NULL "
      "UNION ALL SELECT target_actor, 0, 1, article FROM ev WHERE target_actor IS NOT NULL";
  if (!HasEventFilter(q)) {
    Where aw;
    DYAD_RETURN_IF_ERROR(DateRange(&aw, "a.date", q));
    ArticleFilters(&aw, q);
    ArticleText(&aw, "a.pk", q);
    aw.And("en.actor IS NOT NULL");
    sql += " UNION ALL SELECT en.actor, 0, 0, en.article FROM entities en JOIN articles a ON a.pk = en.article" + aw.sql;
    args.insert(args.end(), aw.args.begin(), aw.args.end());
  }
  sql += ") SELECT x.actor, SUM(x.s), SUM(x.t), COUNT(DISTINCT x.article), "
         "(SELECT canonical FROM entities WHERE actor = x.actor GROUP BY canonical "
         " ORDER BY COUNT(*) DESC, canonical LIMIT 1), "
         "(SELECT COUNT(*) FROM quotes WHERE speaker_actor = x.actor) FROM sides x";
  if (!q.actor.empty()) {
    Where aw;
    PrefixRange(&aw, "x.actor", q.actor);
    sql += aw.sql;
    args.insert(args.end(), aw.args.begin(), aw.args.end());
  }
  sql += " GROUP BY x.actor ORDER BY SUM(x.s) + SUM(x.t) DESC, COUNT(DISTINCT x.article) DESC, x.actor" +
         Page(q, &args);
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  return RememberedRows<ActorRow>(lease->conn(), sql, args, [](const Statement& st) {
    ActorRow r;
    r.actor = st.Text(0);
    r.as_source = st.Int(1);
    r.as_target = st.Int(2);
    r.articles = st.Int(3);
    r.name = st.Text(4);
    r.quotes = st.Int(5);
    return r;
  });
}

Result<ArticleView> Store::GetArticle(std::string_view id) const {
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  Connection& c = lease->conn();
  ReadTransaction tx(c);
  ArticleView view;
  int64_t pk = -1;
  DYAD_RETURN_IF_ERROR(ForEach(c, kArticleColumns + ", a.pk, a.text, a.body_start FROM articles a WHERE a.id = ?",
                               {std::string(id)}, [&](const Statement& st) {
                                 view.article = ReadArticle(st);
                                 pk = st.Int(10);
                                 view.text = st.Text(11);
                                 view.body_start = static_cast<uint32_t>(st.Int(12));
                               }));
  if (pk < 0) return Status::NotFound("no article with id '" + std::string(id) + "'");
  const std::vector<SqlValue> arg = {pk};
  DYAD_RETURN_IF_ERROR(ForEach(
      c, "SELECT r.start, r.\"end\", " + Substr("r.start", "r.\"end\"") +
             ", r.reason FROM removed r JOIN articles a ON a.pk = r.article WHERE r.article = ? ORDER BY r.rowid",
      arg, [&](const Statement& st) {
        view.removed.push_back(SpanAt(st, 0));
        view.removed_reasons.push_back(st.Text(3));
      }));
  DYAD_RETURN_IF_ERROR(ForEach(c, "SELECT start, \"end\" FROM sentences WHERE article = ? ORDER BY idx", arg,
                               [&](const Statement& st) {
                                 view.sentences.emplace_back(static_cast<uint32_t>(st.Int(0)),
                                                             static_cast<uint32_t>(st.Int(1)));
                               }));
  DYAD_RETURN_IF_ERROR(ForEach(c,
                               "SELECT canonical, type, actor, actor_rule FROM entities WHERE article = ? ORDER BY idx",
                               arg, [&](const Statement& st) {
                                 view.entities.push_back(
                                     EntityView{st.Text(0), st.Text(1), st.Text(2), st.Text(3), {}});
                               }));
  DYAD_RETURN_IF_ERROR(ForEach(
      c, "SELECT en.idx, m.start, m.\"end\", " + Substr("m.start", "m.\"end\"") +
             " FROM mentions m JOIN entities en ON en.pk = m.entity JOIN articles a ON a.pk = en.article "
             "WHERE en.article = ? ORDER BY en.idx, m.rowid",
      arg, [&](const Statement& st) {
        size_t i = static_cast<size_t>(st.Int(0));
        if (i < view.entities.size()) view.entities[i].mentions.push_back(SpanAt(st, 1));
      }));
  DYAD_RETURN_IF_ERROR(ForEach(c, kQuoteColumns + " WHERE q.article = ? ORDER BY q.idx", arg,
                               [&](const Statement& st) { view.quotes.push_back(ReadQuote(st)); }));
  DYAD_RETURN_IF_ERROR(ForEach(c, kEventColumns + "FROM events e " + kEventJoins + " WHERE e.article = ? ORDER BY e.idx", arg,
                               [&](const Statement& st) { view.events.push_back(ReadEvent(st)); }));
  return view;
}

Result<std::vector<TimelinePoint>> Store::EventTimeline(const Query& q, TimeBucket bucket) const {
  EventSelection sel;
  DYAD_RETURN_IF_ERROR(SelectEvents(q, true, true, &sel));
  const int len = bucket == TimeBucket::kDay ? 10 : bucket == TimeBucket::kMonth ? 7 : 4;
  sel.where.And("length(e.day) >= " + std::to_string(len));
  std::string sql = "SELECT substr(e.day, 1, " + std::to_string(len) +
                    ") AS p, e.quad_class, COUNT(*), AVG(e.goldstein)" + sel.Sql() +
                    " GROUP BY p, e.quad_class ORDER BY p, e.quad_class";
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  return RememberedRows<TimelinePoint>(lease->conn(), sql, sel.Args(), [](const Statement& st) {
    return TimelinePoint{st.Text(0), static_cast<int>(st.Int(1)), st.Int(2), st.Double(3)};
  });
}

Result<std::vector<ActorEdge>> Store::ActorNetwork(const Query& q) const {
  EventSelection sel;
  DYAD_RETURN_IF_ERROR(SelectEvents(q, true, true, &sel));
  sel.where.And("e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL");
  std::vector<SqlValue> args = sel.Args();
  std::string sql =
      "SELECT e.source_actor, e.target_actor, COUNT(*), AVG(e.goldstein), "
      "SUM(e.quad_class = 1), SUM(e.quad_class = 2), SUM(e.quad_class = 3), SUM(e.quad_class = 4)" + sel.Sql() +
      " GROUP BY e.source_actor, e.target_actor ORDER BY COUNT(*) DESC, e.source_actor, e.target_actor";
  sql += Page(q, &args);
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  return RememberedRows<ActorEdge>(lease->conn(), sql, args, [](const Statement& st) {
    ActorEdge e;
    e.source = st.Text(0);
    e.target = st.Text(1);
    e.events = st.Int(2);
    e.mean_goldstein = st.Double(3);
    for (int k = 1; k <= 4; ++k) e.quad[k] = st.Int(3 + k);
    return e;
  });
}

Result<std::vector<IssueCount>> Store::QueryIssues(const Query& q) const {
  EventSelection sel;
  DYAD_RETURN_IF_ERROR(SelectEvents(q, true, true, &sel));
  std::vector<SqlValue> args = sel.Args();
  std::string sql = "SELECT i.issue, COUNT(*), COUNT(DISTINCT e.article)" + sel.from +
                    " JOIN event_issues i ON i.event = e.pk" + sel.where.sql +
                    " GROUP BY i.issue ORDER BY COUNT(*) DESC, i.issue";
  sql += Page(q, &args);
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  return RememberedRows<IssueCount>(lease->conn(), sql, args, [](const Statement& st) {
    return IssueCount{st.Text(0), st.Int(1), st.Int(2)};
  });
}

Result<std::vector<IssuePair>> Store::IssueCooccurrence(const Query& q) const {
  EventSelection sel;
  DYAD_RETURN_IF_ERROR(SelectEvents(q, true, true, &sel));
  std::vector<SqlValue> args = sel.Args();
  std::string sql =
      "WITH ai AS (SELECT DISTINCT e.article, i.issue" + sel.from + " JOIN event_issues i ON i.event = e.pk" +
      sel.where.sql +
      ") SELECT x.issue, y.issue, COUNT(*) FROM ai x JOIN ai y ON x.article = y.article AND x.issue < y.issue "
      "GROUP BY x.issue, y.issue ORDER BY COUNT(*) DESC, x.issue, y.issue";
  sql += Page(q, &args);
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  return RememberedRows<IssuePair>(lease->conn(), sql, args, [](const Statement& st) {
    return IssuePair{st.Text(0), st.Text(1), st.Int(2)};
  });
}

Result<IssueBreakdown> Store::IssueSample(const Query& q) const {
  EventSelection sel;
  DYAD_RETURN_IF_ERROR(SelectEvents(q, true, false, &sel));
  std::vector<SqlValue> args = sel.Args();
  args.push_back(Limit(q));
  // The sample: the newest events in listing order, as QueryEvents pages them.
  const std::string sample = "WITH s(pk) AS (SELECT " + sel.pk + sel.Sql() + " ORDER BY " + sel.day + " DESC, " +
                             sel.pk + " DESC LIMIT ?) ";
  const std::string by_actor =
      sample +
      ", sides(pk, actor) AS (SELECT e.pk, e.source_actor FROM s JOIN events e ON e.pk = s.pk "
      "WHERE e.source_actor <> '' UNION SELECT e.pk, e.target_actor FROM s JOIN events e ON e.pk = s.pk "
      "WHERE e.target_actor <> '') "
      "SELECT i.issue, x.actor, COUNT(*) FROM sides x JOIN event_issues i ON i.event = x.pk "
      "GROUP BY i.issue, x.actor ORDER BY i.issue, x.actor";
  const std::string by_month =
      sample +
      "SELECT i.issue, CASE WHEN length(e.day) >= 7 THEN substr(e.day, 1, 7) ELSE e.day END AS m, COUNT(*) "
      "FROM s JOIN events e ON e.pk = s.pk JOIN event_issues i ON i.event = e.pk WHERE e.day <> '' "
      "GROUP BY i.issue, m ORDER BY i.issue, m";
  const std::string sampled = sample + "SELECT COUNT(*) FROM s";
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  Connection& c = lease->conn();
  return Remembered<IssueBreakdown>(c, by_actor + ";" + by_month, args, [&](IssueBreakdown* b) -> Status {
    ReadTransaction tx(c);  // the three statements read one state
    auto cell = [](const Statement& st) { return IssueBreakdown::Cell{st.Text(0), st.Text(1), st.Int(2)}; };
    DYAD_RETURN_IF_ERROR(ForEach(c, by_actor, args, [&](const Statement& st) { b->by_actor.push_back(cell(st)); }));
    DYAD_RETURN_IF_ERROR(ForEach(c, by_month, args, [&](const Statement& st) { b->by_month.push_back(cell(st)); }));
    return ForEach(c, sampled, args, [&](const Statement& st) { b->sampled = st.Int(0); });
  });
}

Result<StoreStats> Store::Stats() const {
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  Connection& c = lease->conn();
  ReadTransaction tx(c);
  StoreStats s;
  DYAD_RETURN_IF_ERROR(ForEach(
      c,
      "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM entities), "
      "(SELECT COUNT(*) FROM mentions), (SELECT COUNT(*) FROM quotes), (SELECT COUNT(*) FROM events), "
      "(SELECT MIN(date) FROM articles), (SELECT MAX(date) FROM articles)",
      {}, [&](const Statement& st) {
        s.articles = st.Int(0);
        s.entities = st.Int(1);
        s.mentions = st.Int(2);
        s.quotes = st.Int(3);
        s.events = st.Int(4);
        s.first_date = st.Text(5);
        s.last_date = st.Text(6);
      }));
  DYAD_RETURN_IF_ERROR(ForEach(c, "PRAGMA user_version", {},
                               [&](const Statement& st) { s.schema_version = static_cast<int>(st.Int(0)); }));
  return s;
}

}  // namespace dyad
