#include "storage/report_stats.h"

#include <string_view>

#include "storage/sql_time.h"

namespace paike {

namespace {

// Runs a query binding (from, to) as ?1, ?2 and hands each row (village in column 0) to `add`.
template <typename Add>
void each_village_row(Database& db, const char* sql, TimePoint from, TimePoint to, Add add) {
  SQLite::Statement q(db.sql(), sql);
  q.bind(1, epoch_seconds(from));
  q.bind(2, epoch_seconds(to));
  while (q.executeStep()) add(q.getColumn(0).getString(), q);
}

std::map<std::string, int> village_counts(Database& db, const char* sql, TimePoint from, TimePoint to) {
  std::map<std::string, int> counts;
  each_village_row(db, sql, from, to,
                   [&](const std::string& v, SQLite::Statement& q) { counts[v] = q.getColumn(1).getInt(); });
  return counts;
}

}  // namespace

std::vector<OpenByVillage> village_open_at(Database& db, const std::vector<TimePoint>& instants) {
  SQLite::Statement q(db.sql(),
                      "SELECT village, created_at, due_at, NULL FROM tickets INDEXED BY tickets_open_by_village"
                      "  WHERE status IN ('assigned', 'rectified') AND +created_at < ?2"
                      " UNION ALL"
                      " SELECT village, created_at, due_at, closed_at FROM tickets INDEXED BY tickets_closed_covering"
                      "  WHERE closed_at >= ?1 AND +status = 'closed' AND +created_at < ?2");
  std::vector<int64_t> at;
  for (TimePoint t : instants) at.push_back(epoch_seconds(t));
  q.bind(1, at.front());
  q.bind(2, at.back());
  std::vector<OpenByVillage> counts(at.size());
  while (q.executeStep()) {
    const std::string_view village = q.getColumn(0).getText();
    const int64_t created = q.getColumn(1).getInt64(), due = q.getColumn(2).getInt64();
    const bool still_open = q.getColumn(3).isNull();
    const int64_t closed = still_open ? 0 : q.getColumn(3).getInt64();
    for (size_t i = 0; i < at.size(); ++i) {
      if (created >= at[i] || (!still_open && closed < at[i])) continue;
      auto it = counts[i].find(village);
      if (it == counts[i].end()) it = counts[i].emplace(std::string(village), OpenCounts{}).first;
      ++it->second.open;
      if (due < at[i]) ++it->second.overdue;
    }
  }
  return counts;
}

std::map<std::string, int> village_counts_created(Database& db, TimePoint from, TimePoint to) {
  return village_counts(db,
                        "SELECT village, COUNT(*) FROM tickets INDEXED BY tickets_created_by_village"
                        " WHERE created_at >= ?1 AND created_at < ?2 GROUP BY village",
                        from, to);
}

std::map<std::string, int> village_counts_closed(Database& db, TimePoint from, TimePoint to) {
  return village_counts(db,
                        "SELECT village, COUNT(*) FROM tickets INDEXED BY tickets_closed_covering"
                        " WHERE closed_at >= ?1 AND closed_at < ?2 AND +status = 'closed' GROUP BY village",
                        from, to);
}

std::map<std::string, ClosedCounts> village_closed_on_time(Database& db, TimePoint from, TimePoint to) {
  std::map<std::string, ClosedCounts> counts;
  each_village_row(db,
                   "SELECT village, COUNT(*), SUM(closed_at <= due_at) FROM tickets INDEXED BY tickets_closed_covering"
                   " WHERE closed_at >= ?1 AND closed_at < ?2 AND +status = 'closed' GROUP BY village",
                   from, to, [&](const std::string& v, SQLite::Statement& q) {
                     counts[v] = {q.getColumn(1).getInt(), q.getColumn(2).getInt()};
                   });
  return counts;
}

ClosedCounts closed_on_time(Database& db, TimePoint from, TimePoint to) {
  SQLite::Statement q(
      db.sql(),
      "SELECT COUNT(*), COALESCE(SUM(closed_at <= due_at), 0) FROM tickets"
      " INDEXED BY tickets_closed_covering WHERE closed_at >= ? AND closed_at < ? AND +status = 'closed'");
  q.bind(1, epoch_seconds(from));
  q.bind(2, epoch_seconds(to));
  q.executeStep();
  return {q.getColumn(0).getInt(), q.getColumn(1).getInt()};
}

std::map<std::string, double> village_overdue_seconds(Database& db, TimePoint from, TimePoint to) {
  // Two halves, each grouped on its own: that keeps the sort small.
  std::map<std::string, double> seconds;
  auto add = [&](const std::string& v, SQLite::Statement& q) { seconds[v] += q.getColumn(1).getDouble(); };
  each_village_row(db,
                   "SELECT village, SUM(?2 - MAX(due_at, ?1)) FROM tickets INDEXED BY tickets_open_by_village"
                   " WHERE status IN ('assigned', 'rectified') AND +due_at < ?2 AND +created_at < ?2 GROUP BY village",
                   from, to, add);
  each_village_row(
      db,
      "SELECT village, SUM(MIN(closed_at, ?2) - MAX(due_at, ?1)) FROM tickets INDEXED BY tickets_closed_covering"
      " WHERE closed_at > ?1 AND +status = 'closed' AND +due_at < ?2 AND MIN(closed_at, ?2) > MAX(due_at, ?1)"
      " GROUP BY village",
      from, to, add);
  return seconds;
}

std::map<std::string, int> village_relapses(Database& db, TimePoint from, TimePoint to) {
  return village_counts(db,
                        "SELECT t.village, COUNT(*) FROM followups f JOIN tickets t ON t.id = f.ticket_id "
                        "WHERE f.outcome = 'relapse' AND f.answered_at >= ?1 AND f.answered_at < ?2 GROUP BY t.village",
                        from, to);
}

std::vector<OverdueTicket> most_overdue_at(Database& db, TimePoint at, int limit) {
  SQLite::Statement q(db.sql(),
                      "SELECT id, village, category, assignee_id, due_at FROM ("
                      " SELECT id, village, category, assignee_id, due_at FROM tickets"
                      "  WHERE status IN ('assigned', 'rectified') AND +created_at < ?1 AND due_at < ?1"
                      " UNION ALL"
                      " SELECT id, village, category, assignee_id, due_at FROM tickets"
                      "  WHERE closed_at >= ?1 AND +status = 'closed' AND +created_at < ?1 AND +due_at < ?1"
                      ") ORDER BY due_at, id LIMIT ?2");
  q.bind(1, epoch_seconds(at));
  q.bind(2, limit);
  std::vector<OverdueTicket> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), from_epoch_seconds(q.getColumn(4).getInt64())});
  }
  return out;
}

}  // namespace paike
