// Once-only marks and cursors of the scheduler ("digest:2026-11-23", "points-cursor"), on
// the caller's Database inside the caller's transaction: a mark written with the work it
// stands for commits or rolls back with it, so a restart neither repeats nor skips.
#pragma once

#include <optional>
#include <string>

#include "config/time.h"
#include "storage/database.h"

namespace paike {

class ScheduleMarks {
 public:
  explicit ScheduleMarks(Database& db) : db_(db) {}

  // True the first time `name` is marked; false when it already was.
  bool mark_once(const std::string& name, TimePoint at);
  bool is_marked(const std::string& name);
  std::optional<int64_t> value(const std::string& name);
  void set_value(const std::string& name, int64_t value, TimePoint at);

 private:
  Database& db_;
};

}  // namespace paike
