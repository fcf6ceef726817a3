#include "bot/scheduler.h"

namespace paike {

Scheduler::Scheduler(const Clock& clock, std::unique_ptr<Database> db, ScheduledWork& work,
                     std::function<void()> on_outbox_written)
    : clock_(clock),
      db_(std::move(db)),
      work_(work),
      on_outbox_written_(std::move(on_outbox_written)),
      loop_("scheduler", [this] { run_now(); }) {}

Scheduler::~Scheduler() { stop(); }

ScheduledCounts Scheduler::run_now() {
  auto counts = work_.run_due(*db_, clock_.now());
  if (on_outbox_written_) on_outbox_written_();
  return counts;
}

}  // namespace paike
