// The numbered schema migrations. Migration N (1-based) takes a database from version N-1
// to N. Append only: a released migration is never edited.
#pragma once

#include <string_view>
#include <vector>

namespace paike {

const std::vector<std::string_view>& schema_migrations();

// Every table of the latest schema except schema_version, each after the tables its foreign
// keys name (a table may name itself: tickets.merged_into). `paike migrate` copies them in
// this order (storage/copy_database.h); a migration that adds a table adds it here, and
// tests/storage/copy_database_test.cpp fails until it does.
const std::vector<std::string_view>& schema_tables();

}  // namespace paike
