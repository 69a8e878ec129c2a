// Faults with real processes: Ctrl-C and SIGTERM mid-run, kill -9 and the next open, a second
// Ctrl-C, and two writers on one file at once. The flag itself is also checked in-process.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "cnnlab/host/interrupt.hpp"
#include "cnnlab/host/run_store.hpp"
#include "cnnlab/parallel.hpp"
#include "store_test_support.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

int64_t epochs_in(const std::string& db) {
  if (!std::filesystem::exists(db)) return 0;
  try {
    return sql_int(db, "SELECT count(*) FROM epochs");
  } catch (const std::exception&) {
    return 0;  // the child has not created the tables yet
  }
}

// Starts a writer child and waits until `epochs` epochs of its run are committed.
void wait_for_epochs(ChildProcess& child, const std::string& db, int64_t epochs) {
  const bool reached = wait_until([&] { return epochs_in(db) >= epochs; });
  INFO("child stderr: " << child.err());
  REQUIRE(reached);
}

// Epochs 1..n, none missing: every finished epoch was kept.
void check_epochs_contiguous(const std::string& db, int64_t at_least) {
  const int64_t count = sql_int(db, "SELECT count(*) FROM epochs");
  CHECK(count >= at_least);
  CHECK(sql_int(db, "SELECT max(epoch) FROM epochs") == count);
  CHECK(sql_int(db, "SELECT min(epoch) FROM epochs") == 1);
}

}  // namespace

TEST_CASE("Ctrl-C marks the run interrupted, keeps every epoch and exits non-zero",
          "[store][faults]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  ChildProcess child({writer_child_path(), db, "until-signal"});
  wait_for_epochs(child, db, 3);
  child.send(SIGINT);
  const int code = child.wait();
  CHECK(code == 130);
  CHECK_FALSE(child.ended_by_signal());
  CHECK(sql_text(db, "SELECT status FROM runs") == "interrupted");
  CHECK_THAT(sql_text(db, "SELECT error FROM runs"), Catch::Contains("SIGINT"));
  CHECK(sql_text(db, "SELECT finished_at IS NOT NULL FROM runs") == "1");
  check_epochs_contiguous(db, 3);
}

TEST_CASE("SIGTERM is handled like Ctrl-C", "[store][faults]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  ChildProcess child({writer_child_path(), db, "until-signal"});
  wait_for_epochs(child, db, 2);
  child.send(SIGTERM);
  CHECK(child.wait() == 128 + SIGTERM);
  CHECK(sql_text(db, "SELECT status FROM runs") == "interrupted");
  CHECK_THAT(sql_text(db, "SELECT error FROM runs"), Catch::Contains("SIGTERM"));
  check_epochs_contiguous(db, 2);
}

TEST_CASE("a second Ctrl-C ends a process that does not stop", "[store][faults]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  ChildProcess child({writer_child_path(), db, "stubborn"});
  wait_for_epochs(child, db, 1);
  child.send(SIGINT);
  REQUIRE(wait_until([&] { return std::filesystem::exists(db + ".noticed"); }));
  child.send(SIGINT);
  CHECK(child.wait() == 128 + SIGINT);
  CHECK(child.ended_by_signal());
  // Killed by the signal, the run stays `running` until the next open finds its process gone.
  CHECK(sql_text(db, "SELECT status FROM runs") == "running");
  auto store = RunStore::open(db);
  CHECK(store.recovered_runs() == 1);
  CHECK(sql_text(db, "SELECT status FROM runs") == "interrupted");
}

TEST_CASE("after kill -9 the next open marks the run interrupted and keeps its epochs",
          "[store][faults]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  ChildProcess child({writer_child_path(), db, "until-signal"});
  wait_for_epochs(child, db, 3);
  child.send(SIGKILL);
  CHECK(child.wait() == 128 + SIGKILL);
  const int64_t kept = epochs_in(db);
  CHECK(kept >= 3);
  CHECK(sql_text(db, "SELECT status FROM runs") == "running");

  auto store = RunStore::open(db);
  CHECK(store.recovered_runs() == 1);
  CHECK(sql_text(db, "SELECT status FROM runs") == "interrupted");
  CHECK_THAT(sql_text(db, "SELECT error FROM runs"), Catch::Contains("ended without finishing"));
  CHECK(epochs_in(db) == kept);
  check_epochs_contiguous(db, 3);
  CHECK(sql_text(db, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("two processes writing one history at once both complete with all their rows",
          "[store][faults]") {
  TempDir dir;
  const std::string db = dir.file("h.db");
  constexpr int kFolds = 3, kEpochs = 40;
  const std::vector<std::string> argv{writer_child_path(), db, "write", std::to_string(kFolds),
                                      std::to_string(kEpochs)};
  ChildProcess first(argv), second(argv);
  const int first_code = first.wait(), second_code = second.wait();
  INFO("first: " << first.err() << "\nsecond: " << second.err());
  CHECK(first_code == 0);
  CHECK(second_code == 0);
  CHECK(sql_int(db, "SELECT count(*) FROM runs WHERE status = 'completed'") == 2);
  CHECK(sql_int(db, "SELECT count(*) FROM experiments") == 1);
  for (int64_t run = 1; run <= 2; ++run) {
    const std::string where = " WHERE run_id = " + std::to_string(run);
    CHECK(sql_int(db, "SELECT count(*) FROM epochs" + where) == kFolds * kEpochs);
    CHECK(sql_int(db, "SELECT count(*) FROM folds" + where) == kFolds);
    CHECK(sql_int(db, "SELECT count(*) FROM artifacts" + where) == kFolds);
  }
  CHECK(sql_text(db, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("InterruptFlag records SIGINT and SIGTERM, taken by the watcher thread",
          "[store][faults]") {
  {
    InterruptFlag flag;
    CHECK_FALSE(interrupt_requested());
    CHECK_NOTHROW(throw_if_interrupted());
    // Sent to the process, as Ctrl-C and kill do: this thread blocks it, the watcher takes it.
    ::kill(::getpid(), SIGINT);
    REQUIRE(wait_until([] { return interrupt_requested(); }, 10));
    CHECK(interrupt_signal() == SIGINT);
    try {
      throw_if_interrupted();
      FAIL("no InterruptedError");
    } catch (const InterruptedError& e) {
      CHECK(e.exit_code() == 130);
      CHECK(e.signal() == SIGINT);
      CHECK_THAT(e.what(), Catch::Contains("Ctrl-C"));
    }
  }
  {
    InterruptFlag flag;  // a new flag starts clear
    CHECK_FALSE(interrupt_requested());
    ::kill(::getpid(), SIGTERM);
    REQUIRE(wait_until([] { return interrupt_requested(); }, 10));
    CHECK(interrupt_signal() == SIGTERM);
    CHECK(InterruptedError(SIGTERM).exit_code() == 143);
  }
  // No thread that computes ever takes the signals itself: this one and the kernels' worker
  // threads, started after it blocked them (ctest runs each test case in a process of its own).
  std::atomic<int> chunks{0}, blocked{0};
  {
    const ThreadLimit threads(2);
    parallel_for(0, 64, 1, [&](int64_t, int64_t) {
      sigset_t mask;
      pthread_sigmask(SIG_BLOCK, nullptr, &mask);
      ++chunks;
      if (sigismember(&mask, SIGINT) == 1 && sigismember(&mask, SIGTERM) == 1) ++blocked;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
  }
  CHECK(chunks == 64);
  CHECK(blocked == 64);
}
