#include "handlers/schedule/reminders.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "handlers/schedule/notify_targets.h"
#include "handlers/schedule/reminder_replies.h"
#include "storage/outbox.h"
#include "storage/reminder_steps.h"
#include "storage/ticket_repo.h"

namespace paike {

namespace {

struct DueStep {
  Ticket ticket;
  std::string step;
  TimePoint fell_due_at{};
  std::string line;
  std::vector<std::string> mentions;
};

TimePoint due_soon_at(const Ticket& t, double fraction) {
  const auto allowed = (t.due_at - t.created_at).count();
  return t.created_at + Duration(static_cast<long long>(static_cast<double>(allowed) * fraction));
}

}  // namespace

bool in_quiet_hours(TimePoint now, const Deployment& d) {
  const int start = d.schedule.reminders.quiet_start_minute, end = d.schedule.reminders.quiet_end_minute;
  const int m = local_minute_of_day(now, d.time_zone);
  if (start == end) return false;
  return start < end ? (m >= start && m < end) : (m >= start || m < end);
}

int send_due_reminders(Database& db, const Deployment& d, TimePoint now) {
  const auto& settings = d.schedule.reminders;
  const bool quiet = in_quiet_hours(now, d);
  TicketRepo tickets(db);
  ReminderSteps record(db);
  std::map<ChatTarget, std::vector<DueStep>> by_group;
  int recorded = 0;

  // Every ladder step lies after the due-soon point, so these are all the tickets with a step to take.
  for (int64_t id : record.unfinished_ladders(now, settings.due_soon_fraction, settings.ladder.size() + 1)) {
    auto t = tickets.get(id);
    if (!t) continue;
    const bool exempt = std::find(settings.quiet_exempt.begin(), settings.quiet_exempt.end(), t->category) !=
                        settings.quiet_exempt.end();
    if (quiet && !exempt) continue;
    const auto fired = record.fired(t->id, t->due_at);
    if (!fired.count("due_soon")) {
      DueStep s{*t, "due_soon", due_soon_at(*t, settings.due_soon_fraction), "", {t->assignee_id}};
      if (now >= t->due_at) {
        // Missed while down and overtaken by the ladder: recorded, not sent ("due soon" would be wrong).
        recorded += record.record({t->id, "due_soon", t->due_at, s.fell_due_at, now, std::nullopt});
      } else {
        s.line = due_soon_line(*t, d, mention_names(s.mentions, d));
        by_group[village_group(*t, d)].push_back(std::move(s));
      }
    }
    for (size_t i = 0; i < settings.ladder.size(); ++i) {
      const auto& rung = settings.ladder[i];
      const TimePoint at = t->due_at + rung.after;
      if (at > now || fired.count(rung.code)) continue;
      auto target = rung.township_group ? township_group(t->platform, d) : village_group(*t, d);
      if (!target) target = village_group(*t, d);
      DueStep s{*t, rung.code, at, "", people_to_notify(rung.notify, *t, d)};
      s.line = ladder_line(i, *t, d, now - t->due_at, mention_names(s.mentions, d));
      by_group[*target].push_back(std::move(s));
    }
  }

  for (auto& [target, steps] : by_group) {
    // Most overdue first; a ticket's own steps in ladder order.
    std::stable_sort(steps.begin(), steps.end(), [](const DueStep& a, const DueStep& b) {
      return std::tie(a.ticket.due_at, a.ticket.id, a.fell_due_at) <
             std::tie(b.ticket.due_at, b.ticket.id, b.fell_due_at);
    });
    OutgoingMessage m;
    m.platform = target.platform;
    m.group_id = target.group_id;
    std::vector<std::string> lines;
    for (const auto& s : steps) {
      lines.push_back(s.line);
      for (const auto& id : s.mentions) {
        if (!id.empty() && std::find(m.mentions.begin(), m.mentions.end(), id) == m.mentions.end())
          m.mentions.push_back(id);
      }
    }
    m.text = batched_reminders(d, lines);
    if (steps.size() == 1) m.ticket_id = steps.front().ticket.id;
    const int64_t outbox_id = Outbox(db).enqueue(m, now);
    for (const auto& s : steps) {
      recorded += record.record({s.ticket.id, s.step, s.ticket.due_at, s.fell_due_at, now, outbox_id});
      AuditEvent audit;
      audit.ticket_id = s.ticket.id;
      audit.at = now;
      audit.actor_id = "system";
      audit.action = "reminded";
      audit.field = "reminder_step";
      audit.new_value = s.step;
      audit.reason_code = "reminded";
      audit.reason_params = {{"deadline", format_chat_time(s.ticket.due_at, d.time_zone)}};
      tickets.add_event(audit);
    }
    spdlog::info("reminders: {} step(s) to {}/{}", steps.size(), target.platform, target.group_id);
  }
  return recorded;
}

}  // namespace paike
