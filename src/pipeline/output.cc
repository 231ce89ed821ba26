#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

#include "dyad/conllu.h"
#include "dyad/pipeline.h"
#include "dyad/utf8.h"
#include "json_writer.h"

namespace dyad {

void AppendJsonString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  *out += '"';
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      default:
        *out += "\\u00";
        *out += kHex[c >> 4];
        *out += kHex[c & 15];
    }
  }
  out->append(s.substr(run));
  *out += '"';
}

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
  // Filled by the entity, quotation and event stages.
  w.Key("entities").BeginArray().EndArray();
  w.Key("quotes").BeginArray().EndArray();
  w.Key("events").BeginArray().EndArray();
  w.EndObject();
  out += '\n';
  return out;
}

}  // namespace

std::string FormatDocument(const Document& doc, const OutputOptions& options) {
  if (options.format == OutputFormat::kConllu) {
    std::ostringstream os;
    WriteConllu(doc, os);
    return os.str();
  }
  return FormatJsonl(doc, options);
}

}  // namespace dyad
