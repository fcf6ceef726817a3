#include "bot/platforms/sim/parse.h"

#include <simdjson.h>

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "bot/platforms/sim/wire.h"
#include "config/base64.h"
#include "config/text.h"
#include "storage/chat_key.h"

namespace paike::sim {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// The field's string, or nullopt when it is absent or null; a field of another type is an error.
Result<std::optional<std::string_view>> optional_string(const object& body, const char* key) {
  element value;
  if (body.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return std::optional<std::string_view>();
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    return make_error(ErrorCode::bad_field, std::string("'") + key + "' must be a string");
  }
  return std::optional<std::string_view>(text);
}

Result<std::string> required_string(const object& body, const char* key) {
  std::string_view text;
  if (body.at_key(key).get_string().get(text) != simdjson::SUCCESS || text.empty()) {
    return make_error(ErrorCode::missing_field, std::string("missing or empty string field '") + key + "'");
  }
  return std::string(text);
}

Result<std::optional<GeoPoint>> read_location(const object& body) {
  element value;
  if (body.at_key("location").get(value) != simdjson::SUCCESS || value.is_null()) return std::optional<GeoPoint>();
  const auto refuse = [] {
    return make_error(ErrorCode::bad_field, "'location' must be {\"lat\": number, \"lng\": number}");
  };
  object location;
  if (value.get_object().get(location) != simdjson::SUCCESS) return refuse();
  double lat = 0, lng = 0;
  if (location.at_key("lat").get_double().get(lat) != simdjson::SUCCESS ||
      location.at_key("lng").get_double().get(lng) != simdjson::SUCCESS) {
    return refuse();
  }
  if (!(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180)) {
    return make_error(ErrorCode::bad_field, "'location' is outside [-90,90]×[-180,180]");
  }
  return std::optional<GeoPoint>(GeoPoint{lat, lng});
}

IncomingImage decode_image_b64(std::string_view image) {
  // Browsers hand over data URLs ("data:image/jpeg;base64,…"); keep only the data.
  if (image.starts_with("data:")) {
    auto comma = image.find(',');
    image = comma == std::string_view::npos ? std::string_view() : image.substr(comma + 1);
  }
  IncomingImage incoming;
  if (auto bytes = base64_decode(image)) {
    incoming.data = std::move(*bytes);
  } else {
    incoming.fetch_error = "image_b64 is not valid base64";
  }
  return incoming;
}

// "voice": {"transcript": "…", "audio_b64": "…", "format": "amr"}, each field optional. The
// audio is decoded only with `decode_media` (worker work); bad base64 drops the audio, not
// the voice note: its transcript still counts.
Result<std::optional<IncomingVoice>> read_voice(const object& body, bool decode_media) {
  element value;
  if (body.at_key("voice").get(value) != simdjson::SUCCESS || value.is_null()) return std::optional<IncomingVoice>();
  object fields;
  if (value.get_object().get(fields) != simdjson::SUCCESS) {
    return make_error(ErrorCode::bad_field,
                      "'voice' must be {\"transcript\": string, \"audio_b64\": string, \"format\": string}");
  }
  IncomingVoice voice;
  for (auto [key, field] : {std::pair{"transcript", &voice.transcript}, {"format", &voice.format}}) {
    auto text = optional_string(fields, key);
    if (!text) return make_error(ErrorCode::bad_field, "'voice." + std::string(key) + "' must be a string");
    if (*text) *field = std::string(**text);
  }
  auto audio_b64 = optional_string(fields, "audio_b64");
  if (!audio_b64) return make_error(ErrorCode::bad_field, "'voice.audio_b64' must be a string");
  if (decode_media && *audio_b64 && !(*audio_b64)->empty()) {
    if (auto bytes = base64_decode(**audio_b64)) voice.data = std::move(*bytes);
  }
  return std::optional<IncomingVoice>(std::move(voice));
}

Result<ChatEvent> read_fields(const object& body, bool decode_image) {
  ChatEvent e;
  e.platform = kPlatform;
  for (auto [key, field] : {std::pair{"event_id", &e.event_id}, {"group_id", &e.group_id}, {"user_id", &e.user_id}}) {
    auto value = required_string(body, key);
    if (!value) return value.error();
    *field = std::move(*value);
  }
  // The simulator names a private chat as storage does (chat_key).
  ChatRef chat = chat_from_key(e.group_id);
  e.group_id = std::move(chat.id);
  e.direct = chat.direct;
  e.message_id = e.event_id;
  for (auto [key, field] : {std::pair{"user_name", &e.user_name}, {"text", &e.text}, {"reply_to", &e.reply_to}}) {
    auto value = optional_string(body, key);
    if (!value) return value.error();
    if (*value) *field = std::string(**value);
  }
  auto time = optional_string(body, "time");
  if (!time) return time.error();
  if (*time) {
    e.sent_at = parse_iso8601(**time);
    if (!e.sent_at) {
      return make_error(ErrorCode::bad_field, "'time' must be ISO 8601 with an offset, e.g. 2026-11-22T08:00:00+08:00");
    }
  }
  auto image_b64 = optional_string(body, "image_b64");
  if (!image_b64) return image_b64.error();
  auto location = read_location(body);
  if (!location) return location.error();
  e.location = *location;
  element mentions;
  if (body.at_key("mentions").get(mentions) == simdjson::SUCCESS && !mentions.is_null()) {
    simdjson::dom::array list;
    if (mentions.get_array().get(list) != simdjson::SUCCESS) {
      return make_error(ErrorCode::bad_field, "'mentions' must be a list of user ids");
    }
    for (element m : list) {
      std::string_view id;
      if (m.get_string().get(id) == simdjson::SUCCESS) e.mentions.emplace_back(id);
    }
  }
  if (decode_image && *image_b64 && !(*image_b64)->empty()) e.images.push_back(decode_image_b64(**image_b64));
  auto voice = read_voice(body, decode_image);
  if (!voice) return voice.error();
  e.voice = std::move(*voice);
  // As every platform does: the transcript is the text when the message has no other.
  if (e.voice && trim(e.text).empty()) e.text = e.voice->transcript;
  return e;
}

// The simulator's bodies carry photos inline, so they are parsed with simdjson: nlohmann's
// lexer copied a 220 KB base64 string a character at a time, twice per report (at the ack
// and again before handling), which was a tenth of all the CPU of filing a photo report.
// simdjson's parser allocates about 14× the largest body it read (a few pages of which are
// touched) and keeps it for the next body. A few are kept here for the threads that parse
// at the same moment; one per HTTP thread (32 then) pinned 100 MB in the e2e bench. Bodies
// of MBs (a 12 MP photo from the /sim page) take turns on one parser of their own: a fresh
// parser per body cost a page fault per 4 KB touched (a fifth of the ack's CPU for a 2 MB
// body), and five of them at once (two acks, the look-ahead, the worker) 90 MB of heap,
// which the allocator then keeps. A body over kLargeBytes gets a parser of its own, freed
// after; so does a small one when the kept ones are all in use.
class ParserPool {
 public:
  static constexpr size_t kKept = 4;
  static constexpr size_t kKeptParserBytes = 1 << 20;
  static constexpr size_t kLargeBytes = 8 << 20;

