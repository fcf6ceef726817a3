#include "storage/pending_reports.h"

#include "storage/sql_time.h"

namespace paike {

namespace {

constexpr const char* kPendingColumns = "id, platform, group_id, user_id, opened_at, deadline_at, payload";

PendingReport read_pending_row(SQLite::Statement& q) {
  PendingReport r;
  r.id = q.getColumn(0).getInt64();
  r.platform = q.getColumn(1).getString();
  r.group_id = q.getColumn(2).getString();
  r.user_id = q.getColumn(3).getString();
  r.opened_at = from_epoch_seconds(q.getColumn(4).getInt64());
  r.deadline_at = from_epoch_seconds(q.getColumn(5).getInt64());
  r.payload = q.getColumn(6).getString();
  return r;
}

}  // namespace

int64_t PendingReports::open(const PendingReport& r) {
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO pending_reports (platform, group_id, user_id, opened_at, deadline_at, payload) "
                      "VALUES (?,?,?,?,?,?)");
  q.bind(1, r.platform);
  q.bind(2, r.group_id);
  q.bind(3, r.user_id);
  q.bind(4, epoch_seconds(r.opened_at));
  q.bind(5, epoch_seconds(r.deadline_at));
  q.bind(6, r.payload);
  q.exec();
  return db_.sql().getLastInsertRowid();
}

void PendingReports::update(const PendingReport& r) {
  SQLite::Statement q(db_.sql(), "UPDATE pending_reports SET deadline_at = ?, payload = ? WHERE id = ?");
  q.bind(1, epoch_seconds(r.deadline_at));
  q.bind(2, r.payload);
  q.bind(3, r.id);
  q.exec();
}

void PendingReports::remove(int64_t id) {
  SQLite::Statement q(db_.sql(), "DELETE FROM pending_reports WHERE id = ?");
  q.bind(1, id);
  q.exec();
}

std::optional<PendingReport> PendingReports::find(const std::string& platform, const std::string& group_id,
                                                  const std::string& user_id) {
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kPendingColumns +
                                     " FROM pending_reports WHERE platform = ? AND group_id = ? AND user_id = ? "
                                     "ORDER BY id DESC LIMIT 1");
  q.bind(1, platform);
  q.bind(2, group_id);
  q.bind(3, user_id);
  if (!q.executeStep()) return std::nullopt;
  return read_pending_row(q);
}

std::vector<PendingReport> PendingReports::expired(TimePoint now, int limit) {
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kPendingColumns +
                                     " FROM pending_reports WHERE deadline_at <= ? ORDER BY deadline_at, id LIMIT ?");
  q.bind(1, epoch_seconds(now));
  q.bind(2, limit);
  std::vector<PendingReport> rows;
  while (q.executeStep()) rows.push_back(read_pending_row(q));
  return rows;
}

int64_t PendingReports::count() { return db_.sql().execAndGet("SELECT COUNT(*) FROM pending_reports").getInt64(); }

std::vector<std::string> PendingReports::payloads_opened_before(TimePoint at) {
  SQLite::Statement q(db_.sql(), "SELECT payload FROM pending_reports WHERE opened_at < ?");
  q.bind(1, epoch_seconds(at));
  std::vector<std::string> payloads;
  while (q.executeStep()) payloads.push_back(q.getColumn(0).getString());
  return payloads;
}

}  // namespace paike
