#include "launch_command.hpp"

#include <filesystem>

#include "cnnlab/error.hpp"

namespace cnnlab::cli {

std::string own_executable() {
  std::error_code ec;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw Error("cannot find the cnnlab executable (/proc/self/exe): " + ec.message());
  return path.string();
}

std::vector<std::string> cell_command(const LaunchCommand& command, const std::string& launch,
                                      const std::string& fingerprint) {
  // The file as the user gave it: cells run in the same folder (--jobs children, and Slurm
  // tasks through --chdir), and the path is the first line of every fold model's YAML, so
  // their models are the very bytes a local run writes.
  std::vector<std::string> argv{own_executable(), "run", command.experiment.file};
  for (const auto& set : command.experiment.sets) argv.insert(argv.end(), {"--set", set});
  for (const auto& variant : command.experiment.variants)
    argv.insert(argv.end(), {"--variant", variant});
  for (const auto& dir : command.common.plugin_dirs)
    argv.insert(argv.end(), {"--plugins", std::filesystem::absolute(dir).string()});
  argv.insert(argv.end(), {"--launch", launch, "--fingerprint", fingerprint});
  return argv;
}

}  // namespace cnnlab::cli
