// Input naming and opening: formats, directory walking, stdin, sniffing.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

#include "dyad/io.h"
#include "io/io_internal.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;
using io_internal::AsciiLower;
using io_internal::OwningIstream;

// The format a file name announces, or kAuto.
InputFormat FormatOfPath(std::string_view path) {
  std::string p = AsciiLower(path);
  auto ends = [&p](std::string_view suffix) { return std::string_view(p).ends_with(suffix); };
  if (ends(".txt")) return InputFormat::kText;
  if (ends(".jsonl")) return InputFormat::kJsonl;
  if (ends(".html") || ends(".htm")) return InputFormat::kHtml;
  if (ends(".warc") || ends(".warc.gz")) return InputFormat::kWarc;
  return InputFormat::kAuto;
}

// Reads a file descriptor (standard input) with a large buffer; std::cin
// goes through stdio one character at a time.
class FdStreamBuf : public std::streambuf {
 public:
  explicit FdStreamBuf(int fd) : fd_(fd) { setg(buf_, buf_, buf_); }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    ssize_t n;
    do {
      n = ::read(fd_, buf_, sizeof buf_);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) return traits_type::eof();
    setg(buf_, buf_, buf_ + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  int fd_;
  char buf_[1 << 16];
};

// Serves `prefix` (bytes already read for sniffing), then the rest of `in`.
class PrefixStreamBuf : public std::streambuf {
 public:
  PrefixStreamBuf(std::string prefix, std::unique_ptr<std::istream> in)
      : prefix_(std::move(prefix)), in_(std::move(in)) {
    setg(prefix_.data(), prefix_.data(), prefix_.data() + prefix_.size());
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    std::streamsize n = in_->rdbuf()->sgetn(buf_, sizeof buf_);
    if (n <= 0) return traits_type::eof();
    setg(buf_, buf_, buf_ + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string prefix_;
  std::unique_ptr<std::istream> in_;
  char buf_[1 << 16];
};

// The format of content that has no telling name.
InputFormat SniffFormat(std::string_view head) {
  if (head.starts_with("\x1f\x8b") || head.starts_with("WARC/")) return InputFormat::kWarc;
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  head = io_internal::TrimWhitespace(head);
  if (head.starts_with('{')) return InputFormat::kJsonl;
  if (head.starts_with('<')) return InputFormat::kHtml;
  return InputFormat::kText;
}

}  // namespace

Result<InputFormat> ParseInputFormat(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "auto") return InputFormat::kAuto;
  if (n == "txt" || n == "text") return InputFormat::kText;
  if (n == "jsonl") return InputFormat::kJsonl;
  if (n == "html" || n == "htm") return InputFormat::kHtml;
  if (n == "warc") return InputFormat::kWarc;
  return Status::InvalidArgument("unknown input format \"" + std::string(name) +
                                 "\" (expected txt, jsonl, html, warc or auto)");
}

Result<std::vector<InputSource>> ExpandInputs(const std::vector<std::string>& paths,
                                              const ReadOptions& options) {
  std::vector<InputSource> sources;
  auto add = [&](const std::string& path) {
    InputFormat f = options.format != InputFormat::kAuto ? options.format : FormatOfPath(path);
    sources.push_back(InputSource{path, f});
  };
  for (const std::string& path : paths) {
    if (path == "-") {
      sources.push_back(InputSource{"-", options.format});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st)) return Status::NotFound(path + ": no such file or directory");
    if (!fs::is_directory(st)) {
      add(path);  // named explicitly: taken whatever its name
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::none, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::error_code file_ec;
      if (it->is_regular_file(file_ec) && FormatOfPath(it->path().string()) != InputFormat::kAuto) {
        found.push_back(it->path().string());
      }
    }
    if (ec) return Status::IOError(path + ": cannot list directory: " + ec.message());
    std::sort(found.begin(), found.end());
    for (const std::string& f : found) add(f);
  }
  return sources;
}

Result<std::unique_ptr<ArticleReader>> OpenReader(const InputSource& source,
                                                  const ReadOptions& options,
                                                  const Diagnostics* diagnostics) {
  std::unique_ptr<std::istream> in;
  std::string name;
  if (source.path == "-") {
    name = "<stdin>";
    in = std::make_unique<OwningIstream>(std::make_unique<FdStreamBuf>(STDIN_FILENO));
  } else {
    name = source.path;
    auto file = std::make_unique<std::ifstream>(source.path, std::ios::binary);
    if (!file->is_open()) {
      int err = errno;
      std::error_code ec;
      if (!fs::exists(source.path, ec)) return Status::NotFound(source.path + ": no such file");
      return Status::IOError(source.path + ": cannot open: " + std::strerror(err));
    }
    in = std::move(file);
  }

  InputFormat format = source.format;
  if (format == InputFormat::kAuto) format = options.format;
  if (format == InputFormat::kAuto) format = FormatOfPath(source.path);
  if (format == InputFormat::kAuto) {
    // Enough to see past leading blank lines; the bytes read are served again.
    std::string head(4096, '\0');
    head.resize(
        static_cast<size_t>(std::max<std::streamsize>(0, in->rdbuf()->sgetn(head.data(), 4096))));
    format = SniffFormat(head);
    in = std::make_unique<OwningIstream>(
        std::make_unique<PrefixStreamBuf>(std::move(head), std::move(in)));
  }
  switch (format) {
    case InputFormat::kText:
      return NewTextReader(std::move(name), std::move(in), options, diagnostics);
    case InputFormat::kJsonl:
      return NewJsonlReader(std::move(name), std::move(in), options, diagnostics);
    case InputFormat::kHtml:
      return NewHtmlReader(std::move(name), std::move(in), options, diagnostics);
    case InputFormat::kWarc:
    case InputFormat::kAuto:
      break;
  }
  return NewWarcReader(std::move(name), std::move(in), options, diagnostics);
}

}  // namespace dyad
