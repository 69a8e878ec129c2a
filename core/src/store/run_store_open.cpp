// Opening a run store: refusing files that are not (or not yet, or no longer) ours before
// anything is written, then migrating and recovering stale runs.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "run_store_impl.hpp"
#include "schema.hpp"

namespace cnnlab {

namespace {

namespace fs = std::filesystem;

constexpr int kBusyTimeoutMs = 10000;

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
  throw StoreError(path + ": " + why + "; choose another file with --db or CNNLAB_DB", 2);
}

// SQLite only notices a foreign file at the first query, with a terse message; the header
// says it at once.
void require_sqlite_header(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  char header[16] = {};
  file.read(header, sizeof header);
  if (file.gcount() == 0) return;  // an empty file is an empty database
  if (file.gcount() < 16 || std::memcmp(header, "SQLite format 3", 16) != 0)
    refuse(path, "not a SQLite database");
}

// Root ignores permission bits, so a file marked read-only (no write bit at all) counts as
// read-only for everyone: the user asked for it to be left alone.
bool writable(const fs::path& path, bool directory) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return false;
  if ((info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) return false;
  return ::access(path.c_str(), directory ? (W_OK | X_OK) : W_OK) == 0;
}

fs::path folder_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// The database, its WAL side files and its folder (where SQLite creates those files).
std::string unwritable_part(const std::string& path) {
  if (!fs::exists(folder_of(path))) return "folder " + folder_of(path).string() + " does not exist";
  if (!writable(folder_of(path), true))
    return "folder " + folder_of(path).string() + " is read-only";
  for (const std::string& file : {path, path + "-wal", path + "-shm"})
    if (fs::exists(file) && !writable(file, false)) return file + " is read-only";
  return "";
}

// Another user's query must leave nothing in the folder that the owner cannot write (a -shm
// owned by the reader blocks the owner's next run): only the file's owner opens it for
// writing.
bool owned_by_me(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && info.st_uid == ::geteuid();
}

void configure(store::Db& db) {
  db.exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
  db.exec("PRAGMA foreign_keys = ON");
}

// Makes the file current: WAL (only ever switched on a file known to be ours), the schema,
// then stale runs. Returns how many runs were recovered.
int prepare_for_writing(store::Db& db, const store::SchemaState& state) {
  db.exec("PRAGMA journal_mode = WAL");
  if (state.kind == store::FileKind::empty || state.version < RunStore::kSchemaVersion)
    store::migrate(db, RunStore::kSchemaVersion);
  return store::recover_stale_runs(db, RunStore::kStaleHeartbeatMinutes);
}

}  // namespace

std::string resolve_db_path(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  const char* env = std::getenv("CNNLAB_DB");
  if (env && *env) return env;
  return "cnnlab.db";
}

RunStore::RunStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RunStore::~RunStore() = default;
RunStore::RunStore(RunStore&&) noexcept = default;
RunStore& RunStore::operator=(RunStore&&) noexcept = default;

RunStore RunStore::open(const std::string& path) {
  if (fs::is_directory(path)) refuse(path, "is a folder, not a database file");
  // Reading the header of a FIFO blocks for ever, and a device such as /dev/null reads as an
  // empty database beside which SQLite then creates its journal (/dev/null-journal).
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (fs::exists(status) && !fs::is_regular_file(status))
    refuse(path, "is not a regular file (a device, a FIFO or a socket)");
  require_sqlite_header(path);
  const std::string unwritable = unwritable_part(path);
  if (!unwritable.empty()) refuse(path, "cannot record runs: " + unwritable);
  auto impl = std::make_unique<Impl>(path, store::Db::Mode::read_write_create);
  configure(impl->db);
  const auto state = store::inspect_schema(impl->db);
  store::require_compatible(impl->db, state, kSchemaVersion);
  impl->recovered_runs = prepare_for_writing(impl->db, state);
  return RunStore(std::move(impl));
}

RunStore RunStore::open_existing(const std::string& path) {
  if (!fs::is_regular_file(path))
    throw StoreError("no run history at " + path +
                         " (`cnnlab run` creates it; --db or CNNLAB_DB choose another file)",
                     2);
  require_sqlite_header(path);
  const bool read_only = !unwritable_part(path).empty() || !owned_by_me(path);
  auto impl = std::make_unique<Impl>(
      path, read_only ? store::Db::Mode::read_only : store::Db::Mode::read_write);
  impl->read_only = read_only;
  configure(impl->db);
  const auto state = store::inspect_schema(impl->db);
  if (state.kind == store::FileKind::empty) refuse(path, "an empty file, not a run history");
  store::require_compatible(impl->db, state, kSchemaVersion);
  if (!read_only)
    impl->recovered_runs = prepare_for_writing(impl->db, state);
  else if (state.version < kSchemaVersion)
    refuse(path, "schema version " + std::to_string(state.version) +
                     " needs upgrading, which needs write access to the file");
  return RunStore(std::move(impl));
}

const std::string& RunStore::path() const { return impl_->db.path(); }

int RunStore::recovered_runs() const { return impl_->recovered_runs; }

}  // namespace cnnlab
