// Plain text: the whole input is one article; its first non-empty line is the
// title when more text follows it. A text of one line (a sentence given on
// standard input, say) is all body and has no title.
#include <cstdint>
#include <utility>

#include "dyad/io.h"
#include "io/io_internal.h"

namespace dyad {
namespace {

using io_internal::TrimWhitespace;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

class TextReader : public ArticleReader {
 public:
  TextReader(std::string name, std::unique_ptr<std::istream> in, const ReadOptions& options,
             const Diagnostics* diagnostics)
      : name_(std::move(name)), in_(std::move(in)), options_(options), diagnostics_(diagnostics) {}

  bool Next(Article* article) override {
    if (done_) return false;
    done_ = true;
    *article = Article();
    // One byte over the limit is enough to know the article is refused; the
    // rest is counted, not kept.
    size_t keep = options_.max_article_bytes + (options_.max_article_bytes < SIZE_MAX ? 1 : 0);
    uint64_t size = io_internal::ReadAll(in_->rdbuf(), keep, &article->text);
    if (size > options_.max_article_bytes) {
      io_internal::ReportError(
          diagnostics_, io_internal::OversizeMessage(name_, size, options_.max_article_bytes));
      return false;
    }
    uint64_t offset = 0;
    // A byte order mark is an encoding signature, not text.
    if (std::string_view(article->text).starts_with(kUtf8Bom)) {
      article->text.erase(0, kUtf8Bom.size());
      offset = kUtf8Bom.size();
    }
    io_internal::RepairUtf8(&article->text, name_, offset, diagnostics_);
    FindTitle(article);
    return io_internal::FinishArticle(name_, options_, diagnostics_, article);
  }

 private:
  static void FindTitle(Article* article) {
    std::string_view text = article->text;
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      size_t end = nl == std::string_view::npos ? text.size() : nl;
      std::string_view line = text.substr(start, end - start);
      std::string_view title = TrimWhitespace(line);
      if (!title.empty()) {
        if (nl == std::string_view::npos ||
            TrimWhitespace(text.substr(nl + 1)).empty()) {
          return;  // nothing after it: the line is the body
        }
        uint32_t title_start = static_cast<uint32_t>(start + (title.data() - line.data()));
        article->title = std::string(title);
        article->title_span = Span{title_start, static_cast<uint32_t>(title_start + title.size())};
        article->body_start =
            static_cast<uint32_t>(nl == std::string_view::npos ? text.size() : nl + 1);
        return;
      }
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
  }

  std::string name_;
  std::unique_ptr<std::istream> in_;
  ReadOptions options_;
  const Diagnostics* diagnostics_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<ArticleReader> NewTextReader(std::string name, std::unique_ptr<std::istream> in,
                                             const ReadOptions& options,
                                             const Diagnostics* diagnostics) {
  return std::make_unique<TextReader>(std::move(name), std::move(in), options, diagnostics);
}

}  // namespace dyad
