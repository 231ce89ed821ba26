// io_internal.h: helpers shared by the article readers (not part of the API).
#ifndef DYAD_IO_IO_INTERNAL_H_
#define DYAD_IO_IO_INTERNAL_H_

#include "util/ascii.h"
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>

#include "dyad/document.h"
#include "dyad/io.h"

namespace dyad::io_internal {

// Diagnostics may leave either callback empty; these check.
void ReportError(const Diagnostics* diagnostics, const std::string& message);
void ReportWarning(const Diagnostics* diagnostics, const std::string& message);

// Replaces invalid UTF-8 in *text with U+FFFD and warns "<where>: invalid
// UTF-8 at byte offset N replaced", N being `base_offset` plus the offset of
// the first bad byte in *text (so that it points into the input file).
void RepairUtf8(std::string* text, const std::string& where, uint64_t base_offset,
                const Diagnostics* diagnostics);

// "<where>: article of N bytes exceeds the limit of M bytes (--max-article-bytes)".
std::string OversizeMessage(const std::string& where, uint64_t size, size_t limit);

// The last step of every reader: refuses an article over the size limit (an
// error; returns false), fills the default date and the content id, and sets
// the origin to `where`.
bool FinishArticle(const std::string& where, const ReadOptions& options,
                   const Diagnostics* diagnostics, Article* article);

// 16 hex digits of the 64-bit FNV-1a hash of title, url and text: the same
// article gets the same id whichever file or format it was read from.
std::string ContentId(const Article& article);

// "2019-01-08", "2019-01-08T10:00:00Z", "2019-01-08 10:00:00+02:00" ->
// "2019-01-08" (the calendar date as written, no time zone conversion);
// nullopt when `date` does not start with a valid ISO 8601 calendar date.
std::optional<std::string> NormalizeDate(std::string_view date);

std::string_view TrimWhitespace(std::string_view s);  using ::dyad::AsciiLower;  // util/ascii.h
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);

// One line read by ReadLine.
struct Line {
  uint64_t consumed = 0;  // bytes taken from the stream, newline included
  uint64_t length = 0;    // bytes of the line without its '\n' (may exceed what was kept)
};

// Reads up to and including the next '\n' (or the end of the stream) and
// keeps at most `max_keep` bytes of it in *text, without the '\n'. The rest of
// a longer line is consumed and counted, never stored, so that one huge line
// cannot exhaust memory. Returns false when the stream was already at its end.
bool ReadLine(std::streambuf* in, size_t max_keep, std::string* text, Line* line);

// Reads the stream to its end, keeping at most `max_keep` bytes in *out;
// returns the number of bytes the stream had.
uint64_t ReadAll(std::streambuf* in, size_t max_keep, std::string* out);

// An istream that owns its streambuf.
class OwningIstream : public std::istream {
 public:
  explicit OwningIstream(std::unique_ptr<std::streambuf> buf)
      : std::istream(nullptr), buf_(std::move(buf)) {
    rdbuf(buf_.get());
  }

 private:
  std::unique_ptr<std::streambuf> buf_;
};

}  // namespace dyad::io_internal

#endif  // DYAD_IO_IO_INTERNAL_H_
