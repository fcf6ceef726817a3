// Where a test keeps its database: SQLite by default, or PostgreSQL when the suite runs with
// PAIKE_TEST_BACKEND=postgresql (ctest's "… on postgresql:" tests, under scripts/with-postgres).
// Each test dir gives a database of its own (a fresh file or a fresh schema), so tests never
// see each other's rows; the same dir gives the same one again for the life of the process, so
// a test that restarts the bot on its dir finds what it wrote. Thread-safe. Throws
// std::runtime_error when PostgreSQL is asked for but not reachable.
#pragma once

#include <filesystem>
#include <string>

#include "config/deployment.h"
#include "storage/database.h"

namespace paike::test {

// True when PAIKE_TEST_BACKEND=postgresql (throws for a value other than sqlite/postgresql).
bool testing_on_postgresql();

// SQLite: dir/paike.db. PostgreSQL: a new schema on $PAIKE_TEST_POSTGRES the first time `dir`
// is asked for, and that URL with its search_path set to the schema (the tables of
// Database::open land there). A test that forks asks before it forks.
StorageTarget test_storage(const std::filesystem::path& dir);

// Runs `sql` (one or more statements) as the superuser on the server scripts/with-postgres
// started ($PAIKE_TEST_POSTGRES); throws std::runtime_error with the server's reason.
void exec_on_test_server(const std::string& sql);

// `server_url` (a URL or a keyword=value string) with its search_path set to `schema`, through
// libpq's `options` (-c name=value).
std::string with_search_path(const std::string& server_url, const std::string& schema);

// The same as a deployment's `storage:` section, for tests that start a whole App with
// data_dir = dir (SQLite: the App's own data_dir/paike.db).
StorageSettings test_storage_settings(const std::filesystem::path& dir);

}  // namespace paike::test
