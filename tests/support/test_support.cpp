#include "test_support.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace cnnlab::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "cnnlab-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

const PluginHost& plugin_host() {
  static const PluginHost host([] {
    PluginHost::Options options;
    options.dirs = {CNNLAB_PLUGIN_DIR};
    options.use_environment = false;
    options.use_default_dir = false;
    return options;
  }());
  return host;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& env) {
  TempDir io;
  const std::string out_path = io.file("out"), err_path = io.file("err");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);

  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e) environment.emplace_back(*e);
  for (const auto& extra : env) {
    const std::string name = extra.substr(0, extra.find('=') + 1);
    for (auto it = environment.begin(); it != environment.end();)
      it = it->rfind(name, 0) == 0 ? environment.erase(it) : it + 1;
    environment.push_back(extra);
  }
  std::vector<char*> cargv, cenv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  for (const auto& e : environment) cenv.push_back(const_cast<char*>(e.c_str()));
  cenv.push_back(nullptr);

  pid_t pid = 0;
  const int rc = posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out_path);
  result.err = read_file(err_path);
  return result;
}

ProcessResult run_cnnlab(const std::vector<std::string>& args,
                         const std::vector<std::string>& env) {
  std::vector<std::string> argv{CNNLAB_EXE};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, env);
}

ProcessResult run_merge(const std::vector<std::string>& sources, const std::string& into) {
  std::vector<std::string> args{"runs", "merge"};
  args.insert(args.end(), sources.begin(), sources.end());
  args.insert(args.end(), {"--into", into});
  return run_cnnlab(args);
}

std::vector<std::string> capped(const std::vector<std::string>& command, long kib, int seconds) {
  std::string limit = "exec timeout " + std::to_string(seconds) + " \"$@\"";
#ifndef CNNLAB_SANITIZE
  limit = "ulimit -v " + std::to_string(kib) + " && " + limit;
#endif
  std::vector<std::string> argv{"/bin/sh", "-c", limit, "sh"};
  argv.insert(argv.end(), command.begin(), command.end());
  return argv;
}

}  // namespace cnnlab::test
