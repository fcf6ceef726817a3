#include "bot/platforms/dingtalk/dingtalk_platform.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/parse.h"
#include "bot/platforms/dingtalk/verify.h"
#include "bot/platforms/dingtalk/wire.h"
#include "bot/platforms/json_util.h"
#include "bot/platforms/registry.h"
#include "bot/platforms/settings_env.h"
#include "bot/platforms/text_parts.h"
#include "bot/platforms/webhook.h"
#include "storage/chat_key.h"

namespace paike {

using nlohmann::json;

Result<DingtalkSettings> dingtalk_settings_from_env(const EnvLookup& env) {
  DingtalkSettings s;
  if (auto read =
          read_required(env, {{"PAIKE_DINGTALK_APP_KEY", &s.app_key}, {"PAIKE_DINGTALK_APP_SECRET", &s.app_secret}});
      !read) {
    return read.error();
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

  std::string sender = str_at(body, {"senderStaffId"});
  if (sender.empty()) sender = str_at(body, {"senderId"});
  // The chat as parse_event names it, and as replies name it: a private chat is the sender's.
  const bool direct = str_at(body, {"conversationType"}) == "1";
  const std::string user = roster_.roster_id(sender);
  const std::string chat = direct ? user : conversation;
  std::string webhook = str_at(body, {"sessionWebhook"});
  auto expires_ms = int_at(body, {"sessionWebhookExpiredTime"});
  if (!webhook.empty() && expires_ms) {
    std::lock_guard lock(sessions_mutex_);
    sessions_[chat_key(chat, direct)] = Session{webhook, TimePoint(Duration(*expires_ms / 1000))};
  }
  WebhookOutcome outcome;
  outcome.events.push_back({msg_id, chat, direct, user, request.body});
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
    auto it = sessions_.find(chat_key(message.group_id, message.direct));
    auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    if (it != sessions_.end() && it->second.expires > now + std::chrono::minutes(1)) session = it->second;
  }
  // Without a live session a private chat goes to the robot's one-to-one API, by DingTalk userId.
  const std::string chat = roster_.platform_chat(message.group_id, message.direct);
  const bool private_chat = message.direct;
  std::vector<std::string> ids;
  for (const auto& t : targets) ids.push_back(t.platform_id);
  // DingTalk shows "@<userId>" in the text as the person's name when atUserIds holds the id.
  std::string text =
      session ? render_mentions(message.text, targets, [](const MentionTarget& t) { return "@" + t.platform_id; })
              : message.text;
  std::vector<SendPart> parts;
  auto pieces = split_text(text, dingtalk::kTextLimitBytes, TextUnit::utf8_bytes);
  for (size_t i = 0; i < pieces.size(); ++i) {
    parts.push_back([&, i](SendFailure& f) -> std::optional<SendReceipt> {
      const std::string& piece = pieces[i];
      if (session)
        return client_.send_by_session(session->webhook, piece, i == 0 ? ids : std::vector<std::string>{}, f);
      if (private_chat) return client_.send_to_user(chat, piece, f);
      return client_.send_to_group(chat, piece, f);
    });
  }
  // Outside the `if`: the part runs in parts_.send below and reads it by reference.
  auto photo = attached_photo(message);
  if (photo) parts.push_back([&](SendFailure& f) { return client_.send_image(chat, private_chat, *photo, f); });
  return parts_.send(message, parts, failure, parts_store());
}

std::vector<std::string> DingtalkPlatform::check_online() {
  std::vector<std::string> problems;
  // The robotCode is the AppKey; a pasted value with spaces or quotes is refused by DingTalk.
  if (settings_.app_key.find_first_of(" \t\"'") != std::string::npos) {
    problems.push_back(
        "dingtalk: PAIKE_DINGTALK_APP_KEY 里有空格或引号：请从钉钉开发者后台 → 应用开发 → "
        "企业内部应用 → 凭证与基础信息 重新复制 Client ID");
  }
  auto check = client_.check_token();
  if (!check.reached) {
    problems.push_back("dingtalk: 连不上钉钉服务器 " + settings_.api_base +
                       "：请检查本机网络、代理和 PAIKE_DINGTALK_API_BASE");
  } else if (check.status == 200 && check.code.empty()) {
    // The token works.
  } else if (check.code.find("IpNotInWhiteList") != std::string::npos ||
             check.code.find("IpLimit") != std::string::npos) {
    problems.push_back(
        "dingtalk: 钉钉拒绝了本服务器的 IP：请在钉钉开发者后台 → 应用 → 安全设置 → 服务器出口IP "
        "加入本机的公网 IP");
  } else if (check.status == 400 || check.status == 401 || check.status == 403) {
    problems.push_back("dingtalk: 钉钉不认这组应用凭证（错误码 " + check.code +
                       "）：请核对 PAIKE_DINGTALK_APP_KEY 和 PAIKE_DINGTALK_APP_SECRET，"
                       "在钉钉开发者后台 → 应用开发 → 企业内部应用 → 凭证与基础信息 复制 Client ID 和 Client Secret");
  } else {
    problems.push_back("dingtalk: 钉钉取 accessToken 失败（HTTP " + std::to_string(check.status) + "，错误码 " +
                       check.code + "）：请稍后再试");
  }
  return problems;
}

// Its entry in config/platforms.def.
Result<std::unique_ptr<Platform>> make_dingtalk_platform(const Deployment& deployment, const EnvLookup& env) {
  return build_platform<DingtalkPlatform>(dingtalk_settings_from_env(env), "dingtalk", deployment);
}

}  // namespace paike
