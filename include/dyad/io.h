// dyad/io.h: reading articles from plain text, JSON Lines, HTML and WARC.
//
// Readers stream: one article at a time, so memory stays bounded whatever the
// input size. A problem with one record (a malformed JSON line, a broken WARC
// record, invalid UTF-8) is reported through Diagnostics, naming the file and
// line or record, and reading goes on with the next record.
#ifndef DYAD_IO_H_
#define DYAD_IO_H_

#include <cstddef>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

enum class InputFormat { kAuto, kText, kJsonl, kHtml, kWarc };

// "txt", "jsonl", "html", "warc" (and "auto") <-> InputFormat.
Result<InputFormat> ParseInputFormat(std::string_view name);

struct ReadOptions {
  // Articles whose text is larger than this are refused with an error.
  size_t max_article_bytes = 5u << 20;
  // HTML pages (files or WARC payloads) larger than this are refused with an
  // error before they are parsed: markup is several times the text it holds.
  size_t max_html_bytes = 64u << 20;
  // Date (YYYY-MM-DD) given to articles whose input has none.
  std::optional<std::string> default_date;
  // Format of every input; kAuto decides from the file name (.txt, .jsonl,
  // .html/.htm, .warc/.warc.gz) and, for stdin or unknown names, the content.
  InputFormat format = InputFormat::kAuto;
};

// Receives what went wrong while reading. An error means something was lost
// (a record skipped) and the run should end with a non-zero status; a warning
// means the input was repaired (invalid UTF-8) and nothing was lost.
struct Diagnostics {
  std::function<void(const std::string& message)> error;
  std::function<void(const std::string& message)> warning;
};

// One input named on the command line after expansion: a file, or "-".
struct InputSource {
  std::string path;  // "-" for standard input
  InputFormat format = InputFormat::kAuto;
};

// Expands files and directories (walked recursively, in sorted order; only
// files with a known extension are taken from directories) into sources.
// Fails before any work starts when a path does not exist.
Result<std::vector<InputSource>> ExpandInputs(const std::vector<std::string>& paths,
                                              const ReadOptions& options);

// One input's articles, in input order. Not thread-safe: one thread reads a
// reader; readers of different inputs are independent.
class ArticleReader {
 public:
  virtual ~ArticleReader() = default;
  // Fills *article and returns true, or returns false at the end of input.
  // Records that cannot be read are reported to Diagnostics and skipped.
  virtual bool Next(Article* article) = 0;
};

// Opens one source. Fails (IOError, NotFound) when it cannot be opened.
// `diagnostics` must outlive the reader.
Result<std::unique_ptr<ArticleReader>> OpenReader(const InputSource& source,
                                                  const ReadOptions& options,
                                                  const Diagnostics* diagnostics);

// Readers over a stream, used by OpenReader, the tests and the fuzz targets.
// `name` is used in messages and for stable ids. JSON Lines and WARC readers
// stream record by record; a text or HTML input is one article.
std::unique_ptr<ArticleReader> NewTextReader(std::string name, std::unique_ptr<std::istream> in,
                                             const ReadOptions& options,
                                             const Diagnostics* diagnostics);
std::unique_ptr<ArticleReader> NewJsonlReader(std::string name, std::unique_ptr<std::istream> in,
                                              const ReadOptions& options,
                                              const Diagnostics* diagnostics);
std::unique_ptr<ArticleReader> NewHtmlReader(std::string name, std::unique_ptr<std::istream> in,
                                             const ReadOptions& options,
                                             const Diagnostics* diagnostics);
// The stream may be gzip-compressed (a .warc.gz, member by member); it is
// decompressed as it is read.
std::unique_ptr<ArticleReader> NewWarcReader(std::string name, std::unique_ptr<std::istream> in,
                                             const ReadOptions& options,
                                             const Diagnostics* diagnostics);

}  // namespace dyad

#endif  // DYAD_IO_H_