  template <typename Parse>
  auto with_parser(size_t body_size, Parse&& parse) {
    if (body_size > kKeptParserBytes && body_size <= kLargeBytes) {
      std::lock_guard lock(large_mutex_);
      return parse(large_);
    }
    auto parser = take(body_size);
    auto result = parse(*parser);
    give_back(std::move(parser));
    return result;
  }

 private:
  std::unique_ptr<simdjson::dom::parser> take(size_t body_size) {
    if (body_size <= kKeptParserBytes) {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto parser = std::move(idle_.back());
        idle_.pop_back();
        return parser;
      }
    }
    return std::make_unique<simdjson::dom::parser>();
  }

  void give_back(std::unique_ptr<simdjson::dom::parser> parser) {
    if (parser->capacity() > kKeptParserBytes) return;
    std::lock_guard lock(mutex_);
    if (idle_.size() < kKept) idle_.push_back(std::move(parser));
  }

  std::mutex mutex_;
  std::vector<std::unique_ptr<simdjson::dom::parser>> idle_;
  std::mutex large_mutex_;
  simdjson::dom::parser large_;
};

static_assert(kBodyPadding >= simdjson::SIMDJSON_PADDING);

Result<ChatEvent> read_body(std::string_view text, bool padded, bool decode_image) {
  static ParserPool pool;
  return pool.with_parser(text.size(), [&](simdjson::dom::parser& parser) -> Result<ChatEvent> {
    element root;
    if (parser.parse(text.data(), text.size(), !padded).get(root) != simdjson::SUCCESS) {
      return make_error(ErrorCode::bad_json, "the body is not valid JSON");
    }
    object body;
    if (root.get_object().get(body) != simdjson::SUCCESS) {
      return make_error(ErrorCode::bad_json, "the body must be a JSON object");
    }
    return read_fields(body, decode_image);
  });
}

}  // namespace

Result<ChatEvent> validate_body(const std::string& body) {
  return read_body(body, body.capacity() - body.size() >= kBodyPadding, false);
}

Result<ChatEvent> parse_body(std::string_view body) { return read_body(body, false, true); }

}  // namespace paike::sim
