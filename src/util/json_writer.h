// The project's JSON writer, for the hot paths (dyad/1 output, the API's
// answers): appends to one string, with no tree of values in between. A
// byte that is not part of valid UTF-8 is written as U+FFFD, so the output
// is always valid JSON.
#ifndef DYAD_UTIL_JSON_WRITER_H_
#define DYAD_UTIL_JSON_WRITER_H_

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace dyad {

namespace json_detail {

// Length of the valid UTF-8 sequence at p[0..n) (p[0] >= 0x80), 0 if invalid
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
inline size_t Utf8SequenceLength(const unsigned char* p, size_t n) {
  const unsigned char c = p[0];
  auto cont = [&](size_t i) { return i < n && (p[i] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (c == 0xED && p[1] >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (c == 0xF4 && p[1] >= 0x90) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

// Appends `s` escaped for a JSON string; each byte that does not start a
// valid UTF-8 sequence becomes U+FFFD.
inline void AppendEscaped(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t run = 0;  // start of the pending bytes that need no escaping
  for (size_t i = 0; i < n;) {
    // Eight plain ASCII bytes at a time: none below 0x20, '"', '\\' or
    // 0x80 and up (SWAR: a byte's high bit marks each kind).
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    while (i + 8 <= n) {
      uint64_t v;
      std::memcpy(&v, p + i, 8);
      const uint64_t quote = v ^ (kOnes * '"'), backslash = v ^ (kOnes * '\\');
      const uint64_t special = (v | ((v - kOnes * 0x20) & ~v) | ((quote - kOnes) & ~quote) |
                                ((backslash - kOnes) & ~backslash)) & kHigh;
      if (special != 0) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const size_t len = Utf8SequenceLength(p + i, n - i);
      if (len != 0) {
        i += len;
        continue;
      }
      out->append(s.data() + run, i - run);
      out->append("\xEF\xBF\xBD");
      run = ++i;
      continue;
    }
    out->append(s.data() + run, i - run);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out->append(esc, 6);
      }
    }
    run = ++i;
  }
  out->append(s.data() + run, n - run);
}

}  // namespace json_detail

// Appends `s` as a JSON string literal, quotes included.
inline void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  json_detail::AppendEscaped(s, out);
  out->push_back('"');
}

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  JsonWriter& BeginObject() { Sep(); out_->push_back('{'); first_ = true; return *this; }
  JsonWriter& EndObject() { out_->push_back('}'); first_ = false; return *this; }
  JsonWriter& BeginArray() { Sep(); out_->push_back('['); first_ = true; return *this; }
  JsonWriter& EndArray() { out_->push_back(']'); first_ = false; return *this; }
  // An object key (plain ASCII, written as is); its value follows.
  JsonWriter& Key(std::string_view k) {
    char buf[64];
    if (k.size() + 4 <= sizeof buf) {  // one append: the separator, the quoted key, the colon
      size_t n = 0;
      if (!first_) buf[n++] = ',';
      buf[n++] = '"';
      k.copy(buf + n, k.size());
      n += k.size();
      buf[n++] = '"';
      buf[n++] = ':';
      out_->append(buf, n);
    } else {
      Sep();
      out_->push_back('"');
      out_->append(k);
      out_->append("\":");
    }
    first_ = true;
    return *this;
  }
  JsonWriter& String(std::string_view s) { Sep(); AppendJsonString(s, out_); return *this; }
  // null for an empty string (the API's "none").
  JsonWriter& StringOrNull(std::string_view s) { return s.empty() ? Null() : String(s); }
  JsonWriter& Null() { Sep(); out_->append("null"); return *this; }
  // Appends an already serialised JSON value.
  JsonWriter& Raw(std::string_view json) { Sep(); out_->append(json); return *this; }
  JsonWriter& Bool(bool b) { Sep(); out_->append(b ? "true" : "false"); return *this; }
  JsonWriter& Int(int64_t v) {
    Sep();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_->append(buf, r.ptr);
    return *this;
  }
  // Shortest form that reads back the same double, with ".0" on whole
  // numbers (as JSON libraries write them); NaN and infinities as null.
  JsonWriter& Double(double v) {
    Sep();
    if (!std::isfinite(v)) {
      out_->append("null");
      return *this;
    }
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_->append(buf, r.ptr);
    if (std::string_view(buf, static_cast<size_t>(r.ptr - buf)).find_first_of(".e") == std::string_view::npos) {
      out_->append(".0");
    }
    return *this;
  }

 private:
  void Sep() {
    if (!first_) out_->push_back(',');
    first_ = false;
  }
  std::string* out_;
  bool first_ = true;
};

}  // namespace dyad

#endif  // DYAD_UTIL_JSON_WRITER_H_
