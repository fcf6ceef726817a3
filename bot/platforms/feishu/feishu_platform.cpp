#include "bot/platforms/feishu/feishu_platform.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "bot/platforms/crypto.h"
#include "bot/platforms/feishu/parse.h"
#include "bot/platforms/feishu/verify.h"
#include "bot/platforms/feishu/wire.h"
#include "bot/platforms/json_util.h"
#include "bot/platforms/settings_env.h"
#include "bot/platforms/webhook.h"

namespace paike {

using nlohmann::json;

Result<FeishuSettings> feishu_settings_from_env(const EnvLookup& env) {
  FeishuSettings s;
  if (auto error = read_required(env, {{"PAIKE_FEISHU_APP_ID", &s.app_id},
                                       {"PAIKE_FEISHU_APP_SECRET", &s.app_secret},
                                       {"PAIKE_FEISHU_VERIFICATION_TOKEN", &s.verification_token}})) {
    return *error;
  }
  s.encrypt_key = env_or(env, "PAIKE_FEISHU_ENCRYPT_KEY", "");
  s.api_base = env_or(env, "PAIKE_FEISHU_API_BASE", feishu::kDefaultApiBase);
  return s;
}

FeishuPlatform::FeishuPlatform(FeishuSettings settings, PlatformRoster roster)
    : settings_(std::move(settings)),
      roster_(std::move(roster)),
      client_(settings_.api_base, settings_.app_id, settings_.app_secret, settings_.http) {}

WebhookOutcome FeishuPlatform::accept_webhook(WebhookRequest request, TimePoint now) {
  json outer = json::parse(request.body, nullptr, false);
  if (!outer.is_object()) return reject(400, name(), "body is not a JSON object");

  std::string signature = header_value(request, feishu::kSignatureHeader);
  std::string timestamp = header_value(request, feishu::kTimestampHeader);
  std::string nonce = header_value(request, feishu::kNonceHeader);
  bool signed_ok = false;
  if (!settings_.encrypt_key.empty() && !signature.empty()) {
    if (!feishu::signature_ok(signature, timestamp, nonce, settings_.encrypt_key, request.body)) {
      return reject(401, name(), "bad X-Lark-Signature");
    }
    auto ts = int_at(json(timestamp), {});
    if (!ts || !within_window(TimePoint(Duration(*ts)), now, settings_.window)) {
      return reject(401, name(), "request timestamp outside the window");
    }
    signed_ok = true;
  }

  json event = outer;
  if (outer.contains("encrypt")) {
    if (settings_.encrypt_key.empty()) return reject(400, name(), "encrypted body but no encrypt key configured");
    auto plain = feishu::decrypt(settings_.encrypt_key, str_at(outer, {"encrypt"}));
    if (!plain) return reject(400, name(), plain.error().message);
    event = json::parse(*plain, nullptr, false);
    if (!event.is_object()) return reject(400, name(), "decrypted body is not JSON");
  } else if (!settings_.encrypt_key.empty()) {
    return reject(401, name(), "plain body while an encrypt key is configured");
  }

  // The URL check: {"type":"url_verification","challenge":…,"token":…}; never signed.
  if (str_at(event, {"type"}) == "url_verification") {
    if (!crypto::constant_time_equal(str_at(event, {"token"}), settings_.verification_token)) {
      return reject(401, name(), "bad verification token in challenge");
    }
    WebhookOutcome outcome;
    outcome.body = json{{"challenge", str_at(event, {"challenge"})}}.dump();
    return outcome;
  }

  if (!settings_.encrypt_key.empty() && !signed_ok) return reject(401, name(), "missing X-Lark-Signature");
  if (!crypto::constant_time_equal(str_at(event, {"header", "token"}), settings_.verification_token)) {
    return reject(401, name(), "bad verification token");
  }
  std::string event_id = str_at(event, {"header", "event_id"});
  if (event_id.empty()) return reject(400, name(), "event without header.event_id");
  if (!signed_ok) {  // plain mode: only the event's own creation time bounds a replay
    auto created_ms = int_at(event, {"header", "create_time"});
    if (!created_ms || !within_window(TimePoint(Duration(*created_ms / 1000)), now, std::chrono::hours(24))) {
      return reject(401, name(), "event create_time outside the window");
    }
  }
  if (!replay_.first_seen(event_id, now)) return duplicate(name(), event_id);

  WebhookOutcome outcome;
  std::string type = str_at(event, {"header", "event_type"});
  if (type != feishu::kMessageReceived) {
    spdlog::debug("feishu: event type {} not handled", type);
    return outcome;
  }
  std::string sender = str_at(event, {"event", "sender", "sender_id", "open_id"});
  outcome.events.push_back(
      {event_id, str_at(event, {"event", "message", "chat_id"}), roster_.roster_id(sender), event.dump()});
  return outcome;
}

Result<ChatEvent> FeishuPlatform::parse_event(std::string_view payload) const {
  return feishu::parse_event(payload, roster_);
}

Result<std::string> FeishuPlatform::fetch_media(const IncomingImage& image) {
  size_t slash = image.media_ref.find('/');
  if (slash == std::string::npos) return make_error("bad_media_ref", "feishu media_ref is not message/key");
  return client_.download_image(image.media_ref.substr(0, slash), image.media_ref.substr(slash + 1));
}

std::optional<SendReceipt> FeishuPlatform::send(const OutgoingMessage& message, SendFailure& failure) {
  const std::string group = roster_.platform_group(message.group_id);
  auto targets = roster_.targets(message.mentions);
  auto photo = attached_photo(message);
  if (!photo) {
    std::string text = render_mentions(message.text, targets, [](const MentionTarget& t) {
      return "<at user_id=\"" + t.platform_id + "\">" + t.name + "</at>";
    });
    return client_.send(group, "text", json{{"text", text}}.dump(), message.reply_to, failure);
  }
  // Text, mentions and image in one rich-text ("post") message, so they arrive together.
  auto image_key = client_.upload_image(*photo, failure);
  if (!image_key) return std::nullopt;
  json line = json::array();
  for (const auto& piece : split_mentions(message.text, targets)) {
    if (piece.mention)
      line.push_back({{"tag", "at"}, {"user_id", piece.mention->platform_id}});
    else
      line.push_back({{"tag", "text"}, {"text", piece.text}});
  }
  json post{
      {"zh_cn",
       {{"title", ""}, {"content", json::array({line, json::array({{{"tag", "img"}, {"image_key", *image_key}}})})}}}};
  return client_.send(group, "post", post.dump(), message.reply_to, failure);
}

// PLACEHOLDER(issue 23): replaced by the real online check.
std::vector<std::string> FeishuPlatform::check_online() { return {"feishu: 在线检查尚未实现"}; }

}  // namespace paike
