#include "storage/database.h"

#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "storage/migrations.h"
#include "storage/write_lock.h"

namespace paike {

Database::Database(const std::filesystem::path& file, int flags, int busy_timeout_ms)
    : db_(file.string(), flags), write_lock_(write_lock_for(file)), busy_timeout_ms_(busy_timeout_ms) {}

int Database::latest_schema_version() { return static_cast<int>(schema_migrations().size()); }

int Database::schema_version() {
  return db_.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_version").getInt();
}

Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& file, const DatabaseOptions& options) {
  std::unique_ptr<Database> db;
  try {
    int flags = options.read_only ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.reset(new Database(file, flags | SQLite::OPEN_FULLMUTEX, options.busy_timeout_ms));
    auto& sql = db->db_;
    sql.setBusyTimeout(options.busy_timeout_ms);
    // 16 KB pages for a new database (an existing one keeps its size): a photo report's body
    // is 200+ KB, written to the WAL, read by the look-ahead and copied by the checkpoint one
    // page at a time, two system calls per WAL page; at 4 KB that was 500 calls per report and
    // a fifth of all the CPU of filing it on a VM (bench_e2e: 17.6 → 15.6 ms per report).
    if (!options.read_only) sql.exec("PRAGMA page_size = 16384");
    if (!options.read_only) sql.exec("PRAGMA journal_mode = WAL");
    sql.exec(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    sql.exec("PRAGMA foreign_keys = ON");
    if (options.read_only) return db;
    // Not writable, SQLite opens the file read-only without a word, and every event would be
    // refused; say so before serving.
    if (auto why = db->why_unwritable()) return make_error(ErrorCode::read_only, "cannot write the database: " + *why);
    if (options.on_wal_commit) {
      db->on_wal_commit_ = options.on_wal_commit;
      // Replaces SQLite's own auto-checkpoint hook on this connection.
      sqlite3_wal_hook(
          sql.getHandle(),
          [](void* self, sqlite3*, const char*, int frames) {
            static_cast<Database*>(self)->on_wal_commit_(frames);
            return SQLITE_OK;
          },
          db.get());
    }

    // Migrate under one write lock so two processes starting together cannot both migrate.
    SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
    sql.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    const int current = db->schema_version();
    const int latest = latest_schema_version();
    if (current > latest) {
      return make_error(ErrorCode::schema_too_new, "the database " + file.string() + " has schema version " +
                                                       std::to_string(current) + " but this paike knows only up to " +
                                                       std::to_string(latest) +
                                                       "; run a newer paike or restore a backup");
    }
    for (int version = current + 1; version <= latest; ++version) {
      sql.exec(std::string(schema_migrations()[version - 1]));
      SQLite::Statement mark(sql, "INSERT INTO schema_version (version, applied_at) VALUES (?, strftime('%s','now'))");
      mark.bind(1, version);
      mark.exec();
      spdlog::info("database {}: migrated to schema version {}", file.string(), version);
    }
    tx.commit();
  } catch (const SQLite::Exception& e) {
    return make_error(ErrorCode::open_failed, "cannot open database " + file.string() + ": " + e.what());
  }
  return db;
}

bool is_disk_full(const DatabaseError& e) { return (e.getErrorCode() & 0xff) == SQLITE_FULL; }

void Database::checkpoint_wal_passive() { db_.exec("PRAGMA wal_checkpoint(PASSIVE)"); }

bool Database::answers() {
  SQLite::Statement q(db_, "SELECT COUNT(*) FROM sqlite_master");
  return q.executeStep();
}

std::optional<std::string> Database::why_unwritable() {
  const char* name = sqlite3_db_filename(db_.getHandle(), "main");
  const std::filesystem::path file = name ? name : "";
  if (sqlite3_db_readonly(db_.getHandle(), "main") == 1) {
    return file.string() + " was opened read-only (check its owner, mode and file system)";
  }
  if (file.empty()) return std::nullopt;  // in memory
  std::filesystem::path wal = file;
  wal += "-wal";
  for (const auto& path : {file, wal, file.parent_path()}) {
    if (::access(path.c_str(), W_OK) != 0 && errno != ENOENT) {
      return path.string() + " cannot be written: " + std::strerror(errno);
    }
  }
  return std::nullopt;
}

}  // namespace paike
