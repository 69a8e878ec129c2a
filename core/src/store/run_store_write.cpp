// The writer side of RunStore: every call is one short BEGIN IMMEDIATE transaction, so each
// epoch is on disk when the call returns and concurrent writers queue instead of failing.
#include "../util/json_text.hpp"
#include "cnnlab/version.hpp"
#include "process_identity.hpp"
#include "run_store_impl.hpp"

namespace cnnlab {

namespace {

using store::kNowSql;

constexpr std::chrono::seconds kHeartbeatInterval{30};

void require_changed(store::Db& db, int64_t run_id) {
  if (db.changes() == 0) throw StoreError(db.path() + ": no run with id " + std::to_string(run_id));
}

}  // namespace

int64_t RunStore::begin_run(const RunStart& start) {
  impl_->require_writable("record runs");
  auto& db = impl_->db;
  store::WriteTransaction transaction(db);
  const int64_t run_id = store::insert_run(db, start, /*if_new=*/false);
  transaction.commit();
  impl_->last_heartbeat[run_id] = std::chrono::steady_clock::now();
  return run_id;
}

int64_t RunStore::ensure_run(const RunStart& start) {
  impl_->require_writable("record runs");
  if (start.uuid.empty()) throw Error("ensure_run needs the run's uuid");
  auto& db = impl_->db;
  store::WriteTransaction transaction(db);
  const int64_t run_id = store::insert_run(db, start, /*if_new=*/true);
  transaction.commit();
  return run_id;
}

namespace store {

int64_t experiment_id(Db& db, const std::string& name) {
  db.prepare(std::string("INSERT INTO experiments (name, created_at) VALUES (?, ") + kNowSql +
             ") ON CONFLICT (name) DO NOTHING")
      .bind(1, name)
      .run();
  auto select = db.prepare("SELECT id FROM experiments WHERE name = ?");
  select.bind(1, name);
  if (!select.step()) db.fail("cannot create experiment '" + name + "'");
  return select.column_int(0);
}

int64_t insert_run(Db& db, const RunStart& start, bool if_new) {
  const auto process_start = process_start_time(current_pid());
  const int64_t experiment = experiment_id(db, start.experiment);
  const std::string uuid = start.uuid.empty() ? random_uuid() : start.uuid;
  auto insert = db.prepare(
      std::string("INSERT INTO runs (uuid, experiment_id, variant, status, seed, config_yaml, "
                  "resolved_yaml, params_json, monitor, started_at, heartbeat_at, host, pid, "
                  "process_start, threads, cnnlab_version, launch, fingerprint, data_identity, "
                  "variant_index, cells, workdir) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ") +
      kNowSql + ", " + kNowSql + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" +
      (if_new ? " ON CONFLICT (uuid) DO NOTHING" : ""));
  insert.bind(1, uuid)
      .bind(2, experiment)
      .bind(3, start.variant)
      .bind(4, to_string(start.status))
      // Seeds are 64-bit unsigned; SQLite integers are signed: stored bit for bit.
      .bind(5, static_cast<int64_t>(start.seed))
      .bind(6, start.config_yaml)
      .bind(7, start.resolved_yaml)
      .bind(8, flat_json_object(start.params))
      .bind(9, start.monitor)
      .bind(10, host_name())
      .bind(11, current_pid());
  if (process_start)
    insert.bind(12, *process_start);
  else
    insert.bind_null(12);
  insert.bind(13, start.threads)
      .bind(14,
            start.cnnlab_version.empty() ? std::string(version_string()) : start.cnnlab_version);
  const auto text_or_null = [&](int index, const std::string& text) {
    if (text.empty())
      insert.bind_null(index);
    else
      insert.bind(index, text);
  };
  text_or_null(15, start.launch);
  text_or_null(16, start.fingerprint);
  text_or_null(17, start.data_identity);
  insert.bind(18, start.variant_index).bind(19, start.cells);
  text_or_null(20, start.workdir);
  insert.run();
  auto select = db.prepare("SELECT id FROM runs WHERE uuid = ?");
  select.bind(1, uuid);
  if (!select.step()) db.fail("cannot record run " + uuid);
  return select.column_int(0);
}

}  // namespace store

namespace {

// Replaces the fold's class names and confusion cells, inside the caller's transaction.
void write_confusion(store::Db& db, int64_t run_id, const FoldRecord& fold) {
  if (fold.class_names.size() > static_cast<size_t>(kMaxConfusionClasses) ||
      fold.test_confusion.size() > static_cast<size_t>(kMaxConfusionClasses))
    throw StoreError("a confusion matrix of more than " + std::to_string(kMaxConfusionClasses) +
                     " classes is not recorded");
  for (const char* table : {"fold_classes", "confusion"})
    db.prepare(std::string("DELETE FROM ") + table + " WHERE run_id = ? AND fold = ?")
        .bind(1, run_id)
        .bind(2, fold.fold)
        .run();
  auto name =
      db.prepare("INSERT INTO fold_classes (run_id, fold, class, name) VALUES (?, ?, ?, ?)");
  for (size_t c = 0; c < fold.class_names.size(); ++c) {
    name.reset();
    name.bind(1, run_id).bind(2, fold.fold).bind(3, static_cast<int64_t>(c));
    name.bind(4, fold.class_names[c]).run();
  }
  auto cell = db.prepare(
      "INSERT INTO confusion (run_id, fold, true_class, predicted_class, count) "
      "VALUES (?, ?, ?, ?, ?)");
  for (size_t t = 0; t < fold.test_confusion.size(); ++t)
    for (size_t p = 0; p < fold.test_confusion[t].size(); ++p) {
      if (fold.test_confusion[t][p] <= 0) continue;
      cell.reset();
      cell.bind(1, run_id).bind(2, fold.fold).bind(3, static_cast<int64_t>(t));
      cell.bind(4, static_cast<int64_t>(p)).bind(5, fold.test_confusion[t][p]).run();
    }
}

}  // namespace

void RunStore::log_epoch(int64_t run_id, int fold, const EpochRecord& epoch) {
  impl_->require_writable("record runs");
  auto& db = impl_->db;
  store::WriteTransaction transaction(db);
  db.prepare(
        "INSERT OR REPLACE INTO epochs (run_id, fold, epoch, loss, accuracy, val_loss, "
        "val_accuracy, seconds, learning_rate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, run_id)
      .bind(2, fold)
      .bind(3, epoch.epoch)
      .bind(4, epoch.loss)
      .bind(5, epoch.accuracy)
      .bind(6, epoch.val_loss)
      .bind(7, epoch.val_accuracy)
      .bind(8, epoch.seconds)
      .bind(9, epoch.learning_rate)
      .run();
  db.prepare(std::string("UPDATE runs SET heartbeat_at = ") + kNowSql + " WHERE id = ?")
      .bind(1, run_id)
      .run();
  transaction.commit();
  impl_->last_heartbeat[run_id] = std::chrono::steady_clock::now();
}

void RunStore::log_fold(int64_t run_id, const FoldRecord& fold) {
  impl_->require_writable("record runs");
  auto& db = impl_->db;
  store::WriteTransaction transaction(db);
  auto insert = db.prepare(
      "INSERT OR REPLACE INTO folds (run_id, fold, status, best_epoch, stopped_epoch, "
      "val_loss, val_accuracy, test_loss, test_accuracy, train_seconds, train_samples, "
      "validation_samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, run_id)
      .bind(2, fold.fold)
      .bind(3, std::string(fold.diverged ? "diverged" : "completed"));
  if (fold.best_epoch > 0)
    insert.bind(4, fold.best_epoch);
  else
    insert.bind_null(4);
  insert.bind(5, fold.stopped_epoch)
      .bind(6, fold.val_loss)
      .bind(7, fold.val_accuracy)
      .bind(8, fold.test_loss)
      .bind(9, fold.test_accuracy)
      .bind(10, fold.train_seconds)
      .bind(11, fold.train_samples)
      .bind(12, fold.validation_samples)
      .run();
  write_confusion(db, run_id, fold);
  transaction.commit();
}

void RunStore::add_artifact(int64_t run_id, int fold, const std::string& kind,
                            const std::string& path) {
  impl_->require_writable("record runs");
  auto& db = impl_->db;
  store::WriteTransaction transaction(db);
  db.prepare(std::string("INSERT INTO artifacts (run_id, fold, kind, path, created_at) "
                         "VALUES (?, ?, ?, ?, ") +
             kNowSql + ")")
      .bind(1, run_id)
      .bind(2, fold)
      .bind(3, kind)
      .bind(4, path)
      .run();
  transaction.commit();
}

void RunStore::heartbeat(int64_t run_id) {
  impl_->require_writable("record runs");
  const auto now = std::chrono::steady_clock::now();
  const auto last = impl_->last_heartbeat.find(run_id);
  if (last != impl_->last_heartbeat.end() && now - last->second < kHeartbeatInterval) return;
  auto& db = impl_->db;
  store::WriteTransaction transaction(db);
  db.prepare(std::string("UPDATE runs SET heartbeat_at = ") + kNowSql + " WHERE id = ?")
      .bind(1, run_id)
      .run();
  require_changed(db, run_id);
  transaction.commit();
  impl_->last_heartbeat[run_id] = now;
}

void RunStore::finish_run(int64_t run_id, RunStatus status, const std::string& error) {
  impl_->require_writable("record runs");
  if (status == RunStatus::running)
    throw StoreError("finish_run needs a final status, not 'running'");
  auto& db = impl_->db;
  store::WriteTransaction transaction(db);
  auto update = db.prepare(std::string("UPDATE runs SET status = ?, finished_at = ") + kNowSql +
                           ", heartbeat_at = " + kNowSql + ", error = ? WHERE id = ?");
  update.bind(1, to_string(status));
  if (error.empty())
    update.bind_null(2);
  else
    update.bind(2, error);
  update.bind(3, run_id).run();
  require_changed(db, run_id);
  transaction.commit();
  impl_->last_heartbeat.erase(run_id);
}

}  // namespace cnnlab
