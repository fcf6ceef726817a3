#include "bot/platforms/onebot/onebot_platform.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "bot/platforms/json_util.h"
#include "bot/platforms/onebot/parse.h"
#include "bot/platforms/onebot/verify.h"
#include "bot/platforms/onebot/wire.h"
#include "bot/platforms/settings_env.h"
#include "bot/platforms/webhook.h"
#include "config/base64.h"

namespace paike {

using nlohmann::json;

Result<OnebotSettings> onebot_settings_from_env(const EnvLookup& env) {
  OnebotSettings s;
  if (auto error =
          read_required(env, {{"PAIKE_ONEBOT_SECRET", &s.secret}, {"PAIKE_ONEBOT_ACCESS_TOKEN", &s.access_token}})) {
    return *error;
  }
  s.api_base = env_or(env, "PAIKE_ONEBOT_API_BASE", onebot::kDefaultApiBase);
  return s;
}

OnebotPlatform::OnebotPlatform(OnebotSettings settings, PlatformRoster roster)
    : settings_(std::move(settings)),
      roster_(std::move(roster)),
      client_(settings_.api_base, settings_.access_token, settings_.http) {}

WebhookOutcome OnebotPlatform::accept_webhook(WebhookRequest request, TimePoint now) {
  if (!onebot::signature_ok(header_value(request, onebot::kSignatureHeader), settings_.secret, request.body)) {
    return reject(401, name(), "bad X-Signature");
  }
  json body = json::parse(request.body, nullptr, false);
  if (!body.is_object() || str_at(body, {"post_type"}).empty())
    return reject(400, name(), "body is not a OneBot event");
  auto time = int_at(body, {"time"});
  if (!time || !within_window(TimePoint(Duration(*time)), now, settings_.window)) {
    return reject(401, name(), "event time outside the window");
  }
  WebhookOutcome outcome;
  outcome.status = 204;  // OneBot: no quick operation
  outcome.body.clear();
  if (str_at(body, {"post_type"}) != "message") {
    spdlog::debug("onebot: post_type {} not handled", str_at(body, {"post_type"}));
    return outcome;
  }
  std::string event_id = str_at(body, {"self_id"}) + ":" + str_at(body, {"message_id"});
  if (str_at(body, {"message_id"}).empty()) return reject(400, name(), "message without message_id");
  if (!replay_.first_seen(event_id, now)) return duplicate(name(), event_id);
  std::string group = str_at(body, {"message_type"}) == "group" ? str_at(body, {"group_id"})
                                                                : "dm:" + roster_.roster_id(str_at(body, {"user_id"}));
  outcome.events.push_back({event_id, group, roster_.roster_id(str_at(body, {"user_id"})), request.body});
  return outcome;
}

Result<ChatEvent> OnebotPlatform::parse_event(std::string_view payload) const {
  return onebot::parse_event(payload, roster_);
}

Result<std::string> OnebotPlatform::fetch_media(const IncomingImage& image) {
  return client_.download(image.media_ref);
}

std::optional<SendReceipt> OnebotPlatform::send(const OutgoingMessage& message, SendFailure& failure) {
  json segments = json::array();
  if (!message.reply_to.empty() && message.reply_to.find_first_not_of("-0123456789") == std::string::npos) {
    segments.push_back({{"type", "reply"}, {"data", {{"id", message.reply_to}}}});
  }
  // Text runs between @-mentions stay text segments; each mention is an `at` segment.
  for (const auto& piece : split_mentions(message.text, roster_.targets(message.mentions))) {
    if (piece.mention)
      segments.push_back({{"type", "at"}, {"data", {{"qq", piece.mention->platform_id}}}});
    else
      segments.push_back({{"type", "text"}, {"data", {{"text", piece.text}}}});
  }
  // OneBot v11 takes image bytes inline as "base64://…" in the segment's `file`.
  if (auto photo = attached_photo(message)) {
    segments.push_back({{"type", "image"}, {"data", {{"file", "base64://" + base64_encode(*photo)}}}});
  }
  return client_.send(roster_.platform_group(message.group_id), segments, failure);
}

// PLACEHOLDER(issue 23): replaced by the real online check.
std::vector<std::string> OnebotPlatform::check_online() { return {"onebot: 在线检查尚未实现"}; }

}  // namespace paike
