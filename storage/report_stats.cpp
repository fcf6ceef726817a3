#include "storage/report_stats.h"

#include <string_view>

#include "storage/sql_time.h"

namespace paike {

namespace {

// Runs a query binding (from, to) as ?1, ?2 and hands each row (village in column 0) to `add`.
template <typename Add>
void each_village_row(Database& db, const char* sql, TimePoint from, TimePoint to, Add add) {
  Statement q(db, sql);
  q.bind(1, epoch_seconds(from));
  q.bind(2, epoch_seconds(to));
  while (q.step()) add(q.column(0).text(), q);
}

std::map<std::string, int> village_counts(Database& db, const char* sql, TimePoint from, TimePoint to) {
  std::map<std::string, int> counts;
  each_village_row(db, sql, from, to, [&](const std::string& v, Statement& q) { counts[v] = q.column(1).int32(); });
  return counts;
}

}  // namespace

std::vector<OpenByVillage> village_open_at(Database& db, const std::vector<TimePoint>& instants) {
  Statement q(db,
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
  while (q.step()) {
    const std::string village = q.column(0).text();
    const int64_t created = q.column(1).int64(), due = q.column(2).int64();
    const bool still_open = q.column(3).is_null();
    const int64_t closed = still_open ? 0 : q.column(3).int64();
    for (size_t i = 0; i < at.size(); ++i) {
      if (created >= at[i] || (!still_open && closed < at[i])) continue;
      auto it = counts[i].find(village);
      if (it == counts[i].end()) it = counts[i].emplace(village, OpenCounts{}).first;
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
                   "SELECT village, COUNT(*), SUM(CASE WHEN closed_at <= due_at THEN 1 ELSE 0 END) FROM tickets "
                   "INDEXED BY tickets_closed_covering"
                   " WHERE closed_at >= ?1 AND closed_at < ?2 AND +status = 'closed' GROUP BY village",
                   from, to, [&](const std::string& v, Statement& q) {
                     counts[v] = {q.column(1).int32(), q.column(2).int32()};
                   });
  return counts;
}

ClosedCounts closed_on_time(Database& db, TimePoint from, TimePoint to) {
  Statement q(db,
              "SELECT COUNT(*), COALESCE(SUM(CASE WHEN closed_at <= due_at THEN 1 ELSE 0 END), 0) FROM tickets"
              " INDEXED BY tickets_closed_covering WHERE closed_at >= ? AND closed_at < ? AND +status = 'closed'");
  q.bind(1, epoch_seconds(from));
  q.bind(2, epoch_seconds(to));
  q.step();
  return {q.column(0).int32(), q.column(1).int32()};
}

std::map<std::string, double> village_overdue_seconds(Database& db, TimePoint from, TimePoint to) {
  // Two halves, each grouped on its own: that keeps the sort small.
  std::map<std::string, double> seconds;
  auto add = [&](const std::string& v, Statement& q) { seconds[v] += q.column(1).real(); };
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
  // Each half keeps only its first `limit`: the open half walks tickets_open_by_due in order
  // and stops, where one ORDER BY over the union sorted every overdue ticket (PostgreSQL). The
  // closed half sorts by due_at + 0: PostgreSQL, guessing that many tickets closed since were
  // overdue, walked all closed tickets in tickets_by_status's due_at order (32 s over 10 M).
  Statement q(db,
              "SELECT id, village, category, assignee_id, due_at FROM ("
              " SELECT * FROM (SELECT id, village, category, assignee_id, due_at FROM tickets"
              "  WHERE status IN ('assigned', 'rectified') AND +created_at < ?1 AND due_at < ?1"
              "  ORDER BY due_at, id LIMIT ?2) AS still_open"
              " UNION ALL"
              " SELECT * FROM (SELECT id, village, category, assignee_id, due_at FROM tickets"
              "  WHERE closed_at >= ?1 AND +status = 'closed' AND +created_at < ?1 AND +due_at < ?1"
              "  ORDER BY due_at + 0, id LIMIT ?2) AS closed_since"
              ") AS overdue ORDER BY due_at, id LIMIT ?2");
  q.bind(1, epoch_seconds(at));
  q.bind(2, limit);
  std::vector<OverdueTicket> out;
  while (q.step()) {
    out.push_back({q.column(0).int64(), q.column(1).text(), q.column(2).text(), q.column(3).text(),
                   from_epoch_seconds(q.column(4).int64())});
  }
  return out;
}

}  // namespace paike
