// io_test_util.h: helpers for the io tests.
#ifndef DYAD_IO_IO_TEST_UTIL_H_
#define DYAD_IO_IO_TEST_UTIL_H_

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/io.h"

namespace dyad::testing {

// Diagnostics that keep what they are told.
struct Collected {
  std::vector<std::string> errors, warnings;
  Diagnostics diagnostics{[this](const std::string& m) { errors.push_back(m); },
                          [this](const std::string& m) { warnings.push_back(m); }};
  Collected() = default;
  Collected(const Collected&) = delete;
  Collected& operator=(const Collected&) = delete;
};

using ReaderFactory = std::unique_ptr<ArticleReader> (*)(std::string, std::unique_ptr<std::istream>,
                                                         const ReadOptions&, const Diagnostics*);

// Runs one reader over `input` and returns every article it gives.
inline std::vector<Article> ReadAll(ReaderFactory factory, const std::string& name,
                                    const std::string& input, const ReadOptions& options,
                                    Collected* collected) {
  auto reader =
      factory(name, std::make_unique<std::istringstream>(input), options, &collected->diagnostics);
  std::vector<Article> out;
  Article a;
  while (reader->Next(&a)) out.push_back(a);
  return out;
}

}  // namespace dyad::testing

#endif  // DYAD_IO_IO_TEST_UTIL_H_
