#include "handlers/intake/report_draft.h"

#include <nlohmann/json.hpp>

namespace paike {

OutgoingMessage reply(const ReportDraft& draft, std::string text, std::vector<std::string> mentions) {
  OutgoingMessage m;
  m.platform = draft.platform;
  m.group_id = draft.group_id;
  m.text = std::move(text);
  m.mentions = std::move(mentions);
  m.reply_to = draft.source_message_id;
  return m;
}

using nlohmann::json;

std::string draft_to_json(const ReportDraft& d) {
  json j = {
      {"stage", d.stage == DraftStage::awaiting_text ? "awaiting_text" : "awaiting_category"},
      {"platform", d.platform},
      {"group_id", d.group_id},
      {"reporter_id", d.reporter_id},
      {"reporter_name", d.reporter_name},
      {"filer_id", d.filer_id},
      {"text", d.text},
      {"photos", d.photo_sha256s},
      {"photo_errors", d.photo_errors},
      {"source_event_id", d.source_event_id},
      {"source_message_id", d.source_message_id},
      {"reported_at", d.reported_at.time_since_epoch().count()},
      {"photo_blurry", d.photo_blurry},
  };
  if (d.location) j["location"] = {{"lat", d.location->lat}, {"lng", d.location->lng}};
  if (d.photo_dark) j["photo_dark"] = true;
  if (d.photo_location) j["photo_location"] = {{"lat", d.photo_location->lat}, {"lng", d.photo_location->lng}};
  if (d.old_photo_taken) j["old_photo_taken"] = d.old_photo_taken->time_since_epoch().count();
  for (const auto& v : d.voices) {
    j["voices"].push_back({{"sha256", v.sha256},
                           {"format", v.format},
                           {"bytes", v.bytes},
                           {"transcript", v.transcript},
                           {"source_event_id", v.source_event_id}});
  }
  return j.dump();
}

std::optional<ReportDraft> draft_from_json(const std::string& payload) {
  json j = json::parse(payload, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  try {
    ReportDraft d;
    const std::string stage = j.at("stage").get<std::string>();
    if (stage == "awaiting_text") {
      d.stage = DraftStage::awaiting_text;
    } else if (stage == "awaiting_category") {
      d.stage = DraftStage::awaiting_category;
    } else {
      return std::nullopt;
    }
    d.platform = j.at("platform").get<std::string>();
    d.group_id = j.at("group_id").get<std::string>();
    d.reporter_id = j.at("reporter_id").get<std::string>();
    d.reporter_name = j.at("reporter_name").get<std::string>();
    d.filer_id = j.value("filer_id", std::string());
    d.text = j.at("text").get<std::string>();
    d.photo_sha256s = j.at("photos").get<std::vector<std::string>>();
    d.photo_errors = j.at("photo_errors").get<std::vector<std::string>>();
    d.source_event_id = j.at("source_event_id").get<std::string>();
    d.source_message_id = j.at("source_message_id").get<std::string>();
    d.reported_at = TimePoint(Duration(j.at("reported_at").get<long long>()));
    d.photo_blurry = j.value("photo_blurry", false);
    if (j.contains("location")) d.location = GeoPoint{j["location"].at("lat"), j["location"].at("lng")};
    d.photo_dark = j.value("photo_dark", false);
    if (j.contains("photo_location")) {
      d.photo_location = GeoPoint{j["photo_location"].at("lat"), j["photo_location"].at("lng")};
    }
    if (j.contains("old_photo_taken")) d.old_photo_taken = TimePoint(Duration(j["old_photo_taken"].get<long long>()));
    for (const auto& v : j.value("voices", json::array())) {
      TicketVoice voice;
      voice.sha256 = v.at("sha256").get<std::string>();
      voice.format = v.at("format").get<std::string>();
      voice.bytes = v.at("bytes").get<int64_t>();
      voice.transcript = v.at("transcript").get<std::string>();
      voice.source_event_id = v.at("source_event_id").get<std::string>();
      d.voices.push_back(std::move(voice));
    }
    return d;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace paike
