#include "bot/platforms/telegram/parse.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "bot/platforms/json_util.h"

namespace paike::telegram {

using nlohmann::json;

namespace {

// The byte offset in UTF-8 `text` of UTF-16 unit `units`: entity offsets and lengths count
// UTF-16 code units (a character outside the BMP, an emoji, is two).
size_t byte_offset(std::string_view text, int64_t units) {
  size_t i = 0;
  while (i < text.size() && units > 0) {
    auto c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    units -= len == 4 ? 2 : 1;
    i += len;
  }
  return std::min(i, text.size());
}

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string trim(std::string s) {
  auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  while (!s.empty() && space(s.back())) s.pop_back();
  size_t start = 0;
  while (start < s.size() && space(s[start])) ++start;
  return s.substr(start);
}

// "/帮助@paike_bot 12" → "帮助 12": other chats' commands have no "/", and Telegram's
// /start (a private chat's first message) and /help mean the help text. A command addressed
// to another bot ("/x@otherbot") is left as typed.
std::string plain_command(const std::string& text, const BotIdentity& bot) {
  if (!text.starts_with('/')) return text;
  size_t end = text.find_first_of(" \n\t");
  std::string word = text.substr(1, end == std::string::npos ? std::string::npos : end - 1);
  std::string rest = end == std::string::npos ? "" : text.substr(end);
  if (size_t at = word.find('@'); at != std::string::npos) {
    if (bot.username.empty() || !same_name(word.substr(at + 1), bot.username)) return text;
    word.resize(at);
  }
  if (word == "start" || word == "help") word = "帮助";
  return word + rest;
}

// "audio/ogg" → "ogg"; `fallback` when the mime type is missing.
std::string audio_format(const json& media, const char* fallback) {
  std::string mime = str_at(media, {"mime_type"});
  size_t slash = mime.find('/');
  return slash == std::string::npos ? fallback : mime.substr(slash + 1);
}

}  // namespace

Result<ChatEvent> parse_event(std::string_view payload, const PlatformRoster& roster, const BotIdentity& bot) {
  json root = json::parse(payload, nullptr, false);
  if (!root.is_object()) return make_error(ErrorCode::malformed, "telegram payload is not JSON");
  const auto* message = json_at(root, {"message"});
  if (!message || !message->is_object()) return make_error(ErrorCode::ignored, "telegram update without a new message");
  ChatEvent event;
  event.platform = "telegram";
  event.event_id = str_at(root, {"update_id"});
  event.message_id = str_at(*message, {"message_id"});
  std::string sender = str_at(*message, {"from", "id"});
  if (event.event_id.empty() || event.message_id.empty() || sender.empty()) {
    return make_error(ErrorCode::malformed, "telegram message without ids");
  }
  if (const auto* is_bot = json_at(*message, {"from", "is_bot"});
      is_bot && is_bot->is_boolean() && is_bot->get<bool>()) {
    return make_error(ErrorCode::ignored, "telegram: a bot's message");
  }
  event.user_id = roster.roster_id(sender);
  event.user_name = roster.name(sender);
  if (event.user_name.empty()) {
    event.user_name = str_at(*message, {"from", "first_name"});
    std::string last = str_at(*message, {"from", "last_name"});
    if (!last.empty()) event.user_name += " " + last;
  }
  event.direct = str_at(*message, {"chat", "type"}) == "private";
  event.group_id = event.direct ? event.user_id : str_at(*message, {"chat", "id"});
  if (auto t = int_at(*message, {"date"})) event.sent_at = TimePoint(Duration(*t));
  // A message has either text (with `entities`) or a media caption (with `caption_entities`).
  bool captioned = !json_at(*message, {"text"});
  std::string text = str_at(*message, {captioned ? "caption" : "text"});
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
  // Voice notes (OGG/Opus) and audio files; Telegram transcribes neither for bots.
  for (auto [key, fallback] : {std::pair{"voice", "ogg"}, std::pair{"audio", "mpeg"}}) {
    const auto* media = json_at(*message, {key});
    if (!media || !media->is_object() || event.voice) continue;
    std::string file_id = str_at(*media, {"file_id"});
    if (file_id.empty()) return make_error(ErrorCode::malformed, std::string("telegram ") + key + " without file_id");
    event.voice = IncomingVoice{file_id, "", audio_format(*media, fallback), ""};
  }
  if (json_at(*message, {"location"})) {
    auto lat = number_at(*message, {"location", "latitude"});
    auto lng = number_at(*message, {"location", "longitude"});
    if (!lat || !lng) return make_error(ErrorCode::malformed, "telegram location without coordinates");
    event.location = GeoPoint{*lat, *lng};
  }

  // Mentions: text_mention carries the user; mention is "@username" in the text and only the
  // roster's telegram_username column tells who that is. The bot's own mention is cut out.
  std::vector<std::pair<size_t, size_t>> cuts;  // byte ranges of the bot's own mentions
  if (const auto* entities = json_at(*message, {captioned ? "caption_entities" : "entities"});
      entities && entities->is_array()) {
    for (const auto& entity : *entities) {
      std::string type = str_at(entity, {"type"});
      auto offset = int_at(entity, {"offset"});
      auto length = int_at(entity, {"length"});
      if (!offset || !length || *offset < 0 || *length < 0) continue;
      size_t begin = byte_offset(text, *offset);
      size_t end = begin + byte_offset(std::string_view(text).substr(begin), *length);
      if (type == "text_mention") {
        std::string id = str_at(entity, {"user", "id"});
        if (id.empty()) continue;
        if (id == bot.id) {
          cuts.emplace_back(begin, end);
        } else {
          event.mentions.push_back(roster.roster_id(id));
        }
      } else if (type == "mention") {
        std::string name = text.substr(begin, end - begin);
        if (name.starts_with('@')) name.erase(0, 1);
        if (!bot.username.empty() && same_name(name, bot.username)) {
          cuts.emplace_back(begin, end);
        } else if (std::string id = roster.roster_id_by_username(name); !id.empty()) {
          event.mentions.push_back(id);
        }
      }
    }
  }
  std::sort(cuts.rbegin(), cuts.rend());
  for (auto [begin, end] : cuts) text.erase(begin, end - begin);
  event.text = plain_command(trim(text), bot);
  // A bare "@bot" is someone asking what the bot does: answer it with the help text.
  if (event.text.empty() && !cuts.empty() && event.images.empty() && !event.location && !event.voice) {
    event.text = "帮助";
  }

  if (event.text.empty() && event.images.empty() && !event.location && !event.voice) {
    return make_error(ErrorCode::ignored, "telegram message type not handled");
  }
  return event;
}

}  // namespace paike::telegram
