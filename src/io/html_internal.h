// html_internal.h: main-text extraction from HTML and charset decoding,
// shared by the HTML and WARC readers.
#ifndef DYAD_IO_HTML_INTERNAL_H_
#define DYAD_IO_HTML_INTERNAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dyad/document.h"
#include "dyad/io.h"
#include "dyad/status.h"

namespace dyad::io_internal {

// What ExtractHtml finds in a page.
struct HtmlContent {
  std::optional<std::string> title;      // og:title, else <h1> of the content, else <title>
  std::optional<std::string> url;        // <link rel=canonical>, else og:url (absolute only)
  std::optional<std::string> date;       // publication date, YYYY-MM-DD
  std::optional<std::string> site_name;  // og:site_name
  std::string text;                      // paragraphs separated by "\n\n"
  // A date that the page gives but that is not ISO 8601 (reported by callers).
  std::optional<std::string> unparsed_date;
};

// Extracts the main text of a page. REQUIRES: `html` is valid UTF-8.
// Fails (Unsupported) for pages nested so deeply that parsing them would take
// minutes (the HTML parser is quadratic in the nesting depth).
Status ExtractHtml(std::string_view html, HtmlContent* content);

// Converts an HTML document to UTF-8. The charset is taken from `http_charset`
// (the Content-Type header's), else a byte order mark, else a <meta> tag in
// the first 4 KiB. UTF-8 and ISO-8859-1/windows-1252 (and ASCII) are decoded;
// undeclared or other charsets are read as UTF-8 with invalid bytes replaced
// and a warning "<where>: ...".
std::string DecodeHtml(std::string_view bytes, std::string_view http_charset,
                       const std::string& where, uint64_t base_offset,
                       const Diagnostics* diagnostics);

// The charset parameter of a Content-Type value ("text/html; charset=UTF-8"
// -> "utf-8"), or "".
std::string CharsetOfContentType(std::string_view content_type);

// Decodes, extracts and fills title, url, date, source (og:site_name, else
// the url's host) and text of *article. Problems are reported against `where`.
// Returns false (after an error) when the page cannot be read.
bool HtmlToArticle(std::string_view bytes, std::string_view http_charset, const std::string& where,
                   uint64_t base_offset, const Diagnostics* diagnostics, Article* article);

// "https://www.example.com:8080/a/b" -> "www.example.com"; "" if not a URL.
std::string HostOfUrl(std::string_view url);

}  // namespace dyad::io_internal

#endif  // DYAD_IO_HTML_INTERNAL_H_
