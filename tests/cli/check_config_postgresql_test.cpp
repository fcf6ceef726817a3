// `paike check-config` with `storage: backend: postgresql` (issue 26), the real binary against
// the server scripts/with-postgres runs: what would stop `paike serve` from starting is a
// problem with exit 1 — a server nobody answers at, a wrong password, a schema written by a
// newer paike, a user who may not create the schema — and check-config itself changes
// nothing in the database. Label postgresql.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "storage/database.h"
#include "support/run_process.h"
#include "support/scratch_postgres.h"
#include "support/temp_dir.h"

using namespace paike;

namespace {

// The demo township's sheets, its data in PostgreSQL at ${PAIKE_DATABASE_URL}.
std::string write_deployment(const test::TempDir& dir) {
  const std::string demo = std::string(PAIKE_SOURCE_DIR) + "/config/demo/";
  const auto file = dir / "paike.yaml";
  std::ofstream(file) << "township: 清河镇\n"
                         "time_zone: Asia/Shanghai\n"
                         "roster: "
                      << demo << "roster.csv\ngroups: " << demo << "groups.csv\ngrids: " << demo
                      << "grids.geojson\n"
                         "api_tokens: [\"token\"]\n"
                         "storage:\n"
                         "  backend: postgresql\n"
                         "  url: ${PAIKE_DATABASE_URL}\n";
  return file.string();
}

test::ProcessResult check_config(const test::TempDir& dir, const std::string& database_url) {
  // Only what is given: no developer's PG* variable, no ~/.pgpass to find a password in.
  return test::run_process({PAIKE_BINARY, "check-config", "--config", write_deployment(dir)},
                           {"PATH=/usr/bin:/bin", "HOME=" + dir.path().string(), "PAIKE_DATABASE_URL=" + database_url});
}

// A loopback port nothing listens on: bound once by the kernel's choice, then let go.
int closed_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t size = sizeof address;
  REQUIRE(::getsockname(s, reinterpret_cast<sockaddr*>(&address), &size) == 0);
  ::close(s);
  return ntohs(address.sin_port);
}

int64_t tables_in(const test::ScratchSchema& schema) {
  DatabaseOptions read_only;
  read_only.read_only = true;
  auto db = Database::open(StorageTarget::postgresql(schema.url()), read_only);
  REQUIRE(db);
  return (*db)->query_int64("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema.name() +
                            "'");
}

bool says(const test::ProcessResult& run, const std::string& words) {
  return run.output.find(words) != std::string::npos;
}

}  // namespace

TEST_CASE("check-config postgresql: a server that does not answer is a problem, exit 1") {
  test::TempDir dir;
  (void)test::postgres_env("PAIKE_TEST_POSTGRES_TCP");  // the suite runs under scripts/with-postgres
  const std::string url =
      "postgresql://paike_app@127.0.0.1:" + std::to_string(closed_port()) + "/paike_test?connect_timeout=5";
  auto run = check_config(dir, url);
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK(says(run, "storage: cannot open database " + url));
  CHECK(says(run, "the PostgreSQL server cannot be reached"));
  CHECK(says(run, "1 problem(s) found"));
}

TEST_CASE("check-config postgresql: a wrong password is a problem, exit 1, and not printed") {
  test::TempDir dir;
  test::ScratchSchema schema("paike_app");
  const std::string password = test::postgres_env("PAIKE_TEST_POSTGRES_PASSWORD");
  auto run = check_config(dir, schema.tcp_url("not-" + password));
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK(says(run, "the PostgreSQL server refused the user name or password"));
  CHECK(says(run, "password authentication failed for user \"paike_app\""));
  CHECK_FALSE(says(run, "not-" + password));

  auto right = check_config(dir, schema.tcp_url(password));
  INFO(right.output);
  CHECK(right.exit_code == 0);
  CHECK(says(right, "is empty: the schema will be created on first start"));
  CHECK(tables_in(schema) == 0);  // read-only: check-config created nothing
}

TEST_CASE("check-config postgresql: a schema of a newer paike is a problem, exit 1, the database untouched") {
  test::TempDir dir;
  test::ScratchSchema schema("paike_app");
  const std::string password = test::postgres_env("PAIKE_TEST_POSTGRES_PASSWORD");
  const std::string url = schema.tcp_url(password);
  {
    auto db = Database::open(StorageTarget::postgresql(url));  // as `paike serve` leaves it
    INFO((db ? "" : db.error().message));
    REQUIRE(db);
  }
  const std::string latest = std::to_string(Database::latest_schema_version());
  auto current = check_config(dir, url);
  INFO(current.output);
  CHECK(current.exit_code == 0);
  CHECK(says(current, "schema version " + latest + " (up to date)"));

  schema.exec("INSERT INTO schema_version (version, applied_at) VALUES (999, 0)");
  const int64_t tables = tables_in(schema);
  auto newer = check_config(dir, url);
  INFO(newer.output);
  CHECK(newer.exit_code == 1);
  CHECK(says(newer, "has schema version 999, written by a newer paike (this one knows up to " + latest + ")"));
  CHECK(tables_in(schema) == tables);
  DatabaseOptions read_only;
  read_only.read_only = true;
  auto db = Database::open(StorageTarget::postgresql(schema.url()), read_only);
  REQUIRE(db);
  CHECK((*db)->query_int64("SELECT COUNT(*) FROM schema_version") == Database::latest_schema_version() + 1);
}

TEST_CASE("check-config postgresql: a user who may not create the schema in an empty database is a problem") {
  test::TempDir dir;
  test::ScratchSchema schema("paike");  // the superuser's; paike_app may only look
  schema.exec("GRANT USAGE ON SCHEMA " + schema.name() + " TO paike_app");
  auto run = check_config(dir, schema.tcp_url(test::postgres_env("PAIKE_TEST_POSTGRES_PASSWORD")));
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK(says(run, "may not create tables in schema " + schema.name()));
}
