// One SQL statement on a Database, the same over SQLite and PostgreSQL. Write SQL in the
// dialect both speak, with `?` or `?N` parameters; the PostgreSQL connection translates the
// few differences (storage/postgres_dialect.h). A Statement belongs to its Database's thread.
//
//   Statement q(db, "SELECT id, text FROM tickets WHERE village = ? ORDER BY id");
//   q.bind(1, village);
//   while (q.step()) rows.push_back({q.column(0).int64(), q.column(1).text()});
//
// Failures throw DatabaseError (storage/database_error.h).
#pragma once

#include <concepts>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace paike {

class Database;
class StatementImpl;

// One column of the current row.
class Column {
 public:
  Column(StatementImpl& statement, int index) : statement_(statement), index_(index) {}
  bool is_null() const;
  int64_t int64() const;  // 0 for NULL
  int int32() const { return static_cast<int>(int64()); }
  double real() const;       // 0 for NULL
  std::string text() const;  // "" for NULL

 private:
  StatementImpl& statement_;
  int index_;
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(Statement&&) noexcept;

  // Parameters count from 1. A text is copied unless bound with bind_no_copy, whose string
  // must outlive the statement's next step() or exec().
  template <std::integral T>
  void bind(int index, T value) {
    bind_int64(index, static_cast<int64_t>(value));
  }
  void bind(int index, double value);
  void bind(int index, std::string_view value);
  void bind(int index, const std::string& value) { bind(index, std::string_view(value)); }
  void bind(int index, const char* value) { bind(index, std::string_view(value)); }
  void bind(int index);  // NULL
  void bind_no_copy(int index, const std::string& value);

  // Runs the statement the first time and moves to the next row: false when there is none.
  bool step();
  // Runs a statement that returns no rows; the number of rows it changed.
  int exec();
  // Ready to run again with new bindings (the old ones are cleared).
  void reset();

  Column column(int index);
  int column_count();
  std::string column_name(int index);

 private:
  void bind_int64(int index, int64_t value);
  std::unique_ptr<StatementImpl> impl_;
};

}  // namespace paike
