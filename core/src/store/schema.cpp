#include "schema.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "cnnlab/host/store_records.hpp"
#include "cnnlab/text.hpp"

namespace cnnlab::store {

namespace {

struct Migration {
  int to_version;
  const char* sql;
  void (*more)(Db& db) = nullptr;  // what SQL alone cannot say, run after `sql`
};

// v3 adds the status 'incomplete' to the CHECK of runs.status. SQLite cannot alter a CHECK;
// its documented way for a change that leaves the stored rows valid is to edit the table's
// SQL in sqlite_schema and bump the schema cookie, inside the migration's transaction.
void allow_incomplete_status(Db& db) {
  const int64_t cookie = db.query_int("PRAGMA schema_version");
  db.exec("PRAGMA writable_schema = ON");
  db.exec(
      "UPDATE sqlite_schema SET sql = replace(sql, '''diverged'')', "
      "'''diverged'',''incomplete'')') WHERE type = 'table' AND name = 'runs'");
  db.exec("PRAGMA schema_version = " + std::to_string(cookie + 1));
  db.exec("PRAGMA writable_schema = OFF");
}

// Never edit a migration that has shipped: a file written by that build holds its result.
// Add the next one instead.
const Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE experiments (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL
);
CREATE TABLE runs (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  experiment_id   INTEGER NOT NULL REFERENCES experiments(id),
  variant         TEXT NOT NULL,
  status          TEXT NOT NULL
                  CHECK (status IN ('running','completed','failed','interrupted','diverged')),
  seed            INTEGER NOT NULL,
  config_yaml     TEXT NOT NULL,
  resolved_yaml   TEXT NOT NULL,
  params_json     TEXT NOT NULL DEFAULT '{}',
  started_at      TEXT NOT NULL,
  finished_at     TEXT,
  heartbeat_at    TEXT NOT NULL,
  host            TEXT NOT NULL,
  pid             INTEGER NOT NULL,
  process_start   INTEGER,
  threads         INTEGER NOT NULL,
  cnnlab_version  TEXT NOT NULL,
  error           TEXT
);
CREATE TABLE folds (
  run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  fold            INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('completed','diverged')),
  best_epoch      INTEGER,
  stopped_epoch   INTEGER,
  val_loss        REAL,
  val_accuracy    REAL,
  test_loss       REAL,
  test_accuracy   REAL,
  train_seconds   REAL,
  PRIMARY KEY (run_id, fold)
);
CREATE TABLE epochs (
  run_id        INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  fold          INTEGER NOT NULL,
  epoch         INTEGER NOT NULL,
  loss          REAL,
  accuracy      REAL,
  val_loss      REAL,
  val_accuracy  REAL,
  seconds       REAL,
  PRIMARY KEY (run_id, fold, epoch)
);
CREATE TABLE artifacts (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  fold        INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  path        TEXT NOT NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX artifacts_by_run ON artifacts(run_id, fold);
)sql"},
    // v2: `runs show` curves the metric early stopping watched, so the run records it; listing
    // one experiment's runs in time order is the common query.
    {2, R"sql(
ALTER TABLE runs ADD COLUMN monitor TEXT NOT NULL DEFAULT 'val_loss';
CREATE INDEX runs_by_experiment ON runs(experiment_id, started_at);
)sql"},
    // v3: a run is one variant of a *launch* (one `cnnlab run`, local or spread over cells),
    // whose experiment fingerprint and data identity make `--resume` and `runs merge` safe;
    // `cells` is how many folds the run plans, so a run missing some is `incomplete`; a fold keeps
    // its sample counts, which the comparison's corrected t-test needs.
    {3, R"sql(
ALTER TABLE runs ADD COLUMN launch TEXT;
ALTER TABLE runs ADD COLUMN fingerprint TEXT;
ALTER TABLE runs ADD COLUMN data_identity TEXT;
ALTER TABLE runs ADD COLUMN variant_index INTEGER;
ALTER TABLE runs ADD COLUMN cells INTEGER;
ALTER TABLE runs ADD COLUMN workdir TEXT;
ALTER TABLE folds ADD COLUMN train_samples INTEGER;
ALTER TABLE folds ADD COLUMN validation_samples INTEGER;
CREATE INDEX runs_by_launch ON runs(launch, variant_index);
CREATE INDEX runs_by_fingerprint ON runs(fingerprint, started_at);
)sql",
     allow_incomplete_status},
    // v4: the learning rate of each epoch (schedules make it vary) and each fold's test
    // confusion matrix with the class names, for per-class results and `runs report`. The
    // matrix keeps only its non-zero cells, so a dataset with many classes stays small.
    {4, R"sql(
ALTER TABLE epochs ADD COLUMN learning_rate REAL;
CREATE TABLE fold_classes (
  run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  fold    INTEGER NOT NULL,
  class   INTEGER NOT NULL,
  name    TEXT NOT NULL,
  PRIMARY KEY (run_id, fold, class)
);
CREATE TABLE confusion (
  run_id           INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  fold             INTEGER NOT NULL,
  true_class       INTEGER NOT NULL,
  predicted_class  INTEGER NOT NULL,
  count            INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (run_id, fold, true_class, predicted_class)
);
)sql"},
};

std::vector<std::string> table_names(Db& db) {
  auto statement = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
      "ORDER BY name");
  std::vector<std::string> names;
  while (statement.step()) names.push_back(statement.column_text(0));
  return names;
}

// The first five names, then "..." for the rest.
std::string first_names(const std::vector<std::string>& names) {
  const size_t shown = std::min<size_t>(names.size(), 5);
  return join({names.begin(), names.begin() + shown}) + (names.size() > shown ? ", ..." : "");
}

}  // namespace

SchemaState inspect_schema(Db& db) {
  SchemaState state;
  const int64_t application_id = db.query_int("PRAGMA application_id");
  state.version = static_cast<int>(db.query_int("PRAGMA user_version"));
  const auto tables = table_names(db);
  if (application_id == kApplicationId)
    state.kind = FileKind::cnnlab;
  else if (application_id == 0 && state.version == 0 && tables.empty())
    state.kind = FileKind::empty;
  else
    state.kind = FileKind::foreign;
  return state;
}

void require_compatible(Db& db, const SchemaState& state, int supported_version,
                        const std::string& advice) {
  if (state.kind == FileKind::foreign) {
    const auto tables = table_names(db);
    throw StoreError(db.path() + ": a SQLite database but not a cnnlab run history (" +
                         (tables.empty() ? std::string("no cnnlab marker")
                                         : "it holds tables " + first_names(tables)) +
                         ")" + (advice.empty() ? "" : "; " + advice),
                     2);
  }
  if (state.version > supported_version)
    throw StoreError(db.path() + ": run history schema version " + std::to_string(state.version) +
                         " was written by a newer cnnlab; " + "this build reads up to version " +
                         std::to_string(supported_version),
                     2);
}

void migrate(Db& db, int target_version) {
  WriteTransaction transaction(db);
  const SchemaState state = inspect_schema(db);
  require_compatible(db, state, target_version);
  if (state.kind == FileKind::empty)
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  for (const auto& migration : kMigrations) {
    if (migration.to_version <= state.version || migration.to_version > target_version) continue;
    db.exec(migration.sql);
    if (migration.more) migration.more(db);
    db.exec("PRAGMA user_version = " + std::to_string(migration.to_version));
  }
  transaction.commit();
}

}  // namespace cnnlab::store
