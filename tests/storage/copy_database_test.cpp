// The one list of tables `paike migrate` copies (storage/migrations.h schema_tables()) holds
// every table of the schema, each after the tables its foreign keys name; and the copy refuses
// a target that is not PostgreSQL. The copy itself runs against a real PostgreSQL server in
// tests/cli/migrate_postgresql_test.cpp.
#include "storage/copy_database.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "storage/migrations.h"
#include "support/temp_dir.h"

using namespace paike;

TEST_CASE("schema_tables names every table of the latest schema once, parents before the tables naming them") {
  test::TempDir dir;
  { REQUIRE(Database::open(dir / "paike.db")); }
  SQLite::Database db((dir / "paike.db").string(), SQLite::OPEN_READONLY);
  std::set<std::string> in_schema;
  SQLite::Statement tables(db,
                           "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                           "AND name <> 'schema_version'");
  while (tables.executeStep()) in_schema.insert(tables.getColumn(0).getString());
  const auto& listed = schema_tables();
  const std::set<std::string> listed_once(listed.begin(), listed.end());
  CHECK(listed_once.size() == listed.size());
  CHECK(listed_once == in_schema);

  for (size_t i = 0; i < listed.size(); ++i) {
    SQLite::Statement references(db, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)");
    references.bind(1, std::string(listed[i]));
    while (references.executeStep()) {
      const std::string parent = references.getColumn(0).getString();
      const auto at = std::find(listed.begin(), listed.end(), parent);
      INFO(listed[i] << " names " << parent);
      REQUIRE(at != listed.end());
      CHECK(static_cast<size_t>(at - listed.begin()) <= i);
    }
  }
}

TEST_CASE("is_postgresql_url: URLs and keyword strings are, file names are not") {
  CHECK(is_postgresql_url("postgresql://paike@db.example/paike"));
  CHECK(is_postgresql_url("postgres://paike@127.0.0.1:5432/paike"));
  CHECK(is_postgresql_url("host=db dbname=paike user=paike"));
  CHECK_FALSE(is_postgresql_url("paike-data/paike.db"));
  CHECK_FALSE(is_postgresql_url("/var/lib/paike/paike.db"));
  CHECK_FALSE(is_postgresql_url("sqlite:///var/lib/paike/paike.db"));
  CHECK_FALSE(is_postgresql_url(""));
}

TEST_CASE("open_copy_source: a missing file is no_database and is not created") {
  test::TempDir dir;
  int migrated_from = -1;
  auto source = open_copy_source(dir / "nothing.db", &migrated_from);
  REQUIRE_FALSE(source);
  CHECK(source.error().code == ErrorCode::no_database);
  CHECK_FALSE(std::filesystem::exists(dir / "nothing.db"));
}
