// The CAMEO code table dyad ships (data/cameo/events.tsv).
#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "dyad/events.h"
#include "dyad/resources.h"

namespace dyad {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t b = 0;
  while (true) {
    size_t t = line.find('\t', b);
    out.push_back(line.substr(b, t == std::string::npos ? std::string::npos : t - b));
    if (t == std::string::npos) break;
    b = t + 1;
  }
  return out;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<CameoTable> CameoTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open the CAMEO code table");
  CameoTable table;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitTabs(line);
    auto bad = [&](const std::string& why) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": " + why);
    };
    if (f.size() != 5) return bad("expected 5 tab-separated fields");
    CameoCode c;
    c.code = f[0];
    if (!AllDigits(c.code) || c.code.size() < 2 || c.code.size() > 4) return bad("bad code '" + f[0] + "'");
    try {
      size_t used = 0;
      c.goldstein = std::stod(f[1], &used);
      if (used != f[1].size()) return bad("bad Goldstein value '" + f[1] + "'");
    } catch (...) {
      return bad("bad Goldstein value '" + f[1] + "'");
    }
    if (f[2].size() != 1 || f[2][0] < '1' || f[2][0] > '4') return bad("bad quad class '" + f[2] + "'");
    c.quad_class = f[2][0] - '0';
    c.plover = f[3];
    c.name = f[4];
    table.codes_.push_back(std::move(c));
  }
  if (in.bad()) return Status::IOError(path + ": read error");
  std::sort(table.codes_.begin(), table.codes_.end(),
            [](const CameoCode& a, const CameoCode& b) { return a.code < b.code; });
  return table;
}

Result<CameoTable> CameoTable::LoadDefault() {
  auto data = FindResource("data");
  if (!data.ok()) return data.status();
  return Load(*data + "/cameo/events.tsv");
}

const CameoCode* CameoTable::Find(std::string_view code) const {
  std::string c(code);
  while (c.size() >= 2) {
    auto it = std::lower_bound(codes_.begin(), codes_.end(), c,
                               [](const CameoCode& a, const std::string& k) { return a.code < k; });
    if (it != codes_.end() && it->code == c) return &*it;
    c.pop_back();
  }
  return nullptr;
}

int CameoTable::QuadClassOfRoot(std::string_view root) {
  if (root.size() != 2 || !std::isdigit(static_cast<unsigned char>(root[0])) ||
      !std::isdigit(static_cast<unsigned char>(root[1]))) {
    return 0;
  }
  int r = (root[0] - '0') * 10 + (root[1] - '0');
  if (r >= 1 && r <= 5) return 1;
  if (r >= 6 && r <= 8) return 2;
  if ((r >= 9 && r <= 13) || r == 16) return 3;
  if (r == 14 || r == 15 || (r >= 17 && r <= 20)) return 4;
  return 0;
}

std::string CameoTable::PloverOf(std::string_view code) {
  if (code.size() < 2) return "";
  std::string_view root = code.substr(0, 2);
  if (root == "01" || root == "02") return "";
  if (root == "03") return "AGREE";
  if (root == "04") return "CONSULT";
  if (root == "05") return "SUPPORT";
  if (root == "06") return "COOPERATE";
  if (root == "07") return "AID";
  if (root == "08") {
    if (code.size() < 3) return "CONCEDE";
    char third = code[2];
    return third <= '3' ? "CONCEDE" : "RETREAT";
  }
  if (root == "09" || root == "11") return "ACCUSE";
  if (root == "10") return "REQUEST";
  if (root == "12") return "REJECT";
  if (root == "13") return "THREATEN";
  if (root == "14") return "PROTEST";
  if (root == "15") return "MOBILIZE";
  if (root == "16") return code.substr(0, std::min<size_t>(3, code.size())) == "163" ? "COERCE" : "SANCTION";
  if (root == "17") return "COERCE";
  if (root == "18" || root == "19" || root == "20") return "ASSAULT";
  return "";
}

}  // namespace dyad
