#include <optional>
#include <string>
#include <vector>

#include "process_identity.hpp"
#include "run_store_impl.hpp"

namespace cnnlab::store {

namespace {

struct RunningRun {
  int64_t id = 0;
  std::string host;
  int64_t pid = 0;
  std::optional<int64_t> process_start;
  double heartbeat_age_minutes = 0;
};

std::vector<RunningRun> running_runs(Db& db) {
  auto statement = db.prepare(
      "SELECT id, host, pid, process_start, "
      "(julianday('now') - julianday(heartbeat_at)) * 1440.0 "
      "FROM runs WHERE status = 'running'");
  std::vector<RunningRun> runs;
  while (statement.step()) {
    RunningRun run;
    run.id = statement.column_int(0);
    run.host = statement.column_text(1);
    run.pid = statement.column_int(2);
    if (!statement.is_null(3)) run.process_start = statement.column_int(3);
    run.heartbeat_age_minutes = statement.column_double(4);
    runs.push_back(run);
  }
  return runs;
}

// Same host: the process table is the truth. Another host: only the heartbeat can tell, and a
// long silence is taken as death.
bool writer_gone(const RunningRun& run, const std::string& this_host, int stale_minutes) {
  if (run.host == this_host) return !process_alive(run.pid, run.process_start);
  return run.heartbeat_age_minutes > stale_minutes;
}

}  // namespace

int recover_stale_runs(Db& db, int stale_heartbeat_minutes) {
  const std::string this_host = host_name();
  std::vector<RunningRun> gone;
  for (const auto& run : running_runs(db))
    if (writer_gone(run, this_host, stale_heartbeat_minutes)) gone.push_back(run);
  if (gone.empty()) return 0;

  WriteTransaction transaction(db);
  auto mark = db.prepare(std::string("UPDATE runs SET status = 'interrupted', ") +
                         "finished_at = heartbeat_at, error = ? "
                         "WHERE id = ? AND status = 'running'");
  int marked = 0;
  for (const auto& run : gone) {
    const std::string reason =
        run.host == this_host
            ? "process " + std::to_string(run.pid) + " ended without finishing the run"
            : "no heartbeat from " + run.host + " for more than " +
                  std::to_string(stale_heartbeat_minutes) + " minutes";
    mark.bind(1, reason).bind(2, run.id).run();
    marked += db.changes();
    mark.reset();
  }
  transaction.commit();
  return marked;
}

}  // namespace cnnlab::store
