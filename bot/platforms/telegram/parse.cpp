#include "bot/platforms/telegram/parse.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/json_util.h"

namespace paike::telegram {

using nlohmann::json;

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster) {
  json root = json::parse(payload, nullptr, false);
  if (!root.is_object()) return make_error("malformed", "telegram payload is not JSON");
  const auto* message = json_at(root, {"message"});
  if (!message || !message->is_object()) return make_error("ignored", "telegram update without a new message");
  ChatEvent event;
  event.platform = "telegram";
  event.event_id = str_at(root, {"update_id"});
  event.message_id = str_at(*message, {"message_id"});
  std::string sender = str_at(*message, {"from", "id"});
  if (event.event_id.empty() || event.message_id.empty() || sender.empty()) {
    return make_error("malformed", "telegram message without ids");
  }
  if (const auto* is_bot = json_at(*message, {"from", "is_bot"});
      is_bot && is_bot->is_boolean() && is_bot->get<bool>()) {
    return make_error("ignored", "telegram: a bot's message");
  }
  event.user_id = roster.roster_id(sender);
  event.user_name = roster.name(sender);
  if (event.user_name.empty()) {
    event.user_name = str_at(*message, {"from", "first_name"});
    std::string last = str_at(*message, {"from", "last_name"});
    if (!last.empty()) event.user_name += " " + last;
  }
  event.group_id =
      str_at(*message, {"chat", "type"}) == "private" ? "dm:" + event.user_id : str_at(*message, {"chat", "id"});
  if (auto t = int_at(*message, {"date"})) event.sent_at = TimePoint(Duration(*t));
  event.text = str_at(*message, {"text"});
  if (event.text.empty()) event.text = str_at(*message, {"caption"});
  event.reply_to = str_at(*message, {"reply_to_message", "message_id"});

  if (const auto* photos = json_at(*message, {"photo"}); photos && photos->is_array() && !photos->empty()) {
    const json* best = nullptr;
    int64_t best_area = -1;
    for (const auto& size : *photos) {
      int64_t area = int_at(size, {"width"}).value_or(0) * int_at(size, {"height"}).value_or(0);
      if (area > best_area) {
        best_area = area;
        best = &size;
      }
    }
    event.images.push_back({"", str_at(*best, {"file_id"}), ""});
  }
  // A photo sent "as a file" keeps its full size: an image document.
  if (str_at(*message, {"document", "mime_type"}).starts_with("image/")) {
    event.images.push_back({"", str_at(*message, {"document", "file_id"}), ""});
  }
  if (json_at(*message, {"location"})) {
    auto lat = number_at(*message, {"location", "latitude"});
    auto lng = number_at(*message, {"location", "longitude"});
    if (!lat || !lng) return make_error("malformed", "telegram location without coordinates");
    event.location = GeoPoint{*lat, *lng};
  }
  for (const char* key : {"entities", "caption_entities"}) {
    const auto* entities = json_at(*message, {key});
    if (!entities || !entities->is_array()) continue;
    for (const auto& entity : *entities) {
      if (str_at(entity, {"type"}) == "text_mention")
        event.mentions.push_back(roster.roster_id(str_at(entity, {"user", "id"})));
    }
  }
  if (event.text.empty() && event.images.empty() && !event.location) {
    return make_error("ignored", "telegram message type not handled");
  }
  return event;
}

}  // namespace paike::telegram
