#include "config/csv.h"

#include "config/text.h"

namespace paike {

std::string CsvRow::get(const std::string& column) const {
  auto it = fields.find(column);
  return it == fields.end() ? std::string() : std::string(trim(it->second));
}

namespace {

// Splits the text into records of raw fields, remembering each record's first line.
bool split_records(std::string_view text, std::vector<std::pair<int, std::vector<std::string>>>& out,
                   std::string* error) {
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1, record_line = 1;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    bool blank = record.size() == 1 && record[0].empty();
    if (!blank) out.emplace_back(record_line, std::move(record));
    record.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r') {
      // part of CRLF; a lone CR is dropped too
    } else if (c == '\n') {
      end_record();
      ++line;
      record_line = line;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    if (error) *error = "unterminated quoted field starting on line " + std::to_string(record_line);
    return false;
  }
  end_record();
  return true;
}

}  // namespace

std::optional<CsvTable> parse_csv(std::string_view text, std::string* error) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::pair<int, std::vector<std::string>>> records;
  if (!split_records(text, records, error)) return std::nullopt;
  CsvTable table;
  if (records.empty()) return table;
  for (auto& name : records.front().second) table.columns.push_back(std::string(trim(name)));
  for (size_t r = 1; r < records.size(); ++r) {
    CsvRow row;
    row.line = records[r].first;
    auto& values = records[r].second;
    for (size_t c = 0; c < values.size() && c < table.columns.size(); ++c) {
      row.fields[table.columns[c]] = std::move(values[c]);
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string csv_field(std::string_view raw) {
  // Clean first: a NUL or a control character must not reach a spreadsheet, whoever stored it.
  const std::string value = clean_text(raw);
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace paike
