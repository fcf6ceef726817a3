#include "storage/points_ledger.h"

#include "storage/sql_time.h"

namespace paike {

bool PointsLedger::add(const PointsEntry& e) {
  Statement q(db_,
              "INSERT INTO points (user_id, amount, reason, ticket_id, at, source) VALUES (?,?,?,?,?,?) ON CONFLICT DO "
              "NOTHING");
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
  Statement q(db_, "SELECT COALESCE(SUM(amount), 0) FROM points WHERE user_id = ?");
  q.bind(1, user_id);
  q.step();
  return q.column(0).int64();
}

std::vector<PointsEntry> PointsLedger::recent(const std::string& user_id, int limit) {
  Statement q(db_,
              "SELECT id, user_id, amount, reason, ticket_id, at, source FROM points WHERE user_id = ? "
              "ORDER BY at DESC, id DESC LIMIT ?");
  q.bind(1, user_id);
  q.bind(2, limit);
  std::vector<PointsEntry> out;
  while (q.step()) {
    PointsEntry e;
    e.id = q.column(0).int64();
    e.user_id = q.column(1).text();
    e.amount = q.column(2).int32();
    e.reason = q.column(3).text();
    if (!q.column(4).is_null()) e.ticket_id = q.column(4).int64();
    e.at = from_epoch_seconds(q.column(5).int64());
    e.source = q.column(6).text();
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<PointsTotal> PointsLedger::top(const std::string& reason, TimePoint from, TimePoint to, int limit) {
  Statement q(db_,
              "SELECT user_id, SUM(amount) AS total FROM points WHERE reason = ? AND at >= ? AND at < ? "
              "GROUP BY user_id ORDER BY total DESC, user_id LIMIT ?");
  q.bind(1, reason);
  q.bind(2, epoch_seconds(from));
  q.bind(3, epoch_seconds(to));
  q.bind(4, limit);
  std::vector<PointsTotal> out;
  while (q.step()) out.push_back({q.column(0).text(), q.column(1).int64()});
  return out;
}

}  // namespace paike
