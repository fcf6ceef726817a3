// `paike backup`: a consistent copy of the database, taken with SQLite's online backup API
// while the server keeps writing (WAL: the copy is one read snapshot and blocks no writer),
// plus the photos it refers to. Layout: OUT is a single SQLite file (journal_mode DELETE);
// OUT.photos/ mirrors the data dir's photos/ tree. Restore = copy OUT to DATA/paike.db and
// OUT.photos/ to DATA/photos/ with the server stopped (README "Backup and restore").
// Blocking; safe to run from another process while paike serves.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "config/result.h"

namespace paike {

struct BackupReport {
  std::map<std::string, long long> rows;  // table → rows in the copy
  long long photo_files_copied = 0;       // new files this run (earlier backups' files are kept)
  long long photo_files_total = 0;
};

// Copies `database` to `out` (written as out + ".partial", checked, then renamed) and
// `photos_dir` to out + ".photos". Verifies the copy: PRAGMA integrity_check is ok, the
// schema version matches, and every photo the copy refers to is in the copied tree.
// Fails with a reason an operator can act on; a failed backup leaves no `out` file.
Result<BackupReport> backup_data(const std::filesystem::path& database, const std::filesystem::path& photos_dir,
                                 const std::filesystem::path& out);

}  // namespace paike
