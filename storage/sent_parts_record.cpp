#include "storage/sent_parts_record.h"

#include "storage/sql_time.h"

namespace paike {

std::optional<std::string> SentPartsRecord::find(const std::string& part_key) {
  Statement q(db_, "SELECT platform_message_id FROM sent_parts WHERE part_key = ?");
  q.bind(1, part_key);
  if (!q.step()) return std::nullopt;
  return q.column(0).text();
}

void SentPartsRecord::keep(const std::string& part_key, const std::string& platform_message_id, TimePoint at) {
  db_.transaction([&] {
    Statement q(db_,
                "INSERT INTO sent_parts (part_key, platform_message_id, sent_at) VALUES (?, ?, ?) "
                "ON CONFLICT (part_key) DO UPDATE SET platform_message_id = excluded.platform_message_id, "
                "sent_at = excluded.sent_at");
    q.bind(1, part_key);
    q.bind(2, platform_message_id);
    q.bind(3, epoch_seconds(at));
    q.exec();
    Statement old(db_, "DELETE FROM sent_parts WHERE sent_at < ?");
    old.bind(1, epoch_seconds(at - std::chrono::hours(48)));
    old.exec();
  });
}

}  // namespace paike
