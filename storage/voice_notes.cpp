#include "storage/voice_notes.h"

#include "storage/sql_time.h"

namespace paike {

void TicketVoices::add(const TicketVoice& v) {
  Statement q(db_,
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
  Statement q(db_,
              "SELECT id, ticket_id, sha256, format, bytes, transcript, added_at, source_event_id "
              "FROM ticket_voices WHERE ticket_id = ? ORDER BY id");
  q.bind(1, ticket_id);
  std::vector<TicketVoice> voices;
  while (q.step()) {
    voices.push_back({q.column(0).int64(), q.column(1).int64(), q.column(2).text(), q.column(3).text(),
                      q.column(4).int64(), q.column(5).text(), from_epoch_seconds(q.column(6).int64()),
                      q.column(7).text()});
  }
  return voices;
}

bool VoicePrompts::claim(const std::string& platform, const std::string& chat, const std::string& user_id,
                         TimePoint now, Duration window) {
  // One statement: insert, or move asked_at forward only when the last one is older than the window.
  // The stored row's asked_at by its table's name: PostgreSQL calls a bare one ambiguous.
  Statement q(db_,
              "INSERT INTO voice_prompts (platform, group_id, user_id, asked_at) VALUES (?, ?, ?, ?) "
              "ON CONFLICT (platform, group_id, user_id) DO UPDATE SET asked_at = excluded.asked_at "
              "WHERE voice_prompts.asked_at <= ?");
  q.bind(1, platform);
  q.bind(2, chat);
  q.bind(3, user_id);
  q.bind(4, epoch_seconds(now));
  q.bind(5, epoch_seconds(now - window));
  return q.exec() > 0;
}

}  // namespace paike
