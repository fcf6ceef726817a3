#include "storage/closeoff_waits.h"

#include "storage/sql_time.h"

namespace paike {

void CloseoffWaits::open(const CloseoffWait& w) {
  Statement q(db_,
              "INSERT INTO closeoff_waits (platform, group_id, user_id, ticket_id, opened_at, deadline_at, "
              "source_event_id) VALUES (?,?,?,?,?,?,?) ON CONFLICT (platform, group_id, user_id) DO UPDATE "
              "SET ticket_id = excluded.ticket_id, opened_at = excluded.opened_at, "
              "deadline_at = excluded.deadline_at, source_event_id = excluded.source_event_id");
  q.bind(1, w.platform);
  q.bind(2, w.group_id);
  q.bind(3, w.user_id);
  q.bind(4, w.ticket_id);
  q.bind(5, epoch_seconds(w.opened_at));
  q.bind(6, epoch_seconds(w.deadline_at));
  q.bind(7, w.source_event_id);
  q.exec();
}

std::optional<CloseoffWait> CloseoffWaits::find(const std::string& platform, const std::string& group_id,
                                                const std::string& user_id, TimePoint now) {
  Statement q(db_,
              "SELECT id, platform, group_id, user_id, ticket_id, opened_at, deadline_at, source_event_id "
              "FROM closeoff_waits WHERE platform = ? AND group_id = ? AND user_id = ? AND deadline_at >= ?");
  q.bind(1, platform);
  q.bind(2, group_id);
  q.bind(3, user_id);
  q.bind(4, epoch_seconds(now));
  if (!q.step()) return std::nullopt;
  CloseoffWait w;
  w.id = q.column(0).int64();
  w.platform = q.column(1).text();
  w.group_id = q.column(2).text();
  w.user_id = q.column(3).text();
  w.ticket_id = q.column(4).int64();
  w.opened_at = from_epoch_seconds(q.column(5).int64());
  w.deadline_at = from_epoch_seconds(q.column(6).int64());
  w.source_event_id = q.column(7).text();
  return w;
}

void CloseoffWaits::remove(int64_t id) {
  Statement q(db_, "DELETE FROM closeoff_waits WHERE id = ?");
  q.bind(1, id);
  q.exec();
}

int CloseoffWaits::expire(TimePoint now) {
  Statement q(db_, "DELETE FROM closeoff_waits WHERE deadline_at < ?");
  q.bind(1, epoch_seconds(now));
  return q.exec();
}

}  // namespace paike
