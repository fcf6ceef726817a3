// The overdue ladder's record: one row per ticket, step and due time, written in the same
// transaction as the outbox row that says it. UNIQUE (ticket, step, due_at) makes "each
// step once" a property of the database, not of the scheduler's memory; a new due_at (an
// extension) starts a fresh ladder. Runs on the caller's Database and transaction.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/time.h"
#include "storage/database.h"

namespace paike {

struct ReminderStep {
  int64_t ticket_id = 0;
  std::string step;  // "due_soon", or a ladder step code
  TimePoint due_at{};
  TimePoint fell_due_at{};
  TimePoint fired_at{};
  std::optional<int64_t> outbox_id;  // nullopt: recorded without a message (superseded)
};

class ReminderSteps {
 public:
  explicit ReminderSteps(Database& db) : db_(db) {}

  // False when this step of this ladder was already recorded (nothing is written then).
  bool record(const ReminderStep& step);
  // The steps already recorded for the ticket's ladder keyed to `due_at`.
  std::set<std::string> fired(int64_t ticket_id, TimePoint due_at);
  int64_t count(int64_t ticket_id);
  // Assigned tickets whose due-soon point (created_at + `due_soon_fraction` of the time
  // allowed) is at or before `now` and whose ladder keyed to their due_at has fewer than
  // `steps` steps recorded; earliest due first, then by id.
  std::vector<int64_t> unfinished_ladders(TimePoint now, double due_soon_fraction, size_t steps);

 private:
  Database& db_;
};

}  // namespace paike
