// gzip_streambuf.h: streaming gzip decompression (internal to the io stage).
#ifndef DYAD_IO_GZIP_STREAMBUF_H_
#define DYAD_IO_GZIP_STREAMBUF_H_

#include <zlib.h>

#include <cstdint>
#include <istream>
#include <streambuf>
#include <string>
#include <string_view>

namespace dyad::io_internal {

// Decompresses a gzip stream of any number of members (Common Crawl writes
// each WARC record as its own member) as it is read, with fixed-size buffers.
// A truncated or corrupt stream ends the data early and sets error(); what
// came before it is delivered intact. After corrupt data, Resume() can go on
// with the next member.
class GzipStreamBuf : public std::streambuf {
 public:
  // `in` must outlive this object.
  explicit GzipStreamBuf(std::istream* in);
  ~GzipStreamBuf() override;
  GzipStreamBuf(const GzipStreamBuf&) = delete;
  GzipStreamBuf& operator=(const GzipStreamBuf&) = delete;

  // Why the data ended early ("truncated gzip stream", ...), or "".
  const std::string& error() const { return error_; }
  // Whether the data ended at corrupt data (rather than at the end of the
  // input), so that Resume() may find more.
  bool corrupt() const { return corrupt_; }
  // After corrupt data: skips to the next gzip member header, clears the
  // error and returns true; false when there is none (the data stays ended).
  // Bytes already buffered from the corrupt member are dropped.
  bool Resume();
  // Compressed offset of the member that the next byte comes from (the
  // offset that Common Crawl's index gives for a record).
  uint64_t member_offset() const { return member_offset_; }

 protected:
  int_type underflow() override;

 private:
  bool FillInput();
  uint64_t CompressedPosition() const { return raw_consumed_ - stream_.avail_in; }

  std::istream* in_;
  z_stream stream_{};
  bool zlib_ready_ = false;
  bool in_member_ = false;
  bool finished_ = false;
  bool corrupt_ = false;
  uint64_t raw_consumed_ = 0;
  uint64_t member_offset_ = 0;
  std::string error_;
  char in_buf_[1 << 16];
  char out_buf_[1 << 16];
};

// Decompresses a whole gzip or zlib buffer (an HTTP payload sent with
// Content-Encoding: gzip or deflate; raw deflate too, which some servers send
// for "deflate"). Fails with a message in *error when the data is corrupt or
// would decompress to more than `max_out` bytes.
bool InflateBuffer(std::string_view in, size_t max_out, std::string* out, std::string* error);

}  // namespace dyad::io_internal

#endif  // DYAD_IO_GZIP_STREAMBUF_H_
