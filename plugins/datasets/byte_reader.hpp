#pragma once
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cnnlab::datasets {

// Reads a data file from its start, plain or gzip-compressed alike (zlib passes plain files
// through unchanged), and words every problem as a DataError naming the file.
class ByteReader {
 public:
  explicit ByteReader(const std::string& path);
  ~ByteReader();
  ByteReader(const ByteReader&) = delete;
  ByteReader& operator=(const ByteReader&) = delete;

  // Reads exactly n bytes or throws "PATH is truncated: expected E bytes, file has H", where
  // E is `expected_total`, the size the file's header promises.
  void read_exact(void* out, size_t n, uint64_t expected_total);
  // Appends n bytes to `out`, which grows only as the bytes arrive: a header claiming more
  // than the file holds (compressed or not) fails as truncated before the claim is allocated.
  void read_appending(std::vector<uint8_t>& out, uint64_t n, uint64_t expected_total);
  // Throws when the file holds more than the `expected_total` bytes read so far.
  void expect_end(uint64_t expected_total);

 private:
  size_t read_some(void* out, size_t n);
  [[noreturn]] void fail_size(const char* problem, uint64_t expected_total);

  std::string path_;
  gzFile file_ = nullptr;
  uint64_t file_bytes_ = 0;
  uint64_t position_ = 0;
};

}  // namespace cnnlab::datasets
