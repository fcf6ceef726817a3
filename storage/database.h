// One connection to the paike database, SQLite (a file, the embedded default) or PostgreSQL
// (a server several paike instances share), with the schema migrated to this binary's
// version. A Database is NOT thread-safe: every thread that touches the data opens its own.
// SQLite: WAL lets readers run beside the one writer, and busy_timeout makes writers wait
// their turn. PostgreSQL: writing transactions take the deployment's advisory lock, so they
// take turns across instances the same way (storage/postgres_connection.h).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "config/deployment.h"
#include "config/result.h"
#include "storage/connection.h"
#include "storage/database_error.h"
#include "storage/statement.h"

namespace paike {

// Where a deployment keeps its data: the `storage:` section of the YAML.
struct StorageTarget {
  Backend backend = Backend::sqlite;
  std::filesystem::path file;  // sqlite: the database file
  std::string url;             // postgresql: a libpq connection string or URL

  static StorageTarget sqlite(std::filesystem::path file) { return {Backend::sqlite, std::move(file), {}}; }
  static StorageTarget postgresql(std::string url) { return {Backend::postgresql, {}, std::move(url)}; }
  // The deployment's `storage:` section; SQLite's file is data_dir/paike.db.
  static StorageTarget of(const StorageSettings& settings, const std::filesystem::path& data_dir);
  // The file, or the URL without its password: for logs and messages.
  std::string describe() const;
};

struct DatabaseOptions {
  // FULL: a commit survives power loss; NORMAL: it survives a crash of paike (kill -9) but
  // the last commits may be lost on power loss. FULL by default: the ledger is a record.
  // (PostgreSQL: synchronous_commit on or off.)
  bool synchronous_full = true;
  int busy_timeout_ms = 10000;  // PostgreSQL: lock_timeout
  bool read_only = false;
  // SQLite only. Unset: each commit that takes the WAL past 1000 frames copies it into the
  // database file itself (SQLite's auto-checkpoint), and whoever commits then waits for it.
  // Set: commits never checkpoint; this is told the WAL's size in frames after each commit,
  // so that a background thread can (bot/wal_checkpointer.h). Called on the committing thread.
  std::function<void(int frames)> on_wal_commit = {};
};

class Database {
 public:
  // Opens (creating a SQLite file if needed) and migrates. Fails with code "schema_too_new"
  // when the database was written by a newer paike, "read_only" when it can be read but not
  // written (unless options.read_only), "open_failed" when it cannot be opened or reached.
  static Result<std::unique_ptr<Database>> open(const StorageTarget& target, const DatabaseOptions& options = {});
  static Result<std::unique_ptr<Database>> open(const std::filesystem::path& file,
                                                const DatabaseOptions& options = {}) {
    return open(StorageTarget::sqlite(file), options);
  }

  Backend backend() const { return connection_->backend(); }
  // Runs statements without parameters.
  void exec(std::string_view sql) { connection_->exec_script(sql); }
  // The first column of the first row of a query without parameters (0 when NULL or none).
  int64_t query_int64(std::string_view sql);
  std::string query_text(std::string_view sql);  // "" when NULL or none
  // True when the database answers a cheap read.
  bool answers() { return connection_->answers(); }
  // Why this connection could not write now, or nullopt: SQLite: the file was opened
  // read-only (SQLite falls back to that silently), or the database file, its WAL or their
  // directory refuses writing; PostgreSQL: the server is a read-only standby.
  std::optional<std::string> why_unwritable() { return connection_->why_unwritable(); }
  // SQLite: copies what it can of the WAL into the database file without blocking readers or
  // writers (PRAGMA wal_checkpoint(PASSIVE)). PostgreSQL: nothing.
  void checkpoint_wal_passive() { connection_->checkpoint_wal_passive(); }
  int schema_version();
  static int latest_schema_version();

  // Runs `fn` inside one writing transaction (storage/connection.h); rolls back and rethrows
  // if it throws. Not nested.
  template <typename F>
  auto transaction(F&& fn) {
    connection_->begin_write();
    try {
      if constexpr (std::is_void_v<decltype(fn())>) {
        fn();
        connection_->commit();
      } else {
        auto result = fn();
        connection_->commit();
        return result;
      }
    } catch (...) {
      connection_->rollback();
      throw;
    }
  }

 private:
  friend class Statement;
  explicit Database(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}
  Result<void> migrate(const StorageTarget& target);

  std::unique_ptr<Connection> connection_;
};

}  // namespace paike
