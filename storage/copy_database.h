// `paike migrate`: a township's SQLite database copied into PostgreSQL, every table of the
// schema (schema_tables() in storage/migrations.h) in one transaction of the target: all of
// it or nothing. Rows go by column name with their SQLite value type; a row whose key is
// already there is left as it is, so running it again copies nothing and doubles nothing.
// Blocking; the source is only read (in one snapshot).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/result.h"
#include "storage/database.h"

namespace paike {

struct TableCopy {
  std::string table;
  int64_t source_rows = 0;    // rows in the SQLite file
  int64_t copied = 0;         // inserted by this run
  int64_t already_there = 0;  // a row with the same key was in the target (an earlier run)
  int64_t differing = 0;      // of those, with other values: the target's are kept
  int64_t target_rows = 0;    // rows in the target afterwards (≥ source_rows)
};

struct CopyReport {
  std::vector<TableCopy> tables;  // in schema_tables() order
};

// True for postgresql:// and postgres:// URLs and for libpq keyword strings
// ("host=db dbname=paike"); false for a file name.
bool is_postgresql_url(std::string_view target);

// The SQLite file to copy from, opened read-only, at this paike's schema version: a file of
// an older paike is migrated first (the one write to it, as `paike serve` would do), one of a
// newer paike is refused (schema_too_new). Fails with no_database when there is no such file
// or it is not a paike database. `migrated_from`: the version it had (0 when not migrated).
Result<std::unique_ptr<Database>> open_copy_source(const std::filesystem::path& file, int* migrated_from);

// Copies every row of `from` (SQLite, at the latest schema) into `to` (any backend, migrated
// by Database::open) in one writing transaction of `to`. Integers go as int64, reals as
// double, texts as text, NULL as NULL. Then each table's id sequence is set past its largest
// id (PostgreSQL), and it is checked that every row of `from` is in `to` by its primary key
// and that `to` has at least as many rows per table. Fails with copy_failed naming the table
// (and the row) when a row cannot be written, a table of `from` is not in schema_tables(), or
// a check fails; then nothing was written.
Result<CopyReport> copy_database(Database& from, Database& to);

}  // namespace paike
