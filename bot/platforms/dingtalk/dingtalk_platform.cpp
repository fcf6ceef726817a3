#include "bot/platforms/dingtalk/dingtalk_platform.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/parse.h"
#include "bot/platforms/dingtalk/verify.h"
#include "bot/platforms/dingtalk/wire.h"
#include "bot/platforms/json_util.h"
#include "bot/platforms/settings_env.h"
#include "bot/platforms/webhook.h"

namespace paike {

using nlohmann::json;

Result<DingtalkSettings> dingtalk_settings_from_env(const EnvLookup& env) {
  DingtalkSettings s;
  if (auto error =
          read_required(env, {{"PAIKE_DINGTALK_APP_KEY", &s.app_key}, {"PAIKE_DINGTALK_APP_SECRET", &s.app_secret}})) {
    return *error;
  }
  s.api_base = env_or(env, "PAIKE_DINGTALK_API_BASE", dingtalk::kDefaultApiBase);
  s.oapi_base = env_or(env, "PAIKE_DINGTALK_OAPI_BASE",
                       s.api_base == dingtalk::kDefaultApiBase ? dingtalk::kDefaultOapiBase : s.api_base);
  return s;
}

DingtalkPlatform::DingtalkPlatform(DingtalkSettings settings, PlatformRoster roster)
    : settings_(std::move(settings)),
      roster_(std::move(roster)),
      client_(settings_.api_base, settings_.oapi_base, settings_.app_key, settings_.app_secret, settings_.http) {}

WebhookOutcome DingtalkPlatform::accept_webhook(WebhookRequest request, TimePoint now) {
  std::string timestamp = header_value(request, "timestamp");
  if (!dingtalk::sign_ok(header_value(request, "sign"), timestamp, settings_.app_secret)) {
    return reject(401, name(), "bad sign");
  }
  auto ms = int_at(json(timestamp), {});
  if (!ms || !within_window(TimePoint(Duration(*ms / 1000)), now, settings_.window)) {
    return reject(401, name(), "timestamp outside the window");
  }
  json body = json::parse(request.body, nullptr, false);
  std::string msg_id = str_at(body, {"msgId"});
  std::string conversation = str_at(body, {"conversationId"});
  if (!body.is_object() || msg_id.empty() || conversation.empty()) {
    return reject(400, name(), "body is not a robot message");
  }
  if (!replay_.first_seen(msg_id, now)) return duplicate(name(), msg_id);

  std::string webhook = str_at(body, {"sessionWebhook"});
  auto expires_ms = int_at(body, {"sessionWebhookExpiredTime"});
  if (!webhook.empty() && expires_ms) {
    std::lock_guard lock(sessions_mutex_);
    sessions_[conversation] = Session{webhook, TimePoint(Duration(*expires_ms / 1000))};
  }
  std::string sender = str_at(body, {"senderStaffId"});
  if (sender.empty()) sender = str_at(body, {"senderId"});
  WebhookOutcome outcome;
  outcome.events.push_back({msg_id, conversation, roster_.roster_id(sender), request.body});
  return outcome;
}

Result<ChatEvent> DingtalkPlatform::parse_event(std::string_view payload) const {
  return dingtalk::parse_event(payload, roster_);
}

Result<std::string> DingtalkPlatform::fetch_media(const IncomingImage& image) {
  return client_.download(image.media_ref);
}

std::optional<SendReceipt> DingtalkPlatform::send(const OutgoingMessage& message, SendFailure& failure) {
  auto targets = roster_.targets(message.mentions);
  std::optional<Session> session;
  {
    std::lock_guard lock(sessions_mutex_);
    auto it = sessions_.find(message.group_id);
    auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    if (it != sessions_.end() && it->second.expires > now + std::chrono::minutes(1)) session = it->second;
  }
  auto text = [&](SendFailure& f) -> std::optional<SendReceipt> {
    if (!session) return client_.send_to_group(message.group_id, message.text, f);
    // DingTalk shows "@<userId>" in the text as the person's name when atUserIds holds the id.
    std::vector<std::string> ids;
    for (const auto& t : targets) ids.push_back(t.platform_id);
    std::string rendered =
        render_mentions(message.text, targets, [](const MentionTarget& t) { return "@" + t.platform_id; });
    return client_.send_by_session(session->webhook, rendered, ids, f);
  };
  if (auto photo = attached_photo(message)) {
    return parts_.send(message,
                       {text, [&](SendFailure& f) { return client_.send_image_to_group(message.group_id, *photo, f); }},
                       failure);
  }
  return text(failure);
}

// PLACEHOLDER(issue 23): replaced by the real online check.
std::vector<std::string> DingtalkPlatform::check_online() { return {"dingtalk: 在线检查尚未实现"}; }

}  // namespace paike
