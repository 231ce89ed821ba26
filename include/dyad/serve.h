// dyad/serve.h: the HTTP JSON API and the web dashboard over a store.
//
// The server answers GET (and HEAD) only:
//   /api/stats  /api/events  /api/quotes  /api/articles  /api/actors
//   /api/article?id=ID  /api/timeline  /api/network  /api/issues
//   and the dashboard's static files (index.html, js/, css/) from the asset
//   folder, which is read into memory when the server is created: no request
//   can reach a file outside it.
// Every error is a JSON object {"error": "...", "status": N}; docs/serve.md
// lists the parameters, their bounds and the shape of each answer.
//
// Thread-safety: requests run on a pool of worker threads that share the one
// Store (whose queries are thread-safe); the Server's own state is immutable
// after Create() except for Stop().
#ifndef DYAD_SERVE_H_
#define DYAD_SERVE_H_

#include <cstddef>
#include <memory>
#include <string>

#include "dyad/status.h"
#include "dyad/store.h"

namespace dyad {

struct ServeOptions {
  // Loopback unless told otherwise: the API has no authentication.
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  // Folder of the dashboard's files; empty: FindResource("web").
  std::string assets_dir;
  // Worker threads. Each keep-alive connection holds one while it is open.
  int threads = 16;
  // Bounds on what a request may ask for; beyond them it gets a 4xx.
  size_t max_target_bytes = 2048;  // path + query string, as sent
  size_t max_param_bytes = 256;    // one parameter's decoded value
  int default_page_size = 50;
  int max_page_size = 500;
  int max_page = 10000;            // page * page_size stays bounded too
  size_t max_asset_bytes = 4 << 20;  // one static file; larger ones are not loaded
};

class Server {
 public:
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Reads the assets and sets up the routes; binds nothing yet. `store` must
  // outlive the Server. InvalidArgument for bad options, NotFound when the
  // asset folder is missing.
  static Result<std::unique_ptr<Server>> Create(const Store* store, const ServeOptions& options);

  // Binds the listening socket; after it, port() is the real port (useful
  // with options.port == 0). IOError names host and port when it fails.
  Status Bind();
  // Serves until Stop(). REQUIRES: Bind() succeeded.
  Status Run();
  // Makes Run() return; callable from any thread (a signal handler must not
  // call it directly: it is not async-signal-safe).
  void Stop();
  // Blocks until the server accepts connections (for callers that Run() it on
  // another thread).
  void WaitUntilReady() const;

  int port() const;
  const std::string& host() const;
  // Number of static files loaded from the asset folder.
  size_t asset_count() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad

#endif  // DYAD_SERVE_H_
