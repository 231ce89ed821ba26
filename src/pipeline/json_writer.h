// A small JSON writer for the output hot path: appends to one string, no
// intermediate tree.
#ifndef DYAD_PIPELINE_JSON_WRITER_H_
#define DYAD_PIPELINE_JSON_WRITER_H_

#include <cstdint>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace dyad {

// Appends `s` (valid UTF-8) as a JSON string literal, quotes included.
void AppendJsonString(std::string_view s, std::string* out);

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}
  JsonWriter& BeginObject() { Sep(); *out_ += '{'; first_ = true; return *this; }
  JsonWriter& EndObject() { *out_ += '}'; first_ = false; return *this; }
  JsonWriter& BeginArray() { Sep(); *out_ += '['; first_ = true; return *this; }
  JsonWriter& EndArray() { *out_ += ']'; first_ = false; return *this; }
  JsonWriter& Key(std::string_view k) {
    Sep();
    AppendJsonString(k, out_);
    *out_ += ':';
    first_ = true;  // the value follows without a comma
    return *this;
  }
  JsonWriter& String(std::string_view s) { Sep(); AppendJsonString(s, out_); return *this; }
  JsonWriter& Null() { Sep(); *out_ += "null"; return *this; }
  JsonWriter& Bool(bool b) { Sep(); *out_ += b ? "true" : "false"; return *this; }
  JsonWriter& Int(int64_t v) { Sep(); *out_ += std::to_string(v); return *this; }
  // Shortest round-trip form; NaN and infinities (not JSON) as null.
  JsonWriter& Double(double v) {
    Sep();
    if (!std::isfinite(v)) {
      *out_ += "null";
      return *this;
    }
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_->append(buf, r.ptr);
    return *this;
  }
  // Appends an already serialised JSON value.
  JsonWriter& Raw(std::string_view json) { Sep(); *out_ += json; return *this; }

 private:
  void Sep() {
    if (!first_) *out_ += ',';
    first_ = false;
  }
  std::string* out_;
  bool first_ = true;
};

}  // namespace dyad

#endif  // DYAD_PIPELINE_JSON_WRITER_H_
