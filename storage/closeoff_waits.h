// A `#12 已整改` that came without its after-photo: the bot waits a short while for a photo
// from the same person in the same group. One row per person and group; the newest wins.
// Runs on the caller's Database inside the caller's transaction.
#pragma once

#include <optional>
#include <string>

#include "config/time.h"
#include "storage/database.h"

namespace paike {

struct CloseoffWait {
  int64_t id = 0;
  std::string platform;
  std::string group_id;
  std::string user_id;
  int64_t ticket_id = 0;
  TimePoint opened_at{};
  TimePoint deadline_at{};
  std::string source_event_id;
};

class CloseoffWaits {
 public:
  explicit CloseoffWaits(Database& db) : db_(db) {}

  // Replaces any earlier wait of this person in this group.
  void open(const CloseoffWait& wait);
  // The person's wait that is still open at `now`, if any.
  std::optional<CloseoffWait> find(const std::string& platform, const std::string& group_id, const std::string& user_id,
                                   TimePoint now);
  void remove(int64_t id);
  // Drops waits whose deadline passed; returns how many.
  int expire(TimePoint now);

 private:
  Database& db_;
};

}  // namespace paike
