// `runs merge`: another history's runs, folds, epochs and artifacts copied into this one.
// Keyed by run uuid and fold, so merging a file twice adds nothing and the order of the
// sources does not matter: a fold arrives whole (with its epochs and artifacts) or not at all,
// and a run's status is settled from the folds present once all sources are in.
#include <filesystem>
#include <optional>
#include <set>

#include "process_identity.hpp"
#include "run_store_impl.hpp"
#include "schema.hpp"

namespace cnnlab {

namespace {

// The runs columns copied as they are (id and experiment_id are this file's own).
const char* const kRunCopyColumns =
    "uuid, variant, status, seed, config_yaml, resolved_yaml, params_json, monitor, started_at, "
    "finished_at, heartbeat_at, host, pid, process_start, threads, cnnlab_version, error, "
    "launch, fingerprint, data_identity, variant_index, cells, workdir";
constexpr int kRunCopyCount = 23;

void bind_cell(store::Statement& statement, int index, const Cell& cell) {
  switch (cell.type) {
    case Cell::Type::null:
      statement.bind_null(index);
      break;
    case Cell::Type::integer:
      statement.bind(index, cell.integer);
      break;
    case Cell::Type::real:
      statement.bind(index, cell.real);
      break;
    case Cell::Type::text:
      statement.bind(index, cell.text);
      break;
  }
}

std::optional<int64_t> run_id_of(store::Db& db, const std::string& uuid) {
  auto select = db.prepare("SELECT id FROM runs WHERE uuid = ?");
  select.bind(1, uuid);
  if (!select.step()) return std::nullopt;
  return select.column_int(0);
}

bool has_fold(store::Db& db, int64_t run_id, int64_t fold) {
  auto select = db.prepare("SELECT 1 FROM folds WHERE run_id = ? AND fold = ?");
  select.bind(1, run_id).bind(2, fold);
  return select.step();
}

// Copies the rows of `table` for one fold of a source run, with run_id replaced.
void copy_fold_rows(store::Db& src, store::Db& dest, const std::string& table,
                    const std::string& columns, int count, int64_t src_run, int64_t dest_run,
                    int64_t fold) {
  auto select = src.prepare("SELECT " + columns + " FROM " + table +
                            " WHERE run_id = ? AND fold = ? ORDER BY rowid");
  select.bind(1, src_run).bind(2, fold);
  std::string marks;
  for (int i = 0; i < count; ++i) marks += ", ?";
  auto insert =
      dest.prepare("INSERT INTO " + table + " (run_id, " + columns + ") VALUES (?" + marks + ")");
  while (select.step()) {
    insert.reset();
    insert.bind(1, dest_run);
    for (int c = 0; c < count; ++c) bind_cell(insert, c + 2, select.cell(c));
    insert.run();
  }
}

struct SourceRun {
  int64_t id;
  std::string experiment;
  std::vector<Cell> values;  // kRunCopyColumns
};

std::vector<SourceRun> source_runs(store::Db& src) {
  auto select = src.prepare(std::string("SELECT r.id, e.name, ") + kRunCopyColumns +
                            " FROM runs r JOIN experiments e ON e.id = r.experiment_id "
                            "ORDER BY r.id");
  std::vector<SourceRun> runs;
  while (select.step()) {
    SourceRun run{select.column_int(0), select.column_text(1), {}};
    for (int c = 0; c < kRunCopyCount; ++c) run.values.push_back(select.cell(c + 2));
    runs.push_back(std::move(run));
  }
  return runs;
}

int64_t insert_source_run(store::Db& dest, const SourceRun& run) {
  std::string marks = "?";
  for (int i = 0; i < kRunCopyCount; ++i) marks += ", ?";
  auto insert = dest.prepare(std::string("INSERT INTO runs (experiment_id, ") + kRunCopyColumns +
                             ") VALUES (" + marks + ")");
  insert.bind(1, store::experiment_id(dest, run.experiment));
  for (int c = 0; c < kRunCopyCount; ++c) bind_cell(insert, c + 2, run.values[c]);
  insert.run();
  return dest.last_insert_id();
}

// The earliest start and the latest finish of every copy, so the merged times do not depend
// on the order of the sources.
void widen_times(store::Db& dest, int64_t run_id, const SourceRun& run) {
  auto update = dest.prepare(
      "UPDATE runs SET started_at = min(started_at, ?1), "
      "finished_at = CASE WHEN finished_at IS NULL THEN ?2 WHEN ?2 IS NULL THEN finished_at "
      "ELSE max(finished_at, ?2) END WHERE id = ?3");
  update.bind(1, run.values[8].text);
  bind_cell(update, 2, run.values[9]);
  update.bind(3, run_id).run();
}

}  // namespace

namespace store {

std::set<int64_t> folds_of_run(Db& db, const std::string& uuid) {
  auto select =
      db.prepare("SELECT f.fold FROM folds f JOIN runs r ON r.id = f.run_id WHERE r.uuid = ?");
  select.bind(1, uuid);
  std::set<int64_t> folds;
  while (select.step()) folds.insert(select.column_int(0));
  return folds;
}

std::set<int64_t> folds_of_run_in(const std::string& history, const std::string& uuid) {
  try {
    Db db(history, Db::Mode::read_only);
    db.exec("PRAGMA busy_timeout = 2000");
    if (inspect_schema(db).kind != FileKind::cnnlab) return {};
    return folds_of_run(db, uuid);
  } catch (const StoreError&) {
    return {};
  }
}

}  // namespace store

MergeReport RunStore::merge_from(const std::string& source_path) {
  impl_->require_writable("merge runs");
  auto& dest = impl_->db;
  if (!std::filesystem::is_regular_file(source_path))
    throw StoreError(source_path + ": no such run history", 2);
  if (std::filesystem::equivalent(source_path, dest.path()))
    throw StoreError(source_path + ": is the history being merged into", 2);
  store::Db src(source_path, store::Db::Mode::read_only);
  src.exec("PRAGMA busy_timeout = 5000");
  const store::SchemaState state = store::inspect_schema(src);
  store::require_compatible(src, state, kSchemaVersion);
  if (state.kind != store::FileKind::cnnlab || state.version != kSchemaVersion)
    throw StoreError(source_path + ": run history schema version " + std::to_string(state.version) +
                         ", merge reads version " + std::to_string(kSchemaVersion) +
                         " (open it once with `cnnlab runs list "
                         "--db " +
                         source_path + "` to upgrade it)",
                     2);

  MergeReport report;
  std::set<std::string> launches;
  std::vector<std::pair<int64_t, bool>> touched;  // run id, added by this merge
  store::WriteTransaction transaction(dest);
  for (const SourceRun& run : source_runs(src)) {
    const std::string& uuid = run.values[0].text;
    std::optional<int64_t> dest_run = run_id_of(dest, uuid);
    const bool added = !dest_run;
    if (added) {
      dest_run = insert_source_run(dest, run);
      ++report.runs_added;
    } else {
      widen_times(dest, *dest_run, run);
    }
    touched.emplace_back(*dest_run, added);
    if (run.values[17].type == Cell::Type::text) launches.insert(run.values[17].text);

    auto folds = src.prepare("SELECT fold FROM folds WHERE run_id = ? ORDER BY fold");
    folds.bind(1, run.id);
    while (folds.step()) {
      const int64_t fold = folds.column_int(0);
      if (has_fold(dest, *dest_run, fold)) continue;
      // Epochs a crashed attempt left for this fold give way to the finished fold's.
      dest.prepare("DELETE FROM epochs WHERE run_id = ? AND fold = ?")
          .bind(1, *dest_run)
          .bind(2, fold)
          .run();
      copy_fold_rows(src, dest, "folds",
                     "fold, status, best_epoch, stopped_epoch, val_loss, val_accuracy, "
                     "test_loss, test_accuracy, train_seconds, train_samples, "
                     "validation_samples",
                     11, run.id, *dest_run, fold);
      copy_fold_rows(src, dest, "epochs",
                     "fold, epoch, loss, accuracy, val_loss, val_accuracy, seconds, learning_rate",
                     8, run.id, *dest_run, fold);
      copy_fold_rows(src, dest, "artifacts", "fold, kind, path, created_at", 4, run.id, *dest_run,
                     fold);
      copy_fold_rows(src, dest, "fold_classes", "fold, class, name", 3, run.id, *dest_run, fold);
      copy_fold_rows(src, dest, "confusion", "fold, true_class, predicted_class, count", 4, run.id,
                     *dest_run, fold);
      ++report.folds_added;
    }
  }
  transaction.commit();
  for (const auto& [run_id, added] : touched) {
    const RunInfo run = load_run(run_id).run;
    // Runs of the schema before launches keep the status they arrived with, and so does a run
    // that a process on this machine is still working on.
    if (run.cells > 0 && (added || run.status != RunStatus::running))
      settle_run(run_id, RunStatus::incomplete, "cells missing");
  }
  report.launches.assign(launches.begin(), launches.end());
  return report;
}

}  // namespace cnnlab
