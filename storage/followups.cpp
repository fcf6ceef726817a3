#include "storage/followups.h"

#include "storage/sql_time.h"

namespace paike {

bool Followups::record_ask(const Followup& f) {
  SQLite::Statement q(db_.sql(),
                      "INSERT OR IGNORE INTO followups (ticket_id, closed_at, asked_at, outbox_id) VALUES (?,?,?,?)");
  q.bind(1, f.ticket_id);
  q.bind(2, epoch_seconds(f.closed_at));
  q.bind(3, epoch_seconds(f.asked_at));
  if (f.outbox_id)
    q.bind(4, *f.outbox_id);
  else
    q.bind(4);
  return q.exec() == 1;
}

std::optional<Followup> Followups::latest(int64_t ticket_id) {
  SQLite::Statement q(db_.sql(),
                      "SELECT id, ticket_id, closed_at, asked_at, outbox_id, answered_at, answered_by, outcome, "
                      "relapse_ticket_id FROM followups WHERE ticket_id = ? ORDER BY id DESC LIMIT 1");
  q.bind(1, ticket_id);
  if (!q.executeStep()) return std::nullopt;
  Followup f;
  f.id = q.getColumn(0).getInt64();
  f.ticket_id = q.getColumn(1).getInt64();
  f.closed_at = from_epoch_seconds(q.getColumn(2).getInt64());
  f.asked_at = from_epoch_seconds(q.getColumn(3).getInt64());
  if (!q.getColumn(4).isNull()) f.outbox_id = q.getColumn(4).getInt64();
  if (!q.getColumn(5).isNull()) f.answered_at = from_epoch_seconds(q.getColumn(5).getInt64());
  if (!q.getColumn(6).isNull()) f.answered_by = q.getColumn(6).getString();
  if (!q.getColumn(7).isNull()) f.outcome = q.getColumn(7).getString();
  if (!q.getColumn(8).isNull()) f.relapse_ticket_id = q.getColumn(8).getInt64();
  return f;
}

void Followups::record_answer(int64_t id, TimePoint t, const std::string& by, const std::string& outcome,
                              std::optional<int64_t> relapse_ticket_id) {
  SQLite::Statement q(db_.sql(),
                      "UPDATE followups SET answered_at = ?, answered_by = ?, outcome = ?, relapse_ticket_id = ? "
                      "WHERE id = ?");
  q.bind(1, epoch_seconds(t));
  q.bind(2, by);
  q.bind(3, outcome);
  if (relapse_ticket_id)
    q.bind(4, *relapse_ticket_id);
  else
    q.bind(4);
  q.bind(5, id);
  q.exec();
}

std::vector<std::pair<int64_t, TimePoint>> Followups::due(TimePoint since, TimePoint now, Duration after, int limit) {
  SQLite::Statement q(db_.sql(),
                      "SELECT t.id, t.closed_at FROM tickets t WHERE t.closed_at >= ? AND t.closed_at <= ? "
                      "AND t.status = 'closed' AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.ticket_id = t.id "
                      "AND f.closed_at = t.closed_at) ORDER BY t.closed_at, t.id LIMIT ?");
  q.bind(1, epoch_seconds(since));
  q.bind(2, epoch_seconds(now - after));
  q.bind(3, limit);
  std::vector<std::pair<int64_t, TimePoint>> due;
  while (q.executeStep()) due.emplace_back(q.getColumn(0).getInt64(), from_epoch_seconds(q.getColumn(1).getInt64()));
  return due;
}

std::vector<int64_t> Followups::awaiting_reply(TimePoint from, TimePoint to, Duration after) {
  SQLite::Statement q(
      db_.sql(),
      "SELECT ticket_id FROM followups WHERE asked_at < ?2 AND (answered_at IS NULL OR answered_at >= ?2)"
      " UNION"
      " SELECT t.id FROM tickets t WHERE t.closed_at >= ?3 AND t.closed_at < ?4 AND +t.status = 'closed'"
      "  AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.ticket_id = t.id AND f.closed_at = t.closed_at)"
      " ORDER BY 1");
  q.bind(2, epoch_seconds(to));
  q.bind(3, epoch_seconds(from - after));
  q.bind(4, epoch_seconds(to - after));
  std::vector<int64_t> ids;
  while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
  return ids;
}

}  // namespace paike
