#include "handlers/schedule/followup_commands.h"

#include "config/text.h"
#include "handlers/reply.h"
#include "handlers/schedule/followup.h"
#include "handlers/schedule/points.h"
#include "storage/outbox.h"

namespace paike {

std::optional<FollowupCommand> parse_followup_command(std::string_view text) {
  text = trim(text);
  if (starts_with(text, "#"))
    text.remove_prefix(1);
  else if (starts_with(text, "＃"))
    text.remove_prefix(std::string_view("＃").size());
  else
    return std::nullopt;
  size_t digits = 0;
  while (digits < text.size() && digits < 12 && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return std::nullopt;
  FollowupCommand command;
  command.ticket_id = std::stoll(std::string(text.substr(0, digits)));
  const std::string_view word = trim(text.substr(digits));
  if (starts_with(word, "正常")) return command;
  if (starts_with(word, "回潮")) {
    command.relapse = true;
    return command;
  }
  return std::nullopt;
}

bool is_points_command(std::string_view text) {
  text = trim(text);
  return text == "积分" || text == "我的积分" || text == "积分查询";
}

bool FollowupCommands::handle(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, Database& db) {
  const TimePoint now = event.received_at;
  if (is_points_command(event.text)) {
    Outbox(db).enqueue(reply(event, points_statement(db, deployment_, event.user_id, event.user_name)), now);
    return true;
  }
  auto command = parse_followup_command(event.text);
  if (!command) return false;
  if (command->relapse) {
    record_relapse(event, photos, command->ticket_id, deployment_, db, now);
  } else {
    record_followup_normal(event, photos, command->ticket_id, deployment_, db, now);
  }
  return true;
}

}  // namespace paike
