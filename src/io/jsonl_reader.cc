// JSON Lines: one article per line, {"id", "url", "source", "date", "title",
// "text"} plus any other fields, which are carried through in extra_json.
#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <utility>

#include "dyad/io.h"
#include "dyad/utf8.h"
#include "io/io_internal.h"

namespace dyad {
namespace {

using Json = nlohmann::ordered_json;

// nlohmann's parser is iterative, but destroying and dumping a value recurse;
// a line of ten million '[' must not overflow the stack.
constexpr int kMaxNesting = 256;

// Deepest nesting of arrays and objects in `line` (brackets inside strings
// do not count). Cheap next to parsing.
int NestingDepth(std::string_view line) {
  int depth = 0, max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return max_depth;
}

// "[json.exception.parse_error.101] parse error at line 1, column 9: ..." ->
// "parse error at column 9: ...": the line is already in our prefix.
std::string CleanJsonError(std::string_view what) {
  size_t close = what.find("] ");
  if (close != std::string_view::npos) what.remove_prefix(close + 2);
  std::string s(what);
  if (size_t at = s.find("at line 1, "); at != std::string::npos) s.erase(at + 3, 8);
  return s;
}

class JsonlReader : public ArticleReader {
 public:
  JsonlReader(std::string name, std::unique_ptr<std::istream> in, const ReadOptions& options,
              const Diagnostics* diagnostics)
      : name_(std::move(name)), in_(std::move(in)), options_(options), diagnostics_(diagnostics) {
    // JSON escapes make a line longer than its text ("\u00e9" is 6 bytes for
    // 2); lines beyond this cannot hold an article within the limit.
    uint64_t cap = static_cast<uint64_t>(options_.max_article_bytes) * 6 + (1u << 20);
    max_line_bytes_ = cap > SIZE_MAX / 2 ? SIZE_MAX / 2 : static_cast<size_t>(cap);
  }

  bool Next(Article* article) override {
    std::string text;
    io_internal::Line line;
    while (io_internal::ReadLine(in_->rdbuf(), max_line_bytes_, &text, &line)) {
      ++line_number_;
      uint64_t line_offset = offset_;
      offset_ += line.consumed;
      std::string where = name_ + ":" + std::to_string(line_number_);
      if (line.length > max_line_bytes_) {
        io_internal::ReportError(diagnostics_,
                                 where + ": line of " + std::to_string(line.length) +
                                     " bytes cannot hold an article within the limit of " +
                                     std::to_string(options_.max_article_bytes) +
                                     " bytes (--max-article-bytes); skipped");
        continue;
      }
      if (line_number_ == 1 && std::string_view(text).starts_with("\xEF\xBB\xBF")) {
        text.erase(0, 3);
        line_offset += 3;
      }
      if (io_internal::TrimWhitespace(text).empty()) continue;
      if (ParseLine(&text, where, line_offset, article)) return true;
    }
    // An empty input still gives one (empty) article, as every reader does.
    if (offset_ == 0 && !empty_article_given_) {
      empty_article_given_ = true;
      *article = Article();
      return io_internal::FinishArticle(name_, options_, diagnostics_, article);
    }
    return false;
  }

 private:
  // Fills *article from one non-blank line; reports and returns false when
  // the line cannot be read.
  bool ParseLine(std::string* line, const std::string& where, uint64_t line_offset,
                 Article* article) {
    // nlohmann rejects invalid UTF-8 outright; repairing first keeps the
    // record, with a warning that points at the byte in the file.
    io_internal::RepairUtf8(line, where, line_offset, diagnostics_);
    if (NestingDepth(*line) > kMaxNesting) {
      io_internal::ReportError(diagnostics_, where + ": JSON nested deeper than " +
                                                 std::to_string(kMaxNesting) + " levels");
      return false;
    }
    Json record;
    try {
      record = Json::parse(*line);
    } catch (const Json::exception& e) {
      io_internal::ReportError(diagnostics_,
                               where + ": malformed JSON: " + CleanJsonError(e.what()));
      return false;
    }
    if (!record.is_object()) {
      io_internal::ReportError(
          diagnostics_, where + ": expected a JSON object, not " + std::string(record.type_name()));
      return false;
    }
    *article = Article();
    Json extra = Json::object();
    bool has_text = false;
    for (auto& [key, value] : record.items()) {
      std::optional<std::string>* field = nullptr;
      if (key == "text") {
        if (!value.is_string()) {
          io_internal::ReportError(diagnostics_, where + ": \"text\" must be a string, not " +
                                                     std::string(value.type_name()));
          return false;
        }
        article->text = value.get<std::string>();
        has_text = true;
        continue;
      }
      if (key == "id") {
        // Numeric ids are common in exports from databases.
        if (value.is_number_integer()) {
          article->id = value.dump();
        } else if (value.is_string()) {
          article->id = value.get<std::string>();
        } else if (!value.is_null()) {
          io_internal::ReportError(diagnostics_,
                                   where + ": \"id\" must be a string or an integer, not " +
                                       std::string(value.type_name()));
          return false;
        }
        continue;
      }
      if (key == "url") field = &article->url;
      if (key == "source") field = &article->source;
      if (key == "date") field = &article->date;
      if (key == "title") field = &article->title;
      if (field == nullptr) {
        extra[key] = std::move(value);
        continue;
      }
      if (value.is_null()) continue;
      if (!value.is_string()) {
        io_internal::ReportError(diagnostics_, where + ": \"" + key + "\" must be a string, not " +
                                                   std::string(value.type_name()));
        return false;
      }
      *field = value.get<std::string>();
    }
    if (!has_text) {
      io_internal::ReportError(diagnostics_, where + ": no \"text\" field");
      return false;
    }
    if (article->date) {
      std::optional<std::string> date = io_internal::NormalizeDate(*article->date);
      if (!date && !io_internal::TrimWhitespace(*article->date).empty()) {
        io_internal::ReportWarning(diagnostics_, where + ": date \"" + *article->date +
                                                     "\" is not YYYY-MM-DD; left empty");
      }
      article->date = std::move(date);
    }
    if (!extra.empty()) article->extra_json = extra.dump();
    return io_internal::FinishArticle(where, options_, diagnostics_, article);
  }

  std::string name_;
  std::unique_ptr<std::istream> in_;
  ReadOptions options_;
  const Diagnostics* diagnostics_;
  size_t max_line_bytes_;
  uint64_t line_number_ = 0;
  uint64_t offset_ = 0;
  bool empty_article_given_ = false;
};

}  // namespace

std::unique_ptr<ArticleReader> NewJsonlReader(std::string name, std::unique_ptr<std::istream> in,
                                              const ReadOptions& options,
                                              const Diagnostics* diagnostics) {
  return std::make_unique<JsonlReader>(std::move(name), std::move(in), options, diagnostics);
}

}  // namespace dyad
