#include "handlers/schedule/followup.h"

#include <spdlog/spdlog.h>

#include "handlers/intake/ticket_filing.h"
#include "handlers/reply.h"
#include "handlers/schedule/notify_targets.h"
#include "handlers/schedule/reminder_replies.h"
#include "handlers/schedule/reminders.h"
#include "storage/followups.h"
#include "storage/outbox.h"
#include "storage/photo_repo.h"
#include "storage/schedule_marks.h"
#include "storage/ticket_repo.h"

namespace paike {

namespace {

constexpr const char* kFollowupCursor = "followup-cursor";

void answer(const ChatEvent& event, const std::string& text, Database& db, TimePoint now,
            std::optional<int64_t> ticket_id = std::nullopt) {
  OutgoingMessage m = reply(event, text);
  m.ticket_id = ticket_id;
  Outbox(db).enqueue(m, now);
}

// The ticket to follow up, or nullopt after telling the sender why not.
std::optional<Ticket> closed_ticket_for(const ChatEvent& event, int64_t id, const Deployment& d, Database& db,
                                        TimePoint now) {
  const Person* person = d.find_person(event.user_id);
  if (!person || person->role == Role::villager) {
    answer(event, d.wording.render("followup.not_allowed"), db, now);
    return std::nullopt;
  }
  auto t = TicketRepo(db).get(id);
  if (!t) {
    answer(event, d.wording.render("commands.not_found", {{"ticket", std::to_string(id)}}), db, now);
    return std::nullopt;
  }
  if (t->status != TicketStatus::closed || !t->closed_at) {
    answer(event, d.wording.render("followup.not_closed", {{"ticket", std::to_string(id)}}), db, now, id);
    return std::nullopt;
  }
  return t;
}

// The follow-up record of this close, created when the answer comes before the bot asked.
Followup followup_for(const Ticket& t, Database& db, TimePoint now) {
  Followups followups(db);
  auto f = followups.latest(t.id);
  if (!f || f->closed_at != *t.closed_at) {
    followups.record_ask({0, t.id, *t.closed_at, now, std::nullopt, std::nullopt, "", "", std::nullopt});
    f = followups.latest(t.id);
  }
  return *f;
}

void audit(Database& db, const Ticket& t, const ChatEvent& event, TimePoint now, const std::string& action,
           const std::string& value, const std::string& reason_code,
           std::vector<std::pair<std::string, std::string>> reason_params) {
  AuditEvent e;
  e.ticket_id = t.id;
  e.at = now;
  e.actor_id = event.user_id;
  e.action = action;
  e.field = "followup";
  e.new_value = value;
  e.reason_code = reason_code;
  e.reason_params = std::move(reason_params);
  e.source_event_id = event.event_id;
  TicketRepo(db).add_event(e);
}

}  // namespace

int ask_due_followups(Database& db, const Deployment& d, TimePoint now) {
  if (in_quiet_hours(now, d)) return 0;
  const Duration after = d.schedule.followup.after;
  TicketRepo tickets(db);
  Followups followups(db);
  ScheduleMarks marks(db);
  // Closes are visited in closed_at order after a cursor, so each round reads only new ones.
  const TimePoint since{Duration(marks.value(kFollowupCursor).value_or(0))};
  int asked = 0;
  const auto due = followups.due(since, now, after, 500);
  if (!due.empty()) marks.set_value(kFollowupCursor, due.back().second.time_since_epoch().count(), now);
  for (const auto& [id, closed_at] : due) {
    auto t = tickets.get(id);
    if (!t || !t->closed_at) continue;
    OutgoingMessage m;
    const ChatTarget target = village_group(*t, d);
    m.platform = target.platform;
    m.group_id = target.group_id;
    if (!t->assignee_id.empty()) m.mentions.push_back(t->assignee_id);
    m.text = followup_request(*t, d, mention_names(m.mentions, d), after);
    m.ticket_id = t->id;
    const int64_t outbox_id = Outbox(db).enqueue(m, now);
    followups.record_ask({0, t->id, *t->closed_at, now, outbox_id, std::nullopt, "", "", std::nullopt});
    AuditEvent e;
    e.ticket_id = t->id;
    e.at = now;
    e.actor_id = "system";
    e.action = "followup_asked";
    e.field = "followup";
    e.reason_code = "followup_asked";
    e.reason_params = {{"closed", format_chat_time(*t->closed_at, d.time_zone)}};
    tickets.add_event(e);
    ++asked;
  }
  return asked;
}

void record_followup_normal(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, int64_t id,
                            const Deployment& d, Database& db, TimePoint now) {
  auto t = closed_ticket_for(event, id, d, db, now);
  if (!t) return;
  std::vector<std::string> shas;
  for (const auto& p : photos) {
    if (p.record) shas.push_back(p.record->sha256);
  }
  if (shas.empty()) {
    return answer(event, d.wording.render("followup.needs_photo", {{"ticket", std::to_string(id)}}), db, now, id);
  }
  PhotoRepo photo_repo(db);
  TicketRepo tickets(db);
  for (const auto& p : photos) {
    if (!p.record) continue;
    photo_repo.upsert(*p.record);
    tickets.add_photo({0, id, "followup", p.record->sha256, 0, 0, now, event.event_id});
  }
  const Followup f = followup_for(*t, db, now);
  Followups(db).record_answer(f.id, now, event.user_id, "normal", std::nullopt);
  audit(db, *t, event, now, "followup", "normal", "followup_photos", {{"count", std::to_string(shas.size())}});
  answer(event, d.wording.render("followup.normal", {{"ticket", std::to_string(id)}}), db, now, id);
}

void record_relapse(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, int64_t id, const Deployment& d,
                    Database& db, TimePoint now) {
  auto t = closed_ticket_for(event, id, d, db, now);
  if (!t) return;
  const Followup f = followup_for(*t, db, now);
  if (f.outcome == "relapse" && f.relapse_ticket_id) {
    return answer(event,
                  d.wording.render("followup.already_relapsed",
                                   {{"ticket", std::to_string(id)}, {"relapse", std::to_string(*f.relapse_ticket_id)}}),
                  db, now, *f.relapse_ticket_id);
  }
  ReportDraft draft;
  draft.stage = DraftStage::awaiting_category;
  draft.platform = event.platform;
  draft.group_id = event.group_id;
  draft.reporter_id = event.user_id;
  const Person* person = d.find_person(event.user_id);
  draft.reporter_name = person ? person->name : event.user_name;
  draft.text = d.wording.render("followup.relapse_text", {{"text", t->text}});
  PhotoRepo photo_repo(db);
  for (const auto& p : photos) {
    if (!p.record) continue;
    photo_repo.upsert(*p.record);
    draft.photo_sha256s.push_back(p.record->sha256);
  }
  draft.source_event_id = event.event_id;
  draft.source_message_id = quoted_id(event);
  draft.reported_at = now;
  FilingChoice choice;
  choice.category = t->category;
  choice.confidence = 1;
  choice.place.village = t->village;
  if (!t->grid_id.empty()) choice.place.grid_id = t->grid_id;
  choice.place.location_source = t->location_source;
  choice.place.landmark = t->landmark;
  choice.place.point = t->point;
  choice.extra_note = relapse_note(d, id);
  Ticket relapse = file_ticket(draft, choice, d, db, now);
  Followups(db).record_answer(f.id, now, event.user_id, "relapse", relapse.id);
  // The relapse counts against the old ticket's assignee and village (points, ranking).
  audit(db, *t, event, now, "relapse", std::to_string(relapse.id), "relapse", {{"ticket", std::to_string(relapse.id)}});
  spdlog::info("event {}: ticket #{} relapsed as #{}", event.event_id, id, relapse.id);
}

}  // namespace paike
