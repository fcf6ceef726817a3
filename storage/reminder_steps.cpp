#include "storage/reminder_steps.h"

#include "storage/sql_time.h"

namespace paike {

bool ReminderSteps::record(const ReminderStep& s) {
  Statement q(db_,
              "INSERT INTO reminder_steps (ticket_id, step, due_at, fell_due_at, fired_at, outbox_id) "
              "VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING");
  q.bind(1, s.ticket_id);
  q.bind(2, s.step);
  q.bind(3, epoch_seconds(s.due_at));
  q.bind(4, epoch_seconds(s.fell_due_at));
  q.bind(5, epoch_seconds(s.fired_at));
  if (s.outbox_id)
    q.bind(6, *s.outbox_id);
  else
    q.bind(6);
  return q.exec() == 1;
}

std::set<std::string> ReminderSteps::fired(int64_t ticket_id, TimePoint due_at) {
  Statement q(db_, "SELECT step FROM reminder_steps WHERE ticket_id = ? AND due_at = ?");
  q.bind(1, ticket_id);
  q.bind(2, epoch_seconds(due_at));
  std::set<std::string> steps;
  while (q.step()) steps.insert(q.column(0).text());
  return steps;
}

int64_t ReminderSteps::count(int64_t ticket_id) {
  Statement q(db_, "SELECT COUNT(*) FROM reminder_steps WHERE ticket_id = ?");
  q.bind(1, ticket_id);
  q.step();
  return q.column(0).int64();
}

std::vector<int64_t> ReminderSteps::unfinished_ladders(TimePoint now, double due_soon_fraction, size_t steps) {
  Statement q(db_,
              // The due-soon point is created_at + the whole seconds of allowed * fraction (as the
              // reminder computes it): at or before now exactly when allowed * fraction < now -
              // created_at + 1. A CAST to INTEGER would round on PostgreSQL instead of truncating.
              "SELECT id FROM tickets t WHERE status = 'assigned' "
              "AND (due_at - created_at) * ?1 < ?2 - created_at + 1 "
              "AND (SELECT COUNT(*) FROM reminder_steps r WHERE r.ticket_id = t.id AND r.due_at = t.due_at) < ?3 "
              "ORDER BY due_at, id");
  q.bind(1, due_soon_fraction);
  q.bind(2, epoch_seconds(now));
  q.bind(3, static_cast<int64_t>(steps));
  std::vector<int64_t> ids;
  while (q.step()) ids.push_back(q.column(0).int64());
  return ids;
}

}  // namespace paike
