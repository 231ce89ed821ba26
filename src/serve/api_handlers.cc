// The JSON API: each handler validates its parameters, asks the store and
// turns the rows into JSON. Spans are code points into the article text, as
// the store returns them (dyad/1's convention).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

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

json SpanJson(const CpSpan& s) { return {{"text", s.text}, {"start", s.start}, {"end", s.end}}; }

json OptSpanJson(const std::optional<CpSpan>& s) { return s ? SpanJson(*s) : json(nullptr); }

json EventJson(const EventRow& e) {
  return {{"id", e.id},
          {"article_id", e.article_id},
          {"article_title", e.article_title},
          {"article_source", NullIfEmpty(e.article_source)},
          {"date", NullIfEmpty(e.date)},
          {"code", e.code},
          {"root", e.root},
          {"plover", NullIfEmpty(e.plover)},
          {"quad_class", e.quad_class},
          {"goldstein", e.goldstein},
          {"source_actor", NullIfEmpty(e.source_actor)},
          {"target_actor", NullIfEmpty(e.target_actor)},
          {"source", OptSpanJson(e.source)},
          {"target", OptSpanJson(e.target)},
          {"negated", e.negated},
          {"evidence", {{"trigger", SpanJson(e.trigger)}, {"rule", e.rule}}},
          {"sentence", SpanJson(e.sentence)},
          {"issues", e.issues}};
}

json QuoteJson(const QuoteRow& q) {
  json pieces = json::array();
  for (const auto& [s, e] : q.pieces) pieces.push_back({{"start", s}, {"end", e}});
  return {{"id", q.id},
          {"article_id", q.article_id},
          {"article_title", q.article_title},
          {"date", NullIfEmpty(q.date)},
          {"kind", q.kind},
          {"content", SpanJson(q.content)},
          {"pieces", pieces},
          {"cue", OptSpanJson(q.cue)},
          {"speaker", OptSpanJson(q.speaker)},
          {"description", OptSpanJson(q.description)},
          {"speaker_name", NullIfEmpty(q.speaker_name)},
          {"speaker_actor", NullIfEmpty(q.speaker_actor)},
          {"sentence", q.sentence}};
}

json ArticleJson(const ArticleRow& a) {
  return {{"id", a.id},
          {"url", NullIfEmpty(a.url)},
          {"source", NullIfEmpty(a.source)},
          {"date", NullIfEmpty(a.date)},
          {"title", a.title},
          {"text_length", a.text_length},
          {"entities", a.entities},
          {"quotes", a.quotes},
          {"events", a.events},
          {"snippet", NullIfEmpty(a.snippet)}};
}

json ActorJson(const ActorRow& a) {
  return {{"actor", a.actor},
          {"name", NullIfEmpty(a.name)},
          {"as_source", a.as_source},
          {"as_target", a.as_target},
          {"quotes", a.quotes},
          {"articles", a.articles}};
}

// {"page", "page_size", "has_more", "rows", "total"?}: the store was asked for
// one row more than a page, which tells whether another page follows.
template <typename Row, typename ToJson>
json PageJson(const PageRequest& r, const std::vector<Row>& rows, ToJson to_json) {
  json out = {{"page", r.page}, {"page_size", r.page_size}};
  size_t n = std::min(rows.size(), static_cast<size_t>(r.page_size));
  out["has_more"] = rows.size() > n;
  json list = json::array();
  for (size_t i = 0; i < n; ++i) list.push_back(to_json(rows[i]));
  out["rows"] = std::move(list);
  return out;
}

template <typename QueryFn, typename CountFn, typename ToJson>
ApiResponse ListHandler(const ServeOptions& options, const Params& params, QueryFn query,
                        CountFn count, ToJson to_json) {
  PageRequest r;
  if (Status s = ParseRequest(params, options, kFilters | kPaging, &r); !s.ok()) return FromStatus(s);
  auto rows = query(r.query);
  if (!rows.ok()) return FromStatus(rows.status());
  json out = PageJson(r, *rows, to_json);
  if constexpr (!std::is_same_v<CountFn, std::nullptr_t>) {
    if (!r.count) return Ok(out);
    auto total = count(r.query);
    if (!total.ok()) return FromStatus(total.status());
    out["total"] = *total;
  }
  return Ok(out);
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
      [&](const Query& q) { return store.CountEvents(q); }, EventJson);
}

ApiResponse HandleQuotes(const Store& store, const ServeOptions& options, const Params& params) {
  return ListHandler(
      options, params, [&](const Query& q) { return store.QueryQuotes(q); },
      [&](const Query& q) { return store.CountQuotes(q); }, QuoteJson);
}

ApiResponse HandleArticles(const Store& store, const ServeOptions& options, const Params& params) {
  return ListHandler(
      options, params, [&](const Query& q) { return store.QueryArticles(q); },
      [&](const Query& q) { return store.CountArticles(q); }, ArticleJson);
}

ApiResponse HandleActors(const Store& store, const ServeOptions& options, const Params& params) {
  return ListHandler(
      options, params, [&](const Query& q) { return store.QueryActors(q); }, nullptr, ActorJson);
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
  json removed = json::array();
  for (size_t i = 0; i < v.removed.size(); ++i) {
    json r = SpanJson(v.removed[i]);
    r["reason"] = i < v.removed_reasons.size() ? v.removed_reasons[i] : "";
    removed.push_back(std::move(r));
  }
  json sentences = json::array();
  for (const auto& [s, e] : v.sentences) sentences.push_back({{"start", s}, {"end", e}});
  json entities = json::array();
  for (const EntityView& e : v.entities) {
    json mentions = json::array();
    for (const CpSpan& m : e.mentions) mentions.push_back(SpanJson(m));
    entities.push_back({{"canonical", e.canonical},
                        {"type", e.type},
                        {"actor", NullIfEmpty(e.actor)},
                        {"actor_rule", NullIfEmpty(e.actor_rule)},
                        {"mentions", std::move(mentions)}});
  }
  json quotes = json::array();
  for (const QuoteRow& q : v.quotes) quotes.push_back(QuoteJson(q));
  json events = json::array();
  for (const EventRow& e : v.events) events.push_back(EventJson(e));
  return Ok({{"article", ArticleJson(v.article)},
             {"text", v.text},
             {"body_start", v.body_start},
             {"removed", std::move(removed)},
             {"sentences", std::move(sentences)},
             {"entities", std::move(entities)},
             {"quotes", std::move(quotes)},
             {"events", std::move(events)}});
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
  auto events = store.QueryEvents(eq);
  if (!events.ok()) return FromStatus(events.status());
  std::map<std::string, std::map<std::string, int64_t>> by_actor, by_month;
  std::map<std::string, int64_t> actor_total;
  for (const EventRow& e : *events) {
    if (e.issues.empty()) continue;
    std::string month = e.date.size() >= 7 ? e.date.substr(0, 7) : e.date;
    std::set<std::string> actors;
    if (!e.source_actor.empty()) actors.insert(e.source_actor);
    if (!e.target_actor.empty()) actors.insert(e.target_actor);
    for (const std::string& issue : e.issues) {
      if (!month.empty()) ++by_month[issue][month];
      for (const std::string& a : actors) {
        ++by_actor[issue][a];
        ++actor_total[a];
      }
    }
  }
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
  out["sampled"] = events->size();
  return Ok(out);
}

}  // namespace dyad::serve_internal
