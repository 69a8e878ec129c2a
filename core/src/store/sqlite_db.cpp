#include "sqlite_db.hpp"

#include <sqlite3.h>

#include <cctype>
#include <cmath>
#include <filesystem>

#include "cnnlab/host/store_records.hpp"

namespace cnnlab::store {

namespace {

int open_flags(Db::Mode mode) {
  switch (mode) {
    case Db::Mode::read_write_create:
      return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    case Db::Mode::read_write:
      return SQLITE_OPEN_READWRITE;
    case Db::Mode::read_only:
      return SQLITE_OPEN_READONLY;
  }
  return SQLITE_OPEN_READONLY;
}

// "file:/abs/path" with every byte that could end the path or start a query escaped.
std::string file_uri(const std::string& path) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string uri = "file:";
  for (unsigned char c : std::filesystem::absolute(path).string()) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri;
}

// A read-only connection to a WAL database needs the -wal and -shm files; SQLite creates them
// when they are missing, and a reader must not leave files behind (in a folder it cannot
// write, or owned by it where the history's owner cannot write them). When they exist, a
// writer may be using them and a plain read-only open sees its commits; when they do not,
// every committed row is in the database file itself, which `immutable=1` reads without
// creating anything.
std::string read_only_target(const std::string& path, int& flags) {
  std::error_code ec;
  if (std::filesystem::exists(path + "-wal", ec) && std::filesystem::exists(path + "-shm", ec))
    return path;
  flags |= SQLITE_OPEN_URI;
  return file_uri(path) + "?immutable=1";
}

}  // namespace

Db::Db(const std::string& path, Mode mode) : path_(path) {
  int flags = open_flags(mode) | SQLITE_OPEN_NOMUTEX;
  const std::string target = mode == Mode::read_only ? read_only_target(path, flags) : path;
  const int rc = sqlite3_open_v2(target.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(path + ": cannot open: " + message, 2);
  }
  sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() { sqlite3_close_v2(db_); }

void Db::fail(const std::string& what) const {
  throw StoreError(path_ + ": " + what + ": " + sqlite3_errmsg(db_));
}

void Db::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw StoreError(path_ + ": " + text);
  }
}

Statement Db::prepare(const std::string& sql) { return Statement(*this, sql); }

int64_t Db::query_int(const std::string& sql) {
  Statement statement(*this, sql);
  if (!statement.step()) fail("no result for '" + sql + "'");
  return statement.column_int(0);
}

int64_t Db::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

int Db::changes() const { return sqlite3_changes(db_); }

Statement::Statement(Db& db, const std::string& sql) : db_(&db) {
  if (sqlite3_prepare_v2(db.handle(), sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK)
    db.fail("cannot prepare a statement");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
  other.stmt_ = nullptr;
}

Statement& Statement::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) db_->fail("cannot bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (std::isnan(value)) return bind_null(index);
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) db_->fail("cannot bind");
  return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail("cannot bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) db_->fail("cannot bind");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail("query failed");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::column_int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::column_double(int column) const {
  return is_null(column) ? kNoValue : sqlite3_column_double(stmt_, column);
}

std::string Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (!text) return "";
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }

std::string Statement::column_name(int column) const { return sqlite3_column_name(stmt_, column); }

Cell Statement::cell(int column) const {
  Cell cell;
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_INTEGER:
      cell.type = Cell::Type::integer;
      cell.integer = sqlite3_column_int64(stmt_, column);
      break;
    case SQLITE_FLOAT:
      cell.type = Cell::Type::real;
      cell.real = sqlite3_column_double(stmt_, column);
      break;
    case SQLITE_NULL:
      break;
    default:
      cell.type = Cell::Type::text;
      cell.text = column_text(column);
  }
  return cell;
}

WriteTransaction::WriteTransaction(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

WriteTransaction::~WriteTransaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void WriteTransaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace cnnlab::store
