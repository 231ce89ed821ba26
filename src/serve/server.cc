// The HTTP layer: cpp-httplib routes to the API handlers and the asset table;
// limits on what a request may be are checked before any routing.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "dyad/resources.h"
#include "serve/serve_internal.h"

namespace dyad {

using serve_internal::ApiResponse;
using serve_internal::ErrorResponse;

struct Server::Impl {
  const Store* store = nullptr;
  ServeOptions options;
  serve_internal::AssetTable assets;
  httplib::Server http;
  int port = 0;
  bool bound = false;
  std::atomic<bool> stopping{false};
};

namespace {

constexpr const char* kJson = "application/json";

// The body is moved into the response (set_content would copy it).
void Send(httplib::Response& res, ApiResponse&& a) {
  res.status = a.status;
  res.body = std::move(a.body);
  res.set_header("Content-Type", kJson);
}

using Handler = ApiResponse (*)(const Store&, const ServeOptions&, const serve_internal::Params&);

}  // namespace

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const Store* store, const ServeOptions& options) {
  if (store == nullptr) return Status::InvalidArgument("serve: no store");
  if (options.port < 0 || options.port > 65535) {
    return Status::InvalidArgument("serve: port " + std::to_string(options.port) + " out of range 0..65535");
  }
  if (options.threads < 1 || options.threads > 1024) return Status::InvalidArgument("serve: threads must be 1..1024");
  if (options.default_page_size < 1 || options.default_page_size > options.max_page_size) {
    return Status::InvalidArgument("serve: default_page_size must be 1..max_page_size");
  }
  auto impl = std::make_unique<Impl>();
  impl->store = store;
  impl->options = options;
  std::string dir = options.assets_dir;
  if (dir.empty()) {
    auto found = FindResource("web");
    if (!found.ok()) return found.status();
    dir = *found;
  }
  DYAD_RETURN_IF_ERROR(impl->assets.Load(dir, options.max_asset_bytes));

  Impl* self = impl.get();
  httplib::Server& http = impl->http;
  const int threads = options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  // Headers and body go out in separate writes: without TCP_NODELAY a
  // keep-alive client waits for the delayed ACK (40 ms) on every response.
  http.set_tcp_nodelay(true);
  // httplib's default also sets SO_REUSEPORT, which lets a second server bind
  // the same port and silently share its connections: only SO_REUSEADDR here.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<void*>(&yes), sizeof(yes));
  });
  http.set_keep_alive_max_count(10000);
  http.set_keep_alive_timeout(5);
  http.set_read_timeout(10);
  http.set_write_timeout(10);
  http.set_payload_max_length(4096);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "no-referrer"},
                            {"Content-Security-Policy",
                             "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                             "base-uri 'none'; frame-ancestors 'none'"}});

  // Limits first: the target as sent (path and query string, still encoded)
  // and the method. What fails here never reaches a handler.
  http.set_pre_routing_handler([self](const httplib::Request& req, httplib::Response& res) {
    if (req.target.size() > self->options.max_target_bytes) {
      Send(res, ErrorResponse(414, "request target longer than " + std::to_string(self->options.max_target_bytes) +
                                       " bytes"));
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      Send(res, ErrorResponse(405, "only GET and HEAD are served"));
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  auto api = [self](Handler h) {
    return [self, h](const httplib::Request& req, httplib::Response& res) {
      res.set_header("Cache-Control", "no-store");
      Send(res, h(*self->store, self->options, req.params));
    };
  };
  http.Get("/api/stats", api(serve_internal::HandleStats));
  http.Get("/api/events", api(serve_internal::HandleEvents));
  http.Get("/api/quotes", api(serve_internal::HandleQuotes));
  http.Get("/api/articles", api(serve_internal::HandleArticles));
  http.Get("/api/actors", api(serve_internal::HandleActors));
  http.Get("/api/article", api(serve_internal::HandleArticle));
  http.Get("/api/timeline", api(serve_internal::HandleTimeline));
  http.Get("/api/network", api(serve_internal::HandleNetwork));
  http.Get("/api/issues", api(serve_internal::HandleIssues));

  // Everything else is a static file of the dashboard (or a 4xx).
  http.Get(".*", [self](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/api") {
      Send(res, ErrorResponse(404, "no such API endpoint"));
      return;
    }
    ApiResponse error;
    const serve_internal::Asset* a = self->assets.Find(req.path, &error);
    if (a == nullptr) {
      Send(res, std::move(error));
      return;
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_content(a->body, a->content_type.c_str());
  });

  // Errors that httplib answers itself (400 for a malformed request, 414 for
  // a request line past its own limit, 413 for a body too large) get a JSON
  // body too.
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string why = res.status == 413   ? "request body too large"
                      : res.status == 414 ? "request target too long"
                      : res.status == 404 ? "not found"
                                          : "bad request";
    Send(res, ErrorResponse(res.status, why));
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what += std::string(": ") + e.what();
    } catch (...) {
    }
    Send(res, ErrorResponse(500, what));
  });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Bind() {
  const ServeOptions& o = impl_->options;
  int port = o.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(o.host);
    if (port < 0) port = 0;
  } else if (!impl_->http.bind_to_port(o.host, port)) {
    port = 0;
  }
  if (port == 0) {
    return Status::IOError("serve: cannot listen on " + o.host + ":" + std::to_string(o.port) +
                           " (address in use, or not an address of this machine)");
  }
  impl_->port = port;
  impl_->bound = true;
  return Status::OK();
}

Status Server::Run() {
  if (!impl_->bound) return Status::InvalidArgument("serve: Run() before Bind()");
  if (!impl_->http.listen_after_bind() && !impl_->stopping) {
    return Status::IOError("serve: stopped listening on " + impl_->options.host + ":" + std::to_string(impl_->port));
  }
  return Status::OK();
}

void Server::Stop() {
  impl_->stopping = true;
  impl_->http.stop();
}

void Server::WaitUntilReady() const {
  while (!impl_->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

int Server::port() const { return impl_->port; }
const std::string& Server::host() const { return impl_->options.host; }
size_t Server::asset_count() const { return impl_->assets.size(); }

}  // namespace dyad
