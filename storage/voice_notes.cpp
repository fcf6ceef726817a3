#include "storage/voice_notes.h"

#include "storage/sql_time.h"

namespace paike {

void TicketVoices::add(const TicketVoice& v) {
  SQLite::Statement q(
      db_.sql(),
      "INSERT INTO ticket_voices (ticket_id, sha256, format, bytes, transcript, added_at, source_event_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  q.bind(1, v.ticket_id);
  q.bind(2, v.sha256);
  q.bind(3, v.format);
  q.bind(4, v.bytes);
  q.bind(5, v.transcript);
  q.bind(6, epoch_seconds(v.added_at));
  q.bind(7, v.source_event_id);
  q.exec();
}

std::vector<TicketVoice> TicketVoices::of(int64_t ticket_id) {
  SQLite::Statement q(db_.sql(),
                      "SELECT id, ticket_id, sha256, format, bytes, transcript, added_at, source_event_id "
                      "FROM ticket_voices WHERE ticket_id = ? ORDER BY id");
  q.bind(1, ticket_id);
  std::vector<TicketVoice> voices;
  while (q.executeStep()) {
    voices.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                      q.getColumn(3).getString(), q.getColumn(4).getInt64(), q.getColumn(5).getString(),
                      from_epoch_seconds(q.getColumn(6).getInt64()), q.getColumn(7).getString()});
  }
  return voices;
}

bool VoicePrompts::claim(const std::string& platform, const std::string& chat, const std::string& user_id,
                         TimePoint now, Duration window) {
  // One statement: insert, or move asked_at forward only when the last one is older than the window.
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO voice_prompts (platform, group_id, user_id, asked_at) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT (platform, group_id, user_id) DO UPDATE SET asked_at = excluded.asked_at "
                      "WHERE asked_at <= ?");
  q.bind(1, platform);
  q.bind(2, chat);
  q.bind(3, user_id);
  q.bind(4, epoch_seconds(now));
  q.bind(5, epoch_seconds(now - window));
  return q.exec() > 0;
}

}  // namespace paike
