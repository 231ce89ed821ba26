// dyad/model_file.h: the versioned binary container every trained model of
// dyad is stored in (layout in docs/formats/model-file.md).
//
//   offset  size  field
//   0       8     magic "DYADMDL\0"
//   8       4     container version (u32, little-endian) = 1
//   12      4     component id (u32): which model this is; ids are never reused
//   16      4     component version (u32): the layout of the payload
//   20      8     payload size in bytes (u64)
//   28      n     payload: a sequence of fields written by ModelWriter
//   28+n    4     CRC-32 (zlib) of bytes [0, 28+n)
//
// Readers distrust the file: every read is bounds-checked, every count is
// checked against the bytes left before anything is allocated, and any
// mismatch is a Corruption status naming the file, never a crash.
//
// Version history of the container: 1 — first version.
#ifndef DYAD_MODEL_FILE_H_
#define DYAD_MODEL_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// Component ids. Never reuse or renumber one; add new ones at the end.
enum class ModelComponent : uint32_t {
  kSegmenter = 1,
  kTagger = 2,
  kLemmatizer = 3,
  kParser = 4,
  kNer = 5,
  kQuoteCues = 6,
};

// Accumulates a payload in memory and writes the whole file at once.
class ModelWriter {
 public:
  ModelWriter(ModelComponent component, uint32_t component_version)
      : component_(component), version_(component_version) {}

  void U8(uint8_t v) { buf_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v);
  void U64(uint64_t v);
  void I32(int32_t v) { U32(static_cast<uint32_t>(v)); }
  void F32(float v);
  void String(std::string_view s);            // u64 length + bytes
  void F32Array(const std::vector<float>& v);  // u64 count + values
  void I32Array(const std::vector<int32_t>& v);
  void U32Array(const std::vector<uint32_t>& v);
  void StringArray(const std::vector<std::string>& v);
  // A table of floats most of which are zero: the indices of the others
  // (u32 array), then their values (f32 array).
  void SparseF32Table(const std::vector<float>& table);

  // Writes the file (via a temporary file renamed into place).
  Status WriteTo(const std::string& path) const;
  // The complete file as bytes (used by WriteTo and by tests).
  std::string Serialize() const;

 private:
  ModelComponent component_;
  uint32_t version_;
  std::string buf_;
};

// Reads fields back in the order they were written. After the first failed
// read every later read fails too, and status() says where it went wrong.
class ModelReader {
 public:
  // Reads and checks a whole file: magic, container version, component,
  // size and checksum. Corruption on any mismatch, NotFound/IOError if it
  // cannot be read.
  static Result<ModelReader> Open(const std::string& path, ModelComponent component);
  // Same over bytes in memory; `name` is used in messages.
  static Result<ModelReader> FromBytes(std::string bytes, const std::string& name,
                                       ModelComponent component);

  uint32_t component_version() const { return version_; }

  bool U8(uint8_t* v);
  bool U32(uint32_t* v);
  bool U64(uint64_t* v);
  bool I32(int32_t* v);
  bool F32(float* v);
  bool String(std::string* s);
  bool F32Array(std::vector<float>* v);
  bool I32Array(std::vector<int32_t>* v);
  bool U32Array(std::vector<uint32_t>* v);
  bool StringArray(std::vector<std::string>* v);
  // Reads what ModelWriter::SparseF32Table wrote into a table of `size`
  // zeros; an index out of range, a count mismatch or a value that is not
  // finite fails (Corruption naming the entry).
  bool SparseF32Table(size_t size, std::vector<float>* table);

  // Fails unless every payload byte was read and no read failed.
  Status Finish();
  // OK, or the first failure: "models/x.dyad: truncated payload reading ... at byte N".
  Status status() const { return status_; }
  // Records a semantic problem found by the caller (e.g. an index out of
  // range) as Corruption naming the file; returns false.
  bool Fail(const std::string& what);

 private:
  ModelReader(std::string bytes, std::string name, uint32_t version)
      : bytes_(std::move(bytes)), name_(std::move(name)), version_(version) {}
  bool Need(uint64_t n, const char* what);
  template <typename T>
  bool Array(std::vector<T>* v, const char* what);

  std::string bytes_;
  std::string name_;
  uint32_t version_ = 0;
  size_t pos_ = 0;
  size_t end_ = 0;
  Status status_;
};

}  // namespace dyad

#endif  // DYAD_MODEL_FILE_H_
