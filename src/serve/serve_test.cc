// Tests of the HTTP server, started in-process on a free loopback port over a
// store built from hand-written documents: the API's answers, and its safety
// (SQL in filters, paths outside the asset folder, oversized requests, page
// sizes past the bound), each refused with a 4xx and a JSON message while the
// server goes on serving.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "dyad/serve.h"
#include "dyad/store.h"
#include "dyad/utf8.h"
#include "util/json_writer.h"
#include "serve/serve_fixture_internal.h"
#include "serve/serve_internal.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string AssetsDir() { return std::string(DYAD_SOURCE_DIR) + "/web"; }

// The code points [start, end) of UTF-8 `s`.
std::string CodePointSlice(const std::string& s, size_t start, size_t end) {
  std::string out;
  size_t i = 0, cp = 0;
  while (i < s.size() && cp < end) {
    size_t from = i;
    utf8::Next(s, i);
    if (cp >= start) out.append(s, from, i - from);
    ++cp;
  }
  return out;
}

struct RawAnswer {
  int status = 0;
  std::string body;
};

// Sends `target` exactly as given (no client-side normalisation or encoding).
RawAnswer RawGet(int port, const std::string& target, const std::string& method = "GET") {
  RawAnswer a;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return a;
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  size_t sent = 0;
  while (sent < req.size()) {
    ssize_t n = send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string resp;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) resp.append(buf, static_cast<size_t>(n));
  close(fd);
  if (resp.size() > 12 && resp.compare(0, 5, "HTTP/") == 0) a.status = std::atoi(resp.c_str() + 9);
  size_t body = resp.find("\r\n\r\n");
  if (body != std::string::npos) a.body = resp.substr(body + 4);
  return a;
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("dyad_serve_test_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    auto store = Store::Open((*dir_ / "news.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto added = (*store)->Ingest(serve_fixture::FixtureDocuments());
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    ASSERT_EQ(added->events_added, 5u);
    store_ = store->release();
    ServeOptions o;
    o.port = 0;
    o.threads = 8;
    o.assets_dir = AssetsDir();
    auto server = Server::Create(store_, o);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = server->release();
    ASSERT_TRUE(server_->Bind().ok());
    thread_ = new std::thread([] { (void)server_->Run(); });
    server_->WaitUntilReady();
  }
  static void TearDownTestSuite() {
    if (server_) server_->Stop();
    if (thread_) thread_->join();
    delete thread_;
    delete server_;
    delete store_;
    if (dir_) fs::remove_all(*dir_);
    delete dir_;
  }

  // GET through httplib's client; the body parsed as JSON (null if not JSON).
  static json Get(const std::string& path, int* status) {
    httplib::Client cli("127.0.0.1", server_->port());
    auto res = cli.Get(path.c_str());
    if (!res) {
      *status = -1;
      return nullptr;
    }
    *status = res->status;
    return json::parse(res->body, nullptr, false);
  }
  static json GetOk(const std::string& path) {
    int status = 0;
    json j = Get(path, &status);
    EXPECT_EQ(status, 200) << path << ": " << j.dump();
    return j;
  }
  // A 4xx with {"error": "...", "status": N} whose message contains `needle`.
  static void ExpectRefused(const std::string& path, int want_status, const std::string& needle) {
    int status = 0;
    json j = Get(path, &status);
    EXPECT_EQ(status, want_status) << path;
    ASSERT_TRUE(j.is_object()) << path << ": not a JSON error";
    ASSERT_TRUE(j.contains("error")) << path;
    EXPECT_NE(j["error"].get<std::string>().find(needle), std::string::npos)
        << path << ": " << j["error"].get<std::string>();
    EXPECT_EQ(j["status"], want_status);
  }
  static void ExpectStillServing() {
    json j = GetOk("/api/events?count=1");
    EXPECT_EQ(j["total"], 5);
  }

  static fs::path* dir_;
  static Store* store_;
  static Server* server_;
  static std::thread* thread_;
};
fs::path* ServeTest::dir_ = nullptr;
Store* ServeTest::store_ = nullptr;
Server* ServeTest::server_ = nullptr;
std::thread* ServeTest::thread_ = nullptr;

