// libFuzzer target for the WARC reader (plain and gzip): reads every article of the input and
// checks each one (article_checks.h). Build with -DDYAD_FUZZ=ON (clang).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include "article_checks.h"
#include "dyad/io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dyad::ReadOptions options = dyad::fuzz::FuzzReadOptions();
  // Messages are built (that code runs) and dropped.
  dyad::Diagnostics diagnostics{[](const std::string&) {}, [](const std::string&) {}};
  auto in =
      std::make_unique<std::istringstream>(std::string(reinterpret_cast<const char*>(data), size));
  auto reader = dyad::NewWarcReader("fuzz.input", std::move(in), options, &diagnostics);
  dyad::Article article;
  while (reader->Next(&article)) {
    if (!dyad::fuzz::ArticleProblem(article, options).empty()) std::abort();
  }
  return 0;
}
