// dyad query: asks the database (dyad/store.h) for events, quotations,
// actors, articles and summaries, as an aligned table, JSON Lines or CSV.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "command.h"
#include "dyad/store.h"
#include "dyad/utf8.h"

namespace {

constexpr const char* kHelp = R"(usage: dyad query --db FILE WHAT [filters] [--json|--csv]

WHAT:
  events        coded events, newest first
  quotes        quotations
  actors        actor codes by number of events
  articles      articles
  timeline      events per day (--by month|year) and quad class
  network       source -> target actor pairs with count and mean Goldstein
  issues        issues of the events
  cooccurrence  pairs of issues coded in the same article
  stats         what the database holds
  article ID    one article with every layer (JSON)

filters (all literal; actor and code filters match a prefix):
  --source-actor CODE   source actor (USA matches USAGOV)
  --target-actor CODE   target actor
  --actor CODE          either side (actors: the code listed)
  --code CODE           CAMEO event code (04 matches 042)
  --quad Q              quad class 1..4, a range 1..2, or a list 1,3
  --since DATE --until DATE   YYYY-MM-DD, YYYY-MM or YYYY, inclusive
  --text WORDS          full text: every word ("a phrase" in quotes)
  --speaker NAME        quotes, articles: speaker's words, name or code
  --article ID          one article's rows
  --source NAME         the article's source (publisher)
  --limit N             rows (default 100, at most 10000)
  --offset N            rows skipped

output: an aligned table (default), --json (one object per line) or --csv.
)";

using Json = nlohmann::ordered_json;

enum class Format { kTable, kJson, kCsv };

// Parses "2", "1..2", "1-2" or "1,3" into a quad mask; 0 when invalid.
unsigned ParseQuad(const std::string& v) {
  unsigned mask = 0;
  size_t at = 0;
  while (at < v.size()) {
    size_t comma = v.find(',', at);
    std::string part = v.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    at = comma == std::string::npos ? v.size() : comma + 1;
    int lo = 0, hi = 0;
    size_t dots = part.find("..");
    size_t dash = part.find('-');
    auto digit = [](const std::string& s) { return s.size() == 1 && s[0] >= '1' && s[0] <= '4' ? s[0] - '0' : 0; };
    if (dots != std::string::npos) {
      lo = digit(part.substr(0, dots)), hi = digit(part.substr(dots + 2));
    } else if (dash != std::string::npos) {
      lo = digit(part.substr(0, dash)), hi = digit(part.substr(dash + 1));
    } else {
      lo = hi = digit(part);
    }
    if (!lo || !hi || lo > hi) return 0;
    mask |= dyad::QuadMask(lo, hi);
  }
  return mask;
}

Json SpanJson(const std::optional<dyad::CpSpan>& s) {
  if (!s) return nullptr;
  return Json{{"text", s->text}, {"start", s->start}, {"end", s->end}};
}

Json EventJson(const dyad::EventRow& e) {
  Json j;
  j["id"] = e.id;
  j["date"] = e.date;
  j["source_actor"] = e.source_actor;
  j["code"] = e.code;
  j["target_actor"] = e.target_actor;
  j["quad_class"] = e.quad_class;
  j["goldstein"] = e.goldstein;
  j["root"] = e.root;
  j["plover"] = e.plover;
  j["negated"] = e.negated;
  j["source"] = SpanJson(e.source);
  j["target"] = SpanJson(e.target);
  j["trigger"] = SpanJson(e.trigger);
  j["sentence"] = SpanJson(e.sentence);
  j["issues"] = e.issues;
  j["rule"] = e.rule;
  j["article_id"] = e.article_id;
  j["article_title"] = e.article_title;
  j["article_source"] = e.article_source;
  return j;
}

Json QuoteJson(const dyad::QuoteRow& q) {
  Json j;
  j["id"] = q.id;
  j["date"] = q.date;
  j["kind"] = q.kind;
  j["speaker"] = SpanJson(q.speaker);
  j["speaker_name"] = q.speaker_name;
  j["speaker_actor"] = q.speaker_actor;
  j["description"] = SpanJson(q.description);
  j["cue"] = SpanJson(q.cue);
  j["content"] = SpanJson(q.content);
  Json pieces = Json::array();
  for (const auto& [s, e] : q.pieces) pieces.push_back({{"start", s}, {"end", e}});
  j["pieces"] = pieces;
  j["sentence"] = q.sentence;
  j["article_id"] = q.article_id;
  j["article_title"] = q.article_title;
  return j;
}

