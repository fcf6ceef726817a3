#include "storage/schedule_marks.h"

namespace paike {

bool ScheduleMarks::mark_once(const std::string& name, TimePoint at) {
  Statement q(db_, "INSERT INTO schedule_marks (name, at) VALUES (?, ?) ON CONFLICT DO NOTHING");
  q.bind(1, name);
  q.bind(2, static_cast<int64_t>(at.time_since_epoch().count()));
  return q.exec() == 1;
}

bool ScheduleMarks::is_marked(const std::string& name) { return value(name).has_value(); }

std::optional<int64_t> ScheduleMarks::value(const std::string& name) {
  Statement q(db_, "SELECT value FROM schedule_marks WHERE name = ?");
  q.bind(1, name);
  if (!q.step()) return std::nullopt;
  return q.column(0).int64();
}

void ScheduleMarks::set_value(const std::string& name, int64_t value, TimePoint at) {
  Statement q(db_,
              "INSERT INTO schedule_marks (name, value, at) VALUES (?, ?, ?) "
              "ON CONFLICT (name) DO UPDATE SET value = excluded.value, at = excluded.at");
  q.bind(1, name);
  q.bind(2, value);
  q.bind(3, static_cast<int64_t>(at.time_since_epoch().count()));
  q.exec();
}

}  // namespace paike
