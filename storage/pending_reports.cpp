#include "storage/pending_reports.h"

#include "storage/sql_time.h"

namespace paike {

namespace {

constexpr const char* kPendingColumns = "id, platform, group_id, user_id, opened_at, deadline_at, payload";

PendingReport read_pending_row(Statement& q) {
  PendingReport r;
  r.id = q.column(0).int64();
  r.platform = q.column(1).text();
  r.group_id = q.column(2).text();
  r.user_id = q.column(3).text();
  r.opened_at = from_epoch_seconds(q.column(4).int64());
  r.deadline_at = from_epoch_seconds(q.column(5).int64());
  r.payload = q.column(6).text();
  return r;
}

}  // namespace

int64_t PendingReports::open(const PendingReport& r) {
  Statement q(db_,
              "INSERT INTO pending_reports (platform, group_id, user_id, opened_at, deadline_at, payload) "
              "VALUES (?,?,?,?,?,?) RETURNING id");
  q.bind(1, r.platform);
  q.bind(2, r.group_id);
  q.bind(3, r.user_id);
  q.bind(4, epoch_seconds(r.opened_at));
  q.bind(5, epoch_seconds(r.deadline_at));
  q.bind(6, r.payload);
  q.step();
  return q.column(0).int64();
}

void PendingReports::update(const PendingReport& r) {
  Statement q(db_, "UPDATE pending_reports SET deadline_at = ?, payload = ? WHERE id = ?");
  q.bind(1, epoch_seconds(r.deadline_at));
  q.bind(2, r.payload);
  q.bind(3, r.id);
  q.exec();
}

void PendingReports::remove(int64_t id) {
  Statement q(db_, "DELETE FROM pending_reports WHERE id = ?");
  q.bind(1, id);
  q.exec();
}

std::optional<PendingReport> PendingReports::find(const std::string& platform, const std::string& group_id,
                                                  const std::string& user_id) {
  Statement q(db_, std::string("SELECT ") + kPendingColumns +
                       " FROM pending_reports WHERE platform = ? AND group_id = ? AND user_id = ? "
                       "ORDER BY id DESC LIMIT 1");
  q.bind(1, platform);
  q.bind(2, group_id);
  q.bind(3, user_id);
  if (!q.step()) return std::nullopt;
  return read_pending_row(q);
}

std::vector<PendingReport> PendingReports::expired(TimePoint now, int limit) {
  Statement q(db_, std::string("SELECT ") + kPendingColumns +
                       " FROM pending_reports WHERE deadline_at <= ? ORDER BY deadline_at, id LIMIT ?");
  q.bind(1, epoch_seconds(now));
  q.bind(2, limit);
  std::vector<PendingReport> rows;
  while (q.step()) rows.push_back(read_pending_row(q));
  return rows;
}

int64_t PendingReports::count() { return db_.query_int64("SELECT COUNT(*) FROM pending_reports"); }

std::vector<std::string> PendingReports::payloads_opened_before(TimePoint at) {
  Statement q(db_, "SELECT payload FROM pending_reports WHERE opened_at < ?");
  q.bind(1, epoch_seconds(at));
  std::vector<std::string> payloads;
  while (q.step()) payloads.push_back(q.column(0).text());
  return payloads;
}

}  // namespace paike
