#include "storage/ticket_repo.h"

#include <nlohmann/json.hpp>

#include "storage/sql_time.h"

namespace paike {

namespace {

constexpr const char* kTicketColumns =
    "id, status, category, category_confidence, village, grid_id, location_source, landmark, lat, lng, text, "
    "reporter_id, reporter_name, filer_id, assignee_id, platform, group_id, source_event_id, source_message_id, "
    "created_at, due_at, closed_at, merged_into";

std::string text_or_empty(const Column& c) { return c.is_null() ? std::string() : c.text(); }

Ticket read_ticket(Statement& q) {
  Ticket t;
  t.id = q.column(0).int64();
  t.status = parse_status(q.column(1).text()).value_or(TicketStatus::assigned);
  t.category = q.column(2).text();
  t.category_confidence = q.column(3).real();
  t.village = q.column(4).text();
  t.grid_id = text_or_empty(q.column(5));
  t.location_source = parse_location_source(q.column(6).text()).value_or(LocationSource::group);
  t.landmark = text_or_empty(q.column(7));
  if (!q.column(8).is_null() && !q.column(9).is_null()) {
    t.point = GeoPoint{q.column(8).real(), q.column(9).real()};
  }
  t.text = q.column(10).text();
  t.reporter_id = q.column(11).text();
  t.reporter_name = q.column(12).text();
  t.filer_id = q.column(13).text();
  t.assignee_id = q.column(14).text();
  t.platform = q.column(15).text();
  t.group_id = q.column(16).text();
  t.source_event_id = q.column(17).text();
  t.source_message_id = q.column(18).text();
  t.created_at = from_epoch_seconds(q.column(19).int64());
  t.due_at = from_epoch_seconds(q.column(20).int64());
  if (!q.column(21).is_null()) t.closed_at = from_epoch_seconds(q.column(21).int64());
  if (!q.column(22).is_null()) t.merged_into = q.column(22).int64();
  return t;
}

// Binds the ticket's fields (all but id) to parameters 1..22 in kTicketColumns order.
void bind_fields(Statement& q, const Ticket& t) {
  q.bind(1, std::string(status_code(t.status)));
  q.bind(2, t.category);
  q.bind(3, t.category_confidence);
  q.bind(4, t.village);
  if (t.grid_id.empty())
    q.bind(5);
  else
    q.bind(5, t.grid_id);
  q.bind(6, std::string(location_source_code(t.location_source)));
  if (t.landmark.empty())
    q.bind(7);
  else
    q.bind(7, t.landmark);
  if (t.point) {
    q.bind(8, t.point->lat);
    q.bind(9, t.point->lng);
  } else {
    q.bind(8);
    q.bind(9);
  }
  q.bind(10, t.text);
  q.bind(11, t.reporter_id);
  q.bind(12, t.reporter_name);
  q.bind(13, t.filer_id);
  q.bind(14, t.assignee_id);
  q.bind(15, t.platform);
  q.bind(16, t.group_id);
  q.bind(17, t.source_event_id);
  q.bind(18, t.source_message_id);
  q.bind(19, epoch_seconds(t.created_at));
  q.bind(20, epoch_seconds(t.due_at));
  if (t.closed_at)
    q.bind(21, epoch_seconds(*t.closed_at));
  else
    q.bind(21);
  if (t.merged_into)
    q.bind(22, *t.merged_into);
  else
    q.bind(22);
}

}  // namespace

int64_t TicketRepo::create(Ticket& ticket) {
  Statement q(db_,
              "INSERT INTO tickets (status, category, category_confidence, village, grid_id, location_source, "
              "landmark, lat, lng, text, reporter_id, reporter_name, filer_id, assignee_id, platform, group_id, "
              "source_event_id, source_message_id, created_at, due_at, closed_at, merged_into) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  bind_fields(q, ticket);
  q.step();
  ticket.id = q.column(0).int64();
  return ticket.id;
}

void TicketRepo::update(const Ticket& ticket) {
  Statement q(db_,
              "UPDATE tickets SET status=?, category=?, category_confidence=?, village=?, grid_id=?, "
              "location_source=?, landmark=?, lat=?, lng=?, text=?, reporter_id=?, reporter_name=?, filer_id=?, "
              "assignee_id=?, platform=?, group_id=?, source_event_id=?, source_message_id=?, created_at=?, "
              "due_at=?, closed_at=?, merged_into=? WHERE id=?");
  bind_fields(q, ticket);
  q.bind(23, ticket.id);
  q.exec();
}

std::optional<Ticket> TicketRepo::get(int64_t id) {
  Statement q(db_, std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = ?");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return read_ticket(q);
}

std::vector<Ticket> TicketRepo::list(const TicketFilter& f) {
  std::string sql = std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id > ?";
  if (f.status) sql += " AND status = ?";
  if (!f.village.empty()) sql += " AND village = ?";
  if (!f.grid_id.empty()) sql += " AND grid_id = ?";
  if (!f.category.empty()) sql += " AND category = ?";
  if (f.overdue_only) sql += " AND status IN ('assigned', 'rectified') AND due_at < ?";
  sql += " ORDER BY id LIMIT ?";
  Statement q(db_, sql);
  int i = 1;
  q.bind(i++, f.after_id);
  if (f.status) q.bind(i++, std::string(status_code(*f.status)));
  if (!f.village.empty()) q.bind(i++, f.village);
  if (!f.grid_id.empty()) q.bind(i++, f.grid_id);
  if (!f.category.empty()) q.bind(i++, f.category);
  if (f.overdue_only) q.bind(i++, epoch_seconds(f.now));
  q.bind(i++, f.limit);
  std::vector<Ticket> tickets;
  while (q.step()) tickets.push_back(read_ticket(q));
  return tickets;
}

std::optional<Ticket> TicketRepo::latest_by_reporter(const std::string& platform, const std::string& group_id,
                                                     const std::string& reporter_id, TimePoint since) {
  Statement q(db_, std::string("SELECT ") + kTicketColumns +
                       " FROM tickets WHERE platform = ?1 AND group_id = ?2 AND (reporter_id = ?3 OR filer_id = ?3) "
                       "AND created_at >= ? ORDER BY id DESC LIMIT 1");
  q.bind(1, platform);
  q.bind(2, group_id);
  q.bind(3, reporter_id);
  q.bind(4, epoch_seconds(since));
  if (!q.step()) return std::nullopt;
  return read_ticket(q);
}

std::vector<Ticket> TicketRepo::open_by_due(const std::string& village, bool overdue_only, TimePoint now, int limit) {
  std::string sql = std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE status IN ('assigned', 'rectified')";
  if (!village.empty()) sql += " AND village = ?";
  if (overdue_only) sql += " AND due_at < ?";
  sql += " ORDER BY due_at, id LIMIT ?";
  Statement q(db_, sql);
  int i = 1;
  if (!village.empty()) q.bind(i++, village);
  if (overdue_only) q.bind(i++, epoch_seconds(now));
  q.bind(i, limit);
  std::vector<Ticket> tickets;
  while (q.step()) tickets.push_back(read_ticket(q));
  return tickets;
}

std::map<std::string, int64_t> TicketRepo::count_by_status() {
  std::map<std::string, int64_t> out;
  Statement q(db_, "SELECT status, COUNT(*) FROM tickets GROUP BY status");
  while (q.step()) out[q.column(0).text()] = q.column(1).int64();
  return out;
}

int64_t TicketRepo::count_overdue(TimePoint now) {
  Statement q(db_, "SELECT COUNT(*) FROM tickets WHERE status IN ('assigned', 'rectified') AND due_at < ?");
  q.bind(1, epoch_seconds(now));
  q.step();
  return q.column(0).int64();
}

std::vector<Ticket> TicketRepo::open_involving(const std::string& user_id, int limit) {
  Statement q(db_, std::string("SELECT ") + kTicketColumns +
                       " FROM tickets WHERE status IN ('assigned', 'rectified') AND "
                       "(reporter_id = ?1 OR assignee_id = ?1) ORDER BY due_at, id LIMIT ?2");
  q.bind(1, user_id);
  q.bind(2, limit);
  std::vector<Ticket> tickets;
  while (q.step()) tickets.push_back(read_ticket(q));
  return tickets;
}

std::vector<int64_t> TicketRepo::rectified_since_before(TimePoint cutoff, int limit) {
  Statement q(
      db_,
      "SELECT t.id FROM tickets t "
      "JOIN ticket_events e ON e.id = (SELECT MAX(id) FROM ticket_events "
      "                                WHERE ticket_id = t.id AND to_status = 'rectified') "
      "WHERE t.status = 'rectified' AND e.at <= ? "
      "AND NOT (e.field IS NOT DISTINCT FROM ? AND COALESCE(e.new_value LIKE ? || ' %', FALSE)) ORDER BY t.id LIMIT ?");
  q.bind(1, epoch_seconds(cutoff));
  q.bind(2, std::string(kSamePlaceField));
  q.bind(3, std::string(kSamePlaceDifferent));
  q.bind(4, limit);
  std::vector<int64_t> ids;
  while (q.step()) ids.push_back(q.column(0).int64());
  return ids;
}

void TicketRepo::add_photo(const TicketPhoto& p) {
  Statement q(db_,
              "INSERT INTO ticket_photos (ticket_id, sha256, kind, added_at, source_event_id) "
              "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  q.bind(1, p.ticket_id);
  q.bind(2, p.sha256);
  q.bind(3, p.kind);
  q.bind(4, epoch_seconds(p.added_at));
  q.bind(5, p.source_event_id);
  q.exec();
}

std::vector<TicketPhoto> TicketRepo::photos(int64_t ticket_id) {
  Statement q(db_,
              "SELECT tp.id, tp.ticket_id, tp.kind, tp.sha256, p.width, p.height, tp.added_at, "
              "tp.source_event_id FROM ticket_photos tp JOIN photos p ON p.sha256 = tp.sha256 "
              "WHERE tp.ticket_id = ? ORDER BY tp.id");
  q.bind(1, ticket_id);
  std::vector<TicketPhoto> photos;
  while (q.step()) {
    TicketPhoto p;
    p.id = q.column(0).int64();
    p.ticket_id = q.column(1).int64();
    p.kind = q.column(2).text();
    p.sha256 = q.column(3).text();
    p.width = q.column(4).int32();
    p.height = q.column(5).int32();
    p.added_at = from_epoch_seconds(q.column(6).int64());
    p.source_event_id = q.column(7).text();
    photos.push_back(std::move(p));
  }
  return photos;
}

int64_t TicketRepo::add_event(const AuditEvent& e) {
  Statement q(db_,
              "INSERT INTO ticket_events (ticket_id, at, actor_id, action, from_status, to_status, field, "
              "old_value, new_value, reason, source_event_id, reason_code, reason_params) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  q.bind(1, e.ticket_id);
  q.bind(2, epoch_seconds(e.at));
  q.bind(3, e.actor_id);
  q.bind(4, e.action);
  auto bind_text = [&](int index, const std::string& value) {
    if (value.empty())
      q.bind(index);
    else
      q.bind(index, value);
  };
  bind_text(5, e.from_status);
  bind_text(6, e.to_status);
  bind_text(7, e.field);
  bind_text(8, e.old_value);
  bind_text(9, e.new_value);
  bind_text(10, e.reason);
  bind_text(11, e.source_event_id);
  bind_text(12, e.reason_code);
  if (e.reason_params.empty()) {
    q.bind(13);
  } else {
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [name, value] : e.reason_params) params[name] = value;
    q.bind(13, params.dump());
  }
  q.step();
  return q.column(0).int64();
}

namespace {

constexpr const char* kEventColumns =
    "SELECT id, ticket_id, at, actor_id, action, from_status, to_status, field, old_value, new_value, reason, "
    "source_event_id, reason_code, reason_params FROM ticket_events ";

std::vector<AuditEvent> read_events(Statement& q) {
  std::vector<AuditEvent> events;
  while (q.step()) {
    AuditEvent e;
    e.id = q.column(0).int64();
    e.ticket_id = q.column(1).int64();
    e.at = from_epoch_seconds(q.column(2).int64());
    e.actor_id = q.column(3).text();
    e.action = q.column(4).text();
    e.from_status = text_or_empty(q.column(5));
    e.to_status = text_or_empty(q.column(6));
    e.field = text_or_empty(q.column(7));
    e.old_value = text_or_empty(q.column(8));
    e.new_value = text_or_empty(q.column(9));
    e.reason = text_or_empty(q.column(10));
    e.source_event_id = text_or_empty(q.column(11));
    e.reason_code = text_or_empty(q.column(12));
    // Written by add_event above; a damaged value loses the parameters, not the row.
    const auto params = nlohmann::json::parse(text_or_empty(q.column(13)), nullptr, false);
    if (params.is_object()) {
      for (const auto& [name, value] : params.items()) {
        if (value.is_string()) e.reason_params.emplace_back(name, value.get<std::string>());
      }
    }
    events.push_back(std::move(e));
  }
  return events;
}

}  // namespace

std::vector<AuditEvent> TicketRepo::events(int64_t ticket_id) {
  Statement q(db_, std::string(kEventColumns) + "WHERE ticket_id = ? ORDER BY id");
  q.bind(1, ticket_id);
  return read_events(q);
}

int64_t TicketRepo::last_event_id() { return db_.query_int64("SELECT COALESCE(MAX(id), 0) FROM ticket_events"); }

std::vector<AuditEvent> TicketRepo::events_after(int64_t event_id) {
  Statement q(db_, std::string(kEventColumns) + "WHERE id > ? ORDER BY id");
  q.bind(1, event_id);
  return read_events(q);
}

std::vector<AuditEvent> TicketRepo::closes_and_relapses_after(int64_t event_id, int limit) {
  Statement q(db_, std::string(kEventColumns) +
                       "WHERE id > ? AND (to_status = 'closed' OR action = 'relapse') ORDER BY id LIMIT ?");
  q.bind(1, event_id);
  q.bind(2, limit);
  return read_events(q);
}

}  // namespace paike
