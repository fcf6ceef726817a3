// The points ledger (积分存折): rows, never a counter, so every balance can be explained.
// Each row names its source ("close:12:assignee"); the source is unique, so deriving points
// again from the same audit rows adds nothing. Runs on the caller's Database and transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/time.h"
#include "storage/database.h"

namespace paike {

struct PointsEntry {
  int64_t id = 0;
  std::string user_id;
  int amount = 0;
  std::string reason;  // "report_closed", "closed_on_time", "closed_late", "relapse"
  std::optional<int64_t> ticket_id;
  TimePoint at{};
  std::string source;
};

struct PointsTotal {
  std::string user_id;
  int64_t total = 0;
};

class PointsLedger {
 public:
  explicit PointsLedger(Database& db) : db_(db) {}

  // False when an entry with this source exists already.
  bool add(const PointsEntry& entry);
  int64_t balance(const std::string& user_id);
  std::vector<PointsEntry> recent(const std::string& user_id, int limit);
  // People with the most points of `reason` in [from, to), most first, ties by user id.
  std::vector<PointsTotal> top(const std::string& reason, TimePoint from, TimePoint to, int limit);

 private:
  Database& db_;
};

}  // namespace paike
