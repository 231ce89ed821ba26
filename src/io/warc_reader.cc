// WARC/1.0 and 1.1 (ISO 28500), plain or gzip-compressed member by member,
// as Common Crawl's news crawl publishes it. Each "response" record whose HTTP
// payload is HTML becomes one article; other records are skipped.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "dyad/io.h"
#include "io/gzip_streambuf.h"
#include "io/html_internal.h"
#include "io/io_internal.h"

namespace dyad {
namespace {

using io_internal::AsciiLower;
using io_internal::ReportError;
using io_internal::TrimWhitespace;

constexpr size_t kMaxHeaderLine = 64 << 10;
constexpr size_t kMaxHeaderLines = 512;
// Enough for the HTTP status line and headers of any sane response.
constexpr size_t kHttpHeadBytes = 64 << 10;
constexpr char kSkipNote[] = "; skipping to the next record";

using Headers = std::vector<std::pair<std::string, std::string>>;  // lower-case name, value

std::string_view Header(const Headers& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return {};
}

// "<urn:uuid:...>" -> "urn:uuid:..." (WARC/1.0 writes angle brackets; 1.1 does not).
std::string StripAngles(std::string_view v) {
  v = TrimWhitespace(v);
  if (v.size() >= 2 && v.front() == '<' && v.back() == '>') v = v.substr(1, v.size() - 2);
  return std::string(v);
}

std::optional<uint64_t> ParseLength(std::string_view v) {
  v = TrimWhitespace(v);
  if (v.empty() || v.size() > 15) return std::nullopt;
  uint64_t n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

// A folded header line continues the value before it.
void AppendFolded(std::string_view continuation, std::string* value) {
  value->push_back(' ');
  value->append(continuation);
}

// Parses "Name: value" lines (with folded continuation lines) of an HTTP
// header block.
Headers ParseHttpHeaders(std::string_view block) {
  Headers headers;
  size_t i = 0;
  while (i < block.size()) {
    size_t eol = block.find('\n', i);
    std::string_view line =
        block.substr(i, eol == std::string_view::npos ? std::string_view::npos : eol - i);
    i = eol == std::string_view::npos ? block.size() : eol + 1;
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !headers.empty()) {
      AppendFolded(TrimWhitespace(line), &headers.back().second);
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    headers.emplace_back(AsciiLower(TrimWhitespace(line.substr(0, colon))),
                         std::string(TrimWhitespace(line.substr(colon + 1))));
  }
  return headers;
}

// Whether the payload looks like HTML (the start of the WHATWG sniffing table).
bool SniffHtml(std::string_view payload) {
  if (payload.starts_with("\xEF\xBB\xBF")) payload.remove_prefix(3);
  payload = io_internal::TrimWhitespace(payload.substr(0, 1024));
  static constexpr std::string_view kStarts[] = {"<!doctype html",
                                                 "<html",
                                                 "<head",
                                                 "<script",
                                                 "<iframe",
                                                 "<h1",
                                                 "<div",
                                                 "<font",
                                                 "<table",
                                                 "<a",
                                                 "<style",
                                                 "<title",
                                                 "<b",
                                                 "<body",
                                                 "<br",
                                                 "<p",
                                                 "<!--"};
  for (std::string_view s : kStarts) {
    if (io_internal::StartsWithIgnoreCase(payload, s)) {
      if (s == "<!--") return true;
      char next = payload.size() > s.size() ? payload[s.size()] : '>';
      if (next == ' ' || next == '>' || next == '\t' || next == '\n' || next == '\r') return true;
    }
  }
  return false;
}

// Decodes a chunked transfer-coding; false when it is malformed.
bool Dechunk(std::string_view in, std::string* out) {
  out->clear();
  size_t i = 0;
  for (;;) {
    size_t eol = in.find('\n', i);
    if (eol == std::string_view::npos) return false;
    std::string_view line = in.substr(i, eol - i);
    line = TrimWhitespace(line.substr(0, line.find(';')));
    if (line.empty() || line.size() > 12) return false;
    uint64_t size = 0;
    for (char c : line) {
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return false;
      size = size * 16 + static_cast<uint64_t>(d);
    }
    i = eol + 1;
    if (size == 0) return true;  // trailers, if any, are of no interest
    if (size > in.size() - i) return false;
    out->append(in.substr(i, size));
    i += size;
    if (i < in.size() && in[i] == '\r') ++i;
    if (i < in.size() && in[i] == '\n') ++i;
  }
}

class WarcReader : public ArticleReader {
 public:
  WarcReader(std::string name, std::unique_ptr<std::istream> in, const ReadOptions& options,
             const Diagnostics* diagnostics)
      : name_(std::move(name)), in_(std::move(in)), options_(options), diagnostics_(diagnostics) {
    if (in_->peek() == 0x1f) {  // gzip magic; a WARC file starts with 'W'
      gzip_ = std::make_unique<io_internal::GzipStreamBuf>(in_.get());
      buf_ = gzip_.get();
    } else {
      buf_ = in_->rdbuf();
    }
  }

  bool Next(Article* article) override {
    while (!done_) {
      std::string line;
      uint64_t record_offset;
      if (have_pending_) {
        line = std::move(pending_line_);
        record_offset = pending_offset_;
        have_pending_ = false;
      } else if (!ReadFirstLine(&line, &record_offset)) {
        if (gzip_ != nullptr && gzip_->corrupt() && ResumeAfterCorruptGzip(CountCorruptRecord()))
          continue;
        done_ = true;
        break;
      }
      ++record_;
      where_ = name_ + "#record " + std::to_string(record_) + " (offset " +
               std::to_string(record_offset) + ")";
      if (!line_ended_) {  // the input ends inside the first line
        Truncated();
        continue;
      }
      if (!line.starts_with("WARC/")) {
        ReportError(diagnostics_,
                    where_ + ": no WARC/ version line where a record should start" + kSkipNote);
        Resync();
        continue;
      }
      if (ReadRecord(article)) return true;
    }
    if (gzip_ != nullptr && !gzip_->error().empty() && !gzip_error_reported_) {
      gzip_error_reported_ = true;
      ReportError(diagnostics_, name_ + " (after record " + std::to_string(record_) +
                                    "): " + gzip_->error() + "; the records before it were read");
    }
    // An empty input still gives one (empty) article, as every reader does.
    if (pos_ == 0 && record_ == 0 && !empty_article_given_ &&
        (gzip_ == nullptr || gzip_->error().empty())) {
      empty_article_given_ = true;
      *article = Article();
      return io_internal::FinishArticle(name_, options_, diagnostics_, article);
    }
    return false;
  }

 private:
  // The first non-blank line (blank lines separate records) and the offset of
  // the record it starts: the gzip member's for compressed input.
  bool ReadFirstLine(std::string* line, uint64_t* offset) {
    for (;;) {
      // Peeking first makes the gzip reader start the next member, so that
      // member_offset() is that of this line.
      if (buf_->sgetc() == std::char_traits<char>::eof()) return false;
      *offset = gzip_ != nullptr ? gzip_->member_offset() : pos_;
      if (!ReadLine(line)) return false;
      if (!TrimWhitespace(*line).empty()) return true;
    }
  }

  bool ReadLine(std::string* line) {
    io_internal::Line l;
    if (!io_internal::ReadLine(buf_, kMaxHeaderLine, line, &l)) return false;
    pos_ += l.consumed;
    if (!line->empty() && line->back() == '\r') line->pop_back();
    line_too_long_ = l.length > kMaxHeaderLine;
    line_ended_ = l.consumed > l.length;
    return true;
  }

  // Skips lines until one that starts a record, and keeps it for Next().
  void Resync() {
    std::string line;
    uint64_t offset;
    for (;;) {
      if (!ReadFirstLine(&line, &offset)) {
        if (gzip_ != nullptr && gzip_->corrupt() && ResumeAfterCorruptGzip(CountCorruptRecord()))
          continue;
        break;
      }
      if (line.starts_with("WARC/1.")) {
        pending_line_ = std::move(line);
        pending_offset_ = offset;
        have_pending_ = true;
        return;
      }
    }
    done_ = true;
  }

  // Corrupt gzip data where a record should start counts as a record, so that
  // the numbers of the records after it stay right. Returns its name.
  std::string CountCorruptRecord() {
    ++record_;
    return name_ + "#record " + std::to_string(record_) + " (offset " +
           std::to_string(gzip_->member_offset()) + ")";
  }

  // Where the data ended at corrupt gzip data: reports it against `where` and
  // goes on with the next gzip member (Common Crawl starts a record with
  // each), returning false when there is none.
  bool ResumeAfterCorruptGzip(const std::string& where) {
    if (gzip_ == nullptr || !gzip_->corrupt()) return false;
    ReportError(diagnostics_, where + ": " + gzip_->error() + "; skipping to the next gzip member");
    bool resumed = gzip_->Resume();
    gzip_error_reported_ = !resumed;
    return resumed;
  }

  // Reads (up to) n bytes of the record block; keeps at most `keep` of them
  // appended to *out (when not null). Returns the number of bytes read.
  uint64_t ReadBlock(uint64_t n, std::string* out, uint64_t keep) {
    char buf[1 << 16];
    uint64_t done = 0;
    while (done < n) {
      std::streamsize want = static_cast<std::streamsize>(std::min<uint64_t>(sizeof buf, n - done));
      std::streamsize got = buf_->sgetn(buf, want);
      if (got <= 0) break;
      if (out != nullptr && done < keep) {
        out->append(
            buf, static_cast<size_t>(std::min<uint64_t>(static_cast<uint64_t>(got), keep - done)));
      }
      done += static_cast<uint64_t>(got);
      pos_ += static_cast<uint64_t>(got);
      if (got < want) break;
    }
    return done;
  }

  // Reports a record that the input ends inside of; the input is over,
  // unless it ended at corrupt gzip data and another member follows.
  void Truncated() {
    if (gzip_ != nullptr && gzip_->corrupt()) {
      if (!ResumeAfterCorruptGzip(where_)) done_ = true;
      return;
    }
    std::string why =
        gzip_ != nullptr && !gzip_->error().empty() ? " (" + gzip_->error() + ")" : "";
    gzip_error_reported_ = true;
    std::string what = block_length_ ? "Content-Length is " + std::to_string(*block_length_) +
                                           " but the input ends after " +
                                           std::to_string(pos_ - block_start_) + " bytes"
                                     : "the input ends inside the header";
    ReportError(diagnostics_, where_ + ": truncated record: " + what + why);
    done_ = true;
  }

  // Reads the record whose version line has been read; true when it gave an
  // article.
  bool ReadRecord(Article* article) {
    Headers headers;
    block_length_.reset();
    for (;;) {
      std::string line;
      if (!ReadLine(&line) || !line_ended_) {
        Truncated();
        return false;
      }
      if (line_too_long_ || headers.size() >= kMaxHeaderLines) {
        ReportError(diagnostics_, where_ + ": WARC header too long" + kSkipNote);
        Resync();
        return false;
      }
      if (line.empty()) break;
      if ((line[0] == ' ' || line[0] == '\t') && !headers.empty()) {
        AppendFolded(TrimWhitespace(line), &headers.back().second);
        continue;
      }
      size_t colon = line.find(':');
      if (colon == std::string::npos) {
        ReportError(diagnostics_, where_ + ": malformed WARC header line \"" + line.substr(0, 60) +
                                      "\"" + kSkipNote);
        Resync();
        return false;
      }
      headers.emplace_back(AsciiLower(TrimWhitespace(std::string_view(line).substr(0, colon))),
                           std::string(TrimWhitespace(std::string_view(line).substr(colon + 1))));
    }
    std::optional<uint64_t> length = ParseLength(Header(headers, "content-length"));
    if (!length) {
      ReportError(diagnostics_, where_ + ": missing or invalid Content-Length" + kSkipNote);
      Resync();
      return false;
    }
    block_length_ = length;
    block_start_ = pos_;
    if (AsciiLower(Header(headers, "warc-type")) != "response") return Skip(*length);

    // The HTTP head decides whether the payload is worth reading.
    std::string block;
    uint64_t got = ReadBlock(std::min<uint64_t>(*length, kHttpHeadBytes), &block, kHttpHeadBytes);
    if (got < std::min<uint64_t>(*length, kHttpHeadBytes)) {
      Truncated();
      return false;
    }
    if (!block.starts_with("HTTP/"))
      return Skip(*length - got);  // not an HTTP response (dns:, ...)
    size_t head_end = block.find("\r\n\r\n");
    size_t body_start = head_end == std::string::npos ? std::string::npos : head_end + 4;
    if (size_t lf = block.find("\n\n"); lf != std::string::npos && lf < head_end) {
      head_end = lf;
      body_start = lf + 2;
    }
    if (head_end == std::string::npos) {
      if (*length > got) {
        ReportError(diagnostics_, where_ + ": HTTP headers longer than " +
                                      std::to_string(kHttpHeadBytes) + " bytes; record skipped");
      }
      return Skip(*length - got);
    }
    std::string_view head(block.data(), head_end);
    size_t status_end = head.find('\n');
    std::string_view status_line = head.substr(0, status_end);
    Headers http =
        ParseHttpHeaders(status_end == std::string_view::npos ? "" : head.substr(status_end + 1));
    // Redirects and errors carry no article.
    size_t sp = status_line.find(' ');
    if (sp == std::string_view::npos || sp + 1 >= status_line.size() ||
        status_line[sp + 1] != '2') {
      return Skip(*length - got);
    }
    std::string content_type = AsciiLower(Header(http, "content-type"));
    std::string media(
        TrimWhitespace(std::string_view(content_type).substr(0, content_type.find(';'))));
    bool html = media == "text/html" || media == "application/xhtml+xml";
    bool unknown = media.empty() || media == "application/octet-stream" ||
                   media == "unknown/unknown" || media == "application/unknown" || media == "*/*";
    if (!html && !(unknown && SniffHtml(std::string_view(block).substr(body_start)))) {
      return Skip(*length - got);
    }
    uint64_t payload_size = *length - body_start;
    if (payload_size > options_.max_html_bytes) {
      ReportError(diagnostics_, where_ + ": HTML page of " + std::to_string(payload_size) +
                                    " bytes exceeds the limit of " +
                                    std::to_string(options_.max_html_bytes) + " bytes; skipped");
      return Skip(*length - got);
    }
    uint64_t rest = *length - got;
    uint64_t more = ReadBlock(rest, &block, rest);
    if (more < rest) {
      Truncated();
      return false;
    }

    std::string payload = block.substr(body_start);
    block.clear();
    if (AsciiLower(Header(http, "transfer-encoding")).find("chunked") != std::string::npos) {
      std::string dechunked;
      if (!Dechunk(payload, &dechunked)) {
        ReportError(diagnostics_, where_ + ": malformed chunked transfer-encoding; record skipped");
        return false;
      }
      payload.swap(dechunked);
    }
    std::string encoding = AsciiLower(TrimWhitespace(Header(http, "content-encoding")));
    if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
      std::string inflated, error;
      if (!io_internal::InflateBuffer(payload, options_.max_html_bytes, &inflated, &error)) {
        ReportError(diagnostics_,
                    where_ + ": Content-Encoding " + encoding + ": " + error + "; record skipped");
        return false;
      }
      payload.swap(inflated);
    } else if (!encoding.empty() && encoding != "identity") {
      ReportError(diagnostics_, where_ + ": unsupported Content-Encoding \"" +
                                    encoding.substr(0, 40) + "\"; record skipped");
      return false;
    }

    *article = Article();
    if (!io_internal::HtmlToArticle(payload, io_internal::CharsetOfContentType(content_type),
                                    where_, 0, diagnostics_, article)) {
      return false;
    }
    // A page that yields no text (an index page, a login wall) is no article.
    if (article->text.empty()) return false;
    // The fetched URI is the record's provenance; the page's canonical link
    // is only used when the record has none.
    std::string target = StripAngles(Header(headers, "warc-target-uri"));
    io_internal::RepairUtf8(&target, where_ + ": WARC-Target-URI", 0, diagnostics_);
    if (!target.empty()) {
      article->url = target;
      if (!article->source) article->source = io_internal::HostOfUrl(target);
      if (article->source && article->source->empty()) article->source.reset();
    }
    article->id = StripAngles(Header(headers, "warc-record-id"));
    io_internal::RepairUtf8(&article->id, where_ + ": WARC-Record-ID", 0, diagnostics_);
    // The page's publication date beats the crawl date, which can be days
    // later and would misplace "on Tuesday".
    if (!article->date) article->date = io_internal::NormalizeDate(Header(headers, "warc-date"));
    return io_internal::FinishArticle(where_, options_, diagnostics_, article);
  }

  // Skips the rest of a record block; false (no article) in any case.
  bool Skip(uint64_t n) {
    uint64_t got = ReadBlock(n, nullptr, 0);
    if (got < n) Truncated();
    return false;
  }

  std::string name_;
  std::unique_ptr<std::istream> in_;
  ReadOptions options_;
  const Diagnostics* diagnostics_;
  std::unique_ptr<io_internal::GzipStreamBuf> gzip_;
  std::streambuf* buf_;  // gzip_ or in_'s buffer
  uint64_t pos_ = 0;     // bytes read from buf_ (decompressed)
  uint64_t record_ = 0;
  std::string where_;
  std::optional<uint64_t> block_length_;  // of the current record, once known
  uint64_t block_start_ = 0;              // pos_ where its block starts
  bool line_too_long_ = false;
  bool line_ended_ = false;  // the last line read ended with '\n'
  bool have_pending_ = false;
  std::string pending_line_;
  uint64_t pending_offset_ = 0;
  bool done_ = false;
  bool gzip_error_reported_ = false;
  bool empty_article_given_ = false;
};

}  // namespace

std::unique_ptr<ArticleReader> NewWarcReader(std::string name, std::unique_ptr<std::istream> in,
                                             const ReadOptions& options,
                                             const Diagnostics* diagnostics) {
  return std::make_unique<WarcReader>(std::move(name), std::move(in), options, diagnostics);
}

}  // namespace dyad
