#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "dyad/io.h"
#include "io/io_test_util.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;
using testing::Collected;

class InputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dyad_io_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "b" / "deeper");
    fs::create_directories(dir_ / "a");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& rel, const std::string& content) {
    fs::path p = dir_ / rel;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

  // Reads every article of one file through OpenReader.
  std::vector<Article> ReadFile(const InputSource& source, Collected* c) {
    auto reader = OpenReader(source, ReadOptions(), &c->diagnostics);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    std::vector<Article> out;
    if (!reader.ok()) return out;
    Article a;
    while ((*reader)->Next(&a)) out.push_back(a);
    return out;
  }

  fs::path dir_;
};

TEST(InputFormat, ParsesNames) {
  EXPECT_EQ(*ParseInputFormat("txt"), InputFormat::kText);
  EXPECT_EQ(*ParseInputFormat("jsonl"), InputFormat::kJsonl);
  EXPECT_EQ(*ParseInputFormat("html"), InputFormat::kHtml);
  EXPECT_EQ(*ParseInputFormat("warc"), InputFormat::kWarc);
  EXPECT_EQ(*ParseInputFormat("auto"), InputFormat::kAuto);
  auto bad = ParseInputFormat("pdf");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().IsInvalidArgument());
}

TEST_F(InputsTest, DirectoriesAreWalkedRecursivelyInSortedOrderTakingKnownExtensions) {
  Write("b/deeper/z.warc.gz", "");
  Write("b/c.jsonl", "");
  Write("a/page.HTM", "");
  Write("a/notes.md", "");
  Write("a/data.json", "");
  Write("a/x.txt", "");
  auto sources = ExpandInputs({dir_.string()}, ReadOptions());
  ASSERT_TRUE(sources.ok()) << sources.status().ToString();
  std::vector<std::string> names;
  for (const auto& s : *sources) names.push_back(fs::relative(s.path, dir_).string());
  EXPECT_EQ(names,
            (std::vector<std::string>{"a/page.HTM", "a/x.txt", "b/c.jsonl", "b/deeper/z.warc.gz"}));
  EXPECT_EQ((*sources)[0].format, InputFormat::kHtml);
  EXPECT_EQ((*sources)[3].format, InputFormat::kWarc);
}

TEST_F(InputsTest, NonexistentPathIsNotFoundBeforeAnyWork) {
  std::string good = Write("a/x.txt", "Title\n");
  auto sources = ExpandInputs({good, (dir_ / "missing.jsonl").string()}, ReadOptions());
  ASSERT_FALSE(sources.ok());
  EXPECT_TRUE(sources.status().IsNotFound());
  EXPECT_NE(sources.status().message().find("missing.jsonl"), std::string::npos);
}

TEST_F(InputsTest, StdinAndExplicitFilesAreKept) {
  std::string odd = Write("a/story.dat", "Title\n");
  ReadOptions options;
  auto sources = ExpandInputs({"-", odd}, options);
  ASSERT_TRUE(sources.ok());
  ASSERT_EQ(sources->size(), 2u);
  EXPECT_EQ((*sources)[0].path, "-");
  EXPECT_EQ((*sources)[1].format, InputFormat::kAuto);
  options.format = InputFormat::kJsonl;
  sources = ExpandInputs({odd}, options);
  EXPECT_EQ((*sources)[0].format, InputFormat::kJsonl);
}

TEST_F(InputsTest, OpenReaderPicksTheReaderByExtension) {
  Collected c;
  auto txt = ReadFile({Write("a/s.txt", "{\"text\": \"x\"}\n"), InputFormat::kAuto}, &c);
  ASSERT_EQ(txt.size(), 1u);
  EXPECT_EQ(txt[0].text, "{\"text\": \"x\"}\n");  // .txt is text, whatever it holds
  EXPECT_FALSE(txt[0].title.has_value());
  auto jsonl = ReadFile({Write("a/s.jsonl", "{\"text\": \"x\"}\n"), InputFormat::kAuto}, &c);
  ASSERT_EQ(jsonl.size(), 1u);
  EXPECT_EQ(jsonl[0].text, "x");
}

TEST_F(InputsTest, UnknownExtensionIsSniffed) {
  Collected c;
  auto jsonl =
      ReadFile({Write("a/1.dat", "\n {\"text\": \"From JSON.\"}\n"), InputFormat::kAuto}, &c);
  ASSERT_EQ(jsonl.size(), 1u);
  EXPECT_EQ(jsonl[0].text, "From JSON.");
  auto html =
      ReadFile({Write("a/2.dat", "<html><p>From HTML.</p></html>"), InputFormat::kAuto}, &c);
  EXPECT_EQ(html[0].text, "From HTML.");
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>From WARC.</p>";
  std::string warc =
      "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: " + std::to_string(http.size()) +
      "\r\n\r\n" + http + "\r\n\r\n";
  auto w = ReadFile({Write("a/3.dat", warc), InputFormat::kAuto}, &c);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].text, "From WARC.");
  auto text = ReadFile({Write("a/4.dat", "Plain title\nBody.\n"), InputFormat::kAuto}, &c);
  EXPECT_EQ(text[0].title, "Plain title");
  EXPECT_TRUE(c.errors.empty());
}

TEST_F(InputsTest, OpenReaderOnAMissingFileIsNotFound) {
  auto reader =
      OpenReader({(dir_ / "gone.txt").string(), InputFormat::kAuto}, ReadOptions(), nullptr);
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(reader.status().IsNotFound());
}

}  // namespace
}  // namespace dyad
