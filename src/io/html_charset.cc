// Charset decoding of HTML documents: UTF-8 and windows-1252 (which HTML
// uses for ISO-8859-1 and ASCII labels too, per the WHATWG Encoding spec).
#include <cstdint>

#include "dyad/utf8.h"
#include "io/html_internal.h"
#include "io/io_internal.h"

namespace dyad::io_internal {
namespace {

enum class Charset { kUtf8, kWindows1252, kOther };

Charset CharsetOfLabel(std::string_view label) {
  std::string l = AsciiLower(TrimWhitespace(label));
  if (l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8") return Charset::kUtf8;
  static constexpr std::string_view k1252[] = {
      "windows-1252",    "cp1252",     "x-cp1252", "iso-8859-1", "iso8859-1",
      "iso_8859-1",      "iso88591",   "latin1",   "l1",         "cp819",
      "ibm819",          "iso-ir-100", "us-ascii", "ascii",      "ansi_x3.4-1968",
      "iso_8859-1:1987", "csisolatin1"};
  for (std::string_view name : k1252) {
    if (l == name) return Charset::kWindows1252;
  }
  return Charset::kOther;
}

// windows-1252 bytes 0x80-0x9F; the others map to the same code point.
constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::string Windows1252ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      utf8::Append(c < 0xA0 ? kWindows1252High[c - 0x80] : c, &out);
    }
  }
  return out;
}

// The label after "charset" in `s` (which starts just after "charset"), as in
// `charset="utf-8"` or `content="text/html; charset=iso-8859-1"`.
std::string LabelAfterCharset(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i >= s.size() || s[i] != '=') return "";
  ++i;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '"' || s[i] == '\'')) ++i;
  size_t end = i;
  while (end < s.size() && s[end] != '"' && s[end] != '\'' && s[end] != ';' && s[end] != ' ' &&
         s[end] != '>' && s[end] != '/' && s[end] != '\t') {
    ++end;
  }
  return AsciiLower(s.substr(i, end - i));
}

// The charset of the first <meta> tag in the first 4 KiB that declares one
// (HTML's "prescan"; simplified: no comment or attribute-order subtleties).
std::string PrescanMetaCharset(std::string_view html) {
  std::string head = AsciiLower(html.substr(0, 4096));
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    size_t end = head.find('>', pos);
    std::string_view tag = std::string_view(head).substr(
        pos, end == std::string::npos ? std::string::npos : end - pos);
    size_t cs = tag.find("charset");
    if (cs != std::string_view::npos) {
      std::string label = LabelAfterCharset(tag.substr(cs + 7));
      if (!label.empty()) return label;
    }
    if (end == std::string::npos) break;
    pos = end;
  }
  return "";
}

}  // namespace

std::string CharsetOfContentType(std::string_view content_type) {
  std::string lower = AsciiLower(content_type);
  size_t cs = lower.find("charset");
  if (cs == std::string::npos) return "";
  return LabelAfterCharset(std::string_view(lower).substr(cs + 7));
}

std::string DecodeHtml(std::string_view bytes, std::string_view http_charset,
                       const std::string& where, uint64_t base_offset,
                       const Diagnostics* diagnostics) {
  std::string label(http_charset);
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    // A byte order mark overrides any declaration (WHATWG "BOM sniffing").
    bytes.remove_prefix(3);
    base_offset += 3;
    label = "utf-8";
  } else if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    label = "utf-16";
  }
  if (label.empty()) label = PrescanMetaCharset(bytes);
  Charset charset = label.empty() ? Charset::kUtf8 : CharsetOfLabel(label);
  if (charset == Charset::kWindows1252) return Windows1252ToUtf8(bytes);

  std::string out;
  size_t bad = utf8::Repair(bytes, &out);
  if (bad != utf8::npos) {
    std::string what = charset == Charset::kOther ? "charset \"" + label.substr(0, 40) +
                                                        "\" is not supported: read as UTF-8, "
                                                  : std::string();
    ReportWarning(diagnostics, where + ": " + what + "invalid UTF-8 at byte offset " +
                                   std::to_string(base_offset + bad) + " replaced with U+FFFD");
  }
  return out;
}

}  // namespace dyad::io_internal
