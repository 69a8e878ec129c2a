// `runs merge`: other histories' runs, folds, epochs and artifacts copied into this one.
// Keyed by run uuid and fold, so merging a file twice adds nothing and the order of the
// sources does not matter: every source is read and checked before the destination is
// written, a fold arrives whole (with its epochs and artifacts) or not at all, a run's row is
// computed from all its copies at once, and the copy is one transaction.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "run_store_impl.hpp"
#include "schema.hpp"

namespace cnnlab {

namespace {

namespace fs = std::filesystem;

// The runs columns copied as they are (id and experiment_id are each file's own), and their
// places in RunCopy::values.
const char* const kRunCopyColumns =
    "uuid, variant, status, seed, config_yaml, resolved_yaml, params_json, monitor, started_at, "
    "finished_at, heartbeat_at, host, pid, process_start, threads, cnnlab_version, error, "
    "launch, fingerprint, data_identity, variant_index, cells, workdir";
enum RunColumn {
  kUuid,
  kVariant,
  kStatus,
  kResolvedYaml = 5,
  kStartedAt = 8,
  kFinishedAt,
  kHeartbeatAt,
  kHost,
  kPid,
  kError = 16,
  kLaunch,
  kFingerprint,
  kCells = 21,
  kWorkdir,
  kRunCopyCount
};

// The tables holding a fold's rows, copied with the fold (the run_id column aside).
struct FoldTable {
  const char* name;
  const char* columns;  // the first is always `fold`
  int count;
};
const FoldTable kFoldTables[] = {
    {"folds",
     "fold, status, best_epoch, stopped_epoch, val_loss, val_accuracy, test_loss, test_accuracy, "
     "train_seconds, train_samples, validation_samples",
     11},
    {"epochs", "fold, epoch, loss, accuracy, val_loss, val_accuracy, seconds, learning_rate", 8},
    {"artifacts", "fold, kind, path, created_at", 4},
    {"fold_classes", "fold, class, name", 3},
    {"confusion", "fold, true_class, predicted_class, count", 4},
};
constexpr size_t kFoldTableCount = std::size(kFoldTables);

using Row = std::vector<Cell>;
// One fold's rows, per kFoldTables.
using FoldRows = std::array<std::vector<Row>, kFoldTableCount>;

// One history's copy of a run.
struct RunCopy {
  std::string file;
  std::string experiment;
  std::string experiment_created;
  Row values;  // kRunCopyColumns
  std::map<int64_t, FoldRows> folds;
};

// Every source's copies of each run, by uuid.
using SourceRuns = std::map<std::string, std::vector<RunCopy>>;

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

bool same(const Cell& a, const Cell& b) {
  return a.type == b.type && a.integer == b.integer && a.real == b.real && a.text == b.text;
}

// NULL below every text, so that the latest of several times ignores the missing ones.
void keep_later(Cell& kept, const Cell& other) {
  if (other.type == Cell::Type::text && (kept.type != Cell::Type::text || other.text > kept.text))
    kept = other;
}

// Copies compared by their last sign of life, then host and pid: one order whatever the order
// of the files, even between copies with the same heartbeat.
bool alive_before(const RunCopy& a, const RunCopy& b) {
  return std::make_tuple(a.values[kHeartbeatAt].text, a.values[kHost].text,
                         a.values[kPid].integer) <
         std::make_tuple(b.values[kHeartbeatAt].text, b.values[kHost].text, b.values[kPid].integer);
}

std::string fingerprint_of(const RunCopy& copy) {
  const Cell& fingerprint = copy.values[kFingerprint];
  return fingerprint.type == Cell::Type::text ? fingerprint.text.substr(0, 12) : "none";
}

// Cells launched with the same --launch but other settings (--set) or other data get the same
// run uuids; their folds are not one run's. The resolved YAML's text is compared only for runs
// from before fingerprints: its first line names the experiment file as each process was given
// it (relative or absolute), which the fingerprint leaves out.
void require_same_experiment(const RunCopy& a, const RunCopy& b) {
  std::string why;
  if (!same(a.values[kFingerprint], b.values[kFingerprint]))
    why = "fingerprint " + fingerprint_of(a) + " vs " + fingerprint_of(b);
  else if (a.experiment != b.experiment)
    why = "experiment '" + a.experiment + "' vs '" + b.experiment + "'";
  else if (a.values[kFingerprint].type == Cell::Type::null &&
           a.values[kResolvedYaml].text != b.values[kResolvedYaml].text)
    why = "another resolved experiment";
  if (why.empty()) return;
  throw StoreError("cannot merge: run " + a.values[kUuid].text + " (variant '" +
                       a.values[kVariant].text + "') differs between " + a.file + " and " + b.file +
                       " (" + why +
                       "): its cells ran with other settings or data; nothing was merged",
                   2);
}

// True when the file is empty; refuses one that is not SQLite, which SQLite itself notices
// only at the first query, with a terse message.
bool empty_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw StoreError(path + ": cannot read: " + std::strerror(errno), 2);
  char header[16] = {};
  file.read(header, sizeof header);
  if (file.gcount() == 0) return true;
  if (file.gcount() < 16 || std::string(header, 15) != "SQLite format 3" || header[15] != '\0')
    throw StoreError(path + ": not a cnnlab run history (not an SQLite file)", 2);
  return false;
}

// Opens a source read-only (nothing is ever written beside it) once it is known to be a
// history of this schema; null for an empty file, which holds nothing to merge.
std::unique_ptr<store::Db> open_source(const std::string& path, const std::string& dest_path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw StoreError(path + ": no such run history", 2);
  if (!fs::is_regular_file(path, ec))
    throw StoreError(path + ": not a cnnlab run history (not a regular file)", 2);
  if (fs::exists(dest_path, ec) && fs::equivalent(path, dest_path, ec))
    throw StoreError(path + ": is the history being merged into", 2);
  if (empty_file(path)) return nullptr;
  auto db = std::make_unique<store::Db>(path, store::Db::Mode::read_only);
  db->exec("PRAGMA busy_timeout = 5000");
  const store::SchemaState state = store::inspect_schema(*db);
  if (state.kind == store::FileKind::empty) return nullptr;
  store::require_compatible(*db, state, RunStore::kSchemaVersion, "");
  if (state.version != RunStore::kSchemaVersion)
    throw StoreError(path + ": run history schema version " + std::to_string(state.version) +
                         ", merge reads version " + std::to_string(RunStore::kSchemaVersion) +
                         " (open it once with `cnnlab runs list --db " + path + "` to upgrade it)",
                     2);
  return db;
}

std::string run_select(const std::string& where) {
  return std::string("SELECT r.id, e.name, e.created_at, ") + kRunCopyColumns +
         " FROM runs r JOIN experiments e ON e.id = r.experiment_id " + where;
}

RunCopy read_copy(store::Statement& select, const std::string& file) {
  RunCopy copy{file, select.column_text(1), select.column_text(2), {}, {}};
  for (int c = 0; c < kRunCopyCount; ++c) copy.values.push_back(select.cell(c + 3));
  return copy;
}

// The run's finished folds with their rows; epochs a crashed attempt left for an unfinished
// fold stay behind.
std::map<int64_t, FoldRows> read_folds(store::Db& db, int64_t run_id) {
  std::map<int64_t, FoldRows> folds;
  for (size_t t = 0; t < kFoldTableCount; ++t) {
    auto select = db.prepare(std::string("SELECT ") + kFoldTables[t].columns + " FROM " +
                             kFoldTables[t].name + " WHERE run_id = ? ORDER BY fold, rowid");
    select.bind(1, run_id);
    while (select.step()) {
      const int64_t fold = select.column_int(0);
      if (t > 0 && !folds.count(fold)) continue;
      Row row;
      for (int c = 0; c < kFoldTables[t].count; ++c) row.push_back(select.cell(c));
      folds[fold][t].push_back(std::move(row));
    }
  }
  return folds;
}

// Reads every source, refusing a file that is not a history of this schema and a run whose
// copies are not the same experiment, before anything is written.
SourceRuns read_sources(const std::vector<std::string>& paths, const std::string& dest_path) {
  SourceRuns runs;
  for (const std::string& path : paths) {
    const auto db = open_source(path, dest_path);
    if (!db) continue;
    auto select = db->prepare(run_select("ORDER BY r.id"));
    while (select.step()) {
      RunCopy copy = read_copy(select, path);
      copy.folds = read_folds(*db, select.column_int(0));
      auto& copies = runs[copy.values[kUuid].text];
      if (!copies.empty()) require_same_experiment(copies.front(), copy);
      copies.push_back(std::move(copy));
    }
  }
  return runs;
}

// One row for all copies of a run, whatever their order: the earliest start, the latest
// finish, and the rest (heartbeat, writer, status) from the copy alive last.
Row merged_row(const std::vector<const RunCopy*>& copies) {
  const RunCopy* last =
      *std::max_element(copies.begin(), copies.end(),
                        [](const RunCopy* a, const RunCopy* b) { return alive_before(*a, *b); });
  Row row = last->values;
  for (const RunCopy* copy : copies) {
    if (copy->values[kStartedAt].text < row[kStartedAt].text)
      row[kStartedAt] = copy->values[kStartedAt];
    keep_later(row[kFinishedAt], copy->values[kFinishedAt]);
    keep_later(row[kWorkdir], copy->values[kWorkdir]);
  }
  return row;
}

// The status from the folds present, as settle_run gives it; runs of the schema before
// launches (no cells) keep the status they arrived with.
void settle(Row& row, int64_t folds, bool diverged) {
  if (row[kCells].integer <= 0) return;
  Cell status, error;
  status.type = error.type = Cell::Type::text;
  if (folds < row[kCells].integer) {
    status.text = "incomplete";
    error.text = "cells missing";
  } else if (diverged) {
    status.text = "diverged";
    error.text = "a fold's loss became NaN or infinite";
  } else {
    status.text = "completed";
    error = Cell{};
  }
  row[kStatus] = status;
  row[kError] = error;
}

std::string marks(int count) {
  std::string text = "?";
  for (int i = 1; i < count; ++i) text += ", ?";
  return text;
}

// The experiment's row, created at the earliest creation among the copies or moved back to it.
int64_t experiment_of(store::Db& dest, const std::vector<const RunCopy*>& copies) {
  std::string created = copies.front()->experiment_created;
  for (const RunCopy* copy : copies) created = std::min(created, copy->experiment_created);
  dest.prepare(
          "INSERT INTO experiments (name, created_at) VALUES (?1, ?2) ON CONFLICT (name) "
          "DO UPDATE SET created_at = excluded.created_at WHERE excluded.created_at < created_at")
      .bind(1, copies.front()->experiment)
      .bind(2, created)
      .run();
  return store::experiment_id(dest, copies.front()->experiment);
}

int64_t insert_run(store::Db& dest, int64_t experiment, const Row& row) {
  auto insert = dest.prepare(std::string("INSERT INTO runs (experiment_id, ") + kRunCopyColumns +
                             ") VALUES (" + marks(kRunCopyCount + 1) + ")");
  insert.bind(1, experiment);
  for (int c = 0; c < kRunCopyCount; ++c) bind_cell(insert, c + 2, row[c]);
  insert.run();
  return dest.last_insert_id();
}

void update_run(store::Db& dest, int64_t run_id, const Row& row) {
  auto update = dest.prepare(std::string("UPDATE runs SET (") + kRunCopyColumns + ") = (" +
                             marks(kRunCopyCount) + ") WHERE id = ?");
  for (int c = 0; c < kRunCopyCount; ++c) bind_cell(update, c + 1, row[c]);
  update.bind(kRunCopyCount + 1, run_id).run();
}

void insert_fold(store::Db& dest, int64_t run_id, int64_t fold, const FoldRows& rows) {
  // Epochs a crashed attempt left here for this fold give way to the finished fold's.
  dest.prepare("DELETE FROM epochs WHERE run_id = ? AND fold = ?")
      .bind(1, run_id)
      .bind(2, fold)
      .run();
  for (size_t t = 0; t < kFoldTableCount; ++t) {
    auto insert =
        dest.prepare(std::string("INSERT INTO ") + kFoldTables[t].name + " (run_id, " +
                     kFoldTables[t].columns + ") VALUES (" + marks(kFoldTables[t].count + 1) + ")");
    for (const Row& row : rows[t]) {
      insert.reset();
      insert.bind(1, run_id);
      for (int c = 0; c < kFoldTables[t].count; ++c) bind_cell(insert, c + 2, row[c]);
      insert.run();
    }
  }
}

bool fold_diverged(const FoldRows& rows) { return rows[0].at(0)[1].text == "diverged"; }

// Merges one run's source copies.
void merge_run(store::Db& dest, const std::vector<RunCopy>& sources, MergeReport& report) {
  std::vector<const RunCopy*> copies;
  for (const RunCopy& copy : sources) copies.push_back(&copy);
  std::optional<RunCopy> existing;
  std::optional<int64_t> dest_id;
  auto select = dest.prepare(run_select("WHERE r.uuid = ?"));
  select.bind(1, sources.front().values[kUuid].text);
  if (select.step()) {
    existing = read_copy(select, dest.path());
    dest_id = select.column_int(0);
    require_same_experiment(*existing, sources.front());
  }
  const std::set<int64_t> present =
      dest_id ? store::folds_of_run(dest, existing->values[kUuid].text) : std::set<int64_t>{};
  // Of the copies holding a fold, the one alive last gives it.
  std::map<int64_t, const RunCopy*> added;
  for (const RunCopy* copy : copies)
    for (const auto& [fold, rows] : copy->folds)
      if (!present.count(fold) && (!added.count(fold) || alive_before(*added[fold], *copy)))
        added[fold] = copy;
  if (dest_id && added.empty()) return;

  bool diverged = false;
  for (const auto& [fold, copy] : added) diverged |= fold_diverged(copy->folds.at(fold));
  if (dest_id) {
    auto count =
        dest.prepare("SELECT COUNT(*) FROM folds WHERE run_id = ? AND status = 'diverged'");
    count.bind(1, *dest_id);
    diverged |= count.step() && count.column_int(0) > 0;
  }
  // A run that a process on this machine is still working on keeps its row.
  if (!existing || existing->values[kStatus].text != "running") {
    if (existing) copies.push_back(&*existing);
    Row row = merged_row(copies);
    settle(row, static_cast<int64_t>(present.size() + added.size()), diverged);
    const int64_t experiment = experiment_of(dest, copies);
    if (dest_id) {
      update_run(dest, *dest_id, row);
    } else {
      dest_id = insert_run(dest, experiment, row);
      ++report.runs_added;
    }
  }
  for (const auto& [fold, copy] : added) insert_fold(dest, *dest_id, fold, copy->folds.at(fold));
  report.folds_added += static_cast<int>(added.size());
}

MergeReport merge_into(store::Db& dest, const SourceRuns& runs) {
  // New runs get their ids in the order of their starts, not of the files.
  std::vector<const std::vector<RunCopy>*> order;
  for (const auto& [uuid, copies] : runs) order.push_back(&copies);
  const auto started = [](const std::vector<RunCopy>* copies) {
    std::string first = copies->front().values[kStartedAt].text;
    for (const RunCopy& copy : *copies) first = std::min(first, copy.values[kStartedAt].text);
    return std::make_pair(first, copies->front().values[kUuid].text);
  };
  std::sort(order.begin(), order.end(),
            [&](const auto* a, const auto* b) { return started(a) < started(b); });

  MergeReport report;
  std::set<std::string> launches;
  store::WriteTransaction transaction(dest);
  for (const auto* copies : order) {
    merge_run(dest, *copies, report);
    for (const RunCopy& copy : *copies)
      if (copy.values[kLaunch].type == Cell::Type::text) launches.insert(copy.values[kLaunch].text);
  }
  transaction.commit();
  report.launches.assign(launches.begin(), launches.end());
  return report;
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

MergeReport RunStore::merge_from(const std::vector<std::string>& source_paths) {
  impl_->require_writable("merge runs");
  return merge_into(impl_->db, read_sources(source_paths, impl_->db.path()));
}

MergeReport RunStore::merge_from(const std::string& source_path) {
  return merge_from(std::vector<std::string>{source_path});
}

MergeReport RunStore::merge(const std::vector<std::string>& source_paths,
                            const std::string& dest_path) {
  const SourceRuns runs = read_sources(source_paths, dest_path);
  RunStore dest = open(dest_path);
  return merge_into(dest.impl_->db, runs);
}

}  // namespace cnnlab
