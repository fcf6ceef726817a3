// A small RFC 4180 reader for the roster and group sheets townships keep in Excel.
// Accepts a UTF-8 BOM, CRLF, quoted fields with commas, quotes and newlines.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paike {

struct CsvRow {
  int line = 0;  // 1-based line in the file where the row starts (header is line 1)
  std::map<std::string, std::string> fields;

  // The trimmed value of a column, "" when the column is absent.
  std::string get(const std::string& column) const;
};

struct CsvTable {
  std::vector<std::string> columns;
  std::vector<CsvRow> rows;
};

// Returns nullopt and sets `error` when the text is not CSV (unterminated quote).
std::optional<CsvTable> parse_csv(std::string_view text, std::string* error);

// One field for writing: quoted (quotes doubled) when it holds a comma, quote or line break.
std::string csv_field(std::string_view value);

}  // namespace paike
