#include "chaos/chaos_checks.h"

#include <fstream>
#include <map>

namespace paike::chaos {

namespace fs = std::filesystem;

Counts counts(Database& db) {
  Counts c;
  c.inbox_pending = db.query_int64("SELECT COUNT(*) FROM inbox WHERE state = 'pending'");
  c.drafts = db.query_int64("SELECT COUNT(*) FROM pending_reports");
  c.outbox_pending = db.query_int64("SELECT COUNT(*) FROM outbox WHERE state = 'pending'");
  return c;
}

namespace {

// Outbox id → how many times a sender logged it sent.
std::map<int64_t, long long> logged_deliveries(const std::vector<fs::path>& logs) {
  std::map<int64_t, long long> sent;
  for (const auto& log : logs) {
    std::ifstream in(log);
    for (std::string line; std::getline(in, line);) {
      const size_t at = line.find("] outbox ");
      if (at == std::string::npos) continue;
      const size_t digits = at + 9, colon = line.find(": sent to ", digits);
      if (colon == std::string::npos || colon == digits) continue;
      const std::string id = line.substr(digits, colon - digits);
      if (id.find_first_not_of("0123456789") != std::string::npos) continue;
      ++sent[std::stoll(id)];
    }
  }
  return sent;
}

}  // namespace

Findings check(Database& db, const fs::path& photo_dir, const std::set<std::string>& acked,
               const std::vector<fs::path>& logs) {
  Findings f;
  f.integrity = db.backend() == Backend::sqlite ? db.query_text("PRAGMA integrity_check") : "ok";

  std::map<std::string, std::string> inbox;
  Statement rows(db, "SELECT event_id, state FROM inbox WHERE platform = 'sim'");
  while (rows.step()) inbox[rows.column(0).text()] = rows.column(1).text();
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
    Statement q(db, sql);
    while (q.step()) {
      counter += q.column(0).int64() - 1;
      f.note(what + ": " + q.column(1).text());
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
  f.unsent_messages = db.query_int64("SELECT COUNT(*) FROM outbox WHERE state <> 'sent'");
  f.tickets_without_message = db.query_int64(
      "SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS "
      "(SELECT 1 FROM outbox o WHERE o.ticket_id = t.id)");

  // Deliveries: each sent row handed to the platform once.
  const auto delivered = logged_deliveries(logs);
  for (const auto& [id, times] : delivered) {
    f.deliveries += times;
    if (times > 1) {
      f.duplicate_deliveries += times - 1;
      f.note("outbox " + std::to_string(id) + " sent " + std::to_string(times) + " times");
    }
  }
  Statement sent(db, "SELECT id FROM outbox WHERE state = 'sent'");
  while (sent.step()) {
    if (!delivered.count(sent.column(0).int64())) ++f.sent_unlogged;
  }

  // The digest: one message (the one with its chart) per day marked sent, none twice.
  f.digests = db.query_int64("SELECT COUNT(*) FROM schedule_marks WHERE name LIKE 'digest:%'");
  const long long digest_rows = db.query_int64("SELECT COUNT(*) FROM outbox WHERE image_format = 'png'");
  if (digest_rows != f.digests) {
    f.duplicate_digests = digest_rows - f.digests;
    f.note(std::to_string(digest_rows) + " digest messages for " + std::to_string(f.digests) + " digest days");
  }
  groups(
      "SELECT COUNT(*), group_id || ': ' || SUBSTR(text, 1, 40) FROM outbox WHERE image_format = 'png' "
      "GROUP BY platform, group_id, text HAVING COUNT(*) > 1",
      f.duplicate_digests, "digest sent twice");
  // Reminders: each step of a ticket's ladder once, in one message, with one audit row.
  f.reminders = db.query_int64("SELECT COUNT(*) FROM reminder_steps WHERE outbox_id IS NOT NULL");
  groups(
      "SELECT COUNT(*), 'ticket #' || ticket_id || ' step ' || step FROM reminder_steps "
      "GROUP BY ticket_id, step, due_at HAVING COUNT(*) > 1",
      f.duplicate_reminders, "reminder step recorded twice");
  groups(
      "SELECT COUNT(*), 'ticket #' || ticket_id || ' step ' || new_value FROM ticket_events "
      "WHERE action = 'reminded' GROUP BY ticket_id, new_value HAVING COUNT(*) > 1",
      f.duplicate_reminders, "reminded twice of one step");
  const long long reminded = db.query_int64("SELECT COUNT(*) FROM ticket_events WHERE action = 'reminded'");
  if (reminded != f.reminders) {
    f.note(std::to_string(reminded) + " 'reminded' audit rows for " + std::to_string(f.reminders) + " reminder steps");
    if (reminded > f.reminders) f.duplicate_reminders += reminded - f.reminders;
  }

  // Audit trail: starts with "created", every state change starts where the last one ended,
  // and the trail ends in the ticket's status.
  Statement trail(db,
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
  while (trail.step()) {
    const int64_t id = trail.column(0).int64();
    if (id != current) {
      finish();
      current = id;
      ticket_status = trail.column(1).text();
      status.clear();
      ok = true;
      first = true;
    }
    const std::string action = trail.column(2).text();
    if (first && action != "created") ok = false;
    first = false;
    if (!trail.column(4).is_null()) {
      if (!trail.column(3).is_null() && trail.column(3).text() != status) ok = false;
      status = trail.column(4).text();
    }
  }
  finish();

  Statement photos(db, "SELECT DISTINCT sha256 FROM ticket_photos");
  while (photos.step()) {
    const std::string sha = photos.column(0).text();
    if (!fs::exists(photo_dir / "originals" / sha.substr(0, 2) / sha)) {
      ++f.missing_photos;
      f.note("photo " + sha + " is in the database but not on disk");
    }
  }
  return f;
}

}  // namespace paike::chaos
