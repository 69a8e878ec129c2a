#pragma once
// Little-endian binary records with a trailing CRC-32, written atomically: the container of
// the files cnnlab writes for itself (checkpoints). Internal to libcnnlab.
#include <cstddef>
#include <cstdint>
#include <string>

namespace cnnlab::bytes {

class Writer {
 public:
  void raw(const void* p, size_t n);
  void u32(uint32_t v);
  void u64(uint64_t v);
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void f64(double v);
  void str(const std::string& s);
  void floats(const float* p, size_t n) { raw(p, n * sizeof(float)); }
  // Appends the CRC-32 of everything written so far.
  void seal();
  const std::string& buffer() const { return out_; }

 private:
  std::string out_;
};

// Reads a sealed buffer: construction checks the CRC-32; every read checks that the bytes are
// there, so a length read from a damaged file never allocates more than the file holds.
// Failures throw DataError("<origin>: <what>").
class Reader {
 public:
  Reader(const std::string& data, std::string origin);
  void raw(void* out, size_t n);
  uint32_t u32();
  uint64_t u64();
  int64_t i64() { return static_cast<int64_t>(u64()); }
  double f64();
  // A count of items of at least `item_bytes` each: refused when the rest of the file is
  // too short to hold them.
  uint64_t count(uint64_t item_bytes);
  std::string str();
  void floats(float* out, uint64_t n);
  // Fails unless n floats are left: call before allocating room for them.
  void need_floats(uint64_t n) const;
  void expect_end() const;
  [[noreturn]] void fail(const std::string& what) const;

 private:
  void need(uint64_t n) const;
  const std::string& data_;
  size_t end_;
  size_t pos_ = 0;
  std::string origin_;
};

uint32_t crc32_of(const char* p, size_t n);

// Writes `data` to a temporary file beside `path`, flushes it to disk and renames it over
// `path`, so a crash leaves either the old file or the new one. Only a regular file (or
// nothing) at `path` is replaced. Throws Error "cannot write <what> <path>: ..." on failure.
void write_file_atomically(const std::string& path, const std::string& data,
                           const std::string& what);
// The whole file; DataError when it cannot be read or is larger than `max_bytes`.
std::string read_whole_file(const std::string& path, uint64_t max_bytes);

}  // namespace cnnlab::bytes