TEST(ServeOptionsTest, BindsToLoopbackByDefault) {
  ServeOptions o;
  EXPECT_EQ(o.host, "127.0.0.1");
  EXPECT_LE(o.max_page_size, kMaxQueryLimit - 1);
}

TEST(JsonWriterTest, EscapesRepairsAndFormats) {
  std::string out;
  JsonWriter j(&out);
  j.BeginObject();
  j.Key("s").String("q\"b\\n\n\t\x01 \xC3\xA9 \xF0\x9F\x98\x80");
  j.Key("bad").String("a\xFF" "b\xC3" "c\xED\xA0\x80");  // a stray byte, a cut sequence, a surrogate
  j.Key("none").StringOrNull("");
  j.Key("whole").Double(3.0);
  j.Key("half").Double(-2.5);
  j.Key("nan").Double(std::nan(""));
  j.Key("n").Int(-7);
  j.Key("list").BeginArray().Bool(true).Null().BeginObject().EndObject().EndArray();
  j.EndObject();
  EXPECT_EQ(out,
            "{\"s\":\"q\\\"b\\\\n\\n\\t\\u0001 \xC3\xA9 \xF0\x9F\x98\x80\","
            "\"bad\":\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\","
            "\"none\":null,\"whole\":3.0,\"half\":-2.5,\"nan\":null,\"n\":-7,\"list\":[true,null,{}]}");
  json parsed = json::parse(out, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded());
  EXPECT_EQ(parsed["s"], "q\"b\\n\n\t\x01 \xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(utf8::FindInvalid(out), utf8::npos);
}

TEST(ServeParamsTest, ParsesFiltersIntoTheQuery) {
  serve_internal::Params p = {{"actor", "usagov"}, {"code", "04"}, {"quad", "1,3"}, {"since", "2024-01-01"},
                              {"until", "2024-12-31"}, {"text", "O'Brien \"trade talks\""}, {"page", "3"},
                              {"page_size", "20"}};
  serve_internal::PageRequest r;
  ASSERT_TRUE(serve_internal::ParseRequest(p, ServeOptions{}, serve_internal::kFilters | serve_internal::kPaging, &r).ok());
  EXPECT_EQ(r.query.actor, "USAGOV");
  EXPECT_EQ(r.query.code, "04");
  EXPECT_EQ(r.query.quad_mask, QuadMask(1, 1) | QuadMask(3, 3));
  EXPECT_EQ(r.query.text, "O'Brien \"trade talks\"");
  EXPECT_EQ(r.query.limit, 21);
  EXPECT_EQ(r.query.offset, 40);
}

TEST(ServeParamsTest, RefusesMalformedValues) {
  const ServeOptions o;
  const unsigned all = serve_internal::kFilters | serve_internal::kPaging | serve_internal::kBucket;
  for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"actor", "US A"}, {"code", "4a"}, {"code", "12345"}, {"quad", "5"}, {"quad", "1,"},
           {"since", "2024-13-01"}, {"until", "yesterday"}, {"page", "0"}, {"page", "-1"},
           {"page_size", "501"}, {"page_size", "1e3"}, {"bucket", "week"}, {"text", "a\x01"},
           {"text", "\xff\xfe"}, {"nope", "1"}}) {
    serve_internal::PageRequest r;
    Status s = serve_internal::ParseRequest({{name, value}}, o, all, &r);
    EXPECT_TRUE(s.IsInvalidArgument()) << name << "=" << value;
  }
  serve_internal::PageRequest r;
  EXPECT_FALSE(serve_internal::ParseRequest({{"actor", "USA"}, {"actor", "CHN"}}, o, all, &r).ok());
  EXPECT_FALSE(serve_internal::ParseRequest({{"since", "2024-02-01"}, {"until", "2024-01-01"}}, o, all, &r).ok());
}

