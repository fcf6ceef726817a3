// The SQLite backend: one connection to the deployment's file, in WAL mode with foreign keys
// on (storage/database.h says what a Database promises). Internal to storage/.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>

#include "storage/connection.h"

namespace paike {

struct DatabaseOptions;

class SqliteConnection : public Connection {
 public:
  // Throws DatabaseError when the file cannot be opened.
  SqliteConnection(const std::filesystem::path& file, const DatabaseOptions& options);

  Backend backend() const override { return Backend::sqlite; }
  std::unique_ptr<StatementImpl> prepare(std::string_view sql) override;
  void exec_script(std::string_view sql) override;
  void begin_write() override;
  void commit() override;
  void rollback() noexcept override;
  bool answers() override;
  std::optional<std::string> why_unwritable() override;
  void checkpoint_wal_passive() override;

 private:
  SQLite::Database db_;
  std::function<void(int frames)> on_wal_commit_;
  std::shared_ptr<std::timed_mutex> write_lock_;
  std::unique_lock<std::timed_mutex> turn_;
  std::unique_ptr<SQLite::Transaction> transaction_;
  std::chrono::milliseconds busy_timeout_;
};

// SQLite's failure as paike's.
[[noreturn]] void rethrow_sqlite(const SQLite::Exception& e);

}  // namespace paike
