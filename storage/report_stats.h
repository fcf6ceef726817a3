// Figures of the township digest (日报) and the monthly 红黑榜, per village: over a window
// [from, to) or as of an instant. Read-only; runs on the caller's Database. Each query is
// pinned (INDEXED BY) to a covering index of storage/migrations.cpp: without ANALYZE
// statistics SQLite may prefer the village index for GROUP BY and walk the whole ledger.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/time.h"
#include "storage/database.h"

namespace paike {

struct OpenCounts {
  int open = 0;     // assigned or rectified
  int overdue = 0;  // of those, past due
};
using OpenByVillage = std::map<std::string, OpenCounts, std::less<>>;

// Open and overdue tickets per village at each of `instants` (ascending, at least one), from
// one read: the tickets open now, and those closed since the first instant. A ticket was open
// at t if it was created before t and is still open or was closed at or after t.
std::vector<OpenByVillage> village_open_at(Database& db, const std::vector<TimePoint>& instants);

// Tickets created in [from, to), per village (villages without any left out).
std::map<std::string, int> village_counts_created(Database& db, TimePoint from, TimePoint to);
// Tickets closed in [from, to) and still closed, per village.
std::map<std::string, int> village_counts_closed(Database& db, TimePoint from, TimePoint to);

struct ClosedCounts {
  int closed = 0;
  int on_time = 0;  // closed at or before the deadline
};
// Tickets closed in [from, to) and still closed, per village, with how many were on time.
std::map<std::string, ClosedCounts> village_closed_on_time(Database& db, TimePoint from, TimePoint to);
// The same over every village.
ClosedCounts closed_on_time(Database& db, TimePoint from, TimePoint to);

// Seconds spent overdue inside [from, to) per village: from max(due, from) to min(closed or
// `to`, `to`), over the tickets open now and those closed after `from`.
std::map<std::string, double> village_overdue_seconds(Database& db, TimePoint from, TimePoint to);
// 回头看 answered "relapse" in [from, to), per village of the ticket.
std::map<std::string, int> village_relapses(Database& db, TimePoint from, TimePoint to);

struct OverdueTicket {
  int64_t id = 0;
  std::string village;
  std::string category;
  std::string assignee_id;
  TimePoint due_at{};
};
// Tickets open and past due at `at`, earliest due first (then by id), at most `limit`.
std::vector<OverdueTicket> most_overdue_at(Database& db, TimePoint at, int limit);

}  // namespace paike
