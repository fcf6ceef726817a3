#include "storage/copy_database.h"

#include <algorithm>
#include <stdexcept>

#include "storage/migrations.h"

namespace paike {

namespace {

namespace fs = std::filesystem;

// A failed copy: the transaction rolls back and the message reaches the operator.
class CopyProblem : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One SQLite value with the type SQLite stored it as (typeof()), not the column's declared one.
struct CopiedValue {
  enum class Type { null, integer, real, text } type = Type::null;
  int64_t integer = 0;
  double real = 0;
  std::string text;
};

std::string describe_copied(const CopiedValue& v) {
  switch (v.type) {
    case CopiedValue::Type::null:
      return "NULL";
    case CopiedValue::Type::integer:
      return std::to_string(v.integer);
    case CopiedValue::Type::real:
      return std::to_string(v.real);
    case CopiedValue::Type::text:
      return "'" + (v.text.size() > 40 ? v.text.substr(0, 40) + "…" : v.text) + "'";
  }
  return {};
}

void bind_copied(Statement& q, int index, const CopiedValue& v) {
  switch (v.type) {
    case CopiedValue::Type::null:
      q.bind(index);
      break;
    case CopiedValue::Type::integer:
      q.bind(index, v.integer);
      break;
    case CopiedValue::Type::real:
      q.bind(index, v.real);
      break;
    case CopiedValue::Type::text:
      q.bind_no_copy(index, v.text);
      break;
  }
}

bool same_as_copied(const CopiedValue& v, const Column& c) {
  if (v.type == CopiedValue::Type::null || c.is_null()) return v.type == CopiedValue::Type::null && c.is_null();
  switch (v.type) {
    case CopiedValue::Type::integer:
      return c.int64() == v.integer;
    case CopiedValue::Type::real:
      return c.real() == v.real;
    case CopiedValue::Type::text:
      return c.text() == v.text;
    case CopiedValue::Type::null:
      break;
  }
  return false;
}

// Names come from the schema's own tables, never from input: quoting keeps words like
// "at", "step" or "value" plain column names on both backends.
std::string sql_name(std::string_view name) { return "\"" + std::string(name) + "\""; }

std::string joined_sql(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : std::string(separator)) + part;
  return out;
}

// The columns of one table as SQLite has them, its primary key, and the columns whose
// foreign key names the table itself (written after all its rows, as a row may name a
// later one: a ticket merged into a newer ticket).
struct TableShape {
  std::vector<std::string> columns;
  std::vector<size_t> key;
  std::vector<size_t> self_references;
  bool has_id = false;
};

TableShape shape_of(Database& source, std::string_view table) {
  TableShape shape;
  std::vector<std::pair<int, size_t>> key_order;
  Statement columns(source, "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
  columns.bind(1, table);
  while (columns.step()) {
    const size_t index = shape.columns.size();
    shape.columns.push_back(columns.column(0).text());
    if (const int pk = columns.column(1).int32(); pk > 0) key_order.emplace_back(pk, index);
    if (shape.columns.back() == "id") shape.has_id = true;
  }
  if (shape.columns.empty()) throw CopyProblem("table " + std::string(table) + " is not in the SQLite file");
  std::sort(key_order.begin(), key_order.end());
  for (const auto& [pk, index] : key_order) shape.key.push_back(index);
  if (shape.key.empty()) throw CopyProblem("table " + std::string(table) + " has no primary key to compare rows by");
  Statement references(source, "SELECT \"from\" FROM pragma_foreign_key_list(?) WHERE \"table\" = ?");
  references.bind(1, table);
  references.bind(2, table);
  while (references.step()) {
    const auto found = std::find(shape.columns.begin(), shape.columns.end(), references.column(0).text());
    if (found != shape.columns.end()) shape.self_references.push_back(found - shape.columns.begin());
  }
  return shape;
}

std::string row_key_of(const TableShape& shape, const std::vector<CopiedValue>& row) {
  std::vector<std::string> parts;
  for (size_t k : shape.key) parts.push_back(shape.columns[k] + " " + describe_copied(row[k]));
  return joined_sql(parts, ", ");
}

// Tables of the SQLite file that schema_tables() does not name: their rows would be left
// behind without a word.
void check_every_table_is_listed(Database& source) {
  const auto& listed = schema_tables();
  Statement tables(source,
                   "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                   "AND name <> 'schema_version' ORDER BY name");
  while (tables.step()) {
    const std::string name = tables.column(0).text();
    if (std::find(listed.begin(), listed.end(), name) == listed.end()) {
      throw CopyProblem("table " + name + " of the SQLite file is not in storage/migrations.cpp schema_tables()");
    }
  }
}

TableCopy copy_table(Database& source, Database& target, std::string_view table) {
  const TableShape shape = shape_of(source, table);
  const std::string name = sql_name(table);
  std::vector<std::string> names, read_columns, placeholders, key_conditions;
  for (const auto& column : shape.columns) {
    names.push_back(sql_name(column));
    read_columns.push_back("typeof(" + sql_name(column) + "), " + sql_name(column));
    placeholders.push_back("?");
  }
  for (size_t k : shape.key) key_conditions.push_back(sql_name(shape.columns[k]) + " = ?");
  const std::string where_key = " WHERE " + joined_sql(key_conditions, " AND ");

  // rowid: the order the rows were written in (the tables themselves come parents first).
  Statement read(source, "SELECT " + joined_sql(read_columns, ", ") + " FROM " + name + " ORDER BY rowid");
  Statement insert(target, "INSERT INTO " + name + " (" + joined_sql(names, ", ") + ") VALUES (" +
                               joined_sql(placeholders, ", ") + ") ON CONFLICT DO NOTHING");
  Statement find(target, "SELECT " + joined_sql(names, ", ") + " FROM " + name + where_key);

  TableCopy copy;
  copy.table = std::string(table);
  std::vector<std::vector<CopiedValue>> later;  // copied rows with a reference to their own table
  std::vector<CopiedValue> row(shape.columns.size());
  while (read.step()) {
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string type = read.column(static_cast<int>(2 * i)).text();
      const Column value = read.column(static_cast<int>(2 * i + 1));
      CopiedValue& v = row[i];
      if (type == "null") {
        v.type = CopiedValue::Type::null;
      } else if (type == "integer") {
        v.type = CopiedValue::Type::integer;
        v.integer = value.int64();
      } else if (type == "real") {
        v.type = CopiedValue::Type::real;
        v.real = value.real();
      } else if (type == "text") {
        v.type = CopiedValue::Type::text;
        v.text = value.text();
      } else {
        throw CopyProblem("table " + copy.table + ": column " + shape.columns[i] + " holds a " + type +
                          ", which paike never writes");
      }
    }
    ++copy.source_rows;
    try {
      insert.reset();
      bool refers_to_own_table = false;
      for (size_t i = 0; i < row.size(); ++i) {
        const bool deferred =
            std::find(shape.self_references.begin(), shape.self_references.end(), i) != shape.self_references.end();
        if (deferred && row[i].type != CopiedValue::Type::null) {
          refers_to_own_table = true;
          insert.bind(static_cast<int>(i + 1));
        } else {
          bind_copied(insert, static_cast<int>(i + 1), row[i]);
        }
      }
      if (insert.exec() > 0) {
        ++copy.copied;
        if (refers_to_own_table) later.push_back(row);
        continue;
      }
      // Not inserted: a row with the same key, or with the same value of another UNIQUE
      // column, is there. Only the first is this row.
      ++copy.already_there;
      find.reset();
      for (size_t k = 0; k < shape.key.size(); ++k) bind_copied(find, static_cast<int>(k + 1), row[shape.key[k]]);
      if (!find.step()) {
        throw CopyProblem("table " + copy.table + ": the row " + row_key_of(shape, row) +
                          " is not in the target, and another row there holds one of its unique values; is the "
                          "target another township's database?");
      }
      for (size_t i = 0; i < row.size(); ++i) {
        if (!same_as_copied(row[i], find.column(static_cast<int>(i)))) {
          ++copy.differing;
          break;
        }
      }
    } catch (const DatabaseError& e) {
      throw CopyProblem("table " + copy.table + ", row " + row_key_of(shape, row) + ": " + e.what());
    }
  }

  for (size_t column : shape.self_references) {
    Statement update(target, "UPDATE " + name + " SET " + sql_name(shape.columns[column]) + " = ?" + where_key);
    for (const auto& r : later) {
      if (r[column].type == CopiedValue::Type::null) continue;
      try {
        update.reset();
        bind_copied(update, 1, r[column]);
        for (size_t k = 0; k < shape.key.size(); ++k) bind_copied(update, static_cast<int>(k + 2), r[shape.key[k]]);
        update.exec();
      } catch (const DatabaseError& e) {
        throw CopyProblem("table " + copy.table + ", row " + row_key_of(shape, r) + ": " + e.what());
      }
    }
  }

  // The next id a new row gets (ids were copied, not drawn from the sequence): one past the
  // largest, so the first ticket filed on PostgreSQL is the next number the township expects.
  if (shape.has_id && target.backend() == Backend::postgresql) {
    target.query_int64("SELECT setval(pg_get_serial_sequence('" + std::string(table) +
                       "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + name);
  }

  copy.target_rows = target.query_int64("SELECT COUNT(*) FROM " + name);
  if (copy.target_rows < copy.source_rows) {
    throw CopyProblem("table " + copy.table + ": the target has " + std::to_string(copy.target_rows) +
                      " rows after the copy, the SQLite file " + std::to_string(copy.source_rows));
  }
  return copy;
}

// One read snapshot of the SQLite file for the whole copy, ended whatever happens.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(Database& db) : db_(db) { db_.exec("BEGIN"); }
  ~ReadSnapshot() {
    try {
      db_.exec("ROLLBACK");
    } catch (const DatabaseError&) {
      // Nothing was written; closing the connection ends the snapshot anyway.
    }
  }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  Database& db_;
};

}  // namespace

bool is_postgresql_url(std::string_view target) {
  if (target.starts_with("postgresql://") || target.starts_with("postgres://")) return true;
  // libpq's keyword form: the first word is keyword=value.
  const size_t equals = target.find('=');
  if (equals == std::string_view::npos || equals == 0) return false;
  return std::all_of(target.begin(), target.begin() + equals,
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

Result<std::unique_ptr<Database>> open_copy_source(const fs::path& file, int* migrated_from) {
  if (migrated_from) *migrated_from = 0;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    return make_error(ErrorCode::no_database, "no SQLite database at " + file.string());
  DatabaseOptions read_only;
  read_only.read_only = true;
  auto source = Database::open(file, read_only);
  if (!source) return source.error();
  int version = 0;
  try {
    if ((*source)->query_int64("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") ==
        0) {
      return make_error(ErrorCode::no_database, file.string() + " is not a paike database (it has no schema_version)");
    }
    version = (*source)->schema_version();
  } catch (const DatabaseError& e) {
    return make_error(ErrorCode::no_database, file.string() + " cannot be read as a SQLite database: " + e.what());
  }
  const int latest = Database::latest_schema_version();
  if (version > latest) {
    return make_error(ErrorCode::schema_too_new, file.string() + " has schema version " + std::to_string(version) +
                                                     ", written by a newer paike (this one knows up to " +
                                                     std::to_string(latest) + "); migrate with that paike");
  }
  if (version == latest) return source;
  source->reset();
  // As `paike serve` would on start: the copy is of the latest schema on both sides.
  auto migrated = Database::open(file);
  if (!migrated) return migrated.error();
  migrated->reset();
  if (migrated_from) *migrated_from = version;
  return Database::open(file, read_only);
}

Result<CopyReport> copy_database(Database& from, Database& to) {
  if (from.backend() != Backend::sqlite) return make_error(ErrorCode::copy_failed, "the source must be SQLite");
  try {
    ReadSnapshot snapshot(from);
    if (from.schema_version() != Database::latest_schema_version() ||
        to.schema_version() != Database::latest_schema_version()) {
      return make_error(ErrorCode::copy_failed, "both databases must be at schema version " +
                                                    std::to_string(Database::latest_schema_version()));
    }
    check_every_table_is_listed(from);
    return to.transaction([&] {
      CopyReport report;
      for (std::string_view table : schema_tables()) report.tables.push_back(copy_table(from, to, table));
      return report;
    });
  } catch (const CopyProblem& e) {
    return make_error(ErrorCode::copy_failed, e.what());
  } catch (const DatabaseError& e) {
    return make_error(ErrorCode::copy_failed, e.what());
  }
}

}  // namespace paike
