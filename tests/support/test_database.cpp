#include "support/test_database.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

namespace paike::test {

namespace {

// The server scripts/with-postgres started (a superuser over its unix socket).
std::string postgres_server_url() {
  const char* url = std::getenv("PAIKE_TEST_POSTGRES");
  if (url == nullptr || *url == '\0') {
    throw std::runtime_error(
        "PAIKE_TEST_BACKEND=postgresql but PAIKE_TEST_POSTGRES is not set: run the tests through "
        "scripts/with-postgres (e.g. scripts/with-postgres ctest --test-dir build -L postgresql)");
  }
  return url;
}

// t_<pid>_<counter>_<random>: unique across the test processes ctest runs at once, and across
// runs against one server.
std::string new_schema_name() {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}();
  return "t_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" + std::to_string(salt % 1000000);
}

}  // namespace

void exec_on_test_server(const std::string& sql) {
  const std::string server_url = postgres_server_url();
  PGconn* conn = PQconnectdb(server_url.c_str());
  std::string failure;
  if (PQstatus(conn) != CONNECTION_OK) {
    failure = "cannot reach the test PostgreSQL server " + server_url + ": " + PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) failure = PQresultErrorMessage(result);
    PQclear(result);
  }
  PQfinish(conn);
  if (!failure.empty()) throw std::runtime_error(failure + " [" + sql + "]");
}

std::string with_search_path(const std::string& server_url, const std::string& schema) {
  if (server_url.find("://") != std::string::npos) {
    const char separator = server_url.find('?') == std::string::npos ? '?' : '&';
    return server_url + separator + "options=-csearch_path%3D" + schema;
  }
  return server_url + " options='-csearch_path=" + schema + "'";  // a keyword=value string
}

bool testing_on_postgresql() {
  const char* backend = std::getenv("PAIKE_TEST_BACKEND");
  const std::string_view name = backend ? backend : "";
  if (name.empty() || name == "sqlite") return false;
  if (name == "postgresql") return true;
  throw std::runtime_error("PAIKE_TEST_BACKEND=" + std::string(name) + ": expected sqlite or postgresql");
}

StorageTarget test_storage(const std::filesystem::path& dir) {
  if (!testing_on_postgresql()) return StorageTarget::sqlite(dir / "paike.db");
  static std::mutex mutex;
  static std::map<std::filesystem::path, std::string> url_of_dir;
  std::lock_guard lock(mutex);
  auto [known, fresh] = url_of_dir.try_emplace(dir);
  if (fresh) {
    try {
      const std::string server = postgres_server_url();
      const std::string schema = new_schema_name();
      exec_on_test_server("CREATE SCHEMA " + schema);
      known->second = with_search_path(server, schema);
    } catch (...) {
      url_of_dir.erase(known);
      throw;
    }
  }
  return StorageTarget::postgresql(known->second);
}

StorageSettings test_storage_settings(const std::filesystem::path& dir) {
  StorageSettings settings;
  if (!testing_on_postgresql()) return settings;
  settings.backend = StorageSettings::Backend::postgresql;
  settings.url = test_storage(dir).url;
  return settings;
}

}  // namespace paike::test
