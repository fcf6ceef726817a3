// `paike migrate --from paike-data/paike.db --to "$PAIKE_DATABASE_URL"`: a township's SQLite
// database copied into PostgreSQL in one transaction (storage/copy_database.h), checked table
// by table; running it again copies nothing twice. Photos stay files: it says where they are
// (docs/deploy/postgresql.md "Moving a township from SQLite").
#include <iostream>

#include "bot/cli/commands.h"
#include "storage/copy_database.h"

namespace paike::cli {

int run_migrate(const Args& args) {
  const auto from = args.get("from");
  const auto to = args.get("to");
  if (!from || from->empty() || !to || to->empty()) {
    std::cerr << "usage: paike migrate --from DATA/paike.db --to postgresql://USER@HOST/DATABASE\n"
                 "  (the password from PGPASSWORD or ~/.pgpass, or --to \"$PAIKE_DATABASE_URL\")\n";
    return 2;
  }
  if (!is_postgresql_url(*to)) {
    std::cerr << "paike migrate: --to must be a PostgreSQL URL (postgresql://USER@HOST/DATABASE or "
                 "\"host=… dbname=…\"); "
              << StorageTarget::postgresql(*to).describe() << " is not one\n";  // without a password
    return 1;
  }
  const int latest = Database::latest_schema_version();
  int migrated_from = 0;
  auto source = open_copy_source(*from, &migrated_from);
  if (!source) {
    std::cerr << "paike migrate: " << source.error().message << "\n";
    return 1;
  }
  if (migrated_from > 0) {
    std::cout << "paike migrate: " << *from << " was at schema version " << migrated_from << ", migrated to " << latest
              << " first\n";
  }
  const StorageTarget target = StorageTarget::postgresql(*to);
  auto db = Database::open(target);  // creates or migrates the schema there
  if (!db) {
    std::cerr << "paike migrate: " << db.error().message << "\n";
    return 1;
  }
  std::cout << "paike migrate: " << *from << " → " << target.describe() << " (schema version " << latest << ")\n";
  auto report = copy_database(**source, **db);
  if (!report) {
    std::cerr << "paike migrate: " << report.error().message << "\n"
              << "paike migrate: nothing was copied (one transaction); fix that and run it again\n";
    return 1;
  }
  int64_t copied = 0, already = 0, differing = 0;
  for (const auto& t : report->tables) {
    std::cout << "  " << t.table << ": " << t.copied << " rows copied, " << t.already_there << " already there";
    if (t.differing > 0) std::cout << " (" << t.differing << " of them changed since: PostgreSQL's kept)";
    std::cout << "; " << t.target_rows << " in PostgreSQL\n";
    copied += t.copied;
    already += t.already_there;
    differing += t.differing;
  }
  std::cout << "paike migrate: done: " << copied << " rows copied, " << already
            << " already there; every row of the SQLite file is in PostgreSQL\n";
  if (differing > 0) {
    std::cout << "paike migrate: " << differing
              << " rows were already in PostgreSQL with other values (changed by paike since an earlier run?); "
                 "those were kept as they are\n";
  }
  const std::filesystem::path data_dir = std::filesystem::path(*from).parent_path();
  std::cout << "paike migrate: photos and voice notes are files, not rows: mount or copy "
            << ((data_dir.empty() ? std::filesystem::path(".") : data_dir) / "photos").string()
            << " as data_dir/photos of every paike instance (docs/deploy/postgresql.md)\n";
  return 0;
}

}  // namespace paike::cli
