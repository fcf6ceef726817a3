#include "chaos/postgres_server.h"

#include <libpq-fe.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <stdexcept>

namespace paike::chaos {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) {
    throw std::runtime_error(std::string(name) + " is not set: run under scripts/with-postgres");
  }
  return value;
}

// The URL's libpq "options" parameter set to put `schema` first on the search path.
std::string with_search_path(const std::string& url, const std::string& schema) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
  }
  return url + " options='-csearch_path=" + schema + "'";
}

}  // namespace

PostgresServer::PostgresServer(std::string url, std::string schema)
    : url_(std::move(url)), schema_(std::move(schema)), schema_url_(with_search_path(url_, schema_)) {
  exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
}

PostgresServer::~PostgresServer() {
  if (keep_) return;
  try {
    exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  } catch (const std::exception& e) {
    std::cerr << "chaos: " << e.what() << "\n";
  }
}

void PostgresServer::exec(const std::string& sql) {
  PGconn* conn = PQconnectdb(url_.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot connect to PostgreSQL: " + why);
  }
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  PGresult* result = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  const std::string why = ok ? "" : PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + why);
}

void PostgresServer::pg_ctl(const std::string& action) {
  const std::string bin = env("PAIKE_TEST_POSTGRES_BIN"), dir = env("PAIKE_TEST_POSTGRES_DIR");
  const std::string data = dir + "/data";
  // pg_ctl refuses root: run it as the data directory's owner, as scripts/with-postgres did.
  std::string as_owner;
  struct stat st {};
  if (::stat(data.c_str(), &st) != 0) throw std::runtime_error("no PostgreSQL data directory " + data);
  if (::geteuid() == 0 && st.st_uid != 0) {
    const passwd* owner = ::getpwuid(st.st_uid);
    if (!owner) throw std::runtime_error("the owner of " + data + " has no name");
    as_owner = "runuser -u " + std::string(owner->pw_name) + " -- ";
  }
  const std::string command =
      as_owner + "'" + bin + "/pg_ctl' -D '" + data + "' -w -t 60 " + action + " >>'" + dir + "/pg_ctl.log' 2>&1";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
}

void PostgresServer::stop_server() { pg_ctl("-m fast stop"); }

void PostgresServer::start_server() { pg_ctl("-l '" + env("PAIKE_TEST_POSTGRES_DIR") + "/server.log' start"); }

}  // namespace paike::chaos
