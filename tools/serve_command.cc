// dyad serve: the HTTP JSON API and the web dashboard over a store.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "command.h"
#include "dyad/serve.h"
#include "dyad/store.h"

namespace {

bool ParseNumber(const std::string& flag, const std::string& v, int lo, int hi, int* out) {
  char* end = nullptr;
  long n = std::strtol(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0' || n < lo || n > hi) {
    std::fprintf(stderr, "dyad serve: %s needs a number from %d to %d, not '%s'\n", flag.c_str(), lo, hi,
                 v.c_str());
    return false;
  }
  *out = static_cast<int>(n);
  return true;
}

int Serve(const std::vector<std::string>& args) {
  std::string db;
  dyad::ServeOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& f = args[i];
    if (i + 1 >= args.size() &&
        (f == "--db" || f == "--host" || f == "--port" || f == "--assets" || f == "--threads")) {
      std::fprintf(stderr, "dyad serve: %s needs a value\n", f.c_str());
      return 2;
    }
    if (f == "--db") {
      db = args[++i];
    } else if (f == "--host") {
      options.host = args[++i];
    } else if (f == "--port") {
      if (!ParseNumber(f, args[++i], 0, 65535, &options.port)) return 2;
    } else if (f == "--assets") {
      options.assets_dir = args[++i];
    } else if (f == "--threads") {
      if (!ParseNumber(f, args[++i], 1, 256, &options.threads)) return 2;
    } else {
      std::fprintf(stderr, "dyad serve: unknown argument '%s' (see dyad help)\n", f.c_str());
      return 2;
    }
  }
  if (db.empty()) {
    std::fprintf(stderr, "dyad serve: --db FILE is required (make one with dyad ingest)\n");
    return 2;
  }
  dyad::StoreOptions so;
  so.read_only = true;
  so.create_if_missing = false;
  so.max_readers = options.threads;
  auto store = dyad::Store::Open(db, so);
  if (!store.ok()) {
    std::fprintf(stderr, "dyad serve: %s\n", store.status().ToString().c_str());
    return 1;
  }
  auto server = dyad::Server::Create(store->get(), options);
  if (!server.ok()) {
    std::fprintf(stderr, "dyad serve: %s\n", server.status().ToString().c_str());
    return 1;
  }
  // SIGINT / SIGTERM stop the server from a thread of their own (Stop() is
  // not async-signal-safe). Blocked before the worker threads exist, so that
  // they inherit the mask and only the waiting thread receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  if (dyad::Status s = (*server)->Bind(); !s.ok()) {
    std::fprintf(stderr, "dyad serve: %s\n", s.ToString().c_str());
    return 1;
  }
  dyad::Server* srv = server->get();
  std::thread waiter([&stop_signals, srv] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    srv->Stop();
  });
  std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  auto stats = (*store)->Stats();
  std::printf("dyad serve: http://%s:%d/  (%lld articles, %lld events, %lld quotes from %s)\n", host.c_str(),
              srv->port(), stats.ok() ? static_cast<long long>(stats->articles) : 0LL,
              stats.ok() ? static_cast<long long>(stats->events) : 0LL,
              stats.ok() ? static_cast<long long>(stats->quotes) : 0LL, db.c_str());
  std::fflush(stdout);
  dyad::Status run = srv->Run();
  // Wake the waiter if Run() ended by itself.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!run.ok()) {
    std::fprintf(stderr, "dyad serve: %s\n", run.ToString().c_str());
    return 1;
  }
  return 0;
}

}  // namespace

DYAD_COMMAND("serve",
             "--db FILE [--host 127.0.0.1] [--port 8080] [--assets DIR] [--threads 16]   HTTP JSON API "
             "and web dashboard over a store (docs/serve.md)",
             Serve);
