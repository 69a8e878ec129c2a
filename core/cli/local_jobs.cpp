#include "local_jobs.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "cnnlab/error.hpp"
#include "cnnlab/host/interrupt.hpp"
#include "cnnlab/parallel.hpp"
#include "cnnlab/text.hpp"
#include "launch_report.hpp"

namespace cnnlab::cli {

namespace {

// Starts argv with stdout and stderr going to `log`; returns the child's pid.
pid_t spawn(const std::vector<std::string>& argv, const std::string& log) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw Error("cannot start a cell process: fork failed");
  if (pid == 0) {
    const InterruptSignalsUnblocked as_in_a_shell;
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
    }
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

std::string describe(const CellPlan& cell) {
  return "cell " + std::to_string(cell.index) + " (" + cell.variant +
         (cell.fold > 0 ? ", fold " + std::to_string(cell.fold) : "") + ")";
}

}  // namespace

ExperimentResult run_local_jobs(const ExperimentSpec& spec, const PluginHost& host, RunStore& store,
                                RunOptions options, const LaunchCommand& command, int jobs) {
  options.prepare_only = true;
  const ExperimentResult prepared = run_experiment(spec, host, store, options);
  for (const VariantResult& v : prepared.variants) store.claim_run(v.run_id);
  std::vector<CellPlan> todo = prepared.missing_cells;
  const int threads = std::max(1, ThreadLimit::current() / jobs);
  std::cout << "Experiment " << spec.name << ": launch " << prepared.launch << ", " << todo.size()
            << " of " << prepared.cells.size() << " cells to run, " << jobs << " at a time with "
            << threads << " thread(s) each\n";
  const std::filesystem::path logs = std::filesystem::path(options.models_dir) / prepared.launch;
  std::filesystem::create_directories(logs);

  const InterruptFlag interrupt_flag;
  std::map<pid_t, CellPlan> running;
  std::vector<std::string> failed;
  size_t next = 0;
  while (next < todo.size() || !running.empty()) {
    while (!interrupt_requested() && running.size() < static_cast<size_t>(jobs) &&
           next < todo.size()) {
      const CellPlan& cell = todo[next++];
      std::vector<std::string> argv = cell_command(command, prepared.launch, prepared.fingerprint);
      argv.insert(argv.end(),
                  {"--cell", std::to_string(cell.index), "--worker", "--db", command.db,
                   "--models-dir", options.models_dir, "--threads", std::to_string(threads)});
      const std::string log = (logs / ("cell-" + std::to_string(cell.index) + ".log")).string();
      running[spawn(argv, log)] = cell;
      std::cout << "started " << describe(cell) << ", log " << log << "\n" << std::flush;
    }
    if (interrupt_requested()) {
      for (const auto& [pid, cell] : running) ::kill(pid, SIGTERM);
      next = todo.size();
    }
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid <= 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const bool stopped = interrupt_requested() && (code == 128 + SIGTERM || code == 128 + SIGINT);
    std::cout << (code == 0 ? "finished "
                  : stopped ? "interrupted "
                            : "FAILED ")
              << describe(it->second) << (code == 0 || stopped ? "" : " (see its log)") << "\n"
              << std::flush;
    if (code != 0 && !stopped) failed.push_back(describe(it->second));
    running.erase(it);
  }
  const bool interrupted = interrupt_requested();
  for (const VariantResult& v : prepared.variants)
    store.settle_run(
        v.run_id, interrupted ? RunStatus::interrupted : RunStatus::failed,
        interrupted ? "interrupted" : "cells failed (see their logs in " + logs.string() + ")");
  if (interrupted) throw_if_interrupted();
  const ExperimentResult result = launch_result(store, prepared.launch);
  if (failed.empty()) return result;
  print_launch_report(std::cout, result);
  throw Error(std::to_string(failed.size()) + " cell(s) failed: " + join(failed, ", ") +
              "; their logs are in " + logs.string() + "; --resume runs them again");
}

}  // namespace cnnlab::cli
