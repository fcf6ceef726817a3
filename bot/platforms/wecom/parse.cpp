#include "bot/platforms/wecom/parse.h"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "bot/platforms/json_util.h"

namespace paike::wecom {
namespace {

using nlohmann::json;

// The separators WeCom clients put after an @-mention: ASCII space, U+2005 (four-per-em
// space), U+3000 (ideographic space), U+00A0; the byte length of the one at `at`, else 0.
size_t space_at(std::string_view s, size_t at) {
  if (at >= s.size()) return 0;
  if (s[at] == ' ' || s[at] == '\t' || s[at] == '\n') return 1;
  for (std::string_view space : {"\xE2\x80\x85", "\xE3\x80\x80", "\xC2\xA0"}) {
    if (s.substr(at).starts_with(space)) return space.size();
  }
  return 0;
}

std::string_view trim_front(std::string_view s) {
  while (size_t n = space_at(s, 0)) s.remove_prefix(n);
  return s;
}

Result<ChatEvent> parse_xml(std::string_view payload, const PlatformRoster& roster) {
  auto f = xml_fields(payload);
  if (f.empty()) return make_error(ErrorCode::malformed, "wecom payload is neither JSON nor XML");
  ChatEvent event;
  event.platform = "wecom";
  event.event_id = f["MsgId"];
  event.message_id = event.event_id;
  std::string sender = f["FromUserName"];
  if (event.event_id.empty() || sender.empty()) {
    return f["MsgType"] == "event" ? Result<ChatEvent>(make_error(ErrorCode::ignored, "wecom event " + f["Event"]))
                                   : Result<ChatEvent>(make_error(ErrorCode::malformed, "wecom message without ids"));
  }
  event.user_id = roster.roster_id(sender);
  event.user_name = roster.name(sender);
  event.direct = f["ChatId"].empty();
  event.group_id = event.direct ? event.user_id : f["ChatId"];
  if (auto t = int_at(json(f["CreateTime"]), {})) event.sent_at = TimePoint(Duration(*t));
  const std::string& type = f["MsgType"];
  if (type == "text") {
    event.text = f["Content"];
  } else if (type == "image") {
    event.images.push_back({"", f["MediaId"], ""});
  } else if (type == "voice") {
    // WeCom's app doc lists MediaId and Format; Recognition is read where it is given (the
    // 公众号 format that some WeCom setups forward), else the bot asks for typed words.
    event.voice = IncomingVoice{f["MediaId"], f["Recognition"], f["Format"], ""};
    event.text = f["Recognition"];
  } else if (type == "location") {
    auto lat = number_at(json(f["Location_X"]), {});
    auto lng = number_at(json(f["Location_Y"]), {});
    if (!lat || !lng) return make_error(ErrorCode::malformed, "wecom location without coordinates");
    event.location = GeoPoint{*lat, *lng};
    event.text = f["Label"];
  } else {
    return make_error(ErrorCode::ignored, "wecom message type " + type);
  }
  return event;
}

Result<ChatEvent> parse_json(const json& root, const PlatformRoster& roster, std::string_view bot_name) {
  ChatEvent event;
  event.platform = "wecom";
  event.event_id = str_at(root, {"msgid"});
  event.message_id = event.event_id;
  std::string type = str_at(root, {"msgtype"});
  if (type == "event" || type == "stream") return make_error(ErrorCode::ignored, "wecom robot " + type);
  std::string sender = str_at(root, {"from", "userid"});
  if (event.event_id.empty() || sender.empty()) return make_error(ErrorCode::malformed, "wecom message without ids");
  event.user_id = roster.roster_id(sender);
  event.user_name = roster.name(sender);
  bool in_group = str_at(root, {"chattype"}) == "group";
  event.direct = !in_group;
  event.group_id = in_group ? str_at(root, {"chatid"}) : event.user_id;
  if (event.group_id.empty()) return make_error(ErrorCode::malformed, "wecom group message without chatid");
  auto add_item = [&](const json& item) {
    std::string item_type = str_at(item, {"msgtype"});
    if (item_type == "text") {
      if (!event.text.empty()) event.text += "\n";
      event.text += str_at(item, {"text", "content"});
    }
    if (item_type == "image") event.images.push_back({"", str_at(item, {"image", "url"}), ""});
    return item_type == "text" || item_type == "image";
  };
  if (type == "mixed") {
    const auto* items = json_at(root, {"mixed", "msg_item"});
    if (!items || !items->is_array()) return make_error(ErrorCode::malformed, "wecom mixed without items");
    for (const auto& item : *items) add_item(item);
  } else if (type == "voice") {
    // Single chats only; the robot hands over its transcript, not the audio.
    std::string transcript = str_at(root, {"voice", "content"});
    event.voice = IncomingVoice{"", transcript, "", ""};
    event.text = transcript;
  } else if (!add_item(root)) {
    return make_error(ErrorCode::ignored, "wecom message type " + type);
  }
  // A quoted message (`quote`) carries its content but no message id, so reply_to stays empty.
  event.text = strip_bot_mention(event.text, bot_name, in_group);
  return event;
}

}  // namespace

std::string strip_bot_mention(std::string_view text, std::string_view bot_name, bool in_group) {
  std::string out;
  if (!bot_name.empty()) {
    const std::string mention = "@" + std::string(bot_name);
    size_t from = 0;
    for (size_t at; (at = text.find(mention, from)) != std::string_view::npos;) {
      size_t end = at + mention.size();
      size_t space = space_at(text, end);
      if (space == 0 && end != text.size()) {  // "@拍客队" is someone else
        out.append(text.substr(from, end - from));
      } else {
        out.append(text.substr(from, at - from));
        end += space;
      }
      from = end;
    }
    out.append(text.substr(from));
    return std::string(trim_front(out));
  }
  std::string_view rest = trim_front(text);
  if (!in_group || !rest.starts_with("@")) return std::string(text);
  size_t end = 0;
  while (end < rest.size() && space_at(rest, end) == 0) ++end;
  return std::string(trim_front(rest.substr(end)));
}

std::map<std::string, std::string> xml_fields(std::string_view xml) {
  std::map<std::string, std::string> fields;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) return fields;
  for (auto node : doc.child("xml").children()) fields[node.name()] = node.text().get();
  return fields;
}

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster, std::string_view bot_name) {
  json root = json::parse(payload, nullptr, false);
  if (root.is_object()) return parse_json(root, roster, bot_name);
  return parse_xml(payload, roster);
}

}  // namespace paike::wecom
