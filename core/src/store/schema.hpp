#pragma once
// The run store's schema: how a file is recognised as a cnnlab history (PRAGMA
// application_id), its version (PRAGMA user_version) and the migrations from each version to
// the next.
#include "sqlite_db.hpp"

namespace cnnlab::store {

// "cnnl": written in the SQLite header of every cnnlab history.
constexpr int kApplicationId = 0x636E6E6C;

// What a file holds before it is touched.
enum class FileKind { empty, cnnlab, foreign };

struct SchemaState {
  FileKind kind = FileKind::empty;
  int version = 0;
};

// Reads the header pragmas and the table names.
SchemaState inspect_schema(Db& db);

// Throws StoreError (exit code 2) unless the file is empty or a cnnlab history this build can
// read: names the foreign tables (then `advice`, when not empty), or both versions.
void require_compatible(Db& db, const SchemaState& state, int supported_version,
                        const std::string& advice = "choose another file with --db or CNNLAB_DB");

// Creates or migrates to `target_version` inside one write transaction, re-inspecting under
// the lock so that concurrent openers migrate once.
void migrate(Db& db, int target_version);

}  // namespace cnnlab::store
