#include "dyad/status.h"

namespace dyad {

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->msg : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  const char* kind = "Error";
  switch (state_->code) {
    case Code::kOk: kind = "OK"; break;
    case Code::kInvalidArgument: kind = "Invalid argument"; break;
    case Code::kNotFound: kind = "Not found"; break;
    case Code::kCorruption: kind = "Corruption"; break;
    case Code::kIOError: kind = "IO error"; break;
    case Code::kUnsupported: kind = "Unsupported"; break;
  }
  return std::string(kind) + ": " + state_->msg;
}

}  // namespace dyad
