#include "storage/postgres_connection.h"

#include <cmath>
#include <cstdlib>
#include <optional>
#include <vector>

#include "storage/database.h"
#include "storage/postgres_dialect.h"

namespace paike {

namespace {

// libpq's type ids (server/catalog/pg_type_d.h) of what paike binds: a NULL is left to the
// statement to type.
constexpr Oid kInt8 = 20, kFloat8 = 701, kText = 25;

DatabaseError::Kind kind_of(PGconn* conn, const PGresult* result) {
  if (conn == nullptr || PQstatus(conn) == CONNECTION_BAD) return DatabaseError::Kind::unavailable;
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view code = state ? state : "";
  // 08: connection exception; 57P01-57P03: the server is shutting down or starting.
  if (code.starts_with("08") || code.starts_with("57P")) return DatabaseError::Kind::unavailable;
  if (code == "53100") return DatabaseError::Kind::disk_full;
  if (code.starts_with("23")) return DatabaseError::Kind::constraint;
  return DatabaseError::Kind::other;
}

std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

class PostgresStatement : public StatementImpl {
 public:
  PostgresStatement(PostgresConnection& connection, std::string_view sql)
      : connection_(connection), sql_(postgres_sql(sql)) {}
  ~PostgresStatement() override { clear_result(); }

  void bind_null(int index) override { slot(index) = Param{std::nullopt, 0}; }
  void bind_int64(int index, int64_t value) override { slot(index) = Param{std::to_string(value), kInt8}; }
  void bind_double(int index, double value) override {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);
    slot(index) = Param{std::string(text), kFloat8};
  }
  void bind_text(int index, std::string_view value) override { slot(index) = Param{std::string(value), kText}; }
  // libpq sends the bytes from the caller's buffer: nothing is copied.
  void bind_text_no_copy(int index, const std::string& value) override { slot(index) = Param{&value, kText}; }

  bool step() override {
    if (!result_) run();
    return ++row_ < PQntuples(result_);
  }
  int exec() override {
    run();
    const char* changed = PQcmdTuples(result_);
    return changed && *changed ? std::atoi(changed) : 0;
  }
  void reset() override {
    clear_result();
    params_.clear();
  }

  bool is_null(int column) override { return PQgetisnull(current(), row_, column) == 1; }
  int64_t int64(int column) override {
    if (is_null(column)) return 0;
    const char* text = PQgetvalue(current(), row_, column);
    if (text[0] == 't' && text[1] == '\0') return 1;  // a boolean
    if (text[0] == 'f' && text[1] == '\0') return 0;
    char* end = nullptr;
    const long long whole = std::strtoll(text, &end, 10);
    if (*end == '\0') return whole;
    return static_cast<int64_t>(std::strtod(text, nullptr));  // a numeric (SUM, AVG) or a real
  }
  double real(int column) override {
    if (is_null(column)) return 0;
    return std::strtod(PQgetvalue(current(), row_, column), nullptr);
  }
  std::string text(int column) override {
    if (is_null(column)) return {};
    const char* value = PQgetvalue(current(), row_, column);
    if (PQftype(current(), column) == 16) return value[0] == 't' ? "1" : "0";  // boolean, as SQLite says it
    return std::string(value, PQgetlength(current(), row_, column));
  }
  int column_count() override {
    if (!result_) run();
    return PQnfields(result_);
  }
  std::string column_name(int column) override {
    if (!result_) run();
    return PQfname(result_, column);
  }

 private:
  struct Param {
    Param() = default;
    Param(std::optional<std::string> owned, Oid oid) : value(std::move(owned)), type(oid) {}
    Param(const std::string* borrowed, Oid oid) : borrowed(borrowed), type(oid) {}
    const char* data() const { return borrowed ? borrowed->c_str() : value ? value->c_str() : nullptr; }
    std::optional<std::string> value;
    const std::string* borrowed = nullptr;
    Oid type = 0;
  };
  Param& slot(int index) {
    if (index < 1) throw DatabaseError(DatabaseError::Kind::other, "parameter index " + std::to_string(index));
    if (static_cast<size_t>(index) > params_.size()) params_.resize(index);
    return params_[index - 1];
  }
  const PGresult* current() {
    if (!result_ || row_ < 0 || row_ >= PQntuples(result_)) {
      throw DatabaseError(DatabaseError::Kind::other, "no current row: " + sql_);
    }
    return result_;
  }
  void clear_result() {
    if (result_) PQclear(result_);
    result_ = nullptr;
    row_ = -1;
  }
  // Whether the statement answers rows or not is its own: a RETURNING statement answers rows
  // where a caller may only exec() it, so both are taken.
  void run() {
    clear_result();
    std::vector<const char*> values;
    std::vector<Oid> types;
    for (const auto& p : params_) {
      values.push_back(p.data());
      types.push_back(p.type);
    }
    PGconn* conn = connection_.connection();
    PGresult* result = PQexecParams(conn, sql_.c_str(), static_cast<int>(values.size()), types.data(), values.data(),
                                    nullptr, nullptr, 0);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      result_ = result;
      return;
    }
    connection_.check(result, PGRES_COMMAND_OK, sql_);
  }

