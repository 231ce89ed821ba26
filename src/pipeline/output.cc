#include <nlohmann/json.hpp>

#include <charconv>
#include <set>
#include <sstream>

#include "dyad/conllu.h"
#include "dyad/pipeline.h"
#include "dyad/utf8.h"
#include "util/json_writer.h"

namespace dyad {

namespace {

void OptionalString(JsonWriter& w, std::string_view key, const std::optional<std::string>& v) {
  w.Key(key);
  if (v) w.String(*v);
  else w.Null();
}

// Unknown input fields are carried through, except those that would collide
// with a field of dyad/1.
void CarryThrough(JsonWriter& w, const std::string& extra_json) {
  static const std::set<std::string, std::less<>> kReserved = {
      "schema", "id", "url", "source", "date", "title", "text",
      "removed", "sentences", "entities", "quotes", "events"};
  auto extra = nlohmann::ordered_json::parse(extra_json, nullptr, /*allow_exceptions=*/false);
  if (!extra.is_object()) return;
  for (const auto& [k, v] : extra.items()) {
    if (kReserved.count(k)) continue;
    w.Key(k).Raw(v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

void SpanFields(JsonWriter& w, const utf8::CodePointIndex& cp, Span s) {
  w.Key("start").Int(cp(s.start)).Key("end").Int(cp(s.end));
}

// {"text": ..., "start": ..., "end": ...}
void TextSpan(JsonWriter& w, const Document& doc, const utf8::CodePointIndex& cp, Span s) {
  w.BeginObject();
  w.Key("text").String(doc.Text(s));
  SpanFields(w, cp, s);
  w.EndObject();
}

void WriteEntities(JsonWriter& w, const Document& doc, const utf8::CodePointIndex& cp) {
  w.Key("entities").BeginArray();
  for (const Entity& e : doc.entities) {
    if (e.mentions.empty()) continue;
    w.BeginObject();
    // The entity's own span is its first mention.
    const Span first = e.mentions.front().span;
    w.Key("text").String(doc.Text(first)).Key("type").String(e.type);
    SpanFields(w, cp, first);
    w.Key("canonical").String(e.canonical);
    OptionalString(w, "actor", e.actor);
    w.Key("mentions").BeginArray();
    for (const Mention& m : e.mentions) {
      w.BeginObject();
      SpanFields(w, cp, m.span);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

void WriteQuotes(JsonWriter& w, const Document& doc, const utf8::CodePointIndex& cp) {
  w.Key("quotes").BeginArray();
  for (const Quote& q : doc.quotes) {
    if (q.content.empty()) continue;
    w.BeginObject();
    w.Key("kind").String(q.kind);
    // "text" of an interrupted quotation is its pieces joined by a space;
    // start and end are those of the whole, "spans" those of the pieces.
    std::string text;
    for (const Span& piece : q.content) {
      if (!text.empty()) text += ' ';
      text += doc.Text(piece);
    }
    w.Key("content").BeginObject();
    w.Key("text").String(text);
    SpanFields(w, cp, Span{q.content.front().start, q.content.back().end});
    if (q.content.size() > 1) {
      w.Key("spans").BeginArray();
      for (const Span& piece : q.content) {
        w.BeginObject();
        SpanFields(w, cp, piece);
        w.EndObject();
      }
      w.EndArray();
    }
    w.EndObject();
    w.Key("cue");
    if (q.cue) TextSpan(w, doc, cp, *q.cue);
    else w.Null();
    w.Key("speaker");
    if (q.speaker) {
      const Entity* e = q.speaker_entity >= 0 && static_cast<size_t>(q.speaker_entity) < doc.entities.size()
                            ? &doc.entities[q.speaker_entity]
                            : nullptr;
      w.BeginObject();
      w.Key("text").String(doc.Text(*q.speaker));
      SpanFields(w, cp, *q.speaker);
      w.Key("canonical");
      if (e) w.String(e->canonical);
      else w.Null();
      OptionalString(w, "actor", q.speaker_actor ? q.speaker_actor : e ? e->actor : std::nullopt);
      w.Key("description");
      if (q.description) w.String(doc.Text(*q.description));
      else w.Null();
      w.EndObject();
    } else {
      w.Null();
    }
    w.Key("sentence").Int(q.sentence);
    w.EndObject();
  }
  w.EndArray();
}

void WriteEventActor(JsonWriter& w, const Document& doc, const utf8::CodePointIndex& cp,
                     std::string_view key, const std::optional<EventActor>& a) {
  w.Key(key);
  if (!a) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("text").String(doc.Text(a->span));
  OptionalString(w, "actor", a->actor);
  SpanFields(w, cp, a->span);
  w.EndObject();
}

void WriteEvents(JsonWriter& w, const Document& doc, const utf8::CodePointIndex& cp) {
  w.Key("events").BeginArray();
  for (const Event& e : doc.events) {
    w.BeginObject();
    w.Key("code").String(e.code).Key("root").String(e.root);
    w.Key("quad_class").Int(e.quad_class);
    w.Key("goldstein").Double(e.goldstein);
    w.Key("plover").String(e.plover);
    WriteEventActor(w, doc, cp, "source", e.source);
    WriteEventActor(w, doc, cp, "target", e.target);
    w.Key("sentence").Int(e.sentence);
    OptionalString(w, "date", e.date);
    w.Key("negated").Bool(e.negated);
    w.Key("issues").BeginArray();
    for (const auto& issue : e.issues) w.String(issue);
    w.EndArray();
    w.Key("evidence").BeginObject();
    w.Key("trigger");
    TextSpan(w, doc, cp, e.trigger);
    w.Key("rule").String(e.rule);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

std::string FormatJsonl(const Document& doc, const OutputOptions& options) {
  const Article& a = doc.article;
  const utf8::CodePointIndex cp(a.text);
  std::string out;
  out.reserve(256 + doc.removed.size() * 64 + (options.sentences ? doc.sentences.size() * 32 : 0) +
              (options.text ? a.text.size() + a.text.size() / 8 : 0));
  JsonWriter w(&out);
  auto span = [&](Span s) { w.Key("start").Int(cp(s.start)).Key("end").Int(cp(s.end)); };
  w.BeginObject();
  w.Key("schema").String("dyad/1");
  w.Key("id").String(a.id);
  OptionalString(w, "url", a.url);
  OptionalString(w, "source", a.source);
  OptionalString(w, "date", a.date);
  OptionalString(w, "title", a.title);
  if (!a.extra_json.empty()) CarryThrough(w, a.extra_json);
  if (options.text) w.Key("text").String(a.text);
  w.Key("removed").BeginArray();
  for (const Removed& r : doc.removed) {
    w.BeginObject();
    span(r.span);
    w.Key("text").String(doc.Text(r.span)).Key("reason").String(r.reason);
    w.EndObject();
  }
  w.EndArray();
  if (options.sentences) {
    w.Key("sentences").BeginArray();
    for (const Sentence& s : doc.sentences) {
      w.BeginObject();
      span(s.span);
      w.EndObject();
    }
    w.EndArray();
  }
  WriteEntities(w, doc, cp);
  WriteQuotes(w, doc, cp);
  WriteEvents(w, doc, cp);
  w.EndObject();
  out += '\n';
  return out;
}

// A TSV field: tabs and line breaks would break the row, so they become
// spaces.
void TsvField(std::string_view v, std::string* out) {
  for (char c : v) *out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
}

std::string FormatTsv(const Document& doc) {
  std::string out;
  const Article& a = doc.article;
  for (const Event& e : doc.events) {
    auto field = [&](std::string_view v, bool last = false) {
      TsvField(v, &out);
      out += last ? '\n' : '\t';
    };
    auto actor = [](const std::optional<EventActor>& x) -> std::string {
      return x && x->actor ? *x->actor : std::string();
    };
    auto words = [&](const std::optional<EventActor>& x) -> std::string_view {
      return x ? doc.Text(x->span) : std::string_view();
    };
    char goldstein[32];
    auto r = std::to_chars(goldstein, goldstein + sizeof goldstein, e.goldstein);
    std::string issues;
    for (const auto& i : e.issues) issues += (issues.empty() ? "" : ";") + i;
    field(e.date ? *e.date : a.date ? *a.date : "");
    field(actor(e.source));
    field(actor(e.target));
    field(e.code);
    field(e.root);
    field(std::to_string(e.quad_class));
    field(std::string_view(goldstein, r.ptr - goldstein));
    field(e.plover);
    field(words(e.source));
    field(words(e.target));
    field(a.id);
    field(std::to_string(e.sentence));
    field(a.url ? *a.url : "");
    field(issues, /*last=*/true);
  }
  return out;
}

}  // namespace

std::string TsvHeader() {
  return "date\tsource\ttarget\tcode\troot\tquad_class\tgoldstein\tplover\tsource_text\t"
         "target_text\tarticle_id\tsentence\turl\tissues\n";
}

std::string FormatDocument(const Document& doc, const OutputOptions& options) {
  if (options.format == OutputFormat::kConllu) {
    std::ostringstream os;
    WriteConllu(doc, os);
    return os.str();
  }
  if (options.format == OutputFormat::kTsv) return FormatTsv(doc);
  return FormatJsonl(doc, options);
}

}  // namespace dyad
