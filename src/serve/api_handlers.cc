// The JSON API: each handler validates its parameters, asks the store and
// turns the rows into JSON. Spans are code points into the article text, as
// the store returns them (dyad/1's convention).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

#include "util/json_writer.h"
#include "serve/serve_internal.h"

namespace dyad::serve_internal {
namespace {

using nlohmann::json;

// Invalid UTF-8 cannot reach the store (readers repair it), but a dump must
// never throw inside a request.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

ApiResponse Ok(const json& j) { return {200, Dump(j)}; }

ApiResponse FromStatus(const Status& s) { return ErrorResponse(HttpStatusOf(s), s.message()); }

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// The rows of the list endpoints and the article view are written straight
// into the answer (JsonWriter): no tree of JSON values per row.

void WriteSpan(JsonWriter& j, const CpSpan& s) {
  j.BeginObject().Key("text").String(s.text).Key("start").Int(s.start).Key("end").Int(s.end).EndObject();
}

void WriteOptSpan(JsonWriter& j, const std::optional<CpSpan>& s) {
  if (s) WriteSpan(j, *s);
  else j.Null();
}

void WriteEvent(JsonWriter& j, const EventRow& e) {
  j.BeginObject();
  j.Key("id").Int(e.id);
  j.Key("article_id").String(e.article_id);
  j.Key("article_title").String(e.article_title);
  j.Key("article_source").StringOrNull(e.article_source);
  j.Key("date").StringOrNull(e.date);
  j.Key("code").String(e.code);
  j.Key("root").String(e.root);
  j.Key("plover").StringOrNull(e.plover);
  j.Key("quad_class").Int(e.quad_class);
  j.Key("goldstein").Double(e.goldstein);
  j.Key("source_actor").StringOrNull(e.source_actor);
  j.Key("target_actor").StringOrNull(e.target_actor);
  j.Key("source");
  WriteOptSpan(j, e.source);
  j.Key("target");
  WriteOptSpan(j, e.target);
  j.Key("negated").Bool(e.negated);
  j.Key("evidence").BeginObject().Key("trigger");
  WriteSpan(j, e.trigger);
  j.Key("rule").String(e.rule).EndObject();
  j.Key("sentence");
  WriteSpan(j, e.sentence);
  j.Key("issues").BeginArray();
  for (const std::string& i : e.issues) j.String(i);
  j.EndArray();
  j.EndObject();
}

void WriteQuote(JsonWriter& j, const QuoteRow& q) {
  j.BeginObject();
  j.Key("id").Int(q.id);
  j.Key("article_id").String(q.article_id);
  j.Key("article_title").String(q.article_title);
  j.Key("date").StringOrNull(q.date);
  j.Key("kind").String(q.kind);
  j.Key("content");
  WriteSpan(j, q.content);
  j.Key("pieces").BeginArray();
  for (const auto& [s, e] : q.pieces) j.BeginObject().Key("start").Int(s).Key("end").Int(e).EndObject();
  j.EndArray();
  j.Key("cue");
  WriteOptSpan(j, q.cue);
  j.Key("speaker");
  WriteOptSpan(j, q.speaker);
  j.Key("description");
  WriteOptSpan(j, q.description);
  j.Key("speaker_name").StringOrNull(q.speaker_name);
  j.Key("speaker_actor").StringOrNull(q.speaker_actor);
  j.Key("sentence").Int(q.sentence);
  j.EndObject();
}

void WriteArticle(JsonWriter& j, const ArticleRow& a) {
  j.BeginObject();
  j.Key("id").String(a.id);
  j.Key("url").StringOrNull(a.url);
  j.Key("source").StringOrNull(a.source);
  j.Key("date").StringOrNull(a.date);
  j.Key("title").String(a.title);
  j.Key("text_length").Int(a.text_length);
  j.Key("entities").Int(a.entities);
  j.Key("quotes").Int(a.quotes);
  j.Key("events").Int(a.events);
  j.Key("snippet").StringOrNull(a.snippet);
  j.EndObject();
}

void WriteActor(JsonWriter& j, const ActorRow& a) {
  j.BeginObject();
  j.Key("actor").String(a.actor);
  j.Key("name").StringOrNull(a.name);
  j.Key("as_source").Int(a.as_source);
  j.Key("as_target").Int(a.as_target);
  j.Key("quotes").Int(a.quotes);
  j.Key("articles").Int(a.articles);
  j.EndObject();
}

// {"page", "page_size", "has_more", "rows", "total"?}: the store was asked for
// one row more than a page, which tells whether another page follows.
template <typename Row, typename Write>
ApiResponse PageAnswer(const PageRequest& r, const std::vector<Row>& rows, Write write, const int64_t* total) {
  ApiResponse a;
  const size_t n = std::min(rows.size(), static_cast<size_t>(r.page_size));
  a.body.reserve(128 + n * 1024);
  JsonWriter j(&a.body);
  j.BeginObject();
  j.Key("page").Int(r.page);
  j.Key("page_size").Int(r.page_size);
  j.Key("has_more").Bool(rows.size() > n);
  j.Key("rows").BeginArray();
  for (size_t i = 0; i < n; ++i) write(j, rows[i]);
  j.EndArray();
  if (total != nullptr) j.Key("total").Int(*total);
  j.EndObject();
  return a;
}

template <typename QueryFn, typename CountFn, typename Write>
ApiResponse ListHandler(const ServeOptions& options, const Params& params, QueryFn query,
                        CountFn count, Write write) {
  PageRequest r;
  if (Status s = ParseRequest(params, options, kFilters | kPaging, &r); !s.ok()) return FromStatus(s);
  auto rows = query(r.query);
  if (!rows.ok()) return FromStatus(rows.status());
  if constexpr (!std::is_same_v<CountFn, std::nullptr_t>) {
    if (r.count) {
      auto total = count(r.query);
      if (!total.ok()) return FromStatus(total.status());
      return PageAnswer(r, *rows, write, &*total);
    }
  }
  return PageAnswer(r, *rows, write, nullptr);
}

// Events sampled for the issue view's breakdowns by actor and by month.
constexpr int kIssueSample = 5000;

}  // namespace

ApiResponse ErrorResponse(int status, std::string_view message) {
  return {status, Dump(json{{"error", std::string(message)}, {"status", status}})};
}

int HttpStatusOf(const Status& s) {
  if (s.IsInvalidArgument()) return 400;
  if (s.IsNotFound()) return 404;
  return 500;
}

ApiResponse HandleStats(const Store& store, const ServeOptions& options, const Params& params) {
  PageRequest r;
  if (Status s = ParseRequest(params, options, 0, &r); !s.ok()) return FromStatus(s);
  auto st = store.Stats();
  if (!st.ok()) return FromStatus(st.status());
  return Ok({{"schema_version", st->schema_version},
             {"articles", st->articles},
             {"entities", st->entities},
             {"mentions", st->mentions},
             {"quotes", st->quotes},
             {"events", st->events},
             {"first_date", NullIfEmpty(st->first_date)},
             {"last_date", NullIfEmpty(st->last_date)},
             {"limits", {{"default_page_size", options.default_page_size},
                         {"max_page_size", options.max_page_size},
                         {"max_page", options.max_page},
                         {"max_param_bytes", options.max_param_bytes}}}});
}

ApiResponse HandleEvents(const Store& store, const ServeOptions& options, const Params& params) {
  return ListHandler(
      options, params, [&](const Query& q) { return store.QueryEvents(q); },
      [&](const Query& q) { return store.CountEvents(q); }, WriteEvent);
}

ApiResponse HandleQuotes(const Store& store, const ServeOptions& options, const Params& params) {
  return ListHandler(
      options, params, [&](const Query& q) { return store.QueryQuotes(q); },
      [&](const Query& q) { return store.CountQuotes(q); }, WriteQuote);
}

ApiResponse HandleArticles(const Store& store, const ServeOptions& options, const Params& params) {
  return ListHandler(
      options, params, [&](const Query& q) { return store.QueryArticles(q); },
      [&](const Query& q) { return store.CountArticles(q); }, WriteArticle);
}

ApiResponse HandleActors(const Store& store, const ServeOptions& options, const Params& params) {
  return ListHandler(
      options, params, [&](const Query& q) { return store.QueryActors(q); }, nullptr, WriteActor);
}

ApiResponse HandleArticle(const Store& store, const ServeOptions& options, const Params& params) {
  std::string id;
  for (const auto& [name, value] : params) {
    if (name != "id") return ErrorResponse(400, "unknown parameter '" + name.substr(0, 40) + "'");
    if (!id.empty()) return ErrorResponse(400, "parameter 'id': given more than once");
    if (value.size() > options.max_param_bytes) {
      return ErrorResponse(400, "parameter 'id': longer than " + std::to_string(options.max_param_bytes) + " bytes");
    }
    id = value;
  }
  if (id.empty()) return ErrorResponse(400, "parameter 'id': required");
  auto view = store.GetArticle(id);
  if (!view.ok()) return FromStatus(view.status());
  const ArticleView& v = *view;
  ApiResponse a;
  a.body.reserve(v.text.size() * 2 + 4096);
  JsonWriter j(&a.body);
  j.BeginObject();
  j.Key("article");
  WriteArticle(j, v.article);
  j.Key("text").String(v.text);
  j.Key("body_start").Int(v.body_start);
  j.Key("removed").BeginArray();
  for (size_t i = 0; i < v.removed.size(); ++i) {
    const CpSpan& r = v.removed[i];
    j.BeginObject().Key("text").String(r.text).Key("start").Int(r.start).Key("end").Int(r.end);
    j.Key("reason").String(i < v.removed_reasons.size() ? v.removed_reasons[i] : "").EndObject();
  }
  j.EndArray();
  j.Key("sentences").BeginArray();
  for (const auto& [s, e] : v.sentences) j.BeginObject().Key("start").Int(s).Key("end").Int(e).EndObject();
  j.EndArray();
  j.Key("entities").BeginArray();
  for (const EntityView& e : v.entities) {
    j.BeginObject();
    j.Key("canonical").String(e.canonical);
    j.Key("type").String(e.type);
    j.Key("actor").StringOrNull(e.actor);
    j.Key("actor_rule").StringOrNull(e.actor_rule);
    j.Key("mentions").BeginArray();
    for (const CpSpan& m : e.mentions) WriteSpan(j, m);
    j.EndArray();
    j.EndObject();
  }
  j.EndArray();
  j.Key("quotes").BeginArray();
  for (const QuoteRow& q : v.quotes) WriteQuote(j, q);
  j.EndArray();
  j.Key("events").BeginArray();
  for (const EventRow& e : v.events) WriteEvent(j, e);
  j.EndArray();
  j.EndObject();
  return a;
}

ApiResponse HandleTimeline(const Store& store, const ServeOptions& options, const Params& params) {
  PageRequest r;
  if (Status s = ParseRequest(params, options, kFilters | kBucket, &r); !s.ok()) return FromStatus(s);
  TimeBucket bucket = r.bucket == "year" ? TimeBucket::kYear : r.bucket == "month" ? TimeBucket::kMonth : TimeBucket::kDay;
  auto points = store.EventTimeline(r.query, bucket);
  if (!points.ok()) return FromStatus(points.status());
  // One entry per period with the events of each quad class.
  json periods = json::array();
  std::string last;
  for (const TimelinePoint& p : *points) {
    if (periods.empty() || p.period != last) {
      periods.push_back({{"period", p.period}, {"quad", {0, 0, 0, 0, 0}}, {"events", 0}, {"goldstein_sum", 0.0}});
      last = p.period;
    }
    json& cur = periods.back();
    if (p.quad_class >= 1 && p.quad_class <= 4) cur["quad"][p.quad_class] = p.events;
    cur["events"] = cur["events"].get<int64_t>() + p.events;
    cur["goldstein_sum"] = cur["goldstein_sum"].get<double>() + p.mean_goldstein * static_cast<double>(p.events);
  }
  for (json& p : periods) {
    int64_t n = p["events"].get<int64_t>();
    p["mean_goldstein"] = n > 0 ? p["goldstein_sum"].get<double>() / static_cast<double>(n) : 0.0;
    p.erase("goldstein_sum");
  }
  return Ok({{"bucket", r.bucket}, {"periods", std::move(periods)}});
}

ApiResponse HandleNetwork(const Store& store, const ServeOptions& options, const Params& params) {
  PageRequest r;
  if (Status s = ParseRequest(params, options, kFilters | kPaging, &r); !s.ok()) return FromStatus(s);
  if (params.count("page_size") == 0) r.page_size = 100;
  r.query.limit = r.page_size;
  r.query.offset = 0;
  auto edges = store.ActorNetwork(r.query);
  if (!edges.ok()) return FromStatus(edges.status());
  // Nodes: every code on an edge, with its number of events on the shown edges.
  std::map<std::string, int64_t> degree;
  json edge_list = json::array();
  for (const ActorEdge& e : *edges) {
    degree[e.source] += e.events;
    degree[e.target] += e.events;
    edge_list.push_back({{"source", e.source},
                         {"target", e.target},
                         {"events", e.events},
                         {"mean_goldstein", e.mean_goldstein},
                         {"quad", {e.quad[1], e.quad[2], e.quad[3], e.quad[4]}}});
  }
  // Names of the codes, from the actors the same filters select.
  std::map<std::string, std::string> names;
  Query aq = r.query;
  aq.limit = 1000;
  if (auto actors = store.QueryActors(aq); actors.ok()) {
    for (const ActorRow& a : *actors) names[a.actor] = a.name;
  }
  json nodes = json::array();
  for (const auto& [code, events] : degree) {
    auto it = names.find(code);
    nodes.push_back({{"actor", code},
                     {"name", it == names.end() ? json(nullptr) : NullIfEmpty(it->second)},
                     {"events", events}});
  }
  return Ok({{"nodes", std::move(nodes)}, {"edges", std::move(edge_list)}});
}

ApiResponse HandleIssues(const Store& store, const ServeOptions& options, const Params& params) {
  PageRequest r;
  if (Status s = ParseRequest(params, options, kFilters, &r); !s.ok()) return FromStatus(s);
  Query q = r.query;
  q.limit = 50;
  q.offset = 0;
  auto issues = store.QueryIssues(q);
  if (!issues.ok()) return FromStatus(issues.status());
  auto pairs = store.IssueCooccurrence(q);
  if (!pairs.ok()) return FromStatus(pairs.status());
  json out;
  out["issues"] = json::array();
  for (const IssueCount& i : *issues) {
    out["issues"].push_back({{"issue", i.issue}, {"events", i.events}, {"articles", i.articles}});
  }
  out["pairs"] = json::array();
  for (const IssuePair& p : *pairs) out["pairs"].push_back({{"a", p.a}, {"b", p.b}, {"articles", p.articles}});

  // Which actors' events carry each issue, and when: from the newest events
  // the filters select (at most kIssueSample of them, said in "sampled").
  Query eq = r.query;
  eq.limit = kIssueSample;
  eq.offset = 0;
  auto sample = store.IssueSample(eq);
  if (!sample.ok()) return FromStatus(sample.status());
  std::map<std::string, std::map<std::string, int64_t>> by_actor, by_month;
  for (const IssueBreakdown::Cell& c : sample->by_actor) by_actor[c.issue][c.key] = c.events;
  for (const IssueBreakdown::Cell& c : sample->by_month) by_month[c.issue][c.key] = c.events;
  auto nested = [](const std::map<std::string, std::map<std::string, int64_t>>& m) {
    json o = json::object();
    for (const auto& [k, inner] : m) {
      json row = json::object();
      for (const auto& [k2, n] : inner) row[k2] = n;
      o[k] = std::move(row);
    }
    return o;
  };
  out["by_actor"] = nested(by_actor);
  out["by_month"] = nested(by_month);
  out["sampled"] = sample->sampled;
  return Ok(out);
}

}  // namespace dyad::serve_internal
