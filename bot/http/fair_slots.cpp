#include "bot/http/fair_slots.h"

namespace paike::http {

void FairSlots::acquire() {
  std::unique_lock lock(mutex_);
  if (free_ > 0 && waiting_.empty()) {
    --free_;
    return;
  }
  Waiter me;
  waiting_.push_back(&me);
  me.granted_changed.wait(lock, [&me] { return me.granted; });
}

void FairSlots::release() {
  std::lock_guard lock(mutex_);
  if (waiting_.empty()) {
    ++free_;
    return;
  }
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->granted = true;
  // Notified under the lock: the waiter cannot return (and free its Waiter) before we let go.
  next->granted_changed.notify_one();
}

size_t FairSlots::waiting() {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

}  // namespace paike::http
