// Internals of the HTTP server: request validation, the API handlers as plain
// functions of (store, parameters) -> JSON answer, and the in-memory asset
// table. Nothing here knows about sockets, so each piece is testable alone.
#ifndef DYAD_SERVE_SERVE_INTERNAL_H_
#define DYAD_SERVE_SERVE_INTERNAL_H_

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dyad/serve.h"
#include "dyad/status.h"
#include "dyad/store.h"

namespace dyad::serve_internal {

// Decoded query parameters, as the HTTP layer parsed them (a name may repeat).
using Params = std::multimap<std::string, std::string>;

// An answer: HTTP status and a JSON body.
struct ApiResponse {
  int status = 200;
  std::string body;
};

// {"error": message, "status": status}
ApiResponse ErrorResponse(int status, std::string_view message);
// The HTTP status that a store error maps to (400, 404 or 500).
int HttpStatusOf(const Status& s);

// A validated list request: the store query (limit / offset already set to
// one page plus one row, so that the handler can tell whether more follow).
struct PageRequest {
  Query query;
  int page = 1;
  int page_size = 50;
  std::string bucket = "day";  // /api/timeline only
  bool count = false;          // count=1: also count every matching row ("total")
};

// Which parameters an endpoint accepts besides the filters.
enum ParamSet : unsigned {
  kFilters = 1u << 0,  // actor source_actor target_actor code quad since until text speaker source article
  kPaging = 1u << 1,   // page page_size count
  kBucket = 1u << 2,   // bucket
};

// Checks every parameter against its syntax and bounds and fills `out`.
// Unknown, repeated, oversized or malformed parameters give a 400 whose
// message names the parameter; the filters then go to the store only as
// bound values.
Status ParseRequest(const Params& params, const ServeOptions& options, unsigned accepted,
                    PageRequest* out);

// API handlers (GET /api/<name>). Each returns the full answer, errors included.
ApiResponse HandleStats(const Store& store, const ServeOptions& options, const Params& params);
ApiResponse HandleEvents(const Store& store, const ServeOptions& options, const Params& params);
ApiResponse HandleQuotes(const Store& store, const ServeOptions& options, const Params& params);
ApiResponse HandleArticles(const Store& store, const ServeOptions& options, const Params& params);
ApiResponse HandleActors(const Store& store, const ServeOptions& options, const Params& params);
ApiResponse HandleArticle(const Store& store, const ServeOptions& options, const Params& params);
ApiResponse HandleTimeline(const Store& store, const ServeOptions& options, const Params& params);
ApiResponse HandleNetwork(const Store& store, const ServeOptions& options, const Params& params);
ApiResponse HandleIssues(const Store& store, const ServeOptions& options, const Params& params);

// The dashboard's files, read once into memory. Lookups never touch the file
// system, so no request path can name a file outside the folder.
struct Asset {
  std::string content_type;
  std::string body;
};

class AssetTable {
 public:
  // Reads every regular file under `dir` (symbolic links are not followed;
  // files larger than max_bytes are skipped). NotFound when `dir` is missing.
  Status Load(const std::string& dir, size_t max_bytes);

  // The asset for a decoded request path ("/", "/js/app.js"). A path with a
  // ".." or "." segment, a backslash, a NUL or an empty segment is refused
  // with 400; an unknown one gives 404.
  const Asset* Find(std::string_view path, ApiResponse* error) const;
  size_t size() const { return files_.size(); }

 private:
  std::unordered_map<std::string, Asset> files_;  // key: path relative to dir, '/'-separated
};

// Content-Type for a file name, by extension.
std::string ContentTypeFor(std::string_view name);

}  // namespace dyad::serve_internal

#endif  // DYAD_SERVE_SERVE_INTERNAL_H_
