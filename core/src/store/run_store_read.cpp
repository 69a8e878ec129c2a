// The reader side of RunStore: finding, loading and deleting single runs.
#include <algorithm>
#include <array>
#include <cctype>

#include "../util/json_text.hpp"
#include "run_store_impl.hpp"

namespace cnnlab {

namespace {

constexpr size_t kShownUuidLength = 8;

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

[[noreturn]] void no_such_run(const store::Db& db, const std::string& ref) {
  throw StoreError("no run '" + ref + "' in " + db.path() +
                       " (give a run id or a uuid prefix; `cnnlab runs list` shows both)",
                   2);
}

}  // namespace

namespace store {

const char* const kRunColumnsSql =
    "SELECT r.id, r.uuid, e.name, r.variant, r.status, r.seed, r.config_yaml, "
    "r.resolved_yaml, r.params_json, r.monitor, r.started_at, r.finished_at, "
    "r.heartbeat_at, r.host, r.pid, r.threads, r.cnnlab_version, r.error, "
    "r.launch, r.fingerprint, r.data_identity, r.variant_index, r.cells, r.workdir "
    "FROM runs r JOIN experiments e ON e.id = r.experiment_id ";

RunInfo read_run_row(Statement& row) {
  RunInfo run;
  run.id = row.column_int(0);
  run.uuid = row.column_text(1);
  run.experiment = row.column_text(2);
  run.variant = row.column_text(3);
  run.status = parse_run_status(row.column_text(4));
  run.seed = static_cast<uint64_t>(row.column_int(5));
  run.config_yaml = row.column_text(6);
  run.resolved_yaml = row.column_text(7);
  run.params = parse_flat_json_object(row.column_text(8));
  run.monitor = row.column_text(9);
  run.started_at = row.column_text(10);
  run.finished_at = row.column_text(11);
  run.heartbeat_at = row.column_text(12);
  run.host = row.column_text(13);
  run.pid = row.column_int(14);
  run.threads = static_cast<int>(row.column_int(15));
  run.cnnlab_version = row.column_text(16);
  run.error = row.column_text(17);
  run.launch = row.column_text(18);
  run.fingerprint = row.column_text(19);
  run.data_identity = row.column_text(20);
  run.variant_index = static_cast<int>(row.column_int(21));
  run.cells = static_cast<int>(row.column_int(22));
  run.workdir = row.column_text(23);
  return run;
}

}  // namespace store

namespace {

// The matrix is as wide as the class names; a cell naming a class beyond them (a history
// edited by hand) widens it, so nothing counted is dropped.
void read_confusion(store::Db& db, int64_t run_id, FoldRecord& fold) {
  auto names = db.prepare(
      "SELECT class, name FROM fold_classes WHERE run_id = ? AND fold = ? ORDER BY class");
  names.bind(1, run_id).bind(2, fold.fold);
  while (names.step()) {
    const int64_t c = names.column_int(0);
    if (c < 0 || c >= kMaxConfusionClasses) continue;
    fold.class_names.resize(std::max<size_t>(fold.class_names.size(), c + 1));
    fold.class_names[c] = names.column_text(1);
  }
  auto cells = db.prepare(
      "SELECT true_class, predicted_class, count FROM confusion WHERE run_id = ? AND fold = ?");
  cells.bind(1, run_id).bind(2, fold.fold);
  std::vector<std::array<int64_t, 3>> counts;
  int64_t classes = static_cast<int64_t>(fold.class_names.size());
  while (cells.step()) {
    const int64_t t = cells.column_int(0), p = cells.column_int(1);
    if (t < 0 || p < 0 || t >= kMaxConfusionClasses || p >= kMaxConfusionClasses) continue;
    counts.push_back({t, p, cells.column_int(2)});
    classes = std::max(classes, std::max(t, p) + 1);
  }
  if (counts.empty()) return;
  for (int64_t c = static_cast<int64_t>(fold.class_names.size()); c < classes; ++c)
    fold.class_names.push_back(std::to_string(c));
  fold.test_confusion.assign(classes, std::vector<int64_t>(classes, 0));
  for (const auto& [t, p, n] : counts) fold.test_confusion[t][p] = n;
}

std::vector<FoldRecord> read_folds(store::Db& db, int64_t run_id) {
  auto select = db.prepare(
      "SELECT fold, status, best_epoch, stopped_epoch, val_loss, val_accuracy, test_loss, "
      "test_accuracy, train_seconds, train_samples, validation_samples FROM folds "
      "WHERE run_id = ? ORDER BY fold");
  select.bind(1, run_id);
  std::vector<FoldRecord> folds;
  while (select.step()) {
    FoldRecord f;
    f.fold = static_cast<int>(select.column_int(0));
    f.diverged = select.column_text(1) == "diverged";
    f.best_epoch = static_cast<int>(select.column_int(2));
    f.stopped_epoch = static_cast<int>(select.column_int(3));
    f.val_loss = select.column_double(4);
    f.val_accuracy = select.column_double(5);
    f.test_loss = select.column_double(6);
    f.test_accuracy = select.column_double(7);
    f.train_seconds = select.column_double(8);
    f.train_samples = select.column_int(9);
    f.validation_samples = select.column_int(10);
    folds.push_back(f);
  }
  for (FoldRecord& f : folds) read_confusion(db, run_id, f);
  return folds;
}

std::map<int, std::vector<EpochRecord>> read_epochs(store::Db& db, int64_t run_id) {
  auto select = db.prepare(
      "SELECT fold, epoch, loss, accuracy, val_loss, val_accuracy, seconds, learning_rate "
      "FROM epochs "
      "WHERE run_id = ? ORDER BY fold, epoch");
  select.bind(1, run_id);
  std::map<int, std::vector<EpochRecord>> epochs;
  while (select.step()) {
    EpochRecord e;
    e.epoch = static_cast<int>(select.column_int(1));
    e.loss = select.column_double(2);
    e.accuracy = select.column_double(3);
    e.val_loss = select.column_double(4);
    e.val_accuracy = select.column_double(5);
    e.seconds = select.column_double(6);
    e.learning_rate = select.column_double(7);
    epochs[static_cast<int>(select.column_int(0))].push_back(e);
  }
  return epochs;
}

std::vector<ArtifactRecord> read_artifacts(store::Db& db, int64_t run_id) {
  auto select =
      db.prepare("SELECT fold, kind, path FROM artifacts WHERE run_id = ? ORDER BY fold, id");
  select.bind(1, run_id);
  std::vector<ArtifactRecord> artifacts;
  while (select.step())
    artifacts.push_back(
        {static_cast<int>(select.column_int(0)), select.column_text(1), select.column_text(2)});
  return artifacts;
}

}  // namespace

int64_t RunStore::find_run(const std::string& id_or_uuid_prefix) const {
  auto& db = impl_->db;
  const std::string& ref = id_or_uuid_prefix;
  if (all_digits(ref) && ref.size() < 19) {
    auto by_id = db.prepare("SELECT id FROM runs WHERE id = ?");
    by_id.bind(1, static_cast<int64_t>(std::stoll(ref)));
    if (by_id.step()) return by_id.column_int(0);
    // "99" is a missing run, not whichever uuid starts with 99: short numbers are ids only;
    // an 8-digit prefix (as `runs list` shows it) is taken as a uuid.
    if (ref.size() < kShownUuidLength) no_such_run(db, ref);
  }
  std::string prefix = ref;
  std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (prefix.empty()) no_such_run(db, ref);
  auto by_uuid = db.prepare(
      "SELECT id, uuid FROM runs WHERE substr(uuid, 1, length(?1)) = ?1 ORDER BY id LIMIT 6");
  by_uuid.bind(1, prefix);
  std::vector<std::pair<int64_t, std::string>> matches;
  while (by_uuid.step()) matches.emplace_back(by_uuid.column_int(0), by_uuid.column_text(1));
  if (matches.empty()) no_such_run(db, ref);
  if (matches.size() > 1) {
    std::string list;
    for (size_t i = 0; i < matches.size() && i < 5; ++i)
      list += (i ? ", " : "") + std::to_string(matches[i].first) + " (" + matches[i].second + ")";
    throw StoreError("run '" + ref + "' is ambiguous: it starts the uuids of runs " + list +
                         (matches.size() > 5 ? ", ..." : "") + "; give more characters",
                     2);
  }
  return matches.front().first;
}

RunDetail RunStore::load_run(int64_t run_id) const {
  auto& db = impl_->db;
  auto select = db.prepare(std::string(store::kRunColumnsSql) + "WHERE r.id = ?");
  select.bind(1, run_id);
  if (!select.step()) no_such_run(db, std::to_string(run_id));
  RunDetail detail;
  detail.run = store::read_run_row(select);
  detail.folds = read_folds(db, run_id);
  detail.epochs = read_epochs(db, run_id);
  detail.artifacts = read_artifacts(db, run_id);
  return detail;
}

void RunStore::remove_run(int64_t run_id) {
  auto& db = impl_->db;
  impl_->require_writable("delete runs");
  store::WriteTransaction transaction(db);
  for (const char* table : {"epochs", "folds", "artifacts", "fold_classes", "confusion"})
    db.prepare(std::string("DELETE FROM ") + table + " WHERE run_id = ?").bind(1, run_id).run();
  db.prepare("DELETE FROM runs WHERE id = ?").bind(1, run_id).run();
  if (db.changes() == 0) no_such_run(db, std::to_string(run_id));
  transaction.commit();
}

}  // namespace cnnlab
