#include "flags.h"

#include <cstdio>

#include "dyad/time.h"

namespace dyad_tool {

bool IsDictionaryFlag(const std::string& flag) {
  return flag == "--actors" || flag == "--agents" || flag == "--verbs" || flag == "--discards" ||
         flag == "--issues" || flag == "--dict-dir";
}

void SetDictionaryFlag(const std::string& flag, const std::string& value,
                       dyad::DictionaryOptions* d) {
  if (flag == "--actors") {
    for (size_t at = 0; at <= value.size();) {
      size_t comma = value.find(',', at);
      if (comma == std::string::npos) comma = value.size();
      if (comma > at) d->actors.push_back(value.substr(at, comma - at));
      at = comma + 1;
    }
  } else if (flag == "--agents") {
    d->agents = value;
  } else if (flag == "--verbs") {
    d->verbs = value;
  } else if (flag == "--discards") {
    d->discards = value;
  } else if (flag == "--issues") {
    d->issues = value;
  } else if (flag == "--dict-dir") {
    d->dict_dir = value;
  }
}

int Fail(const dyad::Status& s) {
  std::fprintf(stderr, "dyad: %s\n", s.ToString().c_str());
  return 1;
}

bool ValidDate(const std::string& date) { return dyad::ParseIsoDate(date).has_value(); }

}  // namespace dyad_tool