Json ArticleJson(const dyad::ArticleRow& a) {
  Json j;
  j["id"] = a.id;
  j["date"] = a.date;
  j["source"] = a.source;
  j["title"] = a.title;
  j["url"] = a.url;
  j["text_length"] = a.text_length;
  j["entities"] = a.entities;
  j["quotes"] = a.quotes;
  j["events"] = a.events;
  j["content_hash"] = a.content_hash;
  if (!a.snippet.empty()) j["snippet"] = a.snippet;
  return j;
}

// A cell of the table or the CSV: strings as they are, spans as their text,
// lists joined by ';', null as empty.
std::string Cell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) return v.contains("text") ? Cell(v["text"]) : v.dump();
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ";") + Cell(x);
    return out;
  }
  if (v.is_number_float()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v.get<double>());
    return buf;
  }
  return v.dump();
}

// Whitespace runs as one space; at most `width` code points (with "…").
std::string TableCell(const std::string& s, size_t width) {
  std::string flat;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !flat.empty()) flat += ' ';
    space = false;
    flat += c;
  }
  if (dyad::utf8::Length(flat) <= width) return flat;
  std::string out;
  size_t i = 0, n = 0;
  while (i < flat.size() && n + 1 < width) {
    size_t from = i;
    dyad::utf8::Next(flat, i);
    out.append(flat, from, i - from);
    ++n;
  }
  return out + "…";
}

std::string CsvCell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Writes rows (objects with the same keys) in `format`; `table_columns` are
// the columns the table shows (all for JSON and CSV).
void Print(const std::vector<Json>& rows, Format format, const std::vector<std::string>& table_columns) {
  if (format == Format::kJson) {
    for (const auto& r : rows) std::printf("%s\n", r.dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
    return;
  }
  std::vector<std::string> columns;
  if (format == Format::kCsv) {
    if (rows.empty()) return;
    for (const auto& [k, v] : rows.front().items()) columns.push_back(k);
    std::string line;
    for (const auto& c : columns) line += (line.empty() ? "" : ",") + CsvCell(c);
    std::printf("%s\n", line.c_str());
    for (const auto& r : rows) {
      line.clear();
      for (size_t i = 0; i < columns.size(); ++i) {
        line += (i ? "," : "") + CsvCell(r.contains(columns[i]) ? Cell(r[columns[i]]) : "");
      }
      std::printf("%s\n", line.c_str());
    }
    return;
  }
  columns = table_columns;
  constexpr size_t kMaxWidth = 60;
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> width(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) width[i] = columns[i].size();
  for (const auto& r : rows) {
    cells.emplace_back();
    for (size_t i = 0; i < columns.size(); ++i) {
      cells.back().push_back(TableCell(r.contains(columns[i]) ? Cell(r[columns[i]]) : "", kMaxWidth));
      width[i] = std::max(width[i], dyad::utf8::Length(cells.back().back()));
    }
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(width[i] - dyad::utf8::Length(row[i]) + 2, ' ');
    }
    std::printf("%s\n", line.c_str());
  };
  print_row(columns);
  for (const auto& row : cells) print_row(row);
  if (rows.empty()) std::printf("(no rows)\n");
}

int Fail(const dyad::Status& s) {
  std::fprintf(stderr, "dyad query: %s\n", s.ToString().c_str());
  return 1;
}

