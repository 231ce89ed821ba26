// The dashboard's static files, read into memory once. A request names a key
// of this table, never a path on disk.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "serve/serve_internal.h"

namespace dyad::serve_internal {
namespace fs = std::filesystem;

std::string ContentTypeFor(std::string_view name) {
  auto dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

Status AssetTable::Load(const std::string& dir, size_t max_bytes) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": no such asset folder");
  files_.clear();
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  if (ec) return Status::IOError(dir + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IOError(dir + ": " + ec.message());
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(it->path(), dir, ec).generic_string();
    if (ec || rel.empty() || rel[0] == '.' || rel.find("/.") != std::string::npos) {
      continue;  // hidden files and folders stay private
    }
    if (it->file_size(ec) > max_bytes || ec) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in.good() && !in.eof()) return Status::IOError(it->path().string() + ": cannot read");
    files_[rel] = Asset{ContentTypeFor(rel), body.str()};
  }
  if (files_.find("index.html") == files_.end()) return Status::NotFound(dir + "/index.html: missing");
  return Status::OK();
}

const Asset* AssetTable::Find(std::string_view path, ApiResponse* error) const {
  if (path.empty() || path[0] != '/') {
    *error = ErrorResponse(400, "asset path must start with '/'");
    return nullptr;
  }
  std::string rel(path.substr(1));
  if (rel.empty()) rel = "index.html";
  // Refuse anything that could mean another folder, even though the lookup
  // below could not reach one: the answer says why.
  size_t start = 0;
  while (start <= rel.size()) {
    size_t slash = rel.find('/', start);
    if (slash == std::string::npos) slash = rel.size();
    std::string_view seg(rel.data() + start, slash - start);
    if (seg.empty() || seg == "." || seg == "..") {
      *error = ErrorResponse(400, "asset path outside the asset folder: empty, '.' or '..' segment");
      return nullptr;
    }
    start = slash + 1;
  }
  if (rel.find('\\') != std::string::npos || rel.find('\0') != std::string::npos || rel[0] == '.') {
    *error = ErrorResponse(400, "asset path outside the asset folder: backslash, NUL or hidden file");
    return nullptr;
  }
  auto it = files_.find(rel);
  if (it == files_.end()) {
    *error = ErrorResponse(404, "no such file in the asset folder");
    return nullptr;
  }
  return &it->second;
}

}  // namespace dyad::serve_internal
