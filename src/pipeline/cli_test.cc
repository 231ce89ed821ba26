// End-to-end tests of the dyad binary, run the way a user runs it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/utf8.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct RunResult {
  int status = -1;
  std::string out, err;
};

// Runs `dyad ARGS` with stdin from `input_file` (if any); captures both streams.
RunResult Dyad(const std::string& args, const std::string& stdin_file = "") {
  fs::path dir = fs::temp_directory_path() / ("dyad_cli_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string out = (dir / "out").string(), err = (dir / "err").string();
  std::string cmd = std::string(DYAD_BINARY) + " " + args + " >" + out + " 2>" + err;
  if (!stdin_file.empty()) cmd += " <" + stdin_file;
  RunResult r;
  int rc = std::system(cmd.c_str());
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  auto slurp = [](const std::string& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  };
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

std::vector<json> Lines(const std::string& out) {
  std::vector<json> v;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) v.push_back(json::parse(line));
  return v;
}

std::string Write(const std::string& name, const std::string& content) {
  fs::path dir = fs::temp_directory_path() / ("dyad_cli_in_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << content;
  return p.string();
}

// text[start:end] in code points, as a Python user would slice it.
std::string Slice(const std::string& text, int64_t start, int64_t end) {
  std::string out;
  size_t i = 0;
  int64_t cp = 0;
  while (i < text.size() && cp < end) {
    size_t j = i;
    char32_t c = utf8::Next(text, j);
    if (cp >= start) utf8::Append(c, &out);
    i = j;
    ++cp;
  }
  return out;
}

std::string ReadFile(const std::string& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

const std::string kExample = std::string(DYAD_SHARED_DIR) + "/examples/article-kim-xi-trade-talks.txt";

TEST(Cli, ExampleArticleTitleRemovedLinesAndSentences) {
  if (!fs::exists(kExample)) GTEST_SKIP() << "shared example article not found at " << kExample;
  RunResult r = Dyad("extract --sentences " + kExample);
  ASSERT_EQ(r.status, 0) << r.err;
  auto docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  const json& d = docs[0];
  const std::string text = ReadFile(kExample);
  EXPECT_EQ(d["schema"], "dyad/1");
  EXPECT_EQ(d["title"], "U.S.-China trade talks and Kim Jong Un’s relationship with Xi are different issues");
  std::vector<std::string> removed;
  for (const auto& x : d["removed"]) {
    // Offsets are code points: slicing the input gives the reported text.
    EXPECT_EQ(Slice(text, x["start"], x["end"]), x["text"].get<std::string>());
    if (x["reason"] != "blank") removed.push_back(x["text"]);
  }
  ASSERT_EQ(removed.size(), 3u) << r.out;
  EXPECT_EQ(removed[0], "Kim Jong Un and Xi Jinping.jpg");
  EXPECT_EQ(removed[1].rfind("One thought on", 0), 0u);
  EXPECT_EQ(removed[2], "Leave a Reply");
  const auto& sents = d["sentences"];
  ASSERT_EQ(sents.size(), 13u) << r.out;
  EXPECT_EQ(Slice(text, sents[0]["start"], sents[0]["end"]).rfind("South Korean presidential", 0), 0u);
  EXPECT_EQ(Slice(text, sents[11]["start"], sents[11]["end"]),
            "“China has actually been a good partner in our efforts to reduce the risk to the world "
            "from North Korea’s nuclear capability.");
  EXPECT_EQ(Slice(text, sents[12]["start"], sents[12]["end"]), "I expect they will continue to do so.”");
}

TEST(Cli, JsonlCarriesUnknownFieldsAndGoesOnAfterABadLine) {
  std::string in = Write("mixed.jsonl",
                         "{\"id\": \"a\", \"text\": \"First story.\", \"section\": \"world\"}\n"
                         "{\"id\": \"b\", \"text\": \n"
                         "{\"id\": \"c\", \"title\": \"T\", \"text\": \"Third story.\"}\n");
  RunResult r = Dyad("extract " + in);
  EXPECT_EQ(r.status, 1);
  auto docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["id"], "a");
  EXPECT_EQ(docs[0]["section"], "world");
  EXPECT_EQ(docs[1]["id"], "c");
  EXPECT_EQ(docs[1]["title"], "T");
  EXPECT_NE(r.err.find("mixed.jsonl:2"), std::string::npos) << r.err;
}

TEST(Cli, MissingInputIsAnErrorBeforeAnyWork) {
  std::string good = Write("good.txt", "Title\n\nBody text.\n");
  RunResult r = Dyad("extract " + good + " /nonexistent/dyad/input.txt");
  EXPECT_NE(r.status, 0);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("/nonexistent/dyad/input.txt"), std::string::npos) << r.err;
}

TEST(Cli, InvalidUtf8IsRepairedWithAWarning) {
  std::string p = Write("bad-utf8.txt", std::string("Title\n\nCaf\xE9 opens.\n"));
  RunResult r = Dyad("extract --text " + p);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("bad-utf8.txt"), std::string::npos) << r.err;
  auto docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_NE(docs[0]["text"].get<std::string>().find("Caf\uFFFD"), std::string::npos);
}

