// The chat commands of the reminders area: "#12 正常" (+ photo) and "#12 回潮" answer a
// 回头看, "积分" shows the sender's points. handle() returns false for anything else, so the
// router passes it on. Runs on the caller's Database inside the caller's transaction.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "config/deployment.h"
#include "handlers/chat_event.h"
#include "handlers/intake/prepared_photo.h"
#include "storage/database.h"

namespace paike {

struct FollowupCommand {
  int64_t ticket_id = 0;
  bool relapse = false;  // "回潮"; else "正常"
};

// "#12 正常", "＃12正常", "#12 回潮 还是有垃圾" → the command; nullopt for anything else.
std::optional<FollowupCommand> parse_followup_command(std::string_view text);
// "积分", "我的积分"
bool is_points_command(std::string_view text);

class FollowupCommands {
 public:
  explicit FollowupCommands(const Deployment& deployment) : deployment_(deployment) {}
  bool handle(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, Database& db);

 private:
  const Deployment& deployment_;
};

}  // namespace paike
