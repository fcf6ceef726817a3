#include "bot/platforms/replay.h"

namespace paike {

bool ReplayGuard::first_seen(const std::string& key, TimePoint now) {
  std::lock_guard lock(mutex_);
  while (!order_.empty() && (order_.front().first + keep_ < now || order_.size() > max_entries_)) {
    auto it = seen_.find(order_.front().second);
    if (it != seen_.end() && it->second == order_.front().first) seen_.erase(it);
    order_.pop_front();
  }
  auto [it, inserted] = seen_.try_emplace(key, now);
  if (!inserted) return false;
  order_.emplace_back(now, key);
  return true;
}

bool within_window(TimePoint then, TimePoint now, Duration window) {
  auto diff = then > now ? then - now : now - then;
  return diff <= window;
}

}  // namespace paike
