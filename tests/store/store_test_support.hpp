#pragma once
// Helpers for the run store tests: raw SQLite access to check what is really in a file
// (independent of RunStore), a child process that runs in the background, and a history
// filled through the RunStore API.
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cnnlab/host/run_store.hpp"

namespace cnnlab::test {

// Runs SQL on a database file with the plain SQLite API; throws std::runtime_error on failure.
void sql_exec(const std::string& db_path, const std::string& sql);
// The first column of the first row as an integer (0 when there is no row).
int64_t sql_int(const std::string& db_path, const std::string& sql);
// The first column of the first row as text ("" when there is no row or it is NULL).
std::string sql_text(const std::string& db_path, const std::string& sql);

// A process started in the background with stdout and stderr going to files.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();  // kills (SIGKILL) and reaps the child if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void send(int signal) const;
  // Waits for the end; returns the exit code, or 128 + the signal that ended it.
  int wait();
  bool ended_by_signal() const { return signaled_; }
  std::string err() const;

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  bool signaled_ = false;
  std::string log_dir_;
};

// Polls until condition() holds; false after `timeout_seconds` (a guard against hanging, not
// a timing assertion).
bool wait_until(const std::function<bool()>& condition, double timeout_seconds = 60);

// The path of the test-only writer program (see store_writer_child.cpp).
std::string writer_child_path();

// Fills a history through the RunStore API with:
//   run 1: experiment "fashion", variant "base",    seed 42, params dropout=0 batchnorm=false, 3
//   folds run 2: experiment "fashion", variant "dropout", seed 42, params dropout=0.25
//   batchnorm=false, 3 folds run 3: experiment "mnist",   variant "quick",   seed 7, no
//   cross-validation (fold 0), completed run 4: experiment "fashion", variant `tricky` (quotes,
//   comma, newline, UTF-8), interrupted
// Metrics are fixed by formulas given in the .cpp so tests can recompute them.
struct FilledHistory {
  std::vector<int64_t> run_ids;
};
FilledHistory fill_history(RunStore& store);
// The variant name of run 4.
extern const std::string kTrickyVariant;
// Fold f of run r (1-based run index into the fixture) has this test accuracy.
double fixture_test_accuracy(int run, int fold);

}  // namespace cnnlab::test
