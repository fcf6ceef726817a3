// The backend behind a Database and its Statements: SQLite (storage/sqlite_connection.h) or
// PostgreSQL (storage/postgres_connection.h). Internal to storage/; nothing above sees it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/database_error.h"

namespace paike {

class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void bind_null(int index) = 0;
  virtual void bind_int64(int index, int64_t value) = 0;
  virtual void bind_double(int index, double value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  // `value` must outlive the next step() or exec().
  virtual void bind_text_no_copy(int index, const std::string& value) = 0;
  virtual bool step() = 0;
  virtual int exec() = 0;
  virtual void reset() = 0;
  virtual bool is_null(int column) = 0;
  virtual int64_t int64(int column) = 0;
  virtual double real(int column) = 0;
  virtual std::string text(int column) = 0;
  virtual int column_count() = 0;
  virtual std::string column_name(int column) = 0;
};

enum class Backend { sqlite, postgresql };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;
  virtual std::unique_ptr<StatementImpl> prepare(std::string_view sql) = 0;
  // Runs one or more statements without parameters (a migration).
  virtual void exec_script(std::string_view sql) = 0;
  // A writing transaction: one writer of the deployment at a time (SQLite: BEGIN IMMEDIATE;
  // PostgreSQL: BEGIN and the deployment's advisory lock).
  virtual void begin_write() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  virtual bool answers() = 0;
  virtual std::optional<std::string> why_unwritable() = 0;
  virtual void checkpoint_wal_passive() = 0;
};

}  // namespace paike
