#include "dyad/model_file.h"

#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace dyad {
namespace {

constexpr char kMagic[8] = {'D', 'Y', 'A', 'D', 'M', 'D', 'L', '\0'};
constexpr uint32_t kContainerVersion = 1;
constexpr size_t kHeaderSize = 28;

void PutLE(std::string* out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

uint64_t GetLE(const std::string& s, size_t pos, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t(static_cast<unsigned char>(s[pos + i])) << (8 * i);
  return v;
}

uint32_t Crc32(const char* data, size_t n) {
  uLong crc = crc32(0L, Z_NULL, 0);
  while (n > 0) {
    uInt chunk = n > (1u << 30) ? (1u << 30) : static_cast<uInt>(n);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data), chunk);
    data += chunk;
    n -= chunk;
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace

void ModelWriter::U32(uint32_t v) { PutLE(&buf_, v, 4); }
void ModelWriter::U64(uint64_t v) { PutLE(&buf_, v, 8); }
void ModelWriter::F32(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  U32(bits);
}
void ModelWriter::String(std::string_view s) {
  U64(s.size());
  buf_.append(s);
}
void ModelWriter::F32Array(const std::vector<float>& v) {
  U64(v.size());
  for (float f : v) F32(f);
}
void ModelWriter::I32Array(const std::vector<int32_t>& v) {
  U64(v.size());
  for (int32_t x : v) I32(x);
}
void ModelWriter::U32Array(const std::vector<uint32_t>& v) {
  U64(v.size());
  for (uint32_t x : v) U32(x);
}
void ModelWriter::SparseF32Table(const std::vector<float>& table) {
  std::vector<uint32_t> index;
  std::vector<float> value;
  for (size_t k = 0; k < table.size(); ++k) {
    if (table[k] != 0.0f) {
      index.push_back(static_cast<uint32_t>(k));
      value.push_back(table[k]);
    }
  }
  U32Array(index);
  F32Array(value);
}
void ModelWriter::StringArray(const std::vector<std::string>& v) {
  U64(v.size());
  for (const auto& s : v) String(s);
}

std::string ModelWriter::Serialize() const {
  std::string out(kMagic, 8);
  PutLE(&out, kContainerVersion, 4);
  PutLE(&out, static_cast<uint32_t>(component_), 4);
  PutLE(&out, version_, 4);
  PutLE(&out, buf_.size(), 8);
  out += buf_;
  PutLE(&out, Crc32(out.data(), out.size()), 4);
  return out;
}

Status ModelWriter::WriteTo(const std::string& path) const {
  std::string bytes = Serialize();
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return Status::IOError(tmp + ": cannot open for writing");
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) return Status::IOError(tmp + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Status::IOError(path + ": cannot rename " + tmp);
  return Status::OK();
}

Result<ModelReader> ModelReader::Open(const std::string& path, ModelComponent component) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::NotFound(path + ": cannot open model file");
  std::string bytes;
  f.seekg(0, std::ios::end);
  const std::streamoff size = f.tellg();
  f.seekg(0, std::ios::beg);
  if (size < 0) return Status::IOError(path + ": cannot tell the file size");
  bytes.resize(static_cast<size_t>(size));
  if (!f.read(bytes.data(), size)) return Status::IOError(path + ": read error");
  return FromBytes(std::move(bytes), path, component);
}

Result<ModelReader> ModelReader::FromBytes(std::string bytes, const std::string& name,
                                           ModelComponent component) {
  if (bytes.size() < kHeaderSize + 4) {
    return Status::Corruption(name + ": truncated model file (" + std::to_string(bytes.size()) + " bytes)");
  }
  if (std::memcmp(bytes.data(), kMagic, 8) != 0) {
    return Status::Corruption(name + ": not a dyad model file (bad magic)");
  }
  uint32_t container = static_cast<uint32_t>(GetLE(bytes, 8, 4));
  if (container != kContainerVersion) {
    return Status::Corruption(name + ": unsupported model container version " + std::to_string(container));
  }
  uint32_t comp = static_cast<uint32_t>(GetLE(bytes, 12, 4));
  if (comp != static_cast<uint32_t>(component)) {
    return Status::Corruption(name + ": model file holds component " + std::to_string(comp) +
                              ", expected " + std::to_string(static_cast<uint32_t>(component)));
  }
  uint64_t size = GetLE(bytes, 20, 8);
  if (size != bytes.size() - kHeaderSize - 4) {
    return Status::Corruption(name + ": payload size " + std::to_string(size) + " does not match file size " +
                              std::to_string(bytes.size()) + " (truncated?)");
  }
  uint32_t stored = static_cast<uint32_t>(GetLE(bytes, kHeaderSize + size, 4));
  if (stored != Crc32(bytes.data(), kHeaderSize + size)) {
    return Status::Corruption(name + ": checksum mismatch");
  }
  const uint32_t version = static_cast<uint32_t>(GetLE(bytes, 16, 4));
  ModelReader r(std::move(bytes), name, version);
  r.pos_ = kHeaderSize;
  r.end_ = kHeaderSize + size;
  return r;
}

bool ModelReader::Fail(const std::string& what) {
  if (status_.ok()) status_ = Status::Corruption(name_ + ": " + what);
  return false;
}

bool ModelReader::Need(uint64_t n, const char* what) {
  if (!status_.ok()) return false;
  if (n > end_ - pos_) {
    return Fail(std::string("truncated payload reading ") + what + " at byte " + std::to_string(pos_));
  }
  return true;
}

bool ModelReader::U8(uint8_t* v) {
  if (!Need(1, "u8")) return false;
  *v = static_cast<uint8_t>(bytes_[pos_++]);
  return true;
}
bool ModelReader::U32(uint32_t* v) {
  if (!Need(4, "u32")) return false;
  *v = static_cast<uint32_t>(GetLE(bytes_, pos_, 4));
  pos_ += 4;
  return true;
}
bool ModelReader::U64(uint64_t* v) {
  if (!Need(8, "u64")) return false;
  *v = GetLE(bytes_, pos_, 8);
  pos_ += 8;
  return true;
}
bool ModelReader::I32(int32_t* v) {
  uint32_t u;
  if (!U32(&u)) return false;
  *v = static_cast<int32_t>(u);
  return true;
}
bool ModelReader::F32(float* v) {
  uint32_t u;
  if (!U32(&u)) return false;
  std::memcpy(v, &u, 4);
  return true;
}
bool ModelReader::String(std::string* s) {
  uint64_t n;
  if (!U64(&n) || !Need(n, "string")) return false;
  s->assign(bytes_, pos_, n);
  pos_ += n;
  return true;
}

template <typename T>
bool ModelReader::Array(std::vector<T>* v, const char* what) {
  uint64_t n;
  if (!U64(&n)) return false;
  if (n > (end_ - pos_) / 4) {
    return Fail(std::string("truncated payload: ") + what + " of " + std::to_string(n) +
                " elements at byte " + std::to_string(pos_) + " exceeds the file");
  }
  v->resize(n);
  for (auto& x : *v) {
    uint32_t u = static_cast<uint32_t>(GetLE(bytes_, pos_, 4));
    pos_ += 4;
    std::memcpy(&x, &u, 4);
  }
  return true;
}

bool ModelReader::F32Array(std::vector<float>* v) { return Array(v, "float array"); }
bool ModelReader::I32Array(std::vector<int32_t>* v) { return Array(v, "int array"); }
bool ModelReader::U32Array(std::vector<uint32_t>* v) { return Array(v, "uint array"); }

bool ModelReader::SparseF32Table(size_t size, std::vector<float>* table) {
  std::vector<uint32_t> index;
  std::vector<float> value;
  if (!U32Array(&index) || !F32Array(&value)) return false;
  if (index.size() != value.size()) return Fail("index and weight counts differ");
  table->assign(size, 0.0f);
  for (size_t k = 0; k < index.size(); ++k) {
    if (index[k] >= size || !std::isfinite(value[k])) return Fail("weight " + std::to_string(k) + " out of range");
    (*table)[index[k]] = value[k];
  }
  return true;
}

bool ModelReader::StringArray(std::vector<std::string>* v) {
  uint64_t n;
  if (!U64(&n)) return false;
  // Each string takes at least its 8-byte length.
  if (n > (end_ - pos_) / 8) return Fail("string array count " + std::to_string(n) + " exceeds the file");
  v->resize(n);
  for (auto& s : *v) {
    if (!String(&s)) return false;
  }
  return true;
}

Status ModelReader::Finish() {
  if (!status_.ok()) return status_;
  if (pos_ != end_) {
    return Status::Corruption(name_ + ": " + std::to_string(end_ - pos_) + " unread payload bytes");
  }
  return Status::OK();
}

}  // namespace dyad