TEST(ServeAssetsTest, RefusesPathsOutsideTheFolder) {
  serve_internal::AssetTable t;
  ASSERT_TRUE(t.Load(AssetsDir(), 1 << 20).ok());
  serve_internal::ApiResponse err;
  EXPECT_NE(t.Find("/", &err), nullptr);
  EXPECT_NE(t.Find("/js/app.js", &err), nullptr);
  for (const char* p : {"/../CMakeLists.txt", "/js/../../CMakeLists.txt", "/./index.html", "//etc/passwd",
                        "/js//app.js", "/js\\..\\index.html", "/.hidden", "relative"}) {
    EXPECT_EQ(t.Find(p, &err), nullptr) << p;
    EXPECT_EQ(err.status, 400) << p;
  }
  EXPECT_EQ(t.Find("/etc/passwd", &err), nullptr);
  EXPECT_EQ(err.status, 404);
}

TEST_F(ServeTest, ListsEventsWithEvidence) {
  json j = GetOk("/api/events?count=1");
  EXPECT_EQ(j["total"], 5);
  EXPECT_EQ(j["page"], 1);
  EXPECT_FALSE(j["has_more"].get<bool>());
  ASSERT_EQ(j["rows"].size(), 5u);
  bool praised = false;
  for (const json& e : j["rows"]) {
    ASSERT_TRUE(e["evidence"]["rule"].is_string());
    if (e["code"] == "051") {
      praised = true;
      EXPECT_EQ(e["evidence"]["trigger"]["text"], "praised");
      EXPECT_EQ(e["evidence"]["rule"], "fixture.verbs:12: PRAISE");
      EXPECT_EQ(e["source_actor"], "USA");
      EXPECT_EQ(e["target_actor"], "CHN");
      EXPECT_EQ(e["quad_class"], 1);
    }
  }
  EXPECT_TRUE(praised);
}

TEST_F(ServeTest, FiltersAndPages) {
  EXPECT_EQ(GetOk("/api/events?count=1&actor=USA")["total"], 2);
  EXPECT_EQ(GetOk("/api/events?count=1&actor=usa")["total"], 2);
  EXPECT_EQ(GetOk("/api/events?count=1&source_actor=RUS")["total"], 2);  // RUS and RUSMIL
  EXPECT_EQ(GetOk("/api/events?count=1&code=19")["total"], 1);
  EXPECT_EQ(GetOk("/api/events?count=1&quad=3,4")["total"], 2);
  EXPECT_EQ(GetOk("/api/events?count=1&since=2024-05-07&until=2024-05-07")["total"], 2);
  EXPECT_FALSE(GetOk("/api/events").contains("total"));  // counting is asked for
  ExpectRefused("/api/events?count=yes", 400, "parameter 'count'");
  json p1 = GetOk("/api/events?page_size=2");
  EXPECT_EQ(p1["rows"].size(), 2u);
  EXPECT_TRUE(p1["has_more"].get<bool>());
  json p3 = GetOk("/api/events?page_size=2&page=3");
  EXPECT_EQ(p3["rows"].size(), 1u);
  EXPECT_FALSE(p3["has_more"].get<bool>());
  EXPECT_NE(p1["rows"][0]["id"], p3["rows"][0]["id"]);
}

TEST_F(ServeTest, QuotesArticlesActors) {
  json q = GetOk("/api/quotes?speaker=Blinken");
  ASSERT_EQ(q["rows"].size(), 1u);
  EXPECT_EQ(q["rows"][0]["content"]["text"], "We welcome 🤝 the talks,");
  EXPECT_EQ(q["rows"][0]["speaker_actor"], "USAGOV");
  EXPECT_EQ(GetOk("/api/quotes?count=1")["total"], 2);
  json a = GetOk("/api/articles?count=1");
  EXPECT_EQ(a["total"], 3);
  json actors = GetOk("/api/actors");
  ASSERT_FALSE(actors["rows"].empty());
  EXPECT_EQ(actors["rows"][0]["actor"], "UKR");  // in three events, more than any other code
}

TEST_F(ServeTest, ArticleViewOffsetsAreCodePoints) {
  json v = GetOk("/api/article?id=fixture-talks");
  const std::string text = v["text"];
  ASSERT_FALSE(v["events"].empty());
  for (const json& e : v["events"]) {
    const json& t = e["evidence"]["trigger"];
    EXPECT_EQ(CodePointSlice(text, t["start"], t["end"]), t["text"].get<std::string>());
  }
  for (const json& q : v["quotes"]) {
    EXPECT_EQ(CodePointSlice(text, q["content"]["start"], q["content"]["end"]), q["content"]["text"].get<std::string>());
  }
  for (const json& e : v["entities"]) {
    for (const json& m : e["mentions"]) EXPECT_EQ(CodePointSlice(text, m["start"], m["end"]), m["text"].get<std::string>());
  }
  EXPECT_EQ(v["removed"].size(), 1u);
  ExpectRefused("/api/article?id=no-such-article", 404, "");
  ExpectRefused("/api/article", 400, "'id'");
}

