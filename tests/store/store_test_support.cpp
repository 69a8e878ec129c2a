#include "store_test_support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "test_support.hpp"

extern char** environ;

namespace cnnlab::test {

namespace {

struct Connection {
  explicit Connection(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK)
      throw std::runtime_error("cannot open " + path);
    sqlite3_busy_timeout(db, 10000);
  }
  ~Connection() { sqlite3_close_v2(db); }
  sqlite3* db = nullptr;
};

// Runs `sql` and hands the first row's first column to `read` (not called when no row).
void first_value(const std::string& db_path, const std::string& sql,
                 const std::function<void(sqlite3_stmt*)>& read) {
  Connection c(db_path);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(c.db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
    throw std::runtime_error(sql + ": " + sqlite3_errmsg(c.db));
  const int rc = sqlite3_step(statement);
  if (rc == SQLITE_ROW) read(statement);
  sqlite3_finalize(statement);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) throw std::runtime_error(sql + ": step failed");
}

}  // namespace

void sql_exec(const std::string& db_path, const std::string& sql) {
  Connection c(db_path);
  char* message = nullptr;
  if (sqlite3_exec(c.db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : "?";
    sqlite3_free(message);
    throw std::runtime_error(sql.substr(0, 80) + ": " + text);
  }
}

int64_t sql_int(const std::string& db_path, const std::string& sql) {
  int64_t value = 0;
  first_value(db_path, sql, [&](sqlite3_stmt* s) { value = sqlite3_column_int64(s, 0); });
  return value;
}

std::string sql_text(const std::string& db_path, const std::string& sql) {
  std::string value;
  first_value(db_path, sql, [&](sqlite3_stmt* s) {
    if (const auto* text = sqlite3_column_text(s, 0)) value = reinterpret_cast<const char*>(text);
  });
  return value;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  char pattern[] = "/tmp/cnnlab-child-XXXXXX";
  if (!mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
  log_dir_ = pattern;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, (log_dir_ + "/out").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, (log_dir_ + "/err").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  const int rc = posix_spawn(&pid_, cargv[0], &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
}

ChildProcess::~ChildProcess() {
  if (!reaped_) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(log_dir_, ignored);
}

void ChildProcess::send(int signal) const { ::kill(pid_, signal); }

int ChildProcess::wait() {
  int status = 0;
  waitpid(pid_, &status, 0);
  reaped_ = true;
  signaled_ = WIFSIGNALED(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string ChildProcess::err() const { return read_file(log_dir_ + "/err"); }

bool wait_until(const std::function<bool()>& condition, double timeout_seconds) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::string writer_child_path() { return STORE_WRITER_CHILD; }

const std::string kTrickyVariant = "we\"ird, name\\ with\nnew line, 'quotes' and UTF-8: é ✓";

double fixture_test_accuracy(int run, int fold) {
  if (run == 1) return 0.80 + 0.010 * fold;
  if (run == 2) return 0.82 + 0.013 * fold - (fold == 1 ? 0.004 : 0.0);
  return 0.97;
}

namespace {

int64_t add_run(RunStore& store, int run, const std::string& experiment, const std::string& variant,
                uint64_t seed, const std::string& dropout, int folds, int epochs) {
  RunStart start;
  start.experiment = experiment;
  start.variant = variant;
  start.seed = seed;
  start.config_yaml = "name: " + experiment + "\nvariants: [...]\n";
  start.resolved_yaml = "name: " + experiment + "\nmodel:\n  dropout: " + dropout + "\n";
  start.params = {{"dropout", dropout}, {"batchnorm", "false"}};
  start.threads = 2;
  const int64_t id = store.begin_run(start);
  for (int f = 0; f < folds; ++f) {
    for (int e = 1; e <= epochs; ++e) {
      EpochRecord epoch;
      epoch.epoch = e;
      epoch.loss = 1.0 / e + 0.01 * f + 0.001 * run;
      epoch.accuracy = 0.5 + 0.08 * e;
      epoch.val_loss = 1.1 / e + 0.02 * f + (e == epochs ? 0.05 : 0.0);
      epoch.val_accuracy = 0.45 + 0.08 * e;
      epoch.seconds = 1.5;
      store.log_epoch(id, f, epoch);
    }
    FoldRecord fold;
    fold.fold = f;
    fold.best_epoch = epochs - 1;
    fold.stopped_epoch = epochs;
    fold.val_loss = 0.30 - 0.01 * run + 0.002 * f;
    fold.val_accuracy = (run == 1 ? 0.85 : 0.92) + 0.01 * f;
    fold.test_loss = 0.35 - 0.01 * run;
    fold.test_accuracy = fixture_test_accuracy(run, f);
    fold.train_seconds = 1.5 * epochs;
    store.log_fold(id, fold);
    store.add_artifact(
        id, f, "model",
        "/models/run" + std::to_string(run) + "_fold" + std::to_string(f) + ".cnnlab");
  }
  return id;
}

}  // namespace

FilledHistory fill_history(RunStore& store) {
  FilledHistory history;
  history.run_ids.push_back(add_run(store, 1, "fashion", "base", 42, "0", 3, 5));
  store.finish_run(history.run_ids.back(), RunStatus::completed);
  history.run_ids.push_back(add_run(store, 2, "fashion", "dropout", 42, "0.25", 3, 5));
  store.finish_run(history.run_ids.back(), RunStatus::completed);
  history.run_ids.push_back(add_run(store, 3, "mnist", "quick", 7, "0", 1, 3));
  store.finish_run(history.run_ids.back(), RunStatus::completed);
  history.run_ids.push_back(add_run(store, 4, "fashion", kTrickyVariant, 42, "0.5", 0, 0));
  EpochRecord first;
  first.epoch = 1;
  first.loss = 0.9;
  first.accuracy = 0.6;
  store.log_epoch(history.run_ids.back(), 0, first);
  store.finish_run(history.run_ids.back(), RunStatus::interrupted,
                   "interrupted by \"SIGINT\" (Ctrl-C)");
  return history;
}

}  // namespace cnnlab::test
