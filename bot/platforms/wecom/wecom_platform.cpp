#include "bot/platforms/wecom/wecom_platform.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "bot/platforms/json_util.h"
#include "bot/platforms/settings_env.h"
#include "bot/platforms/webhook.h"
#include "bot/platforms/wecom/parse.h"
#include "bot/platforms/wecom/verify.h"
#include "bot/platforms/wecom/wire.h"

namespace paike {

using nlohmann::json;

Result<WecomSettings> wecom_settings_from_env(const EnvLookup& env, const Deployment& deployment) {
  WecomSettings s;
  s.api_base = env_or(env, "PAIKE_WECOM_API_BASE", wecom::kDefaultApiBase);
  std::string shared_robot_key = env_or(env, "PAIKE_WECOM_ROBOT_KEY", "");
  for (const auto& group : deployment.groups) {
    if (group.platform != "wecom" || !group.group_id.starts_with(wecom::kRobotGroupPrefix)) continue;
    std::string var = "PAIKE_WECOM_ROBOT_KEY_" + group.group_id.substr(std::string(wecom::kRobotGroupPrefix).size());
    for (auto& c : var) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string key = env_or(env, var, shared_robot_key);
    if (key.empty())
      return make_error("missing_env", "environment variable " + var + " (or PAIKE_WECOM_ROBOT_KEY) is not set");
    s.robot_keys[group.group_id] = key;
  }
  if (!shared_robot_key.empty() && !env("PAIKE_WECOM_CORP_ID")) return s;  // robot-only
  if (auto error = read_required(env, {{"PAIKE_WECOM_CORP_ID", &s.corp_id},
                                       {"PAIKE_WECOM_TOKEN", &s.token},
                                       {"PAIKE_WECOM_AES_KEY", &s.aes_key},
                                       {"PAIKE_WECOM_SECRET", &s.secret}})) {
    return *error;
  }
  if (s.aes_key.size() != 43)
    return make_error("bad_env", "PAIKE_WECOM_AES_KEY must be the 43-character EncodingAESKey");
  return s;
}

WecomPlatform::WecomPlatform(WecomSettings settings, PlatformRoster roster)
    : settings_(std::move(settings)),
      roster_(std::move(roster)),
      client_(settings_.api_base, settings_.corp_id, settings_.secret, settings_.http) {}

WebhookOutcome WecomPlatform::accept_webhook(WebhookRequest request, TimePoint now) {
  if (settings_.corp_id.empty()) return reject(404, name(), "robot-only: no callback configured");
  std::string signature = query_value(request, "msg_signature");
  std::string timestamp = query_value(request, "timestamp");
  std::string nonce = query_value(request, "nonce");

  bool is_json = false;
  std::string encrypted;
  if (request.method == "GET") {
    encrypted = query_value(request, "echostr");
  } else {
    json body = json::parse(request.body, nullptr, false);
    if (body.is_object()) {
      is_json = true;
      encrypted = str_at(body, {"encrypt"});
    } else {
      encrypted = wecom::xml_fields(request.body)["Encrypt"];
    }
  }
  if (encrypted.empty()) return reject(400, name(), "no ciphertext in the request");
  if (!wecom::msg_signature_ok(signature, settings_.token, timestamp, nonce, encrypted)) {
    return reject(401, name(), "bad msg_signature");
  }
  auto ts = int_at(json(timestamp), {});
  if (!ts || !within_window(TimePoint(Duration(*ts)), now, settings_.window)) {
    return reject(401, name(), "timestamp outside the window");
  }
  auto plain = wecom::decrypt(settings_.aes_key, encrypted);
  if (!plain) return reject(400, name(), plain.error().message);
  // The app callback carries the corp id; the intelligent robot's JSON callback an empty one.
  if (plain->receive_id != settings_.corp_id && !(is_json && plain->receive_id.empty())) {
    return reject(403, name(), "receive id is not this corp");
  }

  WebhookOutcome outcome;
  outcome.content_type = "text/plain";
  if (request.method == "GET") {  // the URL check: answer the decrypted echostr
    outcome.body = plain->message;
    return outcome;
  }
  outcome.body = "";
  if (!replay_.first_seen(timestamp + ":" + nonce, now)) return duplicate(name(), "nonce " + nonce);
  auto event = wecom::parse_event(plain->message, roster_);
  if (!event) {
    if (event.error().code == "ignored") {
      spdlog::debug("wecom: {}", event.error().message);
      return outcome;
    }
    return reject(400, name(), event.error().message);
  }
  if (!replay_.first_seen("msg:" + event->event_id, now)) return duplicate(name(), event->event_id);
  outcome.events.push_back({event->event_id, event->group_id, event->user_id, plain->message});
  return outcome;
}

Result<ChatEvent> WecomPlatform::parse_event(std::string_view payload) const {
  return wecom::parse_event(payload, roster_);
}

Result<std::string> WecomPlatform::fetch_media(const IncomingImage& image) { return client_.download(image.media_ref); }

std::optional<SendReceipt> WecomPlatform::send(const OutgoingMessage& message, SendFailure& failure) {
  auto targets = roster_.targets(message.mentions);
  if (message.group_id.starts_with(wecom::kRobotGroupPrefix)) {
    auto key = settings_.robot_keys.find(message.group_id);
    if (key == settings_.robot_keys.end()) {
      failure = SendFailure{false, std::nullopt, "no robot key for " + message.group_id};
      return std::nullopt;
    }
    std::vector<std::string> ids;
    for (const auto& t : targets) ids.push_back(t.platform_id);
    auto text = [&](SendFailure& f) { return client_.send_robot(key->second, message.text, ids, f); };
    if (auto photo = attached_photo(message)) {
      return parts_.send(
          message, {text, [&](SendFailure& f) { return client_.send_robot_image(key->second, *photo, f); }}, failure);
    }
    return text(failure);
  }
  if (settings_.corp_id.empty()) {
    failure = SendFailure{false, std::nullopt, "robot-only wecom cannot send to " + message.group_id};
    return std::nullopt;
  }
  auto text = [&](SendFailure& f) { return client_.send_app_chat(message.group_id, message.text, f); };
  if (auto photo = attached_photo(message)) {
    return parts_.send(message,
                       {text, [&](SendFailure& f) { return client_.send_app_chat_image(message.group_id, *photo, f); }},
                       failure);
  }
  return text(failure);
}

// PLACEHOLDER(issue 23): replaced by the real online check.
std::vector<std::string> WecomPlatform::check_online() { return {"wecom: 在线检查尚未实现"}; }

}  // namespace paike
