#include "storage/sqlite_connection.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "storage/database.h"
#include "storage/write_lock.h"

namespace paike {

void rethrow_sqlite(const SQLite::Exception& e) {
  const int code = e.getErrorCode() & 0xff;
  const auto kind = code == SQLITE_FULL         ? DatabaseError::Kind::disk_full
                    : code == SQLITE_CONSTRAINT ? DatabaseError::Kind::constraint
                                                : DatabaseError::Kind::other;
  throw DatabaseError(kind, e.what());
}

namespace {

// Every call into SQLiteCpp goes through this, so what escapes storage/ is a DatabaseError.
template <typename F>
auto guarded(F&& fn) {
  try {
    return fn();
  } catch (const SQLite::Exception& e) {
    rethrow_sqlite(e);
  }
}

class SqliteStatement : public StatementImpl {
 public:
  SqliteStatement(SQLite::Database& db, std::string_view sql)
      : q_(guarded([&] { return SQLite::Statement(db, std::string(sql)); })) {}

  void bind_null(int index) override {
    guarded([&] { q_.bind(index); });
  }
  void bind_int64(int index, int64_t value) override {
    guarded([&] { q_.bind(index, static_cast<int64_t>(value)); });
  }
  void bind_double(int index, double value) override {
    guarded([&] { q_.bind(index, value); });
  }
  // As TEXT: SQLiteCpp's pointer-and-size overloads would bind a BLOB.
  void bind_text(int index, std::string_view value) override {
    guarded([&] { q_.bind(index, std::string(value)); });
  }
  void bind_text_no_copy(int index, const std::string& value) override {
    guarded([&] { q_.bindNoCopy(index, value); });
  }
  bool step() override {
    return guarded([&] { return q_.executeStep(); });
  }
  int exec() override {
    return guarded([&] { return q_.exec(); });
  }
  void reset() override {
    guarded([&] {
      q_.reset();
      q_.clearBindings();
    });
  }
  bool is_null(int column) override {
    return guarded([&] { return q_.getColumn(column).isNull(); });
  }
  int64_t int64(int column) override {
    return guarded([&] { return q_.getColumn(column).getInt64(); });
  }
  double real(int column) override {
    return guarded([&] { return q_.getColumn(column).getDouble(); });
  }
  std::string text(int column) override {
    return guarded([&] { return q_.getColumn(column).getString(); });
  }
  int column_count() override { return q_.getColumnCount(); }
  std::string column_name(int column) override {
    return guarded([&] { return std::string(q_.getColumnName(column)); });
  }

 private:
  SQLite::Statement q_;
};

SQLite::Database open_file(const std::filesystem::path& file, const DatabaseOptions& options) {
  const int flags = options.read_only ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  return guarded([&] { return SQLite::Database(file.string(), flags | SQLite::OPEN_FULLMUTEX); });
}

}  // namespace

SqliteConnection::SqliteConnection(const std::filesystem::path& file, const DatabaseOptions& options)
    : db_(open_file(file, options)), write_lock_(write_lock_for(file)), busy_timeout_(options.busy_timeout_ms) {
  guarded([&] {
    db_.setBusyTimeout(options.busy_timeout_ms);
    // 16 KB pages for a new database (an existing one keeps its size): a photo report's body
    // is 200+ KB, written to the WAL, read by the look-ahead and copied by the checkpoint one
    // page at a time, two system calls per WAL page; at 4 KB that was 500 calls per report and
    // a fifth of all the CPU of filing it on a VM (bench_e2e: 17.6 → 15.6 ms per report).
    if (!options.read_only) db_.exec("PRAGMA page_size = 16384");
    if (!options.read_only) db_.exec("PRAGMA journal_mode = WAL");
    db_.exec(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    db_.exec("PRAGMA foreign_keys = ON");
  });
  if (options.on_wal_commit && !options.read_only) {
    on_wal_commit_ = options.on_wal_commit;
    // Replaces SQLite's own auto-checkpoint hook on this connection.
    sqlite3_wal_hook(
        db_.getHandle(),
        [](void* self, sqlite3*, const char*, int frames) {
          static_cast<SqliteConnection*>(self)->on_wal_commit_(frames);
          return SQLITE_OK;
        },
        this);
  }
}

std::unique_ptr<StatementImpl> SqliteConnection::prepare(std::string_view sql) {
  return std::make_unique<SqliteStatement>(db_, sql);
}

void SqliteConnection::exec_script(std::string_view sql) {
  guarded([&] { db_.exec(std::string(sql)); });
}

void SqliteConnection::begin_write() {
  // Writers of this process take turns on the file's write lock first (storage/write_lock.h);
  // one that waits longer than the busy timeout goes on and lets SQLite's lock decide.
  turn_ = std::unique_lock(*write_lock_, std::defer_lock);
  (void)turn_.try_lock_for(busy_timeout_);
  try {
    transaction_ =
        guarded([&] { return std::make_unique<SQLite::Transaction>(db_, SQLite::TransactionBehavior::IMMEDIATE); });
  } catch (...) {
    if (turn_.owns_lock()) turn_.unlock();
    throw;
  }
}

void SqliteConnection::commit() {
  guarded([&] { transaction_->commit(); });
  transaction_.reset();
  if (turn_.owns_lock()) turn_.unlock();
}

void SqliteConnection::rollback() noexcept {
  transaction_.reset();  // SQLite::Transaction rolls back what was not committed
  if (turn_.owns_lock()) turn_.unlock();
}

bool SqliteConnection::answers() {
  return guarded([&] {
    SQLite::Statement q(db_, "SELECT COUNT(*) FROM sqlite_master");
    return q.executeStep();
  });
}

std::optional<std::string> SqliteConnection::why_unwritable() {
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

void SqliteConnection::checkpoint_wal_passive() {
  guarded([&] { db_.exec("PRAGMA wal_checkpoint(PASSIVE)"); });
}

}  // namespace paike
