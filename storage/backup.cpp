#include "storage/backup.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>
#include <tuple>

namespace paike {

namespace fs = std::filesystem;

namespace {

// The tables whose row counts the report shows (the ledger and its delivery state).
constexpr const char* kCountedTables[] = {"tickets", "ticket_events", "ticket_photos", "photos", "inbox", "outbox"};

// Copies every finished file of the photo tree that the copy lacks (half-written files are
// named *.tmp<pid>.<n> by the photo store and skipped). Photos are content-addressed and
// never change, so an existing file of the same size is the same file.
Result<std::pair<long long, long long>> copy_photos(const fs::path& from, const fs::path& to) {
  long long copied = 0, total = 0;
  std::error_code ec;
  if (!fs::exists(from, ec)) return std::pair{copied, total};
  for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec) || it->path().filename().string().find(".tmp") != std::string::npos) continue;
    const fs::path target = to / fs::relative(it->path(), from, ec);
    ++total;
    if (fs::exists(target, ec) && fs::file_size(target, ec) == it->file_size(ec)) continue;
    fs::create_directories(target.parent_path(), ec);
    if (ec || !fs::copy_file(it->path(), target, fs::copy_options::overwrite_existing, ec)) {
      return make_error(ErrorCode::io,
                        "cannot copy " + it->path().string() + " to " + target.string() + ": " + ec.message());
    }
    ++copied;
  }
  if (ec) return make_error(ErrorCode::io, "cannot read " + from.string() + ": " + ec.message());
  return std::pair{copied, total};
}

std::string photo_path(const std::string& sha) { return "originals/" + sha.substr(0, 2) + "/" + sha; }

}  // namespace

Result<BackupReport> backup_data(const fs::path& database, const fs::path& photos_dir, const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(database, ec)) return make_error(ErrorCode::no_database, "no database at " + database.string());
  const fs::path partial = out.string() + ".partial";
  fs::remove(partial, ec);
  BackupReport report;
  try {
    {
      SQLite::Database source(database.string(), SQLite::OPEN_READONLY);
      source.setBusyTimeout(10000);
      SQLite::Database copy(partial.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup backup(copy, source);
      backup.executeStep(-1);                     // one step: one read snapshot of the source, consistent
      copy.exec("PRAGMA journal_mode = DELETE");  // a single self-contained file
    }
    SQLite::Database copy(partial.string(), SQLite::OPEN_READONLY);
    const std::string integrity = copy.execAndGet("PRAGMA integrity_check").getString();
    if (integrity != "ok") throw std::runtime_error("integrity_check of the copy says: " + integrity);
    SQLite::Database source(database.string(), SQLite::OPEN_READONLY);
    source.setBusyTimeout(10000);
    const auto version = [](SQLite::Database& db) {
      return db.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_version").getInt();
    };
    if (version(copy) != version(source))
      throw std::runtime_error("the copy's schema version differs from the source's");
    for (const char* table : kCountedTables) {
      report.rows[table] = copy.execAndGet(std::string("SELECT COUNT(*) FROM ") + table).getInt64();
    }
    // Photos after the database: a photo file is written before the row that names it, so
    // every photo in the snapshot is on disk by now.
    auto photos = copy_photos(photos_dir, out.string() + ".photos");
    if (!photos) throw std::runtime_error(photos.error().message);
    std::tie(report.photo_files_copied, report.photo_files_total) = *photos;
    SQLite::Statement referenced(copy, "SELECT sha256 FROM photos");
    while (referenced.executeStep()) {
      const std::string sha = referenced.getColumn(0).getString();
      if (!fs::exists(fs::path(out.string() + ".photos") / photo_path(sha), ec)) {
        throw std::runtime_error("photo " + sha + " is in the database but not in " + photos_dir.string());
      }
    }
  } catch (const std::exception& e) {
    fs::remove(partial, ec);
    return make_error(ErrorCode::backup_failed, std::string("backup failed: ") + e.what());
  }
  fs::rename(partial, out, ec);
  if (ec)
    return make_error(ErrorCode::io, "cannot rename " + partial.string() + " to " + out.string() + ": " + ec.message());
  return report;
}

}  // namespace paike
