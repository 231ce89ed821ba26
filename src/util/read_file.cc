#include "util/read_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dyad {

Status ReadFileInto(const std::string& path, std::string* out, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return Status::NotFound(path + ": cannot open " + std::string(what));
    }
    return Status::IOError(path + ": cannot read " + std::string(what));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read error");
  *out = std::move(ss).str();
  return Status::OK();
}

}  // namespace dyad
