// The queries of dyad::Store. Every filter value is a bound parameter; the
// SQL text is built only from the fixed pieces below.
#include <algorithm>
#include <cstdlib>

#include "dyad/store.h"
#include "store/query_internal.h"
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

// The events a query selects (aliases e, a). with_actor: apply Query::actor
// to either side (QueryActors applies it to the codes instead).
Status EventWhere(const Query& q, bool with_actor, Where* w) {
  EventOnlyFilters(w, q);
  if (with_actor && !q.actor.empty()) {
    std::string end = store_internal::PrefixEnd(q.actor);
    if (end.empty()) {
      w->And("(e.source_actor >= ? OR e.target_actor >= ?)");
      w->args.insert(w->args.end(), {q.actor, q.actor});
    } else {
      w->And("((e.source_actor >= ? AND e.source_actor < ?) OR (e.target_actor >= ? AND e.target_actor < ?))");
      w->args.insert(w->args.end(), {q.actor, end, q.actor, end});
    }
  }
  DYAD_RETURN_IF_ERROR(DateRange(w, "e.day", q));
  ArticleFilters(w, q);
  ArticleText(w, "e.article", q);
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

Result<Statement> Prepare(Connection& c, const std::string& sql, const std::vector<SqlValue>& args) {
  Statement st;
  DYAD_RETURN_IF_ERROR(st.Prepare(c.db(), sql));
  st.BindAll(args);
  return st;
}

// Runs `sql` and calls row(st) for each row.
template <typename Row>
Status ForEach(Connection& c, const std::string& sql, const std::vector<SqlValue>& args, const Row& row) {
  auto st = Prepare(c, sql, args);
  if (!st.ok()) return st.status();
  for (;;) {
    auto more = st->Step();
    if (!more.ok()) return more.status();
    if (!*more) return Status::OK();
    row(*st);
  }
}

Result<int64_t> CountRows(Connection& c, const std::string& sql, const std::vector<SqlValue>& args) {
  int64_t n = 0;
  DYAD_RETURN_IF_ERROR(ForEach(c, sql, args, [&](const Statement& st) { n = st.Int(0); }));
  return n;
}

const std::string kEventColumns =
    "SELECT e.pk, a.id, a.title, a.source, e.day, e.code, e.root, e.plover, e.quad_class, "
    "e.goldstein, e.source_actor, e.target_actor, e.negated, e.rule, "
    "e.source_start, e.source_end, e.source_text, "
    "e.target_start, e.target_end, e.target_text, "
    "e.trigger_start, e.trigger_end, e.trigger_text, "
    "s.start, s.\"end\", e.sentence_text, "
    "(SELECT group_concat(issue, char(31)) FROM event_issues WHERE event = e.pk) "
    "FROM events e JOIN articles a ON a.pk = e.article "
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
  Where w;
  DYAD_RETURN_IF_ERROR(EventWhere(q, true, &w));
  std::string sql = kEventColumns + w.sql + " ORDER BY e.day DESC, e.pk DESC" + Page(q, &w.args);
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  std::vector<EventRow> rows;
  DYAD_RETURN_IF_ERROR(ForEach(lease->conn(), sql, w.args, [&](const Statement& st) { rows.push_back(ReadEvent(st)); }));
  return rows;
}

Result<int64_t> Store::CountEvents(const Query& q) const {
  Where w;
  DYAD_RETURN_IF_ERROR(EventWhere(q, true, &w));
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  return CountRows(lease->conn(), "SELECT COUNT(*) FROM events e JOIN articles a ON a.pk = e.article" + w.sql, w.args);
}

Result<std::vector<QuoteRow>> Store::QueryQuotes(const Query& q) const {
  Where w;
  DYAD_RETURN_IF_ERROR(QuoteWhere(q, &w));
  std::string sql = kQuoteColumns + w.sql + " ORDER BY a.date DESC, q.pk DESC" + Page(q, &w.args);
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  std::vector<QuoteRow> rows;
  DYAD_RETURN_IF_ERROR(ForEach(lease->conn(), sql, w.args, [&](const Statement& st) { rows.push_back(ReadQuote(st)); }));
  return rows;
}

Result<int64_t> Store::CountQuotes(const Query& q) const {
  Where w;
  DYAD_RETURN_IF_ERROR(QuoteWhere(q, &w));
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  return CountRows(lease->conn(), "SELECT COUNT(*) FROM quotes q JOIN articles a ON a.pk = q.article" + w.sql, w.args);
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
  Where w;
  DYAD_RETURN_IF_ERROR(EventWhere(q, false, &w));
  std::vector<SqlValue> args = w.args;
  // Each row of `sides` is one appearance of a code: as an event's source or
  // target, or (when no event filter narrows the events) as an entity's code
  // in an article the query selects.
  std::string sql =
      "WITH ev AS (SELECT e.article, e.source_actor, e.target_actor FROM events e "
      "JOIN articles a ON a.pk = e.article" + w.sql + "), "
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
  std::vector<ActorRow> rows;
  DYAD_RETURN_IF_ERROR(ForEach(lease->conn(), sql, args, [&](const Statement& st) {
    ActorRow r;
    r.actor = st.Text(0);
    r.as_source = st.Int(1);
    r.as_target = st.Int(2);
    r.articles = st.Int(3);
    r.name = st.Text(4);
    r.quotes = st.Int(5);
    rows.push_back(std::move(r));
  }));
  return rows;
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
  DYAD_RETURN_IF_ERROR(ForEach(c, kEventColumns + " WHERE e.article = ? ORDER BY e.idx", arg,
                               [&](const Statement& st) { view.events.push_back(ReadEvent(st)); }));
  return view;
}

