// ReplayGuard: remembers recent nonces / event ids for a while so a replayed or re-delivered
// request has no second effect. Thread-safe; bounded memory (oldest entries dropped first).
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "config/time.h"

namespace paike {

class ReplayGuard {
 public:
  explicit ReplayGuard(Duration keep = std::chrono::hours(25), size_t max_entries = 100000)
      : keep_(keep), max_entries_(max_entries) {}

  // True the first time `key` is seen within the keep window; false for a repeat.
  bool first_seen(const std::string& key, TimePoint now);

 private:
  std::mutex mutex_;
  Duration keep_;
  size_t max_entries_;
  std::unordered_map<std::string, TimePoint> seen_;
  std::deque<std::pair<TimePoint, std::string>> order_;
};

// |now - then| <= window.
bool within_window(TimePoint then, TimePoint now, Duration window);

}  // namespace paike