int QueryCommand(const std::vector<std::string>& args) {
  std::string db, what, article;
  dyad::Query q;
  Format format = Format::kTable;
  dyad::TimeBucket bucket = dyad::TimeBucket::kDay;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& f = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "dyad query: %s needs a value\n", f.c_str());
        return false;
      }
      *out = args[++i];
      return true;
    };
    std::string v;
    if (f == "--help" || f == "-h") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (f == "--db") {
      if (!value(&db)) return 2;
    } else if (f == "--source-actor") {
      if (!value(&q.source_actor)) return 2;
    } else if (f == "--target-actor") {
      if (!value(&q.target_actor)) return 2;
    } else if (f == "--actor") {
      if (!value(&q.actor)) return 2;
    } else if (f == "--code") {
      if (!value(&q.code)) return 2;
    } else if (f == "--since") {
      if (!value(&q.since)) return 2;
    } else if (f == "--until") {
      if (!value(&q.until)) return 2;
    } else if (f == "--text") {
      if (!value(&q.text)) return 2;
    } else if (f == "--speaker") {
      if (!value(&q.speaker)) return 2;
    } else if (f == "--article") {
      if (!value(&q.article_id)) return 2;
    } else if (f == "--source") {
      if (!value(&q.source)) return 2;
    } else if (f == "--quad") {
      if (!value(&v)) return 2;
      q.quad_mask = ParseQuad(v);
      if (!q.quad_mask) {
        std::fprintf(stderr, "dyad query: --quad wants 1..4, a range 1..2 or a list 1,3, not '%s'\n", v.c_str());
        return 2;
      }
    } else if (f == "--by") {
      if (!value(&v)) return 2;
      if (v == "day") bucket = dyad::TimeBucket::kDay;
      else if (v == "month") bucket = dyad::TimeBucket::kMonth;
      else if (v == "year") bucket = dyad::TimeBucket::kYear;
      else {
        std::fprintf(stderr, "dyad query: --by is day, month or year, not '%s'\n", v.c_str());
        return 2;
      }
    } else if (f == "--limit" || f == "--offset") {
      if (!value(&v)) return 2;
      char* end = nullptr;
      long long n = std::strtoll(v.c_str(), &end, 10);
      long long min = f == "--limit" ? 1 : 0;
      if (v.empty() || *end != '\0' || n < min || n > 1000000000LL) {
        std::fprintf(stderr, "dyad query: %s needs a number >= %lld, not '%s'\n", f.c_str(), min, v.c_str());
        return 2;
      }
      if (f == "--limit") {
        if (n > dyad::kMaxQueryLimit) {
          std::fprintf(stderr, "dyad query: --limit is at most %d\n", dyad::kMaxQueryLimit);
          return 2;
        }
        q.limit = static_cast<int>(n);
      } else {
        q.offset = static_cast<int>(n);
      }
    } else if (f == "--json") {
      format = Format::kJson;
    } else if (f == "--csv") {
      format = Format::kCsv;
    } else if (f.size() > 1 && f[0] == '-') {
      std::fprintf(stderr, "dyad query: unknown option %s (see dyad query --help)\n", f.c_str());
      return 2;
    } else if (what.empty()) {
      what = f;
    } else if (what == "article" && article.empty()) {
      article = f;
    } else {
      std::fprintf(stderr, "dyad query: unexpected argument '%s'\n", f.c_str());
      return 2;
    }
  }
  if (db.empty() || what.empty()) {
    std::fprintf(stderr, "dyad query: needs --db FILE and what to list (see dyad query --help)\n");
    return 2;
  }
  dyad::StoreOptions options;
  options.read_only = true;
  auto store = dyad::Store::Open(db, options);
  if (!store.ok()) return Fail(store.status());
  const dyad::Store& s = **store;

  std::vector<Json> rows;
  std::vector<std::string> table;
  if (what == "events") {
    auto r = s.QueryEvents(q);
    if (!r.ok()) return Fail(r.status());
    for (const auto& e : *r) rows.push_back(EventJson(e));
    table = {"date", "source_actor", "code", "target_actor", "quad_class", "goldstein", "trigger", "sentence", "article_id"};
  } else if (what == "quotes") {
    auto r = s.QueryQuotes(q);
    if (!r.ok()) return Fail(r.status());
    for (const auto& x : *r) rows.push_back(QuoteJson(x));
    table = {"date", "speaker", "speaker_name", "speaker_actor", "kind", "content", "article_id"};
  } else if (what == "actors") {
    auto r = s.QueryActors(q);
    if (!r.ok()) return Fail(r.status());
    for (const auto& x : *r) {
      rows.push_back(Json{{"actor", x.actor}, {"name", x.name}, {"as_source", x.as_source},
                          {"as_target", x.as_target}, {"quotes", x.quotes}, {"articles", x.articles}});
    }
    table = {"actor", "name", "as_source", "as_target", "quotes", "articles"};
  } else if (what == "articles") {
    auto r = s.QueryArticles(q);
    if (!r.ok()) return Fail(r.status());
    for (const auto& x : *r) rows.push_back(ArticleJson(x));
    table = {"id", "date", "source", "title", "entities", "quotes", "events"};
    if (!q.text.empty()) table.push_back("snippet");
  } else if (what == "timeline") {
    auto r = s.EventTimeline(q, bucket);
    if (!r.ok()) return Fail(r.status());
    for (const auto& x : *r) {
      rows.push_back(Json{{"period", x.period}, {"quad_class", x.quad_class}, {"events", x.events},
                          {"mean_goldstein", x.mean_goldstein}});
    }
    table = {"period", "quad_class", "events", "mean_goldstein"};
  } else if (what == "network") {
    auto r = s.ActorNetwork(q);
    if (!r.ok()) return Fail(r.status());
    for (const auto& x : *r) {
      rows.push_back(Json{{"source", x.source}, {"target", x.target}, {"events", x.events},
                          {"mean_goldstein", x.mean_goldstein}, {"quad1", x.quad[1]}, {"quad2", x.quad[2]},
                          {"quad3", x.quad[3]}, {"quad4", x.quad[4]}});
    }
    table = {"source", "target", "events", "mean_goldstein", "quad1", "quad2", "quad3", "quad4"};
  } else if (what == "issues") {
    auto r = s.QueryIssues(q);
    if (!r.ok()) return Fail(r.status());
    for (const auto& x : *r) rows.push_back(Json{{"issue", x.issue}, {"events", x.events}, {"articles", x.articles}});
    table = {"issue", "events", "articles"};
  } else if (what == "cooccurrence") {
    auto r = s.IssueCooccurrence(q);
    if (!r.ok()) return Fail(r.status());
    for (const auto& x : *r) rows.push_back(Json{{"issue_a", x.a}, {"issue_b", x.b}, {"articles", x.articles}});
    table = {"issue_a", "issue_b", "articles"};
  } else if (what == "stats") {
    auto r = s.Stats();
    if (!r.ok()) return Fail(r.status());
    rows.push_back(Json{{"schema_version", r->schema_version}, {"articles", r->articles},
                        {"entities", r->entities}, {"mentions", r->mentions}, {"quotes", r->quotes},
                        {"events", r->events}, {"first_date", r->first_date}, {"last_date", r->last_date}});
    table = {"schema_version", "articles", "entities", "quotes", "events", "first_date", "last_date"};
  } else if (what == "article") {
    if (article.empty()) {
      std::fprintf(stderr, "dyad query article: needs an article id\n");
      return 2;
    }
    auto r = s.GetArticle(article);
    if (!r.ok()) return Fail(r.status());
    Json j = ArticleJson(r->article);
    j["text"] = r->text;
    j["body_start"] = r->body_start;
    Json removed = Json::array();
    for (size_t i = 0; i < r->removed.size(); ++i) {
      Json x = SpanJson(r->removed[i]);
      x["reason"] = r->removed_reasons[i];
      removed.push_back(x);
    }
    j["removed"] = removed;
    Json sentences = Json::array();
    for (const auto& [b, e] : r->sentences) sentences.push_back({{"start", b}, {"end", e}});
    j["sentences"] = sentences;
    Json entities = Json::array();
    for (const auto& e : r->entities) {
      Json mentions = Json::array();
      for (const auto& m : e.mentions) mentions.push_back(SpanJson(m));
      entities.push_back(Json{{"canonical", e.canonical}, {"type", e.type}, {"actor", e.actor},
                              {"actor_rule", e.actor_rule}, {"mentions", mentions}});
    }
    j["entities"] = entities;
    Json quotes = Json::array(), events = Json::array();
    for (const auto& x : r->quotes) quotes.push_back(QuoteJson(x));
    for (const auto& x : r->events) events.push_back(EventJson(x));
    j["quotes"] = quotes;
    j["events"] = events;
    std::printf("%s\n", j.dump(-1, ' ', false, Json::error_handler_t::replace).c_str());
    return 0;
  } else {
    std::fprintf(stderr, "dyad query: events, quotes, actors, articles, timeline, network, issues, "
                         "cooccurrence, stats or article, not '%s'\n", what.c_str());
    return 2;
  }
  Print(rows, format, table);
  return 0;
}

}  // namespace

DYAD_COMMAND("query", "--db FILE events|quotes|actors|articles|... [filters]   ask the database (--help)",
             QueryCommand);
