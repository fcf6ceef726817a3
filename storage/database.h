// One SQLite connection to the paike database, opened in WAL mode with foreign keys on and
// the schema migrated to this binary's version. A Database is NOT thread-safe: every thread
// that touches the data opens its own (they share the file; WAL lets readers run beside the
// one writer, and busy_timeout makes writers wait their turn instead of failing).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "config/result.h"

namespace paike {

// What a failed statement throws: callers above storage/ catch it by this name (a busy or
// full database is worth retrying; a bug in a handler is not).
using DatabaseError = SQLite::Exception;
// True when `e` says the disk (or the file size limit) is full.
bool is_disk_full(const DatabaseError& e);

struct DatabaseOptions {
  // FULL: a commit survives power loss; NORMAL: it survives a crash of paike (kill -9) but
  // the last commits may be lost on power loss. FULL by default: the ledger is a record.
  bool synchronous_full = true;
  int busy_timeout_ms = 10000;
  bool read_only = false;
  // Unset: each commit that takes the WAL past 1000 frames copies it into the database file
  // itself (SQLite's auto-checkpoint), and whoever commits then waits for it. Set: commits
  // never checkpoint; this is told the WAL's size in frames after each commit, so that a
  // background thread can (bot/wal_checkpointer.h). Called on the committing thread.
  std::function<void(int frames)> on_wal_commit = {};
};

class Database {
 public:
  // Opens (creating if needed) and migrates. Fails with code "schema_too_new" when the file
  // was written by a newer paike, "read_only" when it can be read but not written (unless
  // options.read_only), "open_failed" when it cannot be opened.
  static Result<std::unique_ptr<Database>> open(const std::filesystem::path& file, const DatabaseOptions& options = {});

  SQLite::Database& sql() { return db_; }
  // True when the file answers a cheap read (quick_check would scan the whole database).
  bool answers();
  // Why this connection could not write now, or nullopt: the file was opened read-only (SQLite
  // falls back to that silently), or the database file, its WAL or their directory refuses
  // writing (a read-only file system, the immutable flag, permissions).
  std::optional<std::string> why_unwritable();
  // Copies what it can of the WAL into the database file without blocking readers or writers
  // (PRAGMA wal_checkpoint(PASSIVE)).
  void checkpoint_wal_passive();
  int schema_version();
  static int latest_schema_version();

  // Runs `fn` inside BEGIN IMMEDIATE … COMMIT; rolls back and rethrows if it throws.
  // Writers of this process take turns on the file's write lock first (storage/write_lock.h);
  // one that waits longer than the busy timeout goes on and lets SQLite's lock decide.
  template <typename F>
  auto transaction(F&& fn) {
    std::unique_lock turn(*write_lock_, std::defer_lock);
    (void)turn.try_lock_for(std::chrono::milliseconds(busy_timeout_ms_));
    SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
    if constexpr (std::is_void_v<decltype(fn())>) {
      fn();
      tx.commit();
    } else {
      auto result = fn();
      tx.commit();
      return result;
    }
  }

 private:
  Database(const std::filesystem::path& file, int flags, int busy_timeout_ms);
  SQLite::Database db_;
  std::function<void(int frames)> on_wal_commit_;
  std::shared_ptr<std::timed_mutex> write_lock_;
  int busy_timeout_ms_;
};

}  // namespace paike