  PostgresConnection& connection_;
  std::string sql_;
  std::vector<Param> params_;
  PGresult* result_ = nullptr;
  int row_ = -1;
};

// Every notice (e.g. "relation already exists, skipping") would go to stderr otherwise.
void ignore_notice(void*, const char*) {}

}  // namespace

std::string describe_connect_failure(const std::string& message) {
  if (message.find("password authentication failed") != std::string::npos ||
      message.find("no password supplied") != std::string::npos) {
    return "the PostgreSQL server refused the user name or password (" + message + ")";
  }
  if (message.find("does not exist") != std::string::npos) {
    return "the PostgreSQL server has no such database or role (" + message + ")";
  }
  return "the PostgreSQL server cannot be reached (" + message + ")";
}

PostgresConnection::PostgresConnection(const std::string& url, const DatabaseOptions& options) : url_(url) {
  // Each commit of a replayable writer (the inbox worker's, the sender's) need not wait for
  // its WAL flush, as with SQLite's synchronous = NORMAL.
  session_settings_ =
      "SET client_min_messages = warning; SET lock_timeout = '" + std::to_string(options.busy_timeout_ms) + "ms';";
  if (!options.synchronous_full) session_settings_ += " SET synchronous_commit = off;";
  if (options.read_only) session_settings_ += " SET default_transaction_read_only = on;";
  conn_ = PQconnectdb(url_.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw DatabaseError(DatabaseError::Kind::unavailable, describe_connect_failure(message));
  }
  configure_session();
}

PostgresConnection::~PostgresConnection() {
  if (conn_) PQfinish(conn_);
}

void PostgresConnection::configure_session() {
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
  check(PQexec(conn_, session_settings_.c_str()), PGRES_COMMAND_OK, "session settings");
}

PGconn* PostgresConnection::connection() {
  if (PQstatus(conn_) == CONNECTION_BAD) {
    // Inside a transaction its work is gone with the connection: the caller must learn so.
    if (in_transaction_) throw DatabaseError(DatabaseError::Kind::unavailable, "the PostgreSQL connection was lost");
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) {
      throw DatabaseError(DatabaseError::Kind::unavailable, describe_connect_failure(trimmed(PQerrorMessage(conn_))));
    }
    configure_session();
  }
  return conn_;
}

void PostgresConnection::check(PGresult* result, ExecStatusType ok, std::string_view what) {
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == ok || (ok == PGRES_COMMAND_OK && status == PGRES_TUPLES_OK)) {
    PQclear(result);
    return;
  }
  const auto kind = kind_of(conn_, result);
  std::string message = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
  if (message.empty()) message = trimmed(PQerrorMessage(conn_));
  if (result) PQclear(result);
  throw DatabaseError(kind, message + " [" + std::string(what.substr(0, 200)) + "]");
}

std::unique_ptr<StatementImpl> PostgresConnection::prepare(std::string_view sql) {
  return std::make_unique<PostgresStatement>(*this, sql);
}

void PostgresConnection::exec_script(std::string_view sql) {
  const std::string translated = postgres_sql(sql);
  check(PQexec(connection(), translated.c_str()), PGRES_COMMAND_OK, translated);
}

void PostgresConnection::begin_write() {
  PGconn* conn = connection();
  check(PQexec(conn, "BEGIN"), PGRES_COMMAND_OK, "BEGIN");
  in_transaction_ = true;
  try {
    // The deployment's one write lock: its schema names it, so deployments (and tests) that
    // share a server do not wait for each other. Released by COMMIT or ROLLBACK.
    check(PQexec(conn, "SELECT pg_advisory_xact_lock(hashtext('paike write lock ' || current_schema()))"),
          PGRES_TUPLES_OK, "write lock");
  } catch (...) {
    rollback();
    throw;
  }
}

void PostgresConnection::commit() {
  // Whatever COMMIT answers, the transaction is over.
  in_transaction_ = false;
  check(PQexec(conn_, "COMMIT"), PGRES_COMMAND_OK, "COMMIT");
}

void PostgresConnection::rollback() noexcept {
  in_transaction_ = false;
  if (PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "ROLLBACK"));
}

bool PostgresConnection::answers() {
  try {
    check(PQexec(connection(), "SELECT 1"), PGRES_TUPLES_OK, "SELECT 1");
    return true;
  } catch (const DatabaseError&) {
    return false;
  }
}

std::optional<std::string> PostgresConnection::why_unwritable() {
  PGresult* result = PQexec(connection(), "SELECT pg_is_in_recovery()");
  const bool standby = PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1 &&
                       std::string_view(PQgetvalue(result, 0, 0)) == "t";
  PQclear(result);
  if (standby) return "the PostgreSQL server is a read-only standby (point url at the primary)";
  return std::nullopt;
}

}  // namespace paike
