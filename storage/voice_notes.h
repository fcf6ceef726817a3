// Voice notes kept with tickets (the audio's bytes live in the PhotoStore's private
// PhotoVariant::voice files, named by their SHA-256), and when each sender was last asked to
// type instead of speaking. Both run on the caller's Database inside the caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/time.h"
#include "storage/database.h"

namespace paike {

struct TicketVoice {
  int64_t id = 0;
  int64_t ticket_id = 0;
  std::string sha256;  // of the audio's bytes as the platform sent them
  std::string format;  // "amr", "ogg", … as the platform named it; may be empty
  int64_t bytes = 0;
  std::string transcript;  // the platform's own transcript; "" when it gave none
  TimePoint added_at{};
  std::string source_event_id;
};

class TicketVoices {
 public:
  explicit TicketVoices(Database& db) : db_(db) {}
  void add(const TicketVoice& voice);              // the same audio twice on one ticket is kept once
  std::vector<TicketVoice> of(int64_t ticket_id);  // oldest first

 private:
  Database& db_;
};

// "Please type a few words" (and, in a private chat, "please report in the group") is said to
// one sender in one chat at most once per window: old people send several voice notes in a
// row, and one answer covers them all.
class VoicePrompts {
 public:
  explicit VoicePrompts(Database& db) : db_(db) {}
  // True (and `now` recorded) when this sender was not asked since `now - window`.
  // `chat` is the stored chat name, chat_key().
  bool claim(const std::string& platform, const std::string& chat, const std::string& user_id, TimePoint now,
             Duration window);

 private:
  Database& db_;
};

}  // namespace paike
