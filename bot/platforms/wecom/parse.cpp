#include "bot/platforms/wecom/parse.h"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "bot/platforms/json_util.h"

namespace paike::wecom {
namespace {

using nlohmann::json;

Result<ChatEvent> parse_xml(std::string_view payload, const PlatformRoster& roster) {
  auto f = xml_fields(payload);
  if (f.empty()) return make_error("malformed", "wecom payload is neither JSON nor XML");
  ChatEvent event;
  event.platform = "wecom";
  event.event_id = f["MsgId"];
  event.message_id = event.event_id;
  std::string sender = f["FromUserName"];
  if (event.event_id.empty() || sender.empty()) {
    return f["MsgType"] == "event" ? Result<ChatEvent>(make_error("ignored", "wecom event " + f["Event"]))
                                   : Result<ChatEvent>(make_error("malformed", "wecom message without ids"));
  }
  event.user_id = roster.roster_id(sender);
  event.user_name = roster.name(sender);
  event.group_id = f["ChatId"].empty() ? "dm:" + event.user_id : f["ChatId"];
  if (auto t = int_at(json(f["CreateTime"]), {})) event.sent_at = TimePoint(Duration(*t));
  const std::string& type = f["MsgType"];
  if (type == "text") {
    event.text = f["Content"];
  } else if (type == "image") {
    event.images.push_back({"", f["MediaId"], ""});
  } else if (type == "location") {
    auto lat = number_at(json(f["Location_X"]), {});
    auto lng = number_at(json(f["Location_Y"]), {});
    if (!lat || !lng) return make_error("malformed", "wecom location without coordinates");
    event.location = GeoPoint{*lat, *lng};
    event.text = f["Label"];
  } else {
    return make_error("ignored", "wecom message type " + type);
  }
  return event;
}

Result<ChatEvent> parse_json(const json& root, const PlatformRoster& roster) {
  ChatEvent event;
  event.platform = "wecom";
  event.event_id = str_at(root, {"msgid"});
  event.message_id = event.event_id;
  std::string sender = str_at(root, {"from", "userid"});
  if (event.event_id.empty() || sender.empty()) return make_error("malformed", "wecom message without ids");
  event.user_id = roster.roster_id(sender);
  event.user_name = roster.name(sender);
  event.group_id = str_at(root, {"chattype"}) == "group" ? str_at(root, {"chatid"}) : "dm:" + event.user_id;
  auto add_item = [&](const json& item) {
    std::string type = str_at(item, {"msgtype"});
    if (type == "text") event.text += str_at(item, {"text", "content"});
    if (type == "image") event.images.push_back({"", str_at(item, {"image", "url"}), ""});
    return type == "text" || type == "image";
  };
  std::string type = str_at(root, {"msgtype"});
  if (type == "mixed") {
    const auto* items = json_at(root, {"mixed", "msg_item"});
    if (!items || !items->is_array()) return make_error("malformed", "wecom mixed without items");
    for (const auto& item : *items) add_item(item);
  } else if (!add_item(root)) {
    return make_error("ignored", "wecom message type " + type);
  }
  return event;
}

}  // namespace

std::map<std::string, std::string> xml_fields(std::string_view xml) {
  std::map<std::string, std::string> fields;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) return fields;
  for (auto node : doc.child("xml").children()) fields[node.name()] = node.text().get();
  return fields;
}

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster) {
  json root = json::parse(payload, nullptr, false);
  if (root.is_object()) return parse_json(root, roster);
  return parse_xml(payload, roster);
}

}  // namespace paike::wecom
