// Launches and cells: a run taken up again by another process (resume, one cell of a
// distributed run), its status settled from the folds present, and the runs of one launch.
#include "process_identity.hpp"
#include "run_store_impl.hpp"

namespace cnnlab {

using store::kNowSql;

std::string new_uuid() { return store::random_uuid(); }

void RunStore::claim_run(int64_t run_id) {
  impl_->require_writable("record runs");
  auto& db = impl_->db;
  const auto process_start = store::process_start_time(store::current_pid());
  store::WriteTransaction transaction(db);
  auto update = db.prepare(std::string("UPDATE runs SET status = 'running', finished_at = NULL, "
                                       "error = NULL, heartbeat_at = ") +
                           kNowSql + ", host = ?, pid = ?, process_start = ? WHERE id = ?");
  update.bind(1, store::host_name()).bind(2, store::current_pid());
  if (process_start)
    update.bind(3, *process_start);
  else
    update.bind_null(3);
  update.bind(4, run_id).run();
  if (db.changes() == 0) db.fail("no run with id " + std::to_string(run_id));
  transaction.commit();
  impl_->last_heartbeat[run_id] = std::chrono::steady_clock::now();
}

void RunStore::forget_epochs_after(int64_t run_id, int fold, int epoch) {
  impl_->require_writable("record runs");
  auto& db = impl_->db;
  store::WriteTransaction transaction(db);
  db.prepare("DELETE FROM epochs WHERE run_id = ? AND fold = ? AND epoch > ?")
      .bind(1, run_id)
      .bind(2, fold)
      .bind(3, epoch)
      .run();
  transaction.commit();
}

RunStatus RunStore::settle_run(int64_t run_id, RunStatus otherwise, const std::string& error) {
  impl_->require_writable("record runs");
  auto& db = impl_->db;
  store::WriteTransaction transaction(db);
  auto count = db.prepare(
      "SELECT r.cells, COUNT(f.fold), SUM(f.status = 'diverged') FROM runs r "
      "LEFT JOIN folds f ON f.run_id = r.id WHERE r.id = ? GROUP BY r.id");
  count.bind(1, run_id);
  if (!count.step()) db.fail("no run with id " + std::to_string(run_id));
  const int64_t cells = count.column_int(0);
  const int64_t folds = count.column_int(1);
  const bool diverged = count.column_int(2) > 0;
  const bool complete = cells > 0 && folds >= cells;
  const RunStatus status =
      complete ? (diverged ? RunStatus::diverged : RunStatus::completed) : otherwise;
  std::string note = error;
  if (complete && diverged) note = "a fold's loss became NaN or infinite";
  if (complete && !diverged) note.clear();
  auto update = db.prepare(std::string("UPDATE runs SET status = ?, heartbeat_at = ") + kNowSql +
                           ", finished_at = CASE WHEN ? THEN " + kNowSql +
                           " ELSE finished_at END, error = ? WHERE id = ?");
  update.bind(1, to_string(status)).bind(2, int64_t{status != RunStatus::running});
  if (note.empty())
    update.bind_null(3);
  else
    update.bind(3, note);
  update.bind(4, run_id).run();
  transaction.commit();
  if (status != RunStatus::running) impl_->last_heartbeat.erase(run_id);
  return status;
}

std::vector<RunInfo> RunStore::launch_runs(const std::string& launch) const {
  auto select = impl_->db.prepare(std::string(store::kRunColumnsSql) +
                                  "WHERE r.launch = ? ORDER BY r.variant_index, r.id");
  select.bind(1, launch);
  std::vector<RunInfo> runs;
  while (select.step()) runs.push_back(store::read_run_row(select));
  return runs;
}

std::vector<std::vector<RunInfo>> RunStore::experiment_launches(
    const std::string& experiment) const {
  auto select = impl_->db.prepare(
      "SELECT r.launch FROM runs r JOIN experiments e ON e.id = r.experiment_id "
      "WHERE e.name = ? AND r.launch IS NOT NULL GROUP BY r.launch "
      "ORDER BY MIN(r.started_at) DESC, MIN(r.id) DESC");
  select.bind(1, experiment);
  std::vector<std::vector<RunInfo>> launches;
  while (select.step()) launches.push_back(launch_runs(select.column_text(0)));
  return launches;
}

}  // namespace cnnlab
