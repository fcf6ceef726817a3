// The flood guard: a sender (or a whole chat) writing faster than the deployment's
// `limits:` allow is slowed down, not banned. An event over a limit is still acknowledged
// and kept in the inbox (marked "throttled_user" / "throttled_group"), but not handled; the
// first such event in a minute gets ONE polite notice in the chat. Counts come from the
// inbox itself (received times), so they survive a restart and a backlog after downtime is
// judged by when people wrote, not when the bot caught up. Runs on the caller's Database.
#pragma once

#include <optional>
#include <string>

#include "config/limit_settings.h"
#include "config/wording.h"
#include "handlers/chat_event.h"
#include "storage/database.h"
#include "storage/inbox.h"
#include "storage/outgoing_message.h"

namespace paike {

struct FloodVerdict {
  bool handle = true;                     // false: over a limit, skip it
  std::string reason;                     // "throttled_user" or "throttled_group" when skipped
  std::optional<OutgoingMessage> notice;  // the one polite notice of this minute, if due
};

class FloodGuard {
 public:
  // `wording` words the notice (area flood).
  FloodGuard(const LimitSettings& limits, const Wording& wording) : limits_(limits), wording_(wording) {}

  // `row` is the pending inbox row `event` was parsed from.
  FloodVerdict check(Database& db, const InboxRow& row, const ChatEvent& event) const;

 private:
  const LimitSettings& limits_;
  const Wording& wording_;
};

// "@韩德福 您发送太频繁了，请稍后再试。"
std::string sender_flood_notice(const Wording& wording, const std::string& user_name);
// "本群消息太多了，请大家稍后再发。"
std::string group_flood_notice(const Wording& wording);

}  // namespace paike
