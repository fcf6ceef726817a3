// The scheduler: one thread that wakes every second (and when the clock is moved, e.g. by
// POST /sim/api/clock) and runs the handlers' time-driven work (handlers/schedule/scheduled_work.h)
// on its own Database connection at the injected Clock's now, then wakes the outbox
// sender. start()/stop()/wake() are thread-safe; run_now() is for tests and catch-up.
#pragma once

#include <functional>
#include <memory>

#include "bot/wakeable_loop.h"
#include "config/clock.h"
#include "handlers/schedule/scheduled_work.h"
#include "storage/database.h"

namespace paike {

class Scheduler {
 public:
  Scheduler(const Clock& clock, std::unique_ptr<Database> db, ScheduledWork& work,
            std::function<void()> on_outbox_written);
  ~Scheduler();

  void start() { loop_.start(); }
  void stop() { loop_.stop(); }
  void wake() { loop_.wake(); }
  // Runs what is due now on the caller's thread (not while the thread runs).
  ScheduledCounts run_now();

 private:
  const Clock& clock_;
  std::unique_ptr<Database> db_;
  ScheduledWork& work_;
  std::function<void()> on_outbox_written_;
  WakeableLoop loop_;  // declared last: its thread uses the members above
};

}  // namespace paike
