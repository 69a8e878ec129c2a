#pragma once
// Helpers shared by the test executables: temporary folders and running the real `cnnlab`
// binary as a child process, the way a user does.
#include <string>
#include <vector>

#include "cnnlab/plugin_host.hpp"

namespace cnnlab::test {

// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv (argv[0] is a path) with extra "NAME=VALUE" environment entries, no stdin.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& env = {});
// `command` run with at most `kib` KiB of address space (`ulimit -v`) and `seconds` seconds.
// Sanitizer builds get no address-space cap: AddressSanitizer's shadow memory alone reserves
// terabytes of it; there the time limit and the sanitizers' own checks remain.
std::vector<std::string> capped(const std::vector<std::string>& command, long kib,
                                int seconds = 60);
// Runs the built `cnnlab` with the given arguments.
ProcessResult run_cnnlab(const std::vector<std::string>& args,
                         const std::vector<std::string>& env = {});
// `cnnlab runs merge SOURCES... --into INTO`.
ProcessResult run_merge(const std::vector<std::string>& sources, const std::string& into);

// The host with only the build tree's plugin folder (the built-in plugins), loaded once per
// test executable.
const PluginHost& plugin_host();

void write_file(const std::string& path, const std::string& text);
std::string read_file(const std::string& path);

}  // namespace cnnlab::test