Result<std::vector<TimelinePoint>> Store::EventTimeline(const Query& q, TimeBucket bucket) const {
  Where w;
  DYAD_RETURN_IF_ERROR(EventWhere(q, true, &w));
  const int len = bucket == TimeBucket::kDay ? 10 : bucket == TimeBucket::kMonth ? 7 : 4;
  w.And("length(e.day) >= " + std::to_string(len));
  std::string sql = "SELECT substr(e.day, 1, " + std::to_string(len) +
                    ") AS p, e.quad_class, COUNT(*), AVG(e.goldstein) FROM events e "
                    "JOIN articles a ON a.pk = e.article" + w.sql +
                    " GROUP BY p, e.quad_class ORDER BY p, e.quad_class";
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  std::vector<TimelinePoint> rows;
  DYAD_RETURN_IF_ERROR(ForEach(lease->conn(), sql, w.args, [&](const Statement& st) {
    rows.push_back(TimelinePoint{st.Text(0), static_cast<int>(st.Int(1)), st.Int(2), st.Double(3)});
  }));
  return rows;
}

Result<std::vector<ActorEdge>> Store::ActorNetwork(const Query& q) const {
  Where w;
  DYAD_RETURN_IF_ERROR(EventWhere(q, true, &w));
  w.And("e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL");
  std::string sql =
      "SELECT e.source_actor, e.target_actor, COUNT(*), AVG(e.goldstein), "
      "SUM(e.quad_class = 1), SUM(e.quad_class = 2), SUM(e.quad_class = 3), SUM(e.quad_class = 4) "
      "FROM events e JOIN articles a ON a.pk = e.article" + w.sql +
      " GROUP BY e.source_actor, e.target_actor ORDER BY COUNT(*) DESC, e.source_actor, e.target_actor";
  sql += Page(q, &w.args);
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  std::vector<ActorEdge> rows;
  DYAD_RETURN_IF_ERROR(ForEach(lease->conn(), sql, w.args, [&](const Statement& st) {
    ActorEdge e;
    e.source = st.Text(0);
    e.target = st.Text(1);
    e.events = st.Int(2);
    e.mean_goldstein = st.Double(3);
    for (int k = 1; k <= 4; ++k) e.quad[k] = st.Int(3 + k);
    rows.push_back(std::move(e));
  }));
  return rows;
}

Result<std::vector<IssueCount>> Store::QueryIssues(const Query& q) const {
  Where w;
  DYAD_RETURN_IF_ERROR(EventWhere(q, true, &w));
  std::string sql =
      "SELECT i.issue, COUNT(*), COUNT(DISTINCT e.article) FROM events e "
      "JOIN articles a ON a.pk = e.article JOIN event_issues i ON i.event = e.pk" + w.sql +
      " GROUP BY i.issue ORDER BY COUNT(*) DESC, i.issue";
  sql += Page(q, &w.args);
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  std::vector<IssueCount> rows;
  DYAD_RETURN_IF_ERROR(ForEach(lease->conn(), sql, w.args, [&](const Statement& st) {
    rows.push_back(IssueCount{st.Text(0), st.Int(1), st.Int(2)});
  }));
  return rows;
}

Result<std::vector<IssuePair>> Store::IssueCooccurrence(const Query& q) const {
  Where w;
  DYAD_RETURN_IF_ERROR(EventWhere(q, true, &w));
  std::string sql =
      "WITH ai AS (SELECT DISTINCT e.article, i.issue FROM events e "
      "JOIN articles a ON a.pk = e.article JOIN event_issues i ON i.event = e.pk" + w.sql +
      ") SELECT x.issue, y.issue, COUNT(*) FROM ai x JOIN ai y ON x.article = y.article AND x.issue < y.issue "
      "GROUP BY x.issue, y.issue ORDER BY COUNT(*) DESC, x.issue, y.issue";
  sql += Page(q, &w.args);
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  std::vector<IssuePair> rows;
  DYAD_RETURN_IF_ERROR(ForEach(lease->conn(), sql, w.args, [&](const Statement& st) {
    rows.push_back(IssuePair{st.Text(0), st.Text(1), st.Int(2)});
  }));
  return rows;
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
