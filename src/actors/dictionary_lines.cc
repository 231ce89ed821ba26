#include "actors/dictionary_lines_internal.h"
#include "dyad/utf8.h"

namespace dyad::actors_internal {
namespace {

// Windows-1252 0x80..0x9F; 0 where the code page leaves a hole.
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void DecodeCp1252(std::string_view in, std::string* out) {
  out->clear();
  for (unsigned char c : in) {
    if (c < 0x80) {
      *out += static_cast<char>(c);
    } else if (c < 0xA0) {
      char32_t cp = kCp1252High[c - 0x80];
      utf8::Append(cp == 0 ? 0xFFFD : cp, out);
    } else {
      utf8::Append(c, out);
    }
  }
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

void AddProblem(std::vector<std::string>* problems, std::string_view name, uint32_t line,
                std::string_view message) {
  if (problems == nullptr) return;
  std::string p(name);
  p += ':';
  p += std::to_string(line);
  p += ": ";
  p += message;
  problems->push_back(std::move(p));
}

DictionaryLineReader::DictionaryLineReader(std::string_view name, std::string_view text,
                                           std::vector<std::string>* problems)
    : name_(name), text_(text), problems_(problems) {}

bool DictionaryLineReader::Next(uint32_t* line_number, std::string_view* line) {
  while (pos_ < text_.size()) {
    size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view raw = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    ++line_number_;
    if (!IsAscii(raw)) {
      std::string repaired;
      if (utf8::Repair(raw, &repaired) != utf8::npos) {
        DecodeCp1252(raw, &decoded_);
        AddProblem(problems_, name_, line_number_, "not valid UTF-8; read as Windows-1252");
        raw = decoded_;
      }
    }
    // Strip comments into buffer_.
    buffer_.clear();
    size_t i = 0;
    if (in_comment_) {
      size_t close = raw.find("-->");
      if (close == std::string_view::npos) continue;
      in_comment_ = false;
      i = close + 3;
    } else {
      std::string_view t = Trim(raw);
      if (t.size() >= 2 && t[0] == '<' && t[1] == '!' && t.substr(0, 4) != "<!--") continue;
    }
    while (i < raw.size()) {
      size_t hash = raw.find_first_of("#;", i);
      size_t open = raw.find("<!--", i);
      if (open != std::string_view::npos && (hash == std::string_view::npos || open < hash)) {
        buffer_.append(raw.substr(i, open - i));
        size_t close = raw.find("-->", open + 4);
        if (close == std::string_view::npos) {
          in_comment_ = true;
          comment_start_ = line_number_;
          break;
        }
        i = close + 3;
        continue;
      }
      buffer_.append(raw.substr(i, hash == std::string_view::npos ? raw.npos : hash - i));
      break;
    }
    std::string_view t = Trim(buffer_);
    if (t.empty()) continue;
    *line_number = line_number_;
    *line = t;
    return true;
  }
  if (in_comment_) {
    AddProblem(problems_, name_, comment_start_,
               "\"<!--\" comment never closed with \"-->\"; the rest of the file is ignored");
    in_comment_ = false;
  }
  return false;
}

}  // namespace dyad::actors_internal