TEST(Cli, EmptyFileGivesAnEmptyArticle) {
  std::string p = Write("empty.txt", "");
  RunResult r = Dyad("extract " + p);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 1u);
}

TEST(Cli, OutputIsInInputOrderWithManyThreads) {
  std::string jsonl;
  for (int i = 0; i < 500; ++i) {
    jsonl += "{\"id\": \"n" + std::to_string(i) + "\", \"text\": \"Story number " + std::to_string(i) +
             ". It has two sentences.\"}\n";
  }
  std::string p = Write("many.jsonl", jsonl);
  RunResult r = Dyad("extract --threads 4 --sentences " + p);
  ASSERT_EQ(r.status, 0) << r.err;
  auto docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 500u);
  for (int i = 0; i < 500; ++i) {
    EXPECT_EQ(docs[i]["id"], "n" + std::to_string(i));
    EXPECT_EQ(docs[i]["sentences"].size(), 2u);
  }
}

TEST(Cli, OversizedArticleIsRefusedAndTheRestProcessed) {
  std::string big(3000, 'x');
  std::string p = Write("sizes.jsonl", "{\"id\": \"big\", \"text\": \"" + big + "\"}\n" +
                                           "{\"id\": \"small\", \"text\": \"Fine.\"}\n");
  RunResult r = Dyad("extract --max-article-bytes 1000 " + p);
  EXPECT_EQ(r.status, 1);
  auto docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["id"], "small");
  EXPECT_NE(r.err.find("sizes.jsonl:1"), std::string::npos) << r.err;
}

TEST(Cli, StdinAndDefaultDate) {
  std::string p = Write("stdin.txt", "A title\n\nSomething happened on Tuesday.\n");
  RunResult r = Dyad("extract --date 2019-01-08 -", p);
  ASSERT_EQ(r.status, 0) << r.err;
  auto docs = Lines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["date"], "2019-01-08");
  EXPECT_EQ(docs[0]["title"], "A title");
}

TEST(Cli, ParseWritesConllu) {
  std::string p = Write("parse.txt", "I don't know.\n\nKim’s trip ended.\n");
  RunResult r = Dyad("parse --raw " + p);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("# newpar"), std::string::npos);
  EXPECT_NE(r.out.find("# text = I don't know."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\tdon't\t"), std::string::npos) << r.out;  // a multi-word token line
  EXPECT_NE(r.out.find("\tn't\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SpaceAfter=No"), std::string::npos) << r.out;
}

TEST(Cli, EvalUdOnTheTreebankItself) {
  const std::string dev = std::string(DYAD_SHARED_DIR) + "/data/ud-english-ewt/en_ewt-ud-dev.conllu";
  if (!fs::exists(dev)) GTEST_SKIP() << "EWT dev not found at " << dev;
  RunResult r = Dyad("eval ud --gold " + dev + " --system " + dev);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("LAS        |    100.00 |    100.00 |    100.00 |    100.00"), std::string::npos)
      << r.out;
}

TEST(Cli, BadCommandLinesAreRefused) {
  EXPECT_EQ(Dyad("frobnicate").status, 2);
  EXPECT_EQ(Dyad("extract --threads zero x").status, 2);
  EXPECT_EQ(Dyad("extract --date 2019-13-45 -", Write("d.txt", "x")).status, 2);
  EXPECT_EQ(Dyad("eval ud --gold x.conllu").status, 2);
}

TEST(Cli, TsvHasAHeaderAndFourteenFieldsPerEvent) {
  RunResult r = Dyad("extract --format tsv --date 2019-01-08 " + std::string(DYAD_SOURCE_DIR) +
                     "/examples/ceasefire-talks-jeddah.txt");
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream in(r.out);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line.rfind("date\tsource\ttarget\tcode\troot\t", 0), 0u) << line;
  int rows = 0;
  do {
    EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 13) << line;
    ++rows;
  } while (std::getline(in, line));
  EXPECT_GE(rows, 1);
}

TEST(Cli, TsvIsNotAParseFormat) {
  RunResult r = Dyad("parse --format tsv " + std::string(DYAD_SOURCE_DIR) + "/examples/rain-delays-election.txt");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--format"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace dyad
