// What `paike check-config` learns of a deployment's database without changing it: the
// database is opened read-only, nothing is created or migrated. Blocking (one connection).
#pragma once

#include <string>

#include "config/result.h"
#include "storage/database.h"

namespace paike {

struct StoredSchema {
  int version = 0;          // 0: no paike tables yet (a new database)
  bool can_create = true;   // the login may create tables there, as the first start must
  std::string schema_name;  // PostgreSQL: the schema paike's tables are in (current_schema())
};

// Fails with open_failed when the database cannot be opened or reached, or refuses the login
// (the message says which, storage/postgres_connection.h describe_connect_failure). A SQLite
// file that does not exist yet is a new database.
Result<StoredSchema> inspect_stored_schema(const StorageTarget& target);

}  // namespace paike
