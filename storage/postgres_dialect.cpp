#include "storage/postgres_dialect.h"

#include <cctype>
#include <string_view>

namespace paike {

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool equals_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

// Reads SQL a token at a time, so that quotes and comments are never looked into.
class Scanner {
 public:
  explicit Scanner(std::string_view sql) : sql_(sql) {}
  bool done() const { return pos_ >= sql_.size(); }
  size_t pos() const { return pos_; }
  void seek(size_t pos) { pos_ = pos; }
  char peek(size_t ahead = 0) const { return pos_ + ahead < sql_.size() ? sql_[pos_ + ahead] : '\0'; }

  // The next word after spaces (without moving), or "" when the next thing is not a word.
  std::string_view word_after_spaces(size_t from) const {
    while (from < sql_.size() && std::isspace(static_cast<unsigned char>(sql_[from]))) ++from;
    size_t end = from;
    while (end < sql_.size() && is_word_char(sql_[end])) ++end;
    return sql_.substr(from, end - from);
  }
  size_t skip_spaces(size_t from) const {
    while (from < sql_.size() && std::isspace(static_cast<unsigned char>(sql_[from]))) ++from;
    return from;
  }
  // The end of the quoted text or comment that starts at `from`.
  size_t end_of_quoted(size_t from) const {
    const char quote = sql_[from];
    if (quote == '-') {
      const size_t newline = sql_.find('\n', from);
      return newline == std::string_view::npos ? sql_.size() : newline;
    }
    size_t i = from + 1;
    while (i < sql_.size()) {
      if (sql_[i] == quote) {
        if (i + 1 < sql_.size() && sql_[i + 1] == quote) {
          i += 2;  // '' inside '…'
          continue;
        }
        return i + 1;
      }
      ++i;
    }
    return sql_.size();
  }
  bool starts_quoted(size_t at) const {
    const char c = sql_[at];
    return c == '\'' || c == '"' || (c == '-' && at + 1 < sql_.size() && sql_[at + 1] == '-');
  }
  // Whether the parenthesis at `open` holds two or more arguments at its top level.
  bool has_two_arguments(size_t open) const {
    int depth = 0;
    for (size_t i = open; i < sql_.size(); ++i) {
      if (starts_quoted(i)) {
        i = end_of_quoted(i) - 1;
        continue;
      }
      if (sql_[i] == '(') ++depth;
      if (sql_[i] == ')' && --depth == 0) return false;
      if (sql_[i] == ',' && depth == 1) return true;
    }
    return false;
  }
  std::string_view text(size_t from, size_t to) const { return sql_.substr(from, to - from); }

 private:
  std::string_view sql_;
  size_t pos_ = 0;
};

}  // namespace

std::string postgres_sql(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  Scanner s(sql);
  int highest_parameter = 0;
  while (!s.done()) {
    const size_t at = s.pos();
    const char c = s.peek();
    if (s.starts_quoted(at)) {
      const size_t end = s.end_of_quoted(at);
      out += s.text(at, end);
      s.seek(end);
      continue;
    }
    if (c == '?') {
      size_t end = at + 1;
      while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end]))) ++end;
      int number = end > at + 1 ? std::stoi(std::string(s.text(at + 1, end))) : highest_parameter + 1;
      if (number > highest_parameter) highest_parameter = number;
      out += '$' + std::to_string(number);
      s.seek(end);
      continue;
    }
    // A unary plus: after a space or '(' and right before a name.
    if (c == '+' && is_word_char(s.peek(1)) && !std::isdigit(static_cast<unsigned char>(s.peek(1))) &&
        (out.empty() || std::isspace(static_cast<unsigned char>(out.back())) || out.back() == '(')) {
      s.seek(at + 1);
      continue;
    }
    if (!is_word_char(c)) {
      out += c;
      s.seek(at + 1);
      continue;
    }
    size_t end = at;
    while (end < sql.size() && is_word_char(sql[end])) ++end;
    const std::string_view word = s.text(at, end);
    // A word glued to a '.' before it is a column (t.real) or a name, never a type.
    const bool qualified = at > 0 && sql[at - 1] == '.';
    if (!qualified && equals_ci(word, "INDEXED") && equals_ci(s.word_after_spaces(end), "BY")) {
      size_t after = s.skip_spaces(end) + 2;
      after = s.skip_spaces(after);
      while (after < sql.size() && is_word_char(sql[after])) ++after;
      while (!out.empty() && out.back() == ' ') out.pop_back();
      s.seek(after);
      continue;
    }
    const size_t next = s.skip_spaces(end);
    const bool call = next < sql.size() && sql[next] == '(';
    if (!qualified && call && (equals_ci(word, "MAX") || equals_ci(word, "MIN")) && s.has_two_arguments(next)) {
      out += equals_ci(word, "MAX") ? "GREATEST" : "LEAST";
    } else if (!qualified && call && equals_ci(word, "instr")) {
      out += "strpos";
    } else if (!qualified && equals_ci(word, "INTEGER") && equals_ci(s.word_after_spaces(end), "PRIMARY")) {
      out += "BIGINT GENERATED BY DEFAULT AS IDENTITY";
    } else if (!qualified && equals_ci(word, "AUTOINCREMENT")) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
    } else if (!qualified && equals_ci(word, "INTEGER")) {
      out += "BIGINT";
    } else if (!qualified && equals_ci(word, "REAL")) {
      out += "DOUBLE PRECISION";
    } else {
      out += word;
    }
    s.seek(end);
  }
  return out;
}

}  // namespace paike
