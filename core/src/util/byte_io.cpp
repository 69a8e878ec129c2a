#include "byte_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "cnnlab/error.hpp"

namespace cnnlab::bytes {

void Writer::raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }

void Writer::u32(uint32_t v) {
  char b[4];
  for (int i = 0; i < 4; ++i) b[i] = static_cast<char>(v >> (8 * i));
  raw(b, 4);
}

void Writer::u64(uint64_t v) {
  u32(static_cast<uint32_t>(v));
  u32(static_cast<uint32_t>(v >> 32));
}

void Writer::f64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  u64(bits);
}

void Writer::str(const std::string& s) {
  u64(s.size());
  raw(s.data(), s.size());
}

void Writer::seal() { u32(crc32_of(out_.data(), out_.size())); }

Reader::Reader(const std::string& data, std::string origin)
    : data_(data), end_(data.size() >= 4 ? data.size() - 4 : 0), origin_(std::move(origin)) {
  if (data.size() < 4) fail("truncated");
  uint32_t stored = 0;
  for (int i = 0; i < 4; ++i)
    stored |= uint32_t(static_cast<unsigned char>(data[end_ + i])) << (8 * i);
  if (crc32_of(data.data(), end_) != stored)
    fail("checksum mismatch (the file is truncated or corrupted)");
}

void Reader::need(uint64_t n) const {
  if (n > end_ - pos_) fail("truncated");
}

void Reader::raw(void* out, size_t n) {
  need(n);
  std::memcpy(out, data_.data() + pos_, n);
  pos_ += n;
}

uint32_t Reader::u32() {
  need(4);
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(static_cast<unsigned char>(data_[pos_ + i])) << (8 * i);
  pos_ += 4;
  return v;
}

uint64_t Reader::u64() {
  const uint64_t lo = u32();
  return lo | (uint64_t(u32()) << 32);
}

double Reader::f64() {
  const uint64_t bits = u64();
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

uint64_t Reader::count(uint64_t item_bytes) {
  const uint64_t n = u64();
  if (item_bytes > 0 && n > (end_ - pos_) / item_bytes)
    fail("corrupted (a count of " + std::to_string(n) + " exceeds the file)");
  return n;
}

std::string Reader::str() {
  const uint64_t n = count(1);
  std::string s = data_.substr(pos_, n);
  pos_ += n;
  return s;
}

void Reader::need_floats(uint64_t n) const {
  if (n > (end_ - pos_) / sizeof(float)) fail("truncated");
}

void Reader::floats(float* out, uint64_t n) {
  need_floats(n);
  if (n == 0) return;  // a tensor without elements has no storage to copy into
  std::memcpy(out, data_.data() + pos_, n * sizeof(float));
  pos_ += n * sizeof(float);
}

void Reader::expect_end() const {
  if (pos_ != end_) fail("unexpected trailing data");
}

void Reader::fail(const std::string& what) const { throw DataError(origin_ + ": " + what); }

uint32_t crc32_of(const char* p, size_t n) {
  uLong crc = crc32(0L, Z_NULL, 0);
  while (n > 0) {
    const uInt chunk = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(p), chunk);
    p += chunk;
    n -= chunk;
  }
  return static_cast<uint32_t>(crc);
}

namespace {

bool write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// The file replaces a regular file or nothing: renaming over a device node, a directory or a
// symbolic link (whose target the user may have meant) is refused.
void refuse_non_regular_target(const std::string& path, const std::string& what) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;
  if (S_ISREG(st.st_mode)) return;
  const char* kind = S_ISLNK(st.st_mode)   ? "a symbolic link"
                     : S_ISDIR(st.st_mode) ? "a directory"
                                           : "not a regular file";
  throw Error("cannot write " + what + " " + path + ": it is " + kind + "; refusing to replace it");
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& data,
                           const std::string& what) {
  refuse_non_regular_target(path, what);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  // O_EXCL | O_NOFOLLOW: never write through something planted at the temporary name; a
  // temporary file that a killed writer left behind is replaced.
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) throw Error("cannot write " + what + " " + path + ": " + std::strerror(errno));
  const bool written = write_all(fd, data) && ::fsync(fd) == 0;
  const int saved_errno = errno;
  if (::close(fd) != 0 || !written) {
    ::unlink(tmp.c_str());
    throw Error("cannot write " + what + " " + path + ": " + std::strerror(saved_errno));
  }
  // Checked again just before the rename: the window for a swap is as small as it gets.
  try {
    refuse_non_regular_target(path, what);
  } catch (const Error&) {
    ::unlink(tmp.c_str());
    throw;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int rename_errno = errno;
    ::unlink(tmp.c_str());
    throw Error("cannot write " + what + " " + path + ": " + std::strerror(rename_errno));
  }
}

std::string read_whole_file(const std::string& path, uint64_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw DataError(path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw DataError(path + ": not a regular file");
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    throw DataError(path + ": too large (" + std::to_string(st.st_size) + " bytes)");
  }
  std::string data(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::read(fd, &data[done], data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (done != data.size()) throw DataError(path + ": cannot read the whole file");
  return data;
}

}  // namespace cnnlab::bytes
