#include "byte_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "cnnlab/error.hpp"

namespace cnnlab::datasets {

namespace {
// zlib's default 8 KiB buffer makes reading a 47 MB file needlessly slow.
constexpr unsigned kBufferBytes = 1u << 20;
// gzread takes an unsigned count and returns an int: stay well inside both.
constexpr size_t kMaxChunk = size_t{1} << 30;
// The first step of a buffer grown as compressed data arrives; each step then doubles it.
constexpr uint64_t kFirstGrowth = uint64_t{16} << 20;
}  // namespace

ByteReader::ByteReader(const std::string& path) : path_(path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw DataError(path + ": no such file");
  file_bytes_ = std::filesystem::file_size(path, ec);
  if (ec) throw DataError(path + ": cannot read its size: " + ec.message());
  file_ = gzopen(path.c_str(), "rb");
  if (!file_) throw DataError(path + ": cannot open: " + std::strerror(errno));
  gzbuffer(file_, kBufferBytes);
}

ByteReader::~ByteReader() {
  if (file_) gzclose(file_);
}

size_t ByteReader::read_some(void* out, size_t n) {
  size_t done = 0;
  auto* bytes = static_cast<unsigned char*>(out);
  while (done < n) {
    const auto chunk = static_cast<unsigned>(std::min(n - done, kMaxChunk));
    const int got = gzread(file_, bytes + done, chunk);
    if (got < 0) {
      int code = 0;
      const char* message = gzerror(file_, &code);
      throw DataError(path_ + ": cannot read: " + (message ? message : "unknown zlib error"));
    }
    if (got == 0) break;
    done += static_cast<size_t>(got);
  }
  position_ += done;
  return done;
}

void ByteReader::fail_size(const char* problem, uint64_t expected_total) {
  std::vector<unsigned char> scratch(kBufferBytes);
  while (read_some(scratch.data(), scratch.size()) > 0) {
  }
  const bool compressed = gzdirect(file_) == 0;
  throw DataError(path_ + " " + problem + ": expected " + std::to_string(expected_total) +
                  " bytes, file has " + std::to_string(position_) +
                  (compressed ? " after decompression" : ""));
}

void ByteReader::read_exact(void* out, size_t n, uint64_t expected_total) {
  if (read_some(out, n) < n) fail_size("is truncated", expected_total);
}

void ByteReader::read_appending(std::vector<uint8_t>& out, uint64_t n, uint64_t expected_total) {
  // A plain file's size is known: a claim beyond it fails at once.
  const bool plain = position_ > 0 && gzdirect(file_) != 0;
  if (plain && n > file_bytes_ - std::min(file_bytes_, position_))
    fail_size("is truncated", expected_total);
  uint64_t done = 0;
  while (done < n) {
    const uint64_t step = plain ? n - done : std::min(n - done, std::max(kFirstGrowth, done));
    const size_t start = out.size();
    out.resize(start + static_cast<size_t>(step));
    const size_t got = read_some(out.data() + start, static_cast<size_t>(step));
    out.resize(start + got);
    done += got;
    if (got < step) fail_size("is truncated", expected_total);
  }
}

void ByteReader::expect_end(uint64_t expected_total) {
  unsigned char extra = 0;
  if (read_some(&extra, 1) > 0) fail_size("is longer than its header says", expected_total);
}

}  // namespace cnnlab::datasets
