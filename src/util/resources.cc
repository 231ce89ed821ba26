#include "dyad/resources.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

namespace dyad {
namespace fs = std::filesystem;

Result<std::string> FindResource(const std::string& relative) {
  std::vector<fs::path> roots;
  if (const char* home = std::getenv("DYAD_HOME"); home && *home) roots.emplace_back(home);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // build/dyad -> project root; bin/dyad -> prefix/share/dyad
    roots.push_back(exe.parent_path().parent_path());
    roots.push_back(exe.parent_path().parent_path() / "share" / "dyad");
  }
#ifdef DYAD_SOURCE_DIR
  roots.emplace_back(DYAD_SOURCE_DIR);
#endif
  std::string looked;
  for (const auto& root : roots) {
    fs::path p = root / relative;
    if (fs::is_regular_file(p, ec) || fs::is_directory(p, ec)) return p.string();
    looked += (looked.empty() ? "" : ", ") + p.string();
  }
  return Status::NotFound(relative + " not found (looked in: " + looked +
                          "); set DYAD_HOME to the folder that holds models/ and data/");
}

}  // namespace dyad
