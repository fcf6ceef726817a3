#include "bot/platforms/dingtalk/parse.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/json_util.h"
#include "config/text.h"

namespace paike::dingtalk {

using nlohmann::json;

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster) {
  json root = json::parse(payload, nullptr, false);
  if (!root.is_object()) return make_error(ErrorCode::malformed, "dingtalk payload is not JSON");
  ChatEvent event;
  event.platform = "dingtalk";
  event.event_id = str_at(root, {"msgId"});
  event.message_id = event.event_id;
  std::string sender = str_at(root, {"senderStaffId"});
  if (sender.empty()) sender = str_at(root, {"senderId"});
  if (event.event_id.empty() || sender.empty()) return make_error(ErrorCode::malformed, "dingtalk message without ids");
  if (sender == str_at(root, {"chatbotUserId"}))
    return make_error(ErrorCode::ignored, "dingtalk: the robot's own message");
  event.user_id = roster.roster_id(sender);
  event.user_name = roster.name(sender);
  if (event.user_name.empty()) event.user_name = str_at(root, {"senderNick"});
  event.direct = str_at(root, {"conversationType"}) == "1";
  event.group_id = event.direct ? event.user_id : str_at(root, {"conversationId"});
  if (auto ms = int_at(root, {"createAt"})) event.sent_at = TimePoint(Duration(*ms / 1000));

  std::string type = str_at(root, {"msgtype"});
  if (type == "text") {
    // DingTalk cuts the robot's own "@名字" out of text.content but leaves the space after it
    // (the docs' example: " 你好"), so "@拍客 #12 已整改" arrives as " #12 已整改".
    event.text = std::string(trim(str_at(root, {"text", "content"})));
    // A quoted reply: text.isReplyMsg with the quoted message in text.repliedMsg.
    event.reply_to = str_at(root, {"text", "repliedMsg", "msgId"});
  } else if (type == "picture") {
    event.images.push_back({"", str_at(root, {"content", "downloadCode"}), ""});
  } else if (type == "richText") {
    const auto* parts = json_at(root, {"content", "richText"});
    if (!parts || !parts->is_array()) return make_error(ErrorCode::malformed, "dingtalk richText without parts");
    for (const auto& part : *parts) {
      if (json_at(part, {"text"})) event.text += str_at(part, {"text"});
      std::string code = str_at(part, {"downloadCode"});
      if (!code.empty()) event.images.push_back({"", code, ""});
    }
    event.text = std::string(trim(event.text));
  } else if (type == "audio") {
    // Only in a one-to-one chat with the robot; content.recognition is DingTalk's transcript.
    IncomingVoice voice{str_at(root, {"content", "downloadCode"}), str_at(root, {"content", "recognition"}), "", ""};
    event.text = voice.transcript;
    event.voice = std::move(voice);
  } else {
    return make_error(ErrorCode::ignored, "dingtalk message type " + type);
  }
  // The robot is @-mentioned in every group message it receives; it is no one's mention.
  std::string robot = str_at(root, {"chatbotUserId"});
  if (const auto* at_users = json_at(root, {"atUsers"}); at_users && at_users->is_array()) {
    for (const auto& user : *at_users) {
      std::string id = str_at(user, {"staffId"});
      if (id.empty()) id = str_at(user, {"dingtalkId"});
      if (!id.empty() && str_at(user, {"dingtalkId"}) != robot) event.mentions.push_back(roster.roster_id(id));
    }
  }
  return event;
}

}  // namespace paike::dingtalk
