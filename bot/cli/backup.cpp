// `paike backup [--config FILE | --data DIR] --out FILE`: a consistent copy of the database
// while the server runs (SQLite online backup API), verified, plus the photos in FILE.photos/
// (storage/backup.h; restore steps in README "Backup and restore").
#include <chrono>
#include <iomanip>
#include <iostream>

#include "bot/cli/commands.h"
#include "bot/cli/deployment_arg.h"
#include "storage/backup.h"

namespace paike::cli {

int run_backup(const Args& args) {
  auto out = args.get("out");
  if (!out || out->empty()) {
    std::cerr << "usage: paike backup [--config FILE | --data DIR] --out FILE   (photos go to FILE.photos/)\n";
    return 2;
  }
  auto deployment = load_deployment_arg(args);
  if (!deployment) return 1;
  if (deployment->storage.backend == StorageSettings::Backend::postgresql) {
    std::cerr << "paike backup: this deployment keeps its data in PostgreSQL; back it up with pg_dump and copy "
                 "the photo directory (docs/deploy/postgresql.md \"Backups\")\n";
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  auto report = backup_data(deployment->data_dir / "paike.db", deployment->data_dir / "photos", *out);
  if (!report) {
    std::cerr << "paike backup: " << report.error().message << "\n";
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "paike backup: " << *out << " verified (integrity_check ok);";
  for (const auto& [table, rows] : report->rows) std::cerr << " " << table << " " << rows << ",";
  std::cerr << " photo files " << report->photo_files_total << " in " << *out << ".photos ("
            << report->photo_files_copied << " new); " << std::fixed << std::setprecision(2) << seconds << " s\n";
  return 0;
}

}  // namespace paike::cli
