#include "storage/schema_check.h"

namespace paike {

Result<StoredSchema> inspect_stored_schema(const StorageTarget& target) {
  StoredSchema schema;
  std::error_code ec;
  if (target.backend == Backend::sqlite && !std::filesystem::exists(target.file, ec)) return schema;
  DatabaseOptions read_only;
  read_only.read_only = true;
  auto db = Database::open(target, read_only);
  if (!db) return db.error();
  try {
    // Where Database::open's CREATE TABLE IF NOT EXISTS schema_version would look.
    const bool has_schema =
        target.backend == Backend::sqlite
            ? (*db)->query_int64(
                  "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") > 0
            : (*db)->query_int64(
                  "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                  "current_schema() AND table_name = 'schema_version'") > 0;
    if (has_schema) schema.version = (*db)->schema_version();
    if (target.backend == Backend::postgresql) {
      schema.schema_name = (*db)->query_text("SELECT COALESCE(current_schema(), '')");
      schema.can_create = (*db)->query_int64(
                              "SELECT CASE WHEN has_schema_privilege(current_schema(), 'CREATE') "
                              "THEN 1 ELSE 0 END") == 1;
    }
  } catch (const DatabaseError& e) {
    return make_error(ErrorCode::open_failed, "cannot read the database " + target.describe() + ": " + e.what());
  }
  return schema;
}

}  // namespace paike
