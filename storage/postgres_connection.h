// The PostgreSQL backend: one libpq connection to the deployment's database (a libpq
// connection string or URL), over which several paike instances share one deployment.
// Writing transactions take one advisory lock of the deployment (its database and schema),
// so writers queue across instances as SQLite's do inside one file: the handlers' "look, then
// write" steps (a duplicate report, a pending photo) stay correct with no per-table locking.
// A lost connection throws DatabaseError::Kind::unavailable and is reopened on the next
// statement outside a transaction. Internal to storage/.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <string>

#include "storage/connection.h"

namespace paike {

struct DatabaseOptions;

class PostgresConnection : public Connection {
 public:
  // Throws DatabaseError (unavailable: the server cannot be reached or refused the login).
  PostgresConnection(const std::string& url, const DatabaseOptions& options);
  ~PostgresConnection() override;

  Backend backend() const override { return Backend::postgresql; }
  std::unique_ptr<StatementImpl> prepare(std::string_view sql) override;
  void exec_script(std::string_view sql) override;
  void begin_write() override;
  void commit() override;
  void rollback() noexcept override;
  bool answers() override;
  std::optional<std::string> why_unwritable() override;
  void checkpoint_wal_passive() override {}  // PostgreSQL checkpoints on its own

  // The live connection, reopened first when it was lost outside a transaction.
  PGconn* connection();
  bool in_transaction() const { return in_transaction_; }
  // Throws the DatabaseError `result` stands for (and frees it), unless it is `ok`.
  void check(PGresult* result, ExecStatusType ok, std::string_view what);

 private:
  void configure_session();

  std::string url_;
  std::string session_settings_;
  PGconn* conn_ = nullptr;
  bool in_transaction_ = false;
};

// What libpq said when a connection could not be opened, in an operator's terms: the server
// is unreachable, refused the password, or the database does not exist.
std::string describe_connect_failure(const std::string& libpq_message);

}  // namespace paike
