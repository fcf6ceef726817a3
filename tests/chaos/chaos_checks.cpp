#include "chaos/chaos_checks.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>

namespace paike::chaos {

namespace fs = std::filesystem;

Counts counts(const fs::path& db_file) {
  SQLite::Database db(db_file.string(), SQLite::OPEN_READONLY);
  db.setBusyTimeout(5000);
  Counts c;
  c.inbox_pending = db.execAndGet("SELECT COUNT(*) FROM inbox WHERE state = 'pending'").getInt64();
  c.drafts = db.execAndGet("SELECT COUNT(*) FROM pending_reports").getInt64();
  c.outbox_pending = db.execAndGet("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").getInt64();
  return c;
}

long long scalar(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt64(); }

Findings check(const fs::path& data, const std::set<std::string>& acked) {
  Findings f;
  SQLite::Database db((data / "paike.db").string(), SQLite::OPEN_READONLY);
  f.integrity = db.execAndGet("PRAGMA integrity_check").getString();

  std::map<std::string, std::string> inbox;
  SQLite::Statement rows(db, "SELECT event_id, state FROM inbox WHERE platform = 'sim'");
  while (rows.executeStep()) inbox[rows.getColumn(0).getString()] = rows.getColumn(1).getString();
  for (const auto& id : acked) {
    auto it = inbox.find(id);
    if (it == inbox.end()) {
      ++f.lost;
      f.note("acknowledged event " + id + " is not in the inbox");
    } else if (it->second != "done") {
      ++f.not_done;
      f.note("event " + id + " is " + it->second);
    }
  }
  for (const auto& [id, state] : inbox) {
    if (!acked.count(id)) ++f.unacked_stored;  // stored just before a kill: fine, the sender retried
  }
  auto groups = [&](const std::string& sql, long long& counter, const std::string& what) {
    SQLite::Statement q(db, sql);
    while (q.executeStep()) {
      counter += q.getColumn(0).getInt64() - 1;
      f.note(what + ": " + q.getColumn(1).getString());
    }
  };
  groups(
      "SELECT COUNT(*), source_event_id FROM ticket_events WHERE action = 'created' "
      "GROUP BY source_event_id HAVING COUNT(*) > 1",
      f.duplicate_tickets, "two tickets from one event");
  groups(
      "SELECT COUNT(*), source_event_id || ' ' || action || ' #' || ticket_id FROM ticket_events "
      "WHERE COALESCE(source_event_id, '') <> '' AND action NOT IN ('reminded', 'followup_asked') "
      "GROUP BY source_event_id, ticket_id, action HAVING COUNT(*) > 1",
      f.duplicate_changes, "one event applied twice");
  groups(
      "SELECT COUNT(*), group_id || ' re ' || reply_to || ': ' || text FROM outbox WHERE reply_to IS NOT NULL "
      "GROUP BY platform, group_id, reply_to, text, COALESCE(ticket_id, 0) HAVING COUNT(*) > 1",
      f.duplicate_messages, "message sent twice");
  f.unsent_messages = scalar(db, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'");
  f.tickets_without_message = scalar(db,
                                     "SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS "
                                     "(SELECT 1 FROM outbox o WHERE o.ticket_id = t.id)");

  // Audit trail: starts with "created", every state change starts where the last one ended,
  // and the trail ends in the ticket's status.
  SQLite::Statement trail(db,
                          "SELECT t.id, t.status, e.action, e.from_status, e.to_status FROM tickets t "
                          "LEFT JOIN ticket_events e ON e.ticket_id = t.id ORDER BY t.id, e.id");
  int64_t current = -1;
  std::string status, ticket_status;
  bool ok = true, first = true;
  auto finish = [&] {
    if (current < 0) return;
    if (!ok || status != ticket_status) {
      ++f.bad_trails;
      f.note("ticket #" + std::to_string(current) + " audit trail ends in '" + status + "', ticket is '" +
             ticket_status + "'");
    }
  };
  while (trail.executeStep()) {
    const int64_t id = trail.getColumn(0).getInt64();
    if (id != current) {
      finish();
      current = id;
      ticket_status = trail.getColumn(1).getString();
      status.clear();
      ok = true;
      first = true;
    }
    const std::string action = trail.getColumn(2).isNull() ? "" : trail.getColumn(2).getString();
    if (first && action != "created") ok = false;
    first = false;
    if (!trail.getColumn(4).isNull()) {
      if (!trail.getColumn(3).isNull() && trail.getColumn(3).getString() != status) ok = false;
      status = trail.getColumn(4).getString();
    }
  }
  finish();

  SQLite::Statement photos(db, "SELECT DISTINCT sha256 FROM ticket_photos");
  while (photos.executeStep()) {
    const std::string sha = photos.getColumn(0).getString();
    if (!fs::exists(data / "photos" / "originals" / sha.substr(0, 2) / sha)) {
      ++f.missing_photos;
      f.note("photo " + sha + " is in the database but not on disk");
    }
  }
  return f;
}

}  // namespace paike::chaos
