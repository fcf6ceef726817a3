#include "handlers/schedule/points.h"

#include <algorithm>

#include "handlers/schedule/reminder_replies.h"
#include "storage/points_ledger.h"
#include "storage/schedule_marks.h"
#include "storage/ticket_repo.h"

namespace paike {

namespace {

constexpr const char* kCursor = "points-cursor";

}  // namespace

int accrue_points(Database& db, const Deployment& d, TimePoint now) {
  const auto& amounts = d.schedule.points;
  ScheduleMarks marks(db);
  PointsLedger ledger(db);
  TicketRepo tickets(db);
  const int64_t cursor = marks.value(kCursor).value_or(0);
  int added = 0;
  auto rows = tickets.closes_and_relapses_after(cursor, 5000);
  for (const auto& row : rows) {
    auto t = tickets.get(row.ticket_id);
    if (!t) continue;
    const std::string tid = std::to_string(t->id);
    if (row.action == "relapse") {
      if (!t->assignee_id.empty() && amounts.relapse != 0) {
        added += ledger.add({0, t->assignee_id, amounts.relapse, "relapse", t->id, row.at,
                             "relapse:" + tid + ":" + std::to_string(row.id)});
      }
      continue;
    }
    // A ticket reopened and closed again earns its points once: the sources name the ticket.
    if (amounts.report_closed != 0) {
      added += ledger.add({0, t->reporter_id, amounts.report_closed, "report_closed", t->id, row.at, "report:" + tid});
    }
    if (t->assignee_id.empty()) continue;
    if (row.at <= t->due_at) {
      if (amounts.closed_on_time != 0) {
        added +=
            ledger.add({0, t->assignee_id, amounts.closed_on_time, "closed_on_time", t->id, row.at, "close:" + tid});
      }
    } else {
      const long long late_days = ((row.at - t->due_at).count() + 86399) / 86400;
      const int amount =
          static_cast<int>(std::max<long long>(amounts.overdue_cap, late_days * amounts.overdue_per_day));
      if (amount != 0) added += ledger.add({0, t->assignee_id, amount, "closed_late", t->id, row.at, "close:" + tid});
    }
  }
  // The cursor moves past every row read (or, with nothing to read, to the end).
  const int64_t next = rows.empty() ? std::max(cursor, tickets.last_event_id()) : rows.back().id;
  if (next != cursor) marks.set_value(kCursor, next, now);
  return added;
}

std::string points_statement(Database& db, const Deployment& d, const std::string& user_id,
                             const std::string& user_name) {
  PointsLedger ledger(db);
  const Person* person = d.find_person(user_id);
  const std::string name = person ? person->name : (user_name.empty() ? d.wording.render("points.you") : user_name);
  return points_reply(name, ledger.balance(user_id), ledger.recent(user_id, 5), d);
}

}  // namespace paike
