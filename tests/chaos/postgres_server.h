// The chaos run's PostgreSQL side: a schema of its own on the server scripts/with-postgres
// started (so runs sharing that server see nothing of each other), and that server stopped
// and started again under load with pg_ctl. Not thread-safe; the driver's main thread uses it.
#pragma once

#include <string>

namespace paike::chaos {

class PostgresServer {
 public:
  // `url`: a libpq URL (postgresql://…) or keyword string of a role that may create schemas.
  // Creates a fresh schema named `schema`; throws std::runtime_error when it cannot.
  PostgresServer(std::string url, std::string schema);
  // Drops the schema unless keep() was called.
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // The URL with the schema first on the search path: what paike and the checks connect to.
  const std::string& url() const { return schema_url_; }
  const std::string& schema() const { return schema_; }
  void keep() { keep_ = true; }

  // pg_ctl of PAIKE_TEST_POSTGRES_BIN on PAIKE_TEST_POSTGRES_DIR/data, as the data
  // directory's owner: a fast stop (clients cut off) and a start that waits until the server
  // accepts connections. Throw std::runtime_error when those variables are unset or pg_ctl fails.
  void stop_server();
  void start_server();

 private:
  void exec(const std::string& sql);
  void pg_ctl(const std::string& action);

  std::string url_, schema_, schema_url_;
  bool keep_ = false;
};

}  // namespace paike::chaos
