#include "storage/followups.h"

#include "storage/sql_time.h"

namespace paike {

bool Followups::record_ask(const Followup& f) {
  Statement q(
      db_, "INSERT INTO followups (ticket_id, closed_at, asked_at, outbox_id) VALUES (?,?,?,?) ON CONFLICT DO NOTHING");
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
  Statement q(db_,
              "SELECT id, ticket_id, closed_at, asked_at, outbox_id, answered_at, answered_by, outcome, "
              "relapse_ticket_id FROM followups WHERE ticket_id = ? ORDER BY id DESC LIMIT 1");
  q.bind(1, ticket_id);
  if (!q.step()) return std::nullopt;
  Followup f;
  f.id = q.column(0).int64();
  f.ticket_id = q.column(1).int64();
  f.closed_at = from_epoch_seconds(q.column(2).int64());
  f.asked_at = from_epoch_seconds(q.column(3).int64());
  if (!q.column(4).is_null()) f.outbox_id = q.column(4).int64();
  if (!q.column(5).is_null()) f.answered_at = from_epoch_seconds(q.column(5).int64());
  if (!q.column(6).is_null()) f.answered_by = q.column(6).text();
  if (!q.column(7).is_null()) f.outcome = q.column(7).text();
  if (!q.column(8).is_null()) f.relapse_ticket_id = q.column(8).int64();
  return f;
}

void Followups::record_answer(int64_t id, TimePoint t, const std::string& by, const std::string& outcome,
                              std::optional<int64_t> relapse_ticket_id) {
  Statement q(db_,
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
  Statement q(db_,
              "SELECT t.id, t.closed_at FROM tickets t WHERE t.closed_at >= ? AND t.closed_at <= ? "
              "AND t.status = 'closed' AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.ticket_id = t.id "
              "AND f.closed_at = t.closed_at) ORDER BY t.closed_at, t.id LIMIT ?");
  q.bind(1, epoch_seconds(since));
  q.bind(2, epoch_seconds(now - after));
  q.bind(3, limit);
  std::vector<std::pair<int64_t, TimePoint>> due;
  while (q.step()) due.emplace_back(q.column(0).int64(), from_epoch_seconds(q.column(1).int64()));
  return due;
}

std::vector<int64_t> Followups::awaiting_reply(TimePoint from, TimePoint to, Duration after) {
  Statement q(db_,
              "SELECT ticket_id FROM followups WHERE asked_at < ?1 AND (answered_at IS NULL OR answered_at >= ?1)"
              " UNION"
              " SELECT t.id FROM tickets t WHERE t.closed_at >= ?2 AND t.closed_at < ?3 AND +t.status = 'closed'"
              "  AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.ticket_id = t.id AND f.closed_at = t.closed_at)"
              " ORDER BY 1");
  // Numbered from 1 with none left out: PostgreSQL cannot type a parameter the SQL never uses.
  q.bind(1, epoch_seconds(to));
  q.bind(2, epoch_seconds(from - after));
  q.bind(3, epoch_seconds(to - after));
  std::vector<int64_t> ids;
  while (q.step()) ids.push_back(q.column(0).int64());
  return ids;
}

}  // namespace paike
