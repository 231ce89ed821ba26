// dyad ingest as a user runs it: the real binary over a generated corpus,
// killed part-way (SIGKILL) and run again.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "dyad/store.h"
#include "store/sqlite_internal.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

const char* kCities[] = {"Tokyo", "Geneva", "Paris", "Cairo", "Lima", "Oslo", "Seoul", "Nairobi"};

// `n` small articles, one .txt file each, all different.
void WriteCorpus(const fs::path& dir, int n) {
  fs::create_directories(dir);
  for (int i = 0; i < n; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "article-%05d.txt", i);
    std::ofstream f(dir / name);
    const char* city = kCities[i % 8];
    f << "Talks in " << city << ", report " << i << "\n\n"
      << "The United States accused China of unfair trade practices on Monday, officials in " << city
      << " said in report number " << i << ". President Xi Jinping met Prime Minister Shinzo Abe in "
      << city << " to discuss sanctions against Iran. \"We will respond firmly,\" the minister said.\n";
  }
}

// Per article: id, sentences, entities, mentions, quotes, events, issues.
std::vector<std::string> Layers(const std::string& db) {
  store_internal::Connection c;
  EXPECT_TRUE(c.Open(db, SQLITE_OPEN_READONLY, 5000).ok());
  store_internal::Statement st;
  EXPECT_TRUE(st.Prepare(c.db(),
                         "SELECT a.id || ' ' || (SELECT COUNT(*) FROM sentences WHERE article = a.pk) || ' ' || "
                         "(SELECT COUNT(*) FROM entities WHERE article = a.pk) || ' ' || "
                         "(SELECT COUNT(*) FROM mentions m JOIN entities e ON e.pk = m.entity WHERE e.article = a.pk) "
                         "|| ' ' || (SELECT COUNT(*) FROM quotes WHERE article = a.pk) || ' ' || "
                         "(SELECT COUNT(*) FROM events WHERE article = a.pk) || ' ' || "
                         "(SELECT COUNT(*) FROM event_issues i JOIN events e ON e.pk = i.event WHERE e.article = a.pk) "
                         "FROM articles a ORDER BY a.id")
                  .ok());
  std::vector<std::string> rows;
  for (;;) {
    auto more = st.Step();
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    rows.push_back(st.Text(0));
  }
  return rows;
}

// Rows of the layers whose article row does not exist.
int64_t Orphans(const std::string& db) {
  store_internal::Connection c;
  EXPECT_TRUE(c.Open(db, SQLITE_OPEN_READONLY, 5000).ok());
  store_internal::Statement st;
  EXPECT_TRUE(st.Prepare(c.db(),
                         "SELECT (SELECT COUNT(*) FROM sentences WHERE article NOT IN (SELECT pk FROM articles)) + "
                         "(SELECT COUNT(*) FROM removed WHERE article NOT IN (SELECT pk FROM articles)) + "
                         "(SELECT COUNT(*) FROM entities WHERE article NOT IN (SELECT pk FROM articles)) + "
                         "(SELECT COUNT(*) FROM mentions WHERE entity NOT IN (SELECT pk FROM entities)) + "
                         "(SELECT COUNT(*) FROM quotes WHERE article NOT IN (SELECT pk FROM articles)) + "
                         "(SELECT COUNT(*) FROM events WHERE article NOT IN (SELECT pk FROM articles)) + "
                         "(SELECT COUNT(*) FROM event_issues WHERE event NOT IN (SELECT pk FROM events)) + "
                         "(SELECT COUNT(*) FROM articles WHERE pk NOT IN (SELECT rowid FROM article_fts))")
                  .ok());
  auto row = st.Step();
  EXPECT_TRUE(row.ok() && *row);
  return st.Int(0);
}

int64_t StoredArticles(const std::string& db) {
  StoreOptions ro;
  ro.read_only = true;
  auto s = Store::Open(db, ro);
  if (!s.ok()) return -1;  // not created yet
  auto stats = (*s)->Stats();
  return stats.ok() ? stats->articles : -1;
}