TEST_F(ServeTest, TimelineNetworkIssues) {
  json t = GetOk("/api/timeline");
  ASSERT_EQ(t["periods"].size(), 3u);
  EXPECT_EQ(t["periods"][0]["period"], "2024-05-06");
  EXPECT_EQ(t["periods"][0]["quad"][1], 1);
  EXPECT_EQ(t["periods"][0]["quad"][3], 1);
  EXPECT_EQ(GetOk("/api/timeline?bucket=month")["periods"].size(), 1u);
  json n = GetOk("/api/network");
  EXPECT_EQ(n["edges"].size(), 5u);
  EXPECT_GE(n["nodes"].size(), 5u);
  json i = GetOk("/api/issues");
  ASSERT_FALSE(i["issues"].empty());
  EXPECT_EQ(i["issues"][0]["issue"], "MILITARY");
  EXPECT_EQ(i["issues"][0]["events"], 3);
  EXPECT_EQ(i["by_actor"]["MILITARY"]["UKR"], 3);
  EXPECT_FALSE(i["pairs"].empty());
}

TEST_F(ServeTest, ServesTheDashboard) {
  httplib::Client cli("127.0.0.1", server_->port());
  auto index = cli.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(index->get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_NE(index->body.find("js/app.js"), std::string::npos);
  auto js = cli.Get("/js/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_NE(js->get_header_value("Content-Type").find("javascript"), std::string::npos);
  ExpectRefused("/api/nothing", 404, "no such API endpoint");
}

// Structured filters have a syntax: SQL in them is refused before any query.
TEST_F(ServeTest, RefusesSqlInStructuredFilters) {
  const std::string attack = "USA%27%20OR%201%3D1%20--";  // USA' OR 1=1 --
  for (std::string name : {"actor", "source_actor", "target_actor", "code", "quad", "since", "until",
                                   "page", "page_size"}) {
    for (std::string ep : {"events", "quotes", "articles", "actors"}) {
      ExpectRefused("/api/" + ep + "?" + name + "=" + attack, 400, "parameter '" + name + "'");
    }
    ExpectRefused("/api/timeline?" + name + "=1%3BDROP%20TABLE%20events", 400, "parameter '" + name + "'");
  }
  ExpectRefused("/api/timeline?bucket=day%27%3BDROP%20TABLE%20events--", 400, "parameter 'bucket'");
  ExpectStillServing();
}

// Free-text filters take any words: SQL and FTS syntax in them are matched as
// plain words (bound values), so they find nothing and change nothing.
TEST_F(ServeTest, FreeTextFiltersAreBoundNotExecuted) {
  for (std::string name : {"text", "speaker", "source", "article"}) {
    for (std::string attack :
         {"x%27%20OR%20%271%27%3D%271", "%27%29%3B%20DROP%20TABLE%20events%3B%20--", "%22%20OR%20%22%22%3D%22",
          "*%20OR%20NEAR(a%20b)", "1%20UNION%20SELECT%20sqlite_version()"}) {
      for (std::string ep : {"events", "quotes", "articles"}) {
        if (name == "speaker" && ep == "events") continue;  // speakers are a filter of quotes and articles
        json j = GetOk("/api/" + ep + "?count=1&" + name + "=" + attack);
        EXPECT_EQ(j["total"], 0) << ep << " " << name << "=" << attack;
      }
    }
  }
  ExpectRefused("/api/article?id=x%27%20OR%20%271%27%3D%271", 404, "");
  ExpectStillServing();
  EXPECT_EQ(GetOk("/api/quotes?count=1")["total"], 2);
  EXPECT_EQ(GetOk("/api/events?count=1&text=praised")["total"], 2);  // a real word still matches (both events of that article)
}

TEST_F(ServeTest, RefusesPathsOutsideTheAssetFolder) {
  const int port = server_->port();
  // A file that exists one level above the asset folder must never be served.
  ASSERT_TRUE(fs::exists(std::string(DYAD_SOURCE_DIR) + "/CMakeLists.txt"));
  for (std::string target :
       {"/../CMakeLists.txt", "/js/../../CMakeLists.txt", "/%2e%2e/CMakeLists.txt", "/%2E%2E/%2e%2e/etc/passwd",
        "/js/%2e%2e/%2e%2e/CMakeLists.txt", "/..%2fCMakeLists.txt", "/..%5cCMakeLists.txt", "//etc/passwd",
        "/%2fetc/passwd", "/etc/passwd", "/./index.html", "/index.html%00.js", "/.git/config"}) {
    RawAnswer a = RawGet(port, target);
    EXPECT_GE(a.status, 400) << target;
    EXPECT_LT(a.status, 500) << target;
    EXPECT_EQ(a.body.find("cmake_minimum_required"), std::string::npos) << target;
    EXPECT_EQ(a.body.find("root:"), std::string::npos) << target;
    json j = json::parse(a.body, nullptr, false);
    EXPECT_TRUE(j.is_object() && j.contains("error")) << target << ": " << a.body.substr(0, 200);
  }
  // An absolute URL form must not escape either.
  RawAnswer abs = RawGet(port, "http://127.0.0.1/../CMakeLists.txt");
  EXPECT_EQ(abs.body.find("cmake_minimum_required"), std::string::npos);
  ExpectStillServing();
}

TEST_F(ServeTest, RefusesOversizedRequests) {
  // Past the server's own bound on the target.
  ExpectRefused("/api/events?text=" + std::string(3000, 'a'), 414, "longer than");
  // Past httplib's bound on the request line (8 KiB): still a JSON answer.
  RawAnswer huge = RawGet(server_->port(), "/api/events?text=" + std::string(20000, 'a'));
  EXPECT_EQ(huge.status, 414);
  EXPECT_TRUE(json::parse(huge.body, nullptr, false).contains("error")) << huge.body.substr(0, 200);
  // One parameter past its bound.
  ExpectRefused("/api/events?text=" + std::string(300, 'a'), 400, "parameter 'text'");
  // Page sizes and pages past the bound.
  ExpectRefused("/api/events?page_size=501", 400, "parameter 'page_size': at most 500");
  ExpectRefused("/api/quotes?page_size=100000000000000000000", 400, "parameter 'page_size'");
  ExpectRefused("/api/events?page=10001", 400, "parameter 'page'");
  ExpectRefused("/api/events?page_size=0", 400, "parameter 'page_size'");
  EXPECT_EQ(GetOk("/api/events?page_size=500")["page_size"], 500);
  ExpectRefused("/api/events?bogus=1", 400, "unknown parameter 'bogus'");
  ExpectRefused("/api/events?actor=USA&actor=CHN", 400, "more than once");
  // Methods other than GET / HEAD, and bodies.
  httplib::Client cli("127.0.0.1", server_->port());
  auto post = cli.Post("/api/events", std::string(100, 'x'), "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_TRUE(json::parse(post->body, nullptr, false).contains("error"));
  auto big = cli.Post("/api/events", std::string(1 << 20, 'x'), "text/plain");
  if (big) {
    EXPECT_GE(big->status, 400);
    EXPECT_LT(big->status, 500);
  }
  ExpectStillServing();
}

TEST_F(ServeTest, RefusesAPortInUse) {
  ServeOptions o;
  o.port = server_->port();
  o.assets_dir = AssetsDir();
  auto second = Server::Create(store_, o);
  ASSERT_TRUE(second.ok());
  Status s = (*second)->Bind();
  EXPECT_TRUE(s.IsIOError()) << s.ToString();
  ExpectStillServing();
}

TEST_F(ServeTest, ServesConcurrentClients) {
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&ok] {
      httplib::Client cli("127.0.0.1", server_->port());
      cli.set_keep_alive(true);
      for (int i = 0; i < 40; ++i) {
        auto r = cli.Get(i % 2 ? "/api/events?actor=UKR" : "/api/timeline");
        if (r && r->status == 200) ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 240);
}

}  // namespace
}  // namespace dyad
