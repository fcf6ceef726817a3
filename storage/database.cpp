#include "storage/database.h"

#include <spdlog/spdlog.h>

#include "config/clock.h"
#include "storage/migrations.h"
#include "storage/postgres_connection.h"
#include "storage/sql_time.h"
#include "storage/sqlite_connection.h"

namespace paike {

StorageTarget StorageTarget::of(const StorageSettings& settings, const std::filesystem::path& data_dir) {
  if (settings.backend == StorageSettings::Backend::postgresql) return postgresql(settings.url);
  return sqlite(data_dir / "paike.db");
}

std::string StorageTarget::describe() const {
  if (backend == Backend::sqlite) return file.string();
  // "postgresql://paike:secret@db/paike" → "postgresql://paike@db/paike"; a keyword string
  // loses its password=… word.
  std::string shown = url;
  if (const size_t scheme = shown.find("://"); scheme != std::string::npos) {
    const size_t at = shown.find('@', scheme);
    const size_t colon = shown.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at) shown.erase(colon, at - colon);
  }
  if (const size_t password = shown.find("password="); password != std::string::npos) {
    const size_t end = shown.find_first_of(" &", password);
    shown.erase(password, end == std::string::npos ? std::string::npos : end - password);
  }
  return shown;
}

int Database::latest_schema_version() { return static_cast<int>(schema_migrations().size()); }

int64_t Database::query_int64(std::string_view sql) {
  Statement q(*this, sql);
  return q.step() ? q.column(0).int64() : 0;
}

std::string Database::query_text(std::string_view sql) {
  Statement q(*this, sql);
  return q.step() ? q.column(0).text() : std::string();
}

int Database::schema_version() {
  return static_cast<int>(query_int64("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
}

Result<std::unique_ptr<Database>> Database::open(const StorageTarget& target, const DatabaseOptions& options) {
  std::unique_ptr<Database> db;
  try {
    if (target.backend == Backend::sqlite) {
      db.reset(new Database(std::make_unique<SqliteConnection>(target.file, options)));
    } else {
      db.reset(new Database(std::make_unique<PostgresConnection>(target.url, options)));
    }
    if (options.read_only) return db;
    // Not writable, SQLite opens the file read-only without a word, and every event would be
    // refused; say so before serving.
    if (auto why = db->why_unwritable()) return make_error(ErrorCode::read_only, "cannot write the database: " + *why);
    if (auto migrated = db->migrate(target); !migrated) return migrated.error();
  } catch (const DatabaseError& e) {
    return make_error(ErrorCode::open_failed, "cannot open database " + target.describe() + ": " + e.what());
  }
  return db;
}

Result<void> Database::migrate(const StorageTarget& target) {
  // Under the one write lock, so two processes starting together cannot both migrate.
  return transaction([&]() -> Result<void> {
    exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    const int current = schema_version();
    const int latest = latest_schema_version();
    if (current > latest) {
      return make_error(ErrorCode::schema_too_new, "the database " + target.describe() + " has schema version " +
                                                       std::to_string(current) + " but this paike knows only up to " +
                                                       std::to_string(latest) +
                                                       "; run a newer paike or restore a backup");
    }
    for (int version = current + 1; version <= latest; ++version) {
      exec(schema_migrations()[version - 1]);
      Statement mark(*this, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)");
      mark.bind(1, version);
      mark.bind(2, epoch_seconds(SystemClock().now()));
      mark.exec();
      spdlog::info("database {}: migrated to schema version {}", target.describe(), version);
    }
    return {};
  });
}

Statement::Statement(Database& db, std::string_view sql) : impl_(db.connection_->prepare(sql)) {}
Statement::~Statement() = default;
Statement::Statement(Statement&&) noexcept = default;
void Statement::bind_int64(int index, int64_t value) { impl_->bind_int64(index, value); }
void Statement::bind(int index, double value) { impl_->bind_double(index, value); }
void Statement::bind(int index, std::string_view value) { impl_->bind_text(index, value); }
void Statement::bind(int index) { impl_->bind_null(index); }
void Statement::bind_no_copy(int index, const std::string& value) { impl_->bind_text_no_copy(index, value); }
bool Statement::step() { return impl_->step(); }
int Statement::exec() { return impl_->exec(); }
void Statement::reset() { impl_->reset(); }
Column Statement::column(int index) { return Column(*impl_, index); }
int Statement::column_count() { return impl_->column_count(); }
std::string Statement::column_name(int index) { return impl_->column_name(index); }

bool Column::is_null() const { return statement_.is_null(index_); }
int64_t Column::int64() const { return statement_.int64(index_); }
double Column::real() const { return statement_.real(index_); }
std::string Column::text() const { return statement_.text(index_); }

}  // namespace paike
