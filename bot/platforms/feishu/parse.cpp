#include "bot/platforms/feishu/parse.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/wire.h"
#include "bot/platforms/json_util.h"

namespace paike::feishu {
namespace {

using nlohmann::json;

void add_post_content(const json& post, const std::string& message_id, ChatEvent& event) {
  // {"title": "...", "content": [[{"tag":"text","text":..},{"tag":"img","image_key":..}], ...]}
  const json* body = &post;
  if (!post.contains("content") && post.is_object() && !post.empty()) body = &post.begin().value();  // locale-keyed
  std::string text = str_at(*body, {"title"});
  const json& paragraphs = (*body).contains("content") ? (*body)["content"] : json();
  if (!paragraphs.is_array()) return;
  for (const auto& paragraph : paragraphs) {
    if (!paragraph.is_array()) continue;
    if (!text.empty()) text += "\n";
    for (const auto& node : paragraph) {
      std::string tag = str_at(node, {"tag"});
      if (tag == "text" || tag == "a") text += str_at(node, {"text"});
      if (tag == "at") text += "@" + str_at(node, {"user_name"});
      if (tag == "img") event.images.push_back({"", media_ref(message_id, str_at(node, {"image_key"})), ""});
    }
  }
  event.text = text;
}

}  // namespace

std::string media_ref(std::string_view message_id, std::string_view image_key) {
  return std::string(message_id) + "/" + std::string(image_key);
}

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster) {
  json root = json::parse(payload, nullptr, false);
  if (!root.is_object()) return make_error("malformed", "feishu payload is not JSON");
  if (str_at(root, {"header", "event_type"}) != kMessageReceived) {
    return make_error("ignored", "feishu event type " + str_at(root, {"header", "event_type"}));
  }
  const json& ev = root["event"];
  const json& message = ev.is_object() && ev.contains("message") ? ev["message"] : json();
  if (!message.is_object()) return make_error("malformed", "feishu event without message");
  if (str_at(ev, {"sender", "sender_type"}) == "app") return make_error("ignored", "feishu: the bot's own message");

  ChatEvent event;
  event.platform = "feishu";
  event.event_id = str_at(root, {"header", "event_id"});
  event.message_id = str_at(message, {"message_id"});
  std::string sender = str_at(ev, {"sender", "sender_id", "open_id"});
  event.user_id = roster.roster_id(sender);
  event.user_name = roster.name(sender);
  event.group_id = str_at(message, {"chat_type"}) == "p2p" ? "dm:" + event.user_id : str_at(message, {"chat_id"});
  event.reply_to = str_at(message, {"parent_id"});
  if (auto ms = int_at(message, {"create_time"})) event.sent_at = TimePoint(Duration(*ms / 1000));
  if (event.event_id.empty() || event.message_id.empty() || sender.empty()) {
    return make_error("malformed", "feishu message without ids");
  }

  json content = json::parse(str_at(message, {"content"}), nullptr, false);
  std::string type = str_at(message, {"message_type"});
  if (type == "text") {
    event.text = str_at(content, {"text"});
  } else if (type == "image") {
    event.images.push_back({"", media_ref(event.message_id, str_at(content, {"image_key"})), ""});
  } else if (type == "post") {
    add_post_content(content, event.message_id, event);
  } else if (type == "location") {
    auto lat = number_at(content, {"latitude"});
    auto lng = number_at(content, {"longitude"});
    if (!lat || !lng) return make_error("malformed", "feishu location without coordinates");
    event.location = GeoPoint{*lat, *lng};
    event.text = str_at(content, {"name"});
  } else {
    return make_error("ignored", "feishu message type " + type);
  }

  // "@_user_1" placeholders → "@名字", and the mentioned users.
  if (message.contains("mentions") && message["mentions"].is_array()) {
    for (const auto& mention : message["mentions"]) {
      std::string open_id = str_at(mention, {"id", "open_id"});
      std::string key = str_at(mention, {"key"});
      std::string name = str_at(mention, {"name"});
      if (!key.empty()) {
        for (size_t at = event.text.find(key); at != std::string::npos; at = event.text.find(key, at)) {
          event.text.replace(at, key.size(), "@" + name);
          at += name.size() + 1;
        }
      }
      if (!open_id.empty()) event.mentions.push_back(roster.roster_id(open_id));
    }
  }
  return event;
}

}  // namespace paike::feishu
