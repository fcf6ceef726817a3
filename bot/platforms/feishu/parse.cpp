#include "bot/platforms/feishu/parse.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/wire.h"
#include "bot/platforms/json_util.h"

namespace paike::feishu {
namespace {

using nlohmann::json;

// The open_id a mention placeholder ("@_user_1") stands for, from message.mentions.
std::string mentioned_open_id(const json& message, const std::string& key) {
  if (const json* mentions = json_at(message, {"mentions"}); mentions && mentions->is_array()) {
    for (const auto& mention : *mentions) {
      if (str_at(mention, {"key"}) == key) return str_at(mention, {"id", "open_id"});
    }
  }
  return "";
}

// Removes `key` (the bot's placeholder) and the blank after it, so "@_user_1 #12 已整改"
// reaches the command parser as "#12 已整改".
void strip_mention(std::string& text, const std::string& key) {
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at)) {
    size_t end = at + key.size();
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
    text.erase(at, end - at);
  }
}

std::string trimmed(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\n") - begin + 1);
}

void add_post_content(const json& post, const json& message, const std::string& message_id,
                      std::string_view bot_open_id, ChatEvent& event) {
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
      if (tag == "at") {
        // user_id: an open_id, or a placeholder key of message.mentions.
        std::string user = str_at(node, {"user_id"});
        if (user.starts_with("@_")) user = mentioned_open_id(message, user);
        if (!bot_open_id.empty() && user == bot_open_id) continue;
        text += "@" + str_at(node, {"user_name"});
      }
      if (tag == "img") event.images.push_back({"", media_ref(message_id, str_at(node, {"image_key"})), ""});
    }
  }
  event.text = text;
}

}  // namespace

std::string media_ref(std::string_view message_id, std::string_view image_key) {
  return std::string(message_id) + "/" + std::string(image_key);
}

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster, std::string_view bot_open_id) {
  json root = json::parse(payload, nullptr, false);
  if (!root.is_object()) return make_error(ErrorCode::malformed, "feishu payload is not JSON");
  if (str_at(root, {"header", "event_type"}) != kMessageReceived) {
    return make_error(ErrorCode::ignored, "feishu event type " + str_at(root, {"header", "event_type"}));
  }
  const json& ev = root["event"];
  const json& message = ev.is_object() && ev.contains("message") ? ev["message"] : json();
  if (!message.is_object()) return make_error(ErrorCode::malformed, "feishu event without message");
  if (str_at(ev, {"sender", "sender_type"}) == "app")
    return make_error(ErrorCode::ignored, "feishu: the bot's own message");

  ChatEvent event;
  event.platform = "feishu";
  event.event_id = str_at(root, {"header", "event_id"});
  event.message_id = str_at(message, {"message_id"});
  std::string sender = str_at(ev, {"sender", "sender_id", "open_id"});
  event.user_id = roster.roster_id(sender);
  event.user_name = roster.name(sender);
  event.direct = str_at(message, {"chat_type"}) == "p2p";
  event.group_id = event.direct ? event.user_id : str_at(message, {"chat_id"});
  event.reply_to = str_at(message, {"parent_id"});
  if (auto ms = int_at(message, {"create_time"})) event.sent_at = TimePoint(Duration(*ms / 1000));
  if (event.event_id.empty() || event.message_id.empty() || sender.empty()) {
    return make_error(ErrorCode::malformed, "feishu message without ids");
  }

  json content = json::parse(str_at(message, {"content"}), nullptr, false);
  std::string type = str_at(message, {"message_type"});
  if (type == "text") {
    event.text = str_at(content, {"text"});
  } else if (type == "image") {
    event.images.push_back({"", media_ref(event.message_id, str_at(content, {"image_key"})), ""});
  } else if (type == "post") {
    add_post_content(content, message, event.message_id, bot_open_id, event);
  } else if (type == "location") {
    auto lat = number_at(content, {"latitude"});
    auto lng = number_at(content, {"longitude"});
    if (!lat || !lng) return make_error(ErrorCode::malformed, "feishu location without coordinates");
    event.location = GeoPoint{*lat, *lng};
    event.text = str_at(content, {"name"});
  } else if (type == "audio") {
    // {"file_key": …, "duration": ms}; Feishu sends Opus audio and no speech-recognition text.
    std::string file_key = str_at(content, {"file_key"});
    if (file_key.empty()) return make_error(ErrorCode::malformed, "feishu audio without file_key");
    event.voice = IncomingVoice{media_ref(event.message_id, file_key), "", "opus", ""};
  } else {
    return make_error(ErrorCode::ignored, "feishu message type " + type);
  }

  // "@_user_1" placeholders → "@名字", and the mentioned users; the bot's own mention goes.
  bool bot_mentioned = false;
  if (message.contains("mentions") && message["mentions"].is_array()) {
    for (const auto& mention : message["mentions"]) {
      std::string open_id = str_at(mention, {"id", "open_id"});
      std::string key = str_at(mention, {"key"});
      std::string name = str_at(mention, {"name"});
      if (!bot_open_id.empty() && open_id == bot_open_id) {
        bot_mentioned = true;
        if (!key.empty()) strip_mention(event.text, key);
        continue;
      }
      if (!key.empty()) {
        for (size_t at = event.text.find(key); at != std::string::npos; at = event.text.find(key, at)) {
          event.text.replace(at, key.size(), "@" + name);
          at += name.size() + 1;
        }
      }
      if (!open_id.empty()) event.mentions.push_back(roster.roster_id(open_id));
    }
  }
  event.text = trimmed(event.text);
  // A bare "@拍客" is someone asking what the bot does: answer it with the help text.
  if (event.text.empty() && bot_mentioned && event.images.empty() && !event.location && !event.voice) {
    event.text = "帮助";
  }
  return event;
}

}  // namespace paike::feishu
