#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "../util/byte_io.hpp"
#include "cnnlab/error.hpp"
#include "cnnlab/host/picture.hpp"

namespace cnnlab {

void write_picture(const Picture& picture, const std::string& path) {
  bytes::write_file_atomically(path, std::string(picture.png.begin(), picture.png.end()),
                               "the picture");
}

void write_output_file(const std::string& path, const std::string& data, const std::string& what) {
  bytes::write_file_atomically(path, data, what);
}

void check_output_path(const std::string& path, const std::string& option) {
  if (path.empty()) throw ConfigError(option + " needs a file name");
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw ConfigError(option + " " + quoted(path) + " is a folder, not a file");
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  if (!std::filesystem::is_directory(folder, ec))
    throw ConfigError(option + " " + quoted(path) + ": the folder " + quoted(folder.string()) +
                      " does not exist");
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw ConfigError(option + " " + quoted(path) + ": cannot write in " + quoted(folder.string()) +
                      ": " + std::strerror(errno));
}

void check_not_an_input(const std::string& output, const std::string& option,
                        const std::vector<std::string>& inputs) {
  for (const std::string& input : inputs) {
    std::error_code ec;
    // equivalent() compares device and inode: another spelling or a link is caught too.
    if (!input.empty() && std::filesystem::equivalent(output, input, ec) && !ec)
      throw ConfigError(option + " " + quoted(output) + " is the input file " + quoted(input) +
                        ": writing it would destroy it");
  }
}

}  // namespace cnnlab
