#include "bot/platforms/sim/parse.h"

#include "bot/platforms/sim/wire.h"
#include "config/base64.h"

namespace paike::sim {

using nlohmann::json;

namespace {

bool optional_string(const json& body, const char* key) {
  return !body.contains(key) || body[key].is_string() || body[key].is_null();
}

std::string string_field(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<json> validate_body(std::string_view body) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return make_error("bad_json", "the body is not valid JSON");
  if (!j.is_object()) return make_error("bad_json", "the body must be a JSON object");
  for (const char* key : {"event_id", "group_id", "user_id"}) {
    if (!j.contains(key) || !j[key].is_string() || j[key].get<std::string>().empty()) {
      return make_error("missing_field", std::string("missing or empty string field '") + key + "'");
    }
  }
  for (const char* key : {"user_name", "time", "text", "image_b64", "reply_to"}) {
    if (!optional_string(j, key)) return make_error("bad_field", std::string("'") + key + "' must be a string");
  }
  if (j.contains("time") && j["time"].is_string() && !parse_iso8601(j["time"].get<std::string>())) {
    return make_error("bad_field", "'time' must be ISO 8601 with an offset, e.g. 2026-11-22T08:00:00+08:00");
  }
  if (j.contains("location") && !j["location"].is_null()) {
    const json& loc = j["location"];
    if (!loc.is_object() || !loc.contains("lat") || !loc.contains("lng") || !loc["lat"].is_number() ||
        !loc["lng"].is_number()) {
      return make_error("bad_field", "'location' must be {\"lat\": number, \"lng\": number}");
    }
    double lat = loc["lat"].get<double>(), lng = loc["lng"].get<double>();
    if (!(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180)) {
      return make_error("bad_field", "'location' is outside [-90,90]×[-180,180]");
    }
  }
  if (j.contains("mentions") && !(j["mentions"].is_array() || j["mentions"].is_null())) {
    return make_error("bad_field", "'mentions' must be a list of user ids");
  }
  return j;
}

Result<ChatEvent> parse_body(std::string_view body) {
  auto valid = validate_body(body);
  if (!valid) return valid.error();
  const json& j = *valid;
  ChatEvent e;
  e.platform = kPlatform;
  e.event_id = string_field(j, "event_id");
  e.message_id = e.event_id;
  e.group_id = string_field(j, "group_id");
  e.user_id = string_field(j, "user_id");
  e.user_name = string_field(j, "user_name");
  e.text = string_field(j, "text");
  e.reply_to = string_field(j, "reply_to");
  if (auto t = string_field(j, "time"); !t.empty()) e.sent_at = parse_iso8601(t);
  if (j.contains("location") && j["location"].is_object()) {
    e.location = GeoPoint{j["location"]["lat"].get<double>(), j["location"]["lng"].get<double>()};
  }
  if (j.contains("mentions") && j["mentions"].is_array()) {
    for (const auto& m : j["mentions"]) {
      if (m.is_string()) e.mentions.push_back(m.get<std::string>());
    }
  }
  std::string image = string_field(j, "image_b64");
  if (!image.empty()) {
    // Browsers hand over data URLs ("data:image/jpeg;base64,…"); keep only the data.
    if (image.rfind("data:", 0) == 0) {
      auto comma = image.find(',');
      image = comma == std::string::npos ? std::string() : image.substr(comma + 1);
    }
    IncomingImage incoming;
    if (auto bytes = base64_decode(image)) {
      incoming.data = std::move(*bytes);
    } else {
      incoming.fetch_error = "image_b64 is not valid base64";
    }
    e.images.push_back(std::move(incoming));
  }
  return e;
}

}  // namespace paike::sim
