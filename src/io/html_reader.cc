// HTML: one page is one article; its main text is extracted (html_extract.cc).
#include <cstdint>
#include <utility>

#include "dyad/io.h"
#include "io/html_internal.h"
#include "io/io_internal.h"

namespace dyad {
namespace {

class HtmlReader : public ArticleReader {
 public:
  HtmlReader(std::string name, std::unique_ptr<std::istream> in, const ReadOptions& options,
             const Diagnostics* diagnostics)
      : name_(std::move(name)), in_(std::move(in)), options_(options), diagnostics_(diagnostics) {}

  bool Next(Article* article) override {
    if (done_) return false;
    done_ = true;
    *article = Article();
    std::string bytes;
    size_t keep = options_.max_html_bytes + (options_.max_html_bytes < SIZE_MAX ? 1 : 0);
    uint64_t size = io_internal::ReadAll(in_->rdbuf(), keep, &bytes);
    if (size > options_.max_html_bytes) {
      io_internal::ReportError(diagnostics_, name_ + ": HTML page of " + std::to_string(size) +
                                                 " bytes exceeds the limit of " +
                                                 std::to_string(options_.max_html_bytes) +
                                                 " bytes");
      return false;
    }
    if (!io_internal::HtmlToArticle(bytes, "", name_, 0, diagnostics_, article)) return false;
    return io_internal::FinishArticle(name_, options_, diagnostics_, article);
  }

 private:
  std::string name_;
  std::unique_ptr<std::istream> in_;
  ReadOptions options_;
  const Diagnostics* diagnostics_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<ArticleReader> NewHtmlReader(std::string name, std::unique_ptr<std::istream> in,
                                             const ReadOptions& options,
                                             const Diagnostics* diagnostics) {
  return std::make_unique<HtmlReader>(std::move(name), std::move(in), options, diagnostics);
}

}  // namespace dyad
