#pragma once
// RunStore's state, shared by the files that implement its parts (opening, writing, queries).
#include <chrono>
#include <map>
#include <set>
#include <string>

#include "cnnlab/host/run_store.hpp"
#include "sqlite_db.hpp"

namespace cnnlab {

struct RunStore::Impl {
  Impl(const std::string& path, store::Db::Mode mode) : db(path, mode) {}
  store::Db db;
  bool read_only = false;
  int recovered_runs = 0;
  std::map<int64_t, std::chrono::steady_clock::time_point> last_heartbeat;

  // `action` completes "cannot ...": "record runs", "delete runs".
  void require_writable(const std::string& action) const {
    if (read_only) throw StoreError(db.path() + ": opened read-only, cannot " + action, 2);
  }
};

namespace store {

// The current UTC time as SQLite writes it into every *_at column (ISO 8601, milliseconds).
constexpr const char* kNowSql = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

// The SELECT of every runs column with the experiment's name, for read_run_row; a query adds
// its WHERE clause.
extern const char* const kRunColumnsSql;
RunInfo read_run_row(Statement& row);

// The id of the experiment called `name`, created when new (inside the caller's transaction).
int64_t experiment_id(Db& db, const std::string& name);

// Inserts the run of `start` (its uuid, or a fresh one) inside the caller's write transaction;
// with `if_new`, a run with that uuid already there is kept as it is. Returns the run's id.
int64_t insert_run(Db& db, const RunStart& start, bool if_new);

// The fold numbers recorded for the run with this uuid, here or in another history (read-only;
// nothing when that file cannot be read).
std::set<int64_t> folds_of_run(Db& db, const std::string& uuid);
std::set<int64_t> folds_of_run_in(const std::string& history, const std::string& uuid);

// Marks `running` runs whose process is gone as `interrupted`; returns how many.
int recover_stale_runs(Db& db, int stale_heartbeat_minutes);

}  // namespace store
}  // namespace cnnlab
