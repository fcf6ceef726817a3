// Reports still being put together: a photo waiting for its words (or, later, a report
// waiting for its category). One row per sender and group; the payload is the handler's own
// JSON, opaque here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/time.h"
#include "storage/database.h"

namespace paike {

struct PendingReport {
  int64_t id = 0;
  std::string platform;
  std::string group_id;
  std::string user_id;
  TimePoint opened_at{};
  TimePoint deadline_at{};
  std::string payload;
};

class PendingReports {
 public:
  explicit PendingReports(Database& db) : db_(db) {}

  int64_t open(const PendingReport& report);
  void update(const PendingReport& report);
  void remove(int64_t id);
  std::optional<PendingReport> find(const std::string& platform, const std::string& group_id,
                                    const std::string& user_id);
  // Reports whose deadline is at or before `now`, oldest first.
  std::vector<PendingReport> expired(TimePoint now, int limit);
  int64_t count();
  // The payloads of the reports opened before `at`, in no particular order.
  std::vector<std::string> payloads_opened_before(TimePoint at);

 private:
  Database& db_;
};

}  // namespace paike
