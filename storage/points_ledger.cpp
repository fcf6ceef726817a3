#include "storage/points_ledger.h"

#include "storage/sql_time.h"

namespace paike {

bool PointsLedger::add(const PointsEntry& e) {
  SQLite::Statement q(
      db_.sql(), "INSERT OR IGNORE INTO points (user_id, amount, reason, ticket_id, at, source) VALUES (?,?,?,?,?,?)");
  q.bind(1, e.user_id);
  q.bind(2, e.amount);
  q.bind(3, e.reason);
  if (e.ticket_id)
    q.bind(4, *e.ticket_id);
  else
    q.bind(4);
  q.bind(5, epoch_seconds(e.at));
  q.bind(6, e.source);
  return q.exec() == 1;
}

int64_t PointsLedger::balance(const std::string& user_id) {
  SQLite::Statement q(db_.sql(), "SELECT COALESCE(SUM(amount), 0) FROM points WHERE user_id = ?");
  q.bind(1, user_id);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::vector<PointsEntry> PointsLedger::recent(const std::string& user_id, int limit) {
  SQLite::Statement q(db_.sql(),
                      "SELECT id, user_id, amount, reason, ticket_id, at, source FROM points WHERE user_id = ? "
                      "ORDER BY at DESC, id DESC LIMIT ?");
  q.bind(1, user_id);
  q.bind(2, limit);
  std::vector<PointsEntry> out;
  while (q.executeStep()) {
    PointsEntry e;
    e.id = q.getColumn(0).getInt64();
    e.user_id = q.getColumn(1).getString();
    e.amount = q.getColumn(2).getInt();
    e.reason = q.getColumn(3).getString();
    if (!q.getColumn(4).isNull()) e.ticket_id = q.getColumn(4).getInt64();
    e.at = from_epoch_seconds(q.getColumn(5).getInt64());
    e.source = q.getColumn(6).getString();
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<PointsTotal> PointsLedger::top(const std::string& reason, TimePoint from, TimePoint to, int limit) {
  SQLite::Statement q(db_.sql(),
                      "SELECT user_id, SUM(amount) AS total FROM points WHERE reason = ? AND at >= ? AND at < ? "
                      "GROUP BY user_id ORDER BY total DESC, user_id LIMIT ?");
  q.bind(1, reason);
  q.bind(2, epoch_seconds(from));
  q.bind(3, epoch_seconds(to));
  q.bind(4, limit);
  std::vector<PointsTotal> out;
  while (q.executeStep()) out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64()});
  return out;
}

}  // namespace paike
