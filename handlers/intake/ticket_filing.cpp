#include "handlers/intake/ticket_filing.h"

#include <spdlog/spdlog.h>

#include "handlers/intake/replies.h"
#include "storage/outbox.h"
#include "storage/ticket_repo.h"
#include "storage/voice_notes.h"

namespace paike {

std::string default_assignee(const Deployment& d, const std::string& village, const std::string& grid_id) {
  if (const Person* leader = d.grid_leader(grid_id)) return leader->user_id;
  if (const Person* secretary = d.village_secretary(village)) return secretary->user_id;
  return {};
}

void keep_voices(const ReportDraft& draft, int64_t ticket_id, Database& db) {
  TicketVoices voices(db);
  for (auto v : draft.voices) {
    v.ticket_id = ticket_id;
    voices.add(v);
  }
}

Ticket file_ticket(const ReportDraft& draft, const FilingChoice& choice, const Deployment& d, Database& db,
                   TimePoint now) {
  const Category* category = d.find_category(choice.category);
  Ticket t;
  t.status = TicketStatus::assigned;
  t.category = choice.category;
  t.category_confidence = choice.confidence;
  t.village = choice.place.village;
  t.grid_id = choice.place.grid_id.value_or("");
  t.location_source = choice.place.location_source;
  t.landmark = choice.place.landmark;
  t.point = choice.place.point;
  t.text = draft.text;
  t.reporter_id = draft.reporter_id;
  t.reporter_name = draft.reporter_name;
  t.filer_id = draft.filer_id.empty() ? draft.reporter_id : draft.filer_id;
  t.assignee_id = default_assignee(d, t.village, t.grid_id);
  t.platform = draft.platform;
  t.group_id = draft.group_id;
  t.source_event_id = draft.source_event_id;
  t.source_message_id = draft.source_message_id;
  t.created_at = draft.reported_at;
  // The deadline runs from when the villager reported, not from when the bot got round to it.
  t.due_at = draft.reported_at + (category ? category->deadline : Duration(std::chrono::days(7)));

  TicketRepo tickets(db);
  tickets.create(t);
  for (const auto& sha : draft.photo_sha256s) {
    tickets.add_photo({0, t.id, "before", sha, 0, 0, now, draft.source_event_id});
  }
  keep_voices(draft, t.id, db);
  AuditEvent created;
  created.ticket_id = t.id;
  created.at = now;
  created.actor_id = t.filer_id;
  created.action = "created";
  created.to_status = std::string(status_code(t.status));
  created.new_value = t.category;
  created.reason_code = t.filer_id != t.reporter_id ? "filed_on_behalf" : "filed";
  created.reason_params = {
      {"confidence", std::to_string(choice.confidence).substr(0, 4)},
      {"source", d.wording.render("location_source." + std::string(location_source_code(t.location_source)))},
      {"reporter", t.reporter_name.empty() ? t.reporter_id : t.reporter_name}};
  created.source_event_id = draft.source_event_id;
  tickets.add_event(created);

  std::string text = ticket_filed_reply(t, d);
  if (!choice.extra_note.empty()) text += "。" + choice.extra_note;
  OutgoingMessage filed = reply(draft, std::move(text));
  if (!t.assignee_id.empty()) filed.mentions.push_back(t.assignee_id);
  filed.ticket_id = t.id;
  Outbox(db).enqueue(filed, now);
  spdlog::debug("event {}: filed ticket #{} ({}, {}, {})", draft.source_event_id, t.id, t.category, t.village,
                t.grid_id.empty() ? "-" : t.grid_id);
  return t;
}

}  // namespace paike
