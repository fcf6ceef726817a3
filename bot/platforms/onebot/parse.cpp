#include "bot/platforms/onebot/parse.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "bot/platforms/json_util.h"
#include "config/text.h"

namespace paike::onebot {
namespace {

using nlohmann::json;

std::string cq_unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    for (auto [code, c] :
         {std::pair{"&amp;", '&'}, std::pair{"&#91;", '['}, std::pair{"&#93;", ']'}, std::pair{"&#44;", ','}}) {
      std::string_view code_view(code);
      if (s.substr(i, code_view.size()) == code_view) {
        out += c;
        i += code_view.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += s[i++];
  }
  return out;
}

std::vector<Segment> segments_from_json(const json& message) {
  std::vector<Segment> out;
  for (const auto& item : message) {
    if (!item.is_object()) continue;
    Segment segment{str_at(item, {"type"}), {}};
    if (const auto* data = json_at(item, {"data"}); data && data->is_object()) {
      for (const auto& [key, value] : data->items()) {
        if (value.is_string())
          segment.data[key] = value.get<std::string>();
        else if (value.is_number())
          segment.data[key] = value.dump();
      }
    }
    out.push_back(std::move(segment));
  }
  return out;
}

// "amr" for "7cd0e4d3.amr" or "http://x/1.mp3": the file name's extension, lower-case; "" when none.
std::string file_extension(std::string_view file) {
  size_t dot = file.rfind('.');
  if (dot == std::string_view::npos || file.size() - dot - 1 > 5 || dot + 1 == file.size()) return "";
  std::string ext;
  for (char c : file.substr(dot + 1)) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return "";
    ext += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return ext;
}

}  // namespace

bool is_url(std::string_view s) { return s.starts_with("http://") || s.starts_with("https://"); }

std::vector<Segment> parse_cq_string(std::string_view message) {
  std::vector<Segment> out;
  size_t pos = 0;
  while (pos < message.size()) {
    size_t start = message.find("[CQ:", pos);
    size_t end = start == std::string_view::npos ? start : message.find(']', start);
    if (start == std::string_view::npos || end == std::string_view::npos) {
      out.push_back({"text", {{"text", cq_unescape(message.substr(pos))}}});
      break;
    }
    if (start > pos) out.push_back({"text", {{"text", cq_unescape(message.substr(pos, start - pos))}}});
    std::string_view code = message.substr(start + 4, end - start - 4);
    Segment segment;
    size_t comma = code.find(',');
    segment.type = std::string(code.substr(0, comma));
    while (comma != std::string_view::npos) {
      size_t next = code.find(',', comma + 1);
      std::string_view pair = code.substr(comma + 1, next == std::string_view::npos ? next : next - comma - 1);
      size_t eq = pair.find('=');
      if (eq != std::string_view::npos)
        segment.data[std::string(pair.substr(0, eq))] = cq_unescape(pair.substr(eq + 1));
      comma = next;
    }
    out.push_back(std::move(segment));
    pos = end + 1;
  }
  return out;
}

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster) {
  json root = json::parse(payload, nullptr, false);
  if (!root.is_object()) return make_error(ErrorCode::malformed, "onebot payload is not JSON");
  std::string post_type = str_at(root, {"post_type"});
  if (post_type != "message") return make_error(ErrorCode::ignored, "onebot post_type " + post_type);
  std::string sender = str_at(root, {"user_id"});
  if (sender.empty() || str_at(root, {"message_id"}).empty())
    return make_error(ErrorCode::malformed, "onebot message without ids");
  if (sender == str_at(root, {"self_id"})) return make_error(ErrorCode::ignored, "onebot: the bot's own message");
  // A group's system line ("管理员已禁止群内匿名聊天", event/message.md sub_type notice) is no one's report.
  if (str_at(root, {"sub_type"}) == "notice") return make_error(ErrorCode::ignored, "onebot group notice");

  ChatEvent event;
  event.platform = "onebot";
  event.message_id = str_at(root, {"message_id"});
  event.event_id = str_at(root, {"self_id"}) + ":" + event.message_id;
  event.user_id = roster.roster_id(sender);
  event.user_name = roster.name(sender);
  if (event.user_name.empty()) event.user_name = str_at(root, {"sender", "card"});
  if (event.user_name.empty()) event.user_name = str_at(root, {"sender", "nickname"});
  std::string type = str_at(root, {"message_type"});
  if (type == "group") {
    event.group_id = str_at(root, {"group_id"});
  } else if (type == "private") {
    event.direct = true;
    event.group_id = event.user_id;
  } else {
    return make_error(ErrorCode::ignored, "onebot message_type " + type);
  }
  if (auto t = int_at(root, {"time"})) event.sent_at = TimePoint(Duration(*t));

  // event/README.md: `message` is a string or a segment array, as the implementation is
  // configured; raw_message (always the CQ string) stands in when it is missing.
  const auto* message = json_at(root, {"message"});
  if (!message || message->is_null()) message = json_at(root, {"raw_message"});
  std::vector<Segment> segments;
  if (message && message->is_array())
    segments = segments_from_json(*message);
  else if (message && message->is_object())
    segments = segments_from_json(json::array({*message}));
  else if (message && message->is_string())
    segments = parse_cq_string(message->get<std::string>());
  else
    return make_error(ErrorCode::malformed, "onebot message is neither array nor string");

  const std::string self_id = str_at(root, {"self_id"});
  for (auto& segment : segments) {
    auto& d = segment.data;
    if (segment.type == "text") {
      event.text += d["text"];
    } else if (segment.type == "image") {
      event.images.push_back({"", d["url"].empty() ? d["file"] : d["url"], ""});
    } else if (segment.type == "record") {
      // OneBot v11 carries no transcript: the audio only, by url, else by the file name
      // that get_record takes.
      event.voice = IncomingVoice{is_url(d["url"]) ? d["url"] : d["file"], "", file_extension(d["file"]), ""};
    } else if (segment.type == "at") {
      // The bot's own @ (self_id is in every event) is how a group addresses it, not a mention.
      if (d["qq"] != self_id && d["qq"] != "all") event.mentions.push_back(roster.roster_id(d["qq"]));
    } else if (segment.type == "reply") {
      if (d["id"] != "0") event.reply_to = d["id"];  // Lagrange.OneBot: 0 when it lost the quoted message
    } else if (segment.type == "location") {
      auto lat = number_at(json(d["lat"]), {});
      auto lng = number_at(json(d["lon"]), {});
      if (lat && lng) event.location = GeoPoint{*lat, *lng};
      if (!d["title"].empty()) event.text += d["title"];
    }
  }
  // "@拍客 #12 已整改" leaves " #12 已整改" once the @ is gone.
  event.text = std::string(trim(event.text));
  if (event.text.empty() && event.images.empty() && !event.location && !event.voice) {
    return make_error(ErrorCode::ignored, "onebot message without text, image, voice or location");
  }
  return event;
}

}  // namespace paike::onebot
