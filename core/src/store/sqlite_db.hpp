#pragma once
// A thin RAII layer over the SQLite C API for the run store: one connection, prepared
// statements with typed binds, and write transactions that always start with BEGIN IMMEDIATE
// (a deferred BEGIN that reads and then writes fails with SQLITE_BUSY under concurrency,
// whatever the busy timeout).
#include <cstdint>
#include <string>

#include "cnnlab/host/store_records.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace cnnlab::store {

class Statement;

class Db {
 public:
  // read_only never writes and never creates a file, not even the WAL's -wal/-shm.
  enum class Mode { read_write_create, read_write, read_only };
  Db(const std::string& path, Mode mode);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements that take no parameters.
  void exec(const std::string& sql);
  Statement prepare(const std::string& sql);
  // The first column of the first row of a query without parameters, as an integer.
  int64_t query_int(const std::string& sql);
  int64_t last_insert_id() const;
  int changes() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

  // Throws StoreError with "PATH: what: sqlite's message".
  [[noreturn]] void fail(const std::string& what) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement(Db& db, const std::string& sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Binds are 1-based like SQLite's. A NaN double binds NULL.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, const std::string& value);
  Statement& bind_null(int index);

  // Advances to the next row; false when done.
  bool step();
  // Runs a statement that returns no rows.
  void run();
  void reset();

  bool is_null(int column) const;
  int64_t column_int(int column) const;
  double column_double(int column) const;  // NaN for NULL
  std::string column_text(int column) const;
  int column_count() const;
  std::string column_name(int column) const;
  // The column's value with its SQLite type.
  Cell cell(int column) const;

 private:
  Db* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() was called.
class WriteTransaction {
 public:
  explicit WriteTransaction(Db& db);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace cnnlab::store
