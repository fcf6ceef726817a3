#include "storage/ticket_repo.h"

#include <nlohmann/json.hpp>

#include "storage/sql_time.h"

namespace paike {

namespace {

constexpr const char* kTicketColumns =
    "id, status, category, category_confidence, village, grid_id, location_source, landmark, lat, lng, text, "
    "reporter_id, reporter_name, filer_id, assignee_id, platform, group_id, source_event_id, source_message_id, "
    "created_at, due_at, closed_at, merged_into";

std::string text_or_empty(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }

Ticket read_ticket(SQLite::Statement& q) {
  Ticket t;
  t.id = q.getColumn(0).getInt64();
  t.status = parse_status(q.getColumn(1).getString()).value_or(TicketStatus::assigned);
  t.category = q.getColumn(2).getString();
  t.category_confidence = q.getColumn(3).getDouble();
  t.village = q.getColumn(4).getString();
  t.grid_id = text_or_empty(q.getColumn(5));
  t.location_source = parse_location_source(q.getColumn(6).getString()).value_or(LocationSource::group);
  t.landmark = text_or_empty(q.getColumn(7));
  if (!q.getColumn(8).isNull() && !q.getColumn(9).isNull()) {
    t.point = GeoPoint{q.getColumn(8).getDouble(), q.getColumn(9).getDouble()};
  }
  t.text = q.getColumn(10).getString();
  t.reporter_id = q.getColumn(11).getString();
  t.reporter_name = q.getColumn(12).getString();
  t.filer_id = q.getColumn(13).getString();
  t.assignee_id = q.getColumn(14).getString();
  t.platform = q.getColumn(15).getString();
  t.group_id = q.getColumn(16).getString();
  t.source_event_id = q.getColumn(17).getString();
  t.source_message_id = q.getColumn(18).getString();
  t.created_at = from_epoch_seconds(q.getColumn(19).getInt64());
  t.due_at = from_epoch_seconds(q.getColumn(20).getInt64());
  if (!q.getColumn(21).isNull()) t.closed_at = from_epoch_seconds(q.getColumn(21).getInt64());
  if (!q.getColumn(22).isNull()) t.merged_into = q.getColumn(22).getInt64();
  return t;
}

// Binds the ticket's fields (all but id) to parameters 1..22 in kTicketColumns order.
void bind_fields(SQLite::Statement& q, const Ticket& t) {
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
  SQLite::Statement q(
      db_.sql(),
      "INSERT INTO tickets (status, category, category_confidence, village, grid_id, location_source, "
      "landmark, lat, lng, text, reporter_id, reporter_name, filer_id, assignee_id, platform, group_id, "
      "source_event_id, source_message_id, created_at, due_at, closed_at, merged_into) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  bind_fields(q, ticket);
  q.exec();
  ticket.id = db_.sql().getLastInsertRowid();
  return ticket.id;
}

void TicketRepo::update(const Ticket& ticket) {
  SQLite::Statement q(
      db_.sql(),
      "UPDATE tickets SET status=?, category=?, category_confidence=?, village=?, grid_id=?, "
      "location_source=?, landmark=?, lat=?, lng=?, text=?, reporter_id=?, reporter_name=?, filer_id=?, "
      "assignee_id=?, platform=?, group_id=?, source_event_id=?, source_message_id=?, created_at=?, "
      "due_at=?, closed_at=?, merged_into=? WHERE id=?");
  bind_fields(q, ticket);
  q.bind(23, ticket.id);
  q.exec();
}

std::optional<Ticket> TicketRepo::get(int64_t id) {
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
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
  SQLite::Statement q(db_.sql(), sql);
  int i = 1;
  q.bind(i++, f.after_id);
  if (f.status) q.bind(i++, std::string(status_code(*f.status)));
  if (!f.village.empty()) q.bind(i++, f.village);
  if (!f.grid_id.empty()) q.bind(i++, f.grid_id);
  if (!f.category.empty()) q.bind(i++, f.category);
  if (f.overdue_only) q.bind(i++, epoch_seconds(f.now));
  q.bind(i++, f.limit);
  std::vector<Ticket> tickets;
  while (q.executeStep()) tickets.push_back(read_ticket(q));
  return tickets;
}

std::optional<Ticket> TicketRepo::latest_by_reporter(const std::string& platform, const std::string& group_id,
                                                     const std::string& reporter_id, TimePoint since) {
  SQLite::Statement q(db_.sql(),
                      std::string("SELECT ") + kTicketColumns +
                          " FROM tickets WHERE platform = ?1 AND group_id = ?2 AND (reporter_id = ?3 OR filer_id = ?3) "
                          "AND created_at >= ? ORDER BY id DESC LIMIT 1");
  q.bind(1, platform);
  q.bind(2, group_id);
  q.bind(3, reporter_id);
  q.bind(4, epoch_seconds(since));
  if (!q.executeStep()) return std::nullopt;
  return read_ticket(q);
}

std::vector<Ticket> TicketRepo::open_by_due(const std::string& village, bool overdue_only, TimePoint now, int limit) {
  std::string sql = std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE status IN ('assigned', 'rectified')";
  if (!village.empty()) sql += " AND village = ?";
  if (overdue_only) sql += " AND due_at < ?";
  sql += " ORDER BY due_at, id LIMIT ?";
  SQLite::Statement q(db_.sql(), sql);
  int i = 1;
  if (!village.empty()) q.bind(i++, village);
  if (overdue_only) q.bind(i++, epoch_seconds(now));
  q.bind(i, limit);
  std::vector<Ticket> tickets;
  while (q.executeStep()) tickets.push_back(read_ticket(q));
  return tickets;
}

std::map<std::string, int64_t> TicketRepo::count_by_status() {
  std::map<std::string, int64_t> out;
  SQLite::Statement q(db_.sql(), "SELECT status, COUNT(*) FROM tickets GROUP BY status");
  while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getInt64();
  return out;
}

int64_t TicketRepo::count_overdue(TimePoint now) {
  SQLite::Statement q(db_.sql(),
                      "SELECT COUNT(*) FROM tickets WHERE status IN ('assigned', 'rectified') AND due_at < ?");
  q.bind(1, epoch_seconds(now));
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::vector<Ticket> TicketRepo::open_involving(const std::string& user_id, int limit) {
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kTicketColumns +
                                     " FROM tickets WHERE status IN ('assigned', 'rectified') AND "
                                     "(reporter_id = ?1 OR assignee_id = ?1) ORDER BY due_at, id LIMIT ?2");
  q.bind(1, user_id);
  q.bind(2, limit);
  std::vector<Ticket> tickets;
  while (q.executeStep()) tickets.push_back(read_ticket(q));
  return tickets;
}

std::vector<int64_t> TicketRepo::rectified_since_before(TimePoint cutoff, int limit) {
  SQLite::Statement q(db_.sql(),
                      "SELECT t.id FROM tickets t "
                      "JOIN ticket_events e ON e.id = (SELECT MAX(id) FROM ticket_events "
                      "                                WHERE ticket_id = t.id AND to_status = 'rectified') "
                      "WHERE t.status = 'rectified' AND e.at <= ? "
                      "AND NOT (e.field IS ? AND COALESCE(e.new_value LIKE ? || ' %', 0)) ORDER BY t.id LIMIT ?");
  q.bind(1, epoch_seconds(cutoff));
  q.bind(2, std::string(kSamePlaceField));
  q.bind(3, std::string(kSamePlaceDifferent));
  q.bind(4, limit);
  std::vector<int64_t> ids;
  while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
  return ids;
}

void TicketRepo::add_photo(const TicketPhoto& p) {
  SQLite::Statement q(db_.sql(),
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
  SQLite::Statement q(db_.sql(),
                      "SELECT tp.id, tp.ticket_id, tp.kind, tp.sha256, p.width, p.height, tp.added_at, "
                      "tp.source_event_id FROM ticket_photos tp JOIN photos p ON p.sha256 = tp.sha256 "
                      "WHERE tp.ticket_id = ? ORDER BY tp.id");
  q.bind(1, ticket_id);
  std::vector<TicketPhoto> photos;
  while (q.executeStep()) {
    TicketPhoto p;
    p.id = q.getColumn(0).getInt64();
    p.ticket_id = q.getColumn(1).getInt64();
    p.kind = q.getColumn(2).getString();
    p.sha256 = q.getColumn(3).getString();
    p.width = q.getColumn(4).getInt();
    p.height = q.getColumn(5).getInt();
    p.added_at = from_epoch_seconds(q.getColumn(6).getInt64());
    p.source_event_id = q.getColumn(7).getString();
    photos.push_back(std::move(p));
  }
  return photos;
}

int64_t TicketRepo::add_event(const AuditEvent& e) {
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO ticket_events (ticket_id, at, actor_id, action, from_status, to_status, field, "
                      "old_value, new_value, reason, source_event_id, reason_code, reason_params) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
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
  q.exec();
  return db_.sql().getLastInsertRowid();
}

namespace {

constexpr const char* kEventColumns =
    "SELECT id, ticket_id, at, actor_id, action, from_status, to_status, field, old_value, new_value, reason, "
    "source_event_id, reason_code, reason_params FROM ticket_events ";

std::vector<AuditEvent> read_events(SQLite::Statement& q) {
  std::vector<AuditEvent> events;
  while (q.executeStep()) {
    AuditEvent e;
    e.id = q.getColumn(0).getInt64();
    e.ticket_id = q.getColumn(1).getInt64();
    e.at = from_epoch_seconds(q.getColumn(2).getInt64());
    e.actor_id = q.getColumn(3).getString();
    e.action = q.getColumn(4).getString();
    e.from_status = text_or_empty(q.getColumn(5));
    e.to_status = text_or_empty(q.getColumn(6));
    e.field = text_or_empty(q.getColumn(7));
    e.old_value = text_or_empty(q.getColumn(8));
    e.new_value = text_or_empty(q.getColumn(9));
    e.reason = text_or_empty(q.getColumn(10));
    e.source_event_id = text_or_empty(q.getColumn(11));
    e.reason_code = text_or_empty(q.getColumn(12));
    // Written by add_event above; a damaged value loses the parameters, not the row.
    const auto params = nlohmann::json::parse(text_or_empty(q.getColumn(13)), nullptr, false);
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
  SQLite::Statement q(db_.sql(), std::string(kEventColumns) + "WHERE ticket_id = ? ORDER BY id");
  q.bind(1, ticket_id);
  return read_events(q);
}

int64_t TicketRepo::last_event_id() {
  return db_.sql().execAndGet("SELECT COALESCE(MAX(id), 0) FROM ticket_events").getInt64();
}

std::vector<AuditEvent> TicketRepo::events_after(int64_t event_id) {
  SQLite::Statement q(db_.sql(), std::string(kEventColumns) + "WHERE id > ? ORDER BY id");
  q.bind(1, event_id);
  return read_events(q);
}

std::vector<AuditEvent> TicketRepo::closes_and_relapses_after(int64_t event_id, int limit) {
  SQLite::Statement q(
      db_.sql(),
      std::string(kEventColumns) + "WHERE id > ? AND (to_status = 'closed' OR action = 'relapse') ORDER BY id LIMIT ?");
  q.bind(1, event_id);
  q.bind(2, limit);
  return read_events(q);
}

}  // namespace paike
