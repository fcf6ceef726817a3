// FairSlots: a counting semaphore that grants its slots in the order they were asked for.
// The webhook route makes large bodies wait for one of a few slots before reading them.
// std::counting_semaphore has no order: under a burst of photo uploads some waiters were
// passed over again and again, and their senders gave up after seconds (bench_ack_load at
// saturation: p99 7x the median, timeouts), while others went straight through. In order,
// each waits for the ones before it only. Each waiter sleeps on its own condition variable,
// so a release wakes one thread, not all of them. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace paike::http {

class FairSlots {
 public:
  explicit FairSlots(int slots) : free_(slots) {}
  FairSlots(const FairSlots&) = delete;
  FairSlots& operator=(const FairSlots&) = delete;

  // Blocks until a slot is free and every earlier caller has had one.
  void acquire();
  // Gives the slot to the longest waiting caller, or back to the pool.
  void release();
  // Callers blocked in acquire() now.
  size_t waiting();

 private:
  struct Waiter {
    std::condition_variable granted_changed;
    bool granted = false;
  };
  std::mutex mutex_;  // guards free_, waiting_ and each Waiter::granted
  std::deque<Waiter*> waiting_;
  int free_;
};

}  // namespace paike::http
