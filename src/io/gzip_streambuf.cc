#include "io/gzip_streambuf.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace dyad::io_internal {

GzipStreamBuf::GzipStreamBuf(std::istream* in) : in_(in) {
  // 15 + 16: a window of 32 KiB and a gzip (not zlib) header.
  zlib_ready_ = inflateInit2(&stream_, 15 + 16) == Z_OK;
  if (!zlib_ready_) {
    error_ = "cannot initialise zlib";
    finished_ = true;
  }
  setg(out_buf_, out_buf_, out_buf_);
}

GzipStreamBuf::~GzipStreamBuf() {
  if (zlib_ready_) inflateEnd(&stream_);
}

bool GzipStreamBuf::FillInput() {
  // Unread input moves to the front (Resume needs a header that straddles
  // two reads whole).
  size_t kept = stream_.avail_in;
  if (kept > 0) std::memmove(in_buf_, stream_.next_in, kept);
  in_->read(in_buf_ + kept, static_cast<std::streamsize>(sizeof in_buf_ - kept));
  std::streamsize n = in_->gcount();
  stream_.next_in = reinterpret_cast<Bytef*>(in_buf_);
  stream_.avail_in = static_cast<uInt>(kept + static_cast<size_t>(std::max<std::streamsize>(n, 0)));
  if (n <= 0) return false;
  raw_consumed_ += static_cast<uint64_t>(n);
  return true;
}

bool GzipStreamBuf::Resume() {
  if (!corrupt_) return false;
  static constexpr unsigned char kMagic[] = {0x1f, 0x8b, 0x08};  // gzip, deflate
  // Past the first byte of the corrupt member, which is a header itself.
  if (stream_.avail_in > 0 && CompressedPosition() == member_offset_) {
    ++stream_.next_in;
    --stream_.avail_in;
  }
  for (;;) {
    const unsigned char* in = stream_.next_in;
    for (size_t i = 0; i + sizeof kMagic <= stream_.avail_in; ++i) {
      if (std::memcmp(in + i, kMagic, sizeof kMagic) == 0) {
        stream_.next_in += i;
        stream_.avail_in -= static_cast<uInt>(i);
        corrupt_ = finished_ = in_member_ = false;
        error_.clear();
        setg(out_buf_, out_buf_, out_buf_);
        return true;
      }
    }
    // Keep a possible partial header at the end.
    size_t keep = std::min<size_t>(stream_.avail_in, sizeof kMagic - 1);
    stream_.next_in += stream_.avail_in - keep;
    stream_.avail_in = static_cast<uInt>(keep);
    if (!FillInput()) return false;
  }
}

GzipStreamBuf::int_type GzipStreamBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  while (!finished_) {
    if (stream_.avail_in == 0 && !FillInput()) {
      // The end of the input is fine between members, not inside one.
      if (in_member_)
        error_ = "truncated gzip stream (member at byte " + std::to_string(member_offset_) + ")";
      finished_ = true;
      break;
    }
    if (!in_member_) {
      member_offset_ = CompressedPosition();
      inflateReset(&stream_);
      in_member_ = true;
    }
    stream_.next_out = reinterpret_cast<Bytef*>(out_buf_);
    stream_.avail_out = sizeof out_buf_;
    int rc = inflate(&stream_, Z_NO_FLUSH);
    size_t produced = sizeof out_buf_ - stream_.avail_out;
    if (rc == Z_STREAM_END) {
      // Each buffer holds data of one member only, so that member_offset()
      // is right for every byte.
      in_member_ = false;
    } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && stream_.avail_in == 0)) {
      // Z_BUF_ERROR with input left means no progress is possible.
      error_ = "corrupt gzip data at byte " + std::to_string(CompressedPosition()) +
               " (member at byte " + std::to_string(member_offset_) +
               "): " + (stream_.msg != nullptr ? stream_.msg : "inflate failed");
      finished_ = corrupt_ = true;
      in_member_ = false;
    }
    if (produced > 0) {
      setg(out_buf_, out_buf_, out_buf_ + produced);
      return traits_type::to_int_type(*gptr());
    }
  }
  return traits_type::eof();
}

namespace {

// window_bits: 15 + 32 detects a gzip or zlib header; -15 is raw deflate.
int Inflate(std::string_view in, int window_bits, size_t max_out, std::string* out, bool* too_big) {
  *too_big = false;
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) return Z_MEM_ERROR;
  out->clear();
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    size_t produced = sizeof buf - zs.avail_out;
    if (out->size() + produced > max_out) {
      *too_big = true;
      break;
    }
    out->append(buf, produced);
    if (rc == Z_OK && zs.avail_in == 0 && produced == 0) rc = Z_BUF_ERROR;  // truncated
  }
  inflateEnd(&zs);
  return rc;
}

}  // namespace

bool InflateBuffer(std::string_view in, size_t max_out, std::string* out, std::string* error) {
  if (in.size() > UINT32_MAX) {
    *error = "compressed payload too large";
    return false;
  }
  bool too_big = false;
  int rc = Inflate(in, 15 + 32, max_out, out, &too_big);
  if (rc == Z_DATA_ERROR) rc = Inflate(in, -15, max_out, out, &too_big);
  if (rc == Z_STREAM_END && !too_big) return true;
  out->clear();
  *error = too_big ? "payload decompresses to more than " + std::to_string(max_out) + " bytes"
                   : "corrupt or truncated compressed payload";
  return false;
}

}  // namespace dyad::io_internal
