#include "atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cnnlab/error.hpp"

namespace cnnlab::label {

void write_file_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".partial";
  // O_EXCL | O_NOFOLLOW after removing a leftover: a symbolic link planted at the temporary
  // name would have had its target (outside DATASET_DIR) overwritten, and a FIFO there blocked.
  ::unlink(temporary.c_str());
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) throw DataError("cannot write '" + temporary + "': " + std::strerror(errno));
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || done != text.size()) {
    ::unlink(temporary.c_str());
    throw DataError("cannot write '" + temporary + "'");
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    ::unlink(temporary.c_str());
    throw DataError("cannot replace '" + path + "': " + ec.message());
  }
}

std::string unreadable_text_file(const std::string& path) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status) || std::filesystem::is_regular_file(status)) return "";
  return "'" + path + "' is not a regular file";
}

}  // namespace cnnlab::label
