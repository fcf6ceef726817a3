#include "bot/ticket_json.h"
#include "handlers/ticket_words.h"

namespace paike {

using nlohmann::json;

namespace {

json optional_text(const std::string& value) { return value.empty() ? json(nullptr) : json(value); }

std::string roster_name(const Deployment& d, const std::string& user_id) {
  const Person* p = d.find_person(user_id);
  return p ? p->name : std::string();
}

}  // namespace

json ticket_json(const Ticket& t, const std::vector<TicketPhoto>& photos, const Deployment& d, TimePoint now) {
  const auto& zone = d.time_zone;
  const Category* category = d.find_category(t.category);
  json photo_list = json::array();
  for (const auto& p : photos) {
    photo_list.push_back({{"kind", p.kind},
                          {"url", "/photos/" + p.sha256 + ".jpg"},
                          {"thumbnail_url", "/photos/" + p.sha256 + ".thumb.jpg"},
                          {"sha256", p.sha256}});
  }
  std::string reporter_name = t.reporter_name.empty() ? roster_name(d, t.reporter_id) : t.reporter_name;
  return {
      {"id", t.id},
      {"status", status_code(t.status)},
      {"status_name", status_name(d, t.status)},
      {"category", t.category},
      {"category_name", category ? category->name : t.category},
      {"village", t.village},
      {"grid_id", optional_text(t.grid_id)},
      {"location_source", location_source_code(t.location_source)},
      {"landmark", optional_text(t.landmark)},
      {"lat", t.point ? json(t.point->lat) : json(nullptr)},
      {"lng", t.point ? json(t.point->lng) : json(nullptr)},
      {"text", t.text},
      {"reporter", t.reporter_id},
      {"reporter_name", reporter_name},
      {"filer", t.filer_id.empty() || t.filer_id == t.reporter_id ? json(nullptr) : json(t.filer_id)},  // 代报
      {"assignee", optional_text(t.assignee_id)},
      {"assignee_name", optional_text(person_name(d, t.assignee_id))},
      {"group_id", t.group_id},
      {"created_at", format_iso8601(t.created_at, zone)},
      {"due_at", format_iso8601(t.due_at, zone)},
      {"closed_at", t.closed_at ? json(format_iso8601(*t.closed_at, zone)) : json(nullptr)},
      {"overdue", is_overdue(t, now)},
      {"merged_into", t.merged_into ? json(*t.merged_into) : json(nullptr)},
      {"photos", photo_list},
  };
}

json audit_event_json(const AuditEvent& e, const Deployment& d) {
  return {
      {"id", e.id},
      {"at", format_iso8601(e.at, d.time_zone)},
      {"actor", e.actor_id},
      {"actor_name", optional_text(roster_name(d, e.actor_id))},
      {"action", e.action},
      {"from", optional_text(e.from_status)},
      {"to", optional_text(e.to_status)},
      {"field", optional_text(e.field)},
      {"old_value", optional_text(e.old_value)},
      {"new_value", optional_text(e.new_value)},
      // What a person reads; the code and its parameters for programs.
      {"reason", optional_text(audit_reason(d, e))},
      {"reason_code", optional_text(e.reason_code)},
      {"reason_params",
       [&] {
         json params = json::object();
         for (const auto& [name, value] : e.reason_params) params[name] = value;
         return params;
       }()},
      {"source_event_id", optional_text(e.source_event_id)},
  };
}

}  // namespace paike
