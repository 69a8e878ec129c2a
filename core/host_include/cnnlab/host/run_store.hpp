#pragma once
// The run history: one SQLite file (default cnnlab.db) holding every experiment, run, fold,
// epoch and artifact. The schema is documented in docs/RUN_HISTORY.md.
//
// Writers: the runner calls begin_run, then log_epoch as each epoch ends (committed at once,
// so a crash loses at most the epoch in flight), log_fold and add_artifact as each fold ends,
// and finish_run. Several processes may write one file at once (WAL, a busy timeout, and
// every write transaction started with BEGIN IMMEDIATE).
//
// Opening refuses, before anything is written: a file that is not SQLite, a SQLite database
// that is not a cnnlab history, a history written by a newer cnnlab, and (for writing) a file
// or folder that is not writable. Opening also marks as `interrupted` the runs left `running`
// by a process that no longer exists (kill -9, power loss).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/store_query.hpp"
#include "cnnlab/host/store_records.hpp"

namespace cnnlab {

// The database path to use: the --db value when given, else $CNNLAB_DB when set and
// non-empty, else "cnnlab.db" in the working directory.
CNNLAB_API std::string resolve_db_path(const std::string& flag_value);

// A fresh random uuid (version 4), as runs and launches get.
CNNLAB_API std::string new_uuid();

// One connection to the file: use a RunStore from one thread at a time (other processes, and
// other RunStore objects, may write the same file concurrently).
class CNNLAB_API RunStore {
 public:
  // The schema version this build writes (PRAGMA user_version). Older files are migrated on
  // open; newer ones are refused.
  static constexpr int kSchemaVersion = 4;
  // Runs `running` on another host whose heartbeat is older than this are taken as dead.
  static constexpr int kStaleHeartbeatMinutes = 15;

  // For writing: creates the file when missing, migrates an older schema.
  static RunStore open(const std::string& path);
  // For reading: the file must exist (StoreError, exit code 2, otherwise). Opens read-only
  // when the file cannot be written, and then neither migrates nor recovers stale runs.
  static RunStore open_existing(const std::string& path);

  ~RunStore();
  RunStore(RunStore&&) noexcept;
  RunStore& operator=(RunStore&&) noexcept;

  const std::string& path() const;
  // How many stale runs this open marked `interrupted`.
  int recovered_runs() const;

  // --- writing -------------------------------------------------------------------------
  // Creates the experiment row when new; the run gets a fresh uuid v4 and status `running`.
  int64_t begin_run(const RunStart& start);
  // Commits the epoch at once (and refreshes the heartbeat). Logging an epoch number twice for
  // a fold replaces it.
  void log_epoch(int64_t run_id, int fold, const EpochRecord& epoch);
  void log_fold(int64_t run_id, const FoldRecord& fold);
  void add_artifact(int64_t run_id, int fold, const std::string& kind, const std::string& path);
  // Tells other processes the run is alive. Cheap to call often (between batches): it writes
  // at most once every 30 seconds per run.
  void heartbeat(int64_t run_id);
  // Sets the final status (and the error text for failed/diverged/interrupted runs).
  void finish_run(int64_t run_id, RunStatus status, const std::string& error = "");

  // --- launches and cells (docs/SCALE_OUT.md) -----------------------------------------
  // Creates the run of `start` when no run has start.uuid (which must be set) yet; returns
  // that run's id either way, leaving an existing run as it is.
  int64_t ensure_run(const RunStart& start);
  // This process now works on the run: status `running`, this host and pid, heartbeat now.
  void claim_run(int64_t run_id);
  // Deletes the fold's epochs after `epoch` (all of them for 0): a cell that continues from a
  // checkpoint taken at `epoch` logs the later ones again.
  void forget_epochs_after(int64_t run_id, int fold, int epoch);
  // Sets the status from the folds present: `completed` (or `diverged` when a fold diverged)
  // once all the run's cells are there, else `otherwise` (with `error`). Returns the status.
  RunStatus settle_run(int64_t run_id, RunStatus otherwise, const std::string& error = "");
  // The runs of a launch in variant order.
  std::vector<RunInfo> launch_runs(const std::string& launch) const;
  // The launches of an experiment, newest first: each as its runs.
  std::vector<std::vector<RunInfo>> experiment_launches(const std::string& experiment) const;
  // Copies other histories' runs, folds, epochs and artifacts into this one, in one
  // transaction once every source has been read and checked (docs/SCALE_OUT.md).
  MergeReport merge_from(const std::vector<std::string>& source_paths);
  MergeReport merge_from(const std::string& source_path);
  // The same into the history at `dest_path`, which is created (when missing) only after
  // every source has passed.
  static MergeReport merge(const std::vector<std::string>& source_paths,
                           const std::string& dest_path);

  // --- reading -------------------------------------------------------------------------
  // A run by number ("12") or by a unique prefix of its uuid ("3f2a"; a prefix of digits only
  // needs 8 characters, as `runs list` shows, since shorter numbers are ids); StoreError with
  // exit code 2 when there is no such run or the prefix is ambiguous.
  int64_t find_run(const std::string& id_or_uuid_prefix) const;
  RunDetail load_run(int64_t run_id) const;
  // One row per run with fold means, columns as run_list_columns().
  ResultTable list_runs(const RunQuery& query) const;
  // For export: every run column with fold means and params_json; every fold; every epoch.
  ResultTable export_runs() const;
  ResultTable export_folds() const;
  ResultTable export_epochs() const;

  // Deletes a run with its folds, epochs and artifacts rows in one transaction (the artifact
  // files themselves are left alone).
  void remove_run(int64_t run_id);

 private:
  struct Impl;
  explicit RunStore(std::unique_ptr<Impl> impl);
  void count_distributed_cells(ResultTable& table) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cnnlab