int RunDyad(const std::string& args, const fs::path& err) {
  std::string cmd = std::string(DYAD_BINARY) + " " + args + " 2>" + err.string();
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string Slurp(const fs::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

class IngestCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dyad_ingest_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(IngestCliTest, KilledIngestResumesWithoutLossOrDuplicates) {
  constexpr int kArticles = 2000;
  const fs::path corpus = dir_ / "corpus";
  WriteCorpus(corpus, kArticles);
  const std::string ref = (dir_ / "ref.db").string(), db = (dir_ / "news.db").string();

  // The reference: one uninterrupted run.
  ASSERT_EQ(RunDyad("ingest --quiet --threads 2 --db " + ref + " " + corpus.string(), dir_ / "ref.err"), 0)
      << Slurp(dir_ / "ref.err");
  std::vector<std::string> expected = Layers(ref);
  ASSERT_EQ(expected.size(), static_cast<size_t>(kArticles));

  // The same run, killed once part of the corpus is stored.
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::string binary = DYAD_BINARY;
    std::string corpus_arg = corpus.string();
    if (!freopen("/dev/null", "w", stderr)) _exit(127);
    execl(binary.c_str(), binary.c_str(), "ingest", "--quiet", "--threads", "2", "--batch", "16", "--db",
          db.c_str(), corpus_arg.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  int64_t at_kill = -1;
  while (std::chrono::steady_clock::now() < deadline) {
    at_kill = StoredArticles(db);
    if (at_kill >= kArticles / 4) break;
    int status;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      FAIL() << "dyad ingest ended before it could be killed (status " << status << ")";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "status " << status;
  int64_t after_kill = StoredArticles(db);
  ASSERT_GE(after_kill, kArticles / 4);
  ASSERT_LT(after_kill, kArticles) << "the run was not interrupted part-way";
  EXPECT_EQ(Orphans(db), 0);

  // Resumed: only what is missing is processed; every article once, with
  // all its layers, exactly as the uninterrupted run stored it.
  ASSERT_EQ(RunDyad("ingest --threads 2 --db " + db + " " + corpus.string(), dir_ / "resume.err"), 0)
      << Slurp(dir_ / "resume.err");
  std::string log = Slurp(dir_ / "resume.err");
  EXPECT_NE(log.find(std::to_string(after_kill) + " already stored"), std::string::npos) << log;
  EXPECT_EQ(Layers(db), expected);
  EXPECT_EQ(Orphans(db), 0);

  // Once more over the same folder: nothing new.
  ASSERT_EQ(RunDyad("ingest --threads 2 --db " + db + " " + corpus.string(), dir_ / "again.err"), 0);
  log = Slurp(dir_ / "again.err");
  EXPECT_NE(log.find(" 0 added"), std::string::npos) << log;
  EXPECT_EQ(Layers(db), expected);
}

TEST_F(IngestCliTest, QueryCommandFormatsAndRefusesBadInput) {
  const fs::path corpus = dir_ / "corpus";
  WriteCorpus(corpus, 12);
  const std::string db = (dir_ / "news.db").string();
  ASSERT_EQ(RunDyad("ingest --quiet --db " + db + " " + corpus.string(), dir_ / "err"), 0) << Slurp(dir_ / "err");
  const fs::path out = dir_ / "out";
  auto query = [&](const std::string& args) {
    return RunDyad("query --db " + db + " " + args + " >" + out.string(), dir_ / "err");
  };
  ASSERT_EQ(query("articles --text Geneva"), 0) << Slurp(dir_ / "err");
  std::string table = Slurp(out);
  EXPECT_EQ(table.rfind("id", 0), 0u) << table;  // the header
  EXPECT_NE(table.find("[Geneva]"), std::string::npos) << table;
  ASSERT_EQ(query("articles --json --limit 3"), 0);
  std::string json = Slurp(out);
  EXPECT_EQ(std::count(json.begin(), json.end(), '\n'), 3);
  EXPECT_EQ(json.rfind("{\"id\":", 0), 0u) << json;
  ASSERT_EQ(query("articles --csv --text 'report 7'"), 0);
  std::string csv = Slurp(out);
  EXPECT_EQ(csv.rfind("id,date,source,title", 0), 0u) << csv;
  EXPECT_NE(csv.find("\"Talks in Nairobi, report 7\""), std::string::npos) << csv;  // quoted: has a comma
  ASSERT_EQ(query("stats --json"), 0);
  EXPECT_NE(Slurp(out).find("\"articles\":12"), std::string::npos) << Slurp(out);
  for (const char* kind : {"events", "quotes", "actors", "timeline", "network", "issues", "cooccurrence"}) {
    EXPECT_EQ(query(std::string(kind) + " --source-actor \"' OR 1=1 --\" --text '\"; DROP TABLE articles'"), 0)
        << kind << ": " << Slurp(dir_ / "err");
  }
  ASSERT_EQ(query("stats --json"), 0);
  EXPECT_NE(Slurp(out).find("\"articles\":12"), std::string::npos);
  EXPECT_EQ(query("events --quad 5"), 2);
  EXPECT_EQ(query("events --since yesterday"), 1);
  EXPECT_EQ(query("nothing"), 2);
  EXPECT_EQ(query("events --limit 0"), 2);
  EXPECT_EQ(RunDyad("query --db " + (dir_ / "missing.db").string() + " events", dir_ / "err"), 1);
}

}  // namespace
}  // namespace dyad
