// Runs every reader over its fuzz seed corpus (fuzz/corpus/<reader>/), so
// that the plain test run exercises what the fuzz targets start from, and any
// crasher added to a corpus stays fixed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../fuzz/article_checks.h"
#include "dyad/io.h"
#include "io/io_test_util.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

void RunCorpus(const std::string& reader_name, testing::ReaderFactory factory) {
  fs::path dir = fs::path(DYAD_SOURCE_DIR) / "fuzz" / "corpus" / reader_name;
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  ASSERT_FALSE(files.empty()) << dir;
  ReadOptions options = fuzz::FuzzReadOptions();
  for (const fs::path& file : files) {
    SCOPED_TRACE(file.string());
    std::ifstream in(file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    testing::Collected c;
    auto articles = testing::ReadAll(factory, file.filename().string(), bytes.str(), options, &c);
    for (const Article& a : articles) EXPECT_EQ(fuzz::ArticleProblem(a, options), "");
    for (const std::string& m : c.errors) EXPECT_FALSE(m.empty());
    for (const std::string& m : c.warnings) EXPECT_FALSE(m.empty());
  }
}

TEST(FuzzCorpus, TextReader) { RunCorpus("text", NewTextReader); }
TEST(FuzzCorpus, JsonlReader) { RunCorpus("jsonl", NewJsonlReader); }
TEST(FuzzCorpus, HtmlReader) { RunCorpus("html", NewHtmlReader); }
TEST(FuzzCorpus, WarcReader) { RunCorpus("warc", NewWarcReader); }

}  // namespace
}  // namespace dyad
