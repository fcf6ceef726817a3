#include "bot/platforms/wecom/wecom_platform.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "bot/platforms/json_util.h"
#include "bot/platforms/registry.h"
#include "bot/platforms/settings_env.h"
#include "bot/platforms/text_parts.h"
#include "bot/platforms/webhook.h"
#include "bot/platforms/wecom/parse.h"
#include "bot/platforms/wecom/verify.h"
#include "bot/platforms/wecom/wire.h"
#include "storage/chat_key.h"

namespace paike {

using nlohmann::json;

Result<WecomSettings> wecom_settings_from_env(const EnvLookup& env, const Deployment& deployment) {
  WecomSettings s;
  s.api_base = env_or(env, "PAIKE_WECOM_API_BASE", wecom::kDefaultApiBase);
  s.agent_id = env_or(env, "PAIKE_WECOM_AGENT_ID", "");
  s.bot_name = env_or(env, "PAIKE_WECOM_BOT_NAME", "");
  if (s.bot_name.starts_with("@")) s.bot_name.erase(0, 1);
  std::string shared_robot_key = env_or(env, "PAIKE_WECOM_ROBOT_KEY", "");
  for (const auto& group : deployment.groups) {
    if (group.platform != "wecom" || !group.group_id.starts_with(wecom::kRobotGroupPrefix)) continue;
    std::string var = "PAIKE_WECOM_ROBOT_KEY_" + group.group_id.substr(std::string(wecom::kRobotGroupPrefix).size());
    for (auto& c : var) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string key = env_or(env, var, shared_robot_key);
    if (key.empty())
      return make_error(ErrorCode::missing_env,
                        "environment variable " + var + " (or PAIKE_WECOM_ROBOT_KEY) is not set");
    s.robot_keys[group.group_id] = key;
  }
  bool robots = !shared_robot_key.empty() || !s.robot_keys.empty();
  if (env("PAIKE_WECOM_CORP_ID")) {
    if (auto read = read_required(env, {{"PAIKE_WECOM_CORP_ID", &s.corp_id},
                                        {"PAIKE_WECOM_TOKEN", &s.token},
                                        {"PAIKE_WECOM_AES_KEY", &s.aes_key},
                                        {"PAIKE_WECOM_SECRET", &s.secret}});
        !read) {
      return read.error();
    }
  } else if (env("PAIKE_WECOM_TOKEN") || env("PAIKE_WECOM_AES_KEY")) {
    // The intelligent robot alone: its callbacks need no corp id or secret (receive id "").
    if (auto read = read_required(env, {{"PAIKE_WECOM_TOKEN", &s.token}, {"PAIKE_WECOM_AES_KEY", &s.aes_key}}); !read)
      return read.error();
  } else if (robots) {
    return s;  // group robot webhooks only: send-only
  } else if (auto read = read_required(env, {{"PAIKE_WECOM_CORP_ID", &s.corp_id}}); !read) {
    return read.error();
  }
  if (s.aes_key.size() != 43)
    return make_error(ErrorCode::bad_env, "PAIKE_WECOM_AES_KEY must be the 43-character EncodingAESKey");
  if (s.agent_id.find_first_not_of("0123456789") != std::string::npos || s.agent_id.size() > 18)
    return make_error(ErrorCode::bad_env, "PAIKE_WECOM_AGENT_ID must be the app's numeric AgentId");
  return s;
}

WecomPlatform::WecomPlatform(WecomSettings settings, PlatformRoster roster)
    : settings_(std::move(settings)),
      roster_(std::move(roster)),
      client_(settings_.api_base, settings_.corp_id, settings_.secret, settings_.http) {}

WebhookOutcome WecomPlatform::accept_webhook(WebhookRequest request, TimePoint now) {
  if (settings_.token.empty()) return reject(404, name(), "group robot only: no callback configured");
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
  // The app's callbacks carry the corp id; the intelligent robot's an empty one, for its URL
  // check (GET) as for its JSON messages (回调和回复的加解密方案: ReceiveId 为 "").
  bool robot = plain->receive_id.empty() && (request.method == "GET" || is_json);
  if (!robot && (settings_.corp_id.empty() || plain->receive_id != settings_.corp_id)) {
    return reject(403, name(), "receive id is not this corp");
  }

  WebhookOutcome outcome;
  outcome.content_type = "text/plain";
  if (request.method == "GET") {  // the URL check: answer the decrypted echostr
    outcome.body = plain->message;
    return outcome;
  }
  outcome.body = "";  // an empty answer: replies go later, through response_url or the app
  if (!replay_.first_seen(timestamp + ":" + nonce, now)) return duplicate(name(), "nonce " + nonce);
  auto event = wecom::parse_event(plain->message, roster_, settings_.bot_name);
  if (!event) {
    if (event.error().code == ErrorCode::ignored) {
      spdlog::debug("wecom: {}", event.error().message);
      return outcome;
    }
    return reject(400, name(), event.error().message);
  }
  if (!replay_.first_seen("msg:" + event->event_id, now)) return duplicate(name(), event->event_id);
  if (robot) {
    std::string url = str_at(json::parse(plain->message, nullptr, false), {"response_url"});
    remember_response_url(chat_key(*event), {url, event->message_id, now + wecom::kResponseUrlLifetime});
  }
  outcome.events.push_back({event->event_id, event->group_id, event->direct, event->user_id, plain->message});
  return outcome;
}

void WecomPlatform::remember_response_url(const std::string& chat, ResponseUrl url) {
  std::lock_guard lock(replies_mutex_);
  robot_chats_[chat] = true;
  if (url.url.empty()) return;
  auto& held = replies_[chat];
  held.push_back(std::move(url));
  if (held.size() > 50) held.pop_front();  // a busy chat: the oldest expire first anyway
}

std::optional<WecomPlatform::ResponseUrl> WecomPlatform::take_response_url(const std::string& chat,
                                                                           const std::string& reply_to, TimePoint now) {
  std::lock_guard lock(replies_mutex_);
  auto it = replies_.find(chat);
  if (it == replies_.end()) return std::nullopt;
  auto& held = it->second;
  while (!held.empty() && held.front().expires <= now + wecom::kResponseUrlMargin) held.pop_front();
  auto pick = held.begin();
  for (auto i = held.begin(); i != held.end(); ++i) {
    if (!reply_to.empty() && i->message_id == reply_to) pick = i;
  }
  if (pick == held.end()) return std::nullopt;
  ResponseUrl taken = *pick;
  held.erase(pick);
  return taken;
}

Result<ChatEvent> WecomPlatform::parse_event(std::string_view payload) const {
  return wecom::parse_event(payload, roster_, settings_.bot_name);
}

Result<std::string> WecomPlatform::fetch_media(const IncomingImage& image) {
  auto bytes = client_.download(image.media_ref);
  // Only the intelligent robot hands over urls, and its files are encrypted; the app's media
  // ids download plain.
  bool robot_url = image.media_ref.starts_with("http://") || image.media_ref.starts_with("https://");
  if (!bytes || !robot_url) return bytes;
  return wecom::decrypt_media(settings_.aes_key, *bytes);
}

Result<std::string> WecomPlatform::fetch_voice(const IncomingVoice& voice) {
  // The intelligent robot gives only its transcript; the app a media id for media/get.
  if (voice.media_ref.empty())
    return make_error(ErrorCode::no_media, "wecom voice note without audio (transcript only)");
  return client_.download(voice.media_ref);
}

std::optional<SendReceipt> WecomPlatform::send_robot_reply(const OutgoingMessage& message, SendFailure& failure) {
  auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  auto pieces = split_text(message.text, wecom::kResponseUrlLimitBytes, TextUnit::utf8_bytes);
  std::vector<SendPart> parts;
  for (size_t i = 0; i < pieces.size(); ++i) {
    parts.push_back([&, i](SendFailure& f) -> std::optional<SendReceipt> {
      auto url = take_response_url(chat_key(message.group_id, message.direct), i == 0 ? message.reply_to : "", now);
      if (!url) {
        spdlog::warn(
            "wecom: no valid response_url left for {}: the intelligent robot can answer a message only once, "
            "within an hour",
            message.group_id);
        f = SendFailure{false, std::nullopt, "no valid response_url for " + message.group_id};
        return std::nullopt;
      }
      auto receipt = client_.send_response(url->url, pieces[i], f);
      if (!receipt && f.retryable)
        remember_response_url(chat_key(message.group_id, message.direct), *url);  // no answer: not used up
      return receipt;
    });
  }
  if (!message.image_sha256.empty())
    spdlog::info("wecom: a response_url reply carries text only; the photo of {} is not posted", message.group_id);
  return parts_.send(message, parts, failure, parts_store());
}

std::optional<SendReceipt> WecomPlatform::send(const OutgoingMessage& message, SendFailure& failure) {
  auto targets = roster_.targets(message.mentions);
  const bool dm = message.direct;
  const std::string chat = chat_key(message.group_id, message.direct);  // how replies_ names it
  // `api(text, f)` for each text part, then `image(photo, f)` when a photo is attached.
  auto in_parts = [&](const std::function<std::optional<SendReceipt>(const std::string&, size_t, SendFailure&)>& api,
                      const std::function<std::optional<SendReceipt>(const std::string&, SendFailure&)>& image) {
    auto pieces = split_text(message.text, wecom::kTextLimitBytes, TextUnit::utf8_bytes);
    std::vector<SendPart> parts;
    for (size_t i = 0; i < pieces.size(); ++i) parts.push_back([&, i](SendFailure& f) { return api(pieces[i], i, f); });
    auto photo = attached_photo(message);
    if (photo) parts.push_back([&](SendFailure& f) { return image(*photo, f); });
    return parts_.send(message, parts, failure, parts_store());
  };
  auto refuse = [&](const std::string& reason) -> std::optional<SendReceipt> {
    spdlog::warn("wecom: cannot send to {}: {}", message.group_id, reason);
    failure = SendFailure{false, std::nullopt, reason};
    return std::nullopt;
  };

  if (!dm && message.group_id.starts_with(wecom::kRobotGroupPrefix)) {
    auto key = settings_.robot_keys.find(message.group_id);
    if (key == settings_.robot_keys.end()) return refuse("no robot key for " + message.group_id);
    std::vector<std::string> ids;
    for (const auto& t : targets) ids.push_back(t.platform_id);
    return in_parts(
        [&](const std::string& text, size_t i, SendFailure& f) {
          return client_.send_robot(key->second, text, i == 0 ? ids : std::vector<std::string>{}, f);
        },
        [&](const std::string& photo, SendFailure& f) { return client_.send_robot_image(key->second, photo, f); });
  }
  bool robot_chat = false;
  {
    std::lock_guard lock(replies_mutex_);
    auto held = replies_.find(chat);
    auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
    if (held != replies_.end()) {
      for (const auto& url : held->second) robot_chat |= url.expires > now + wecom::kResponseUrlMargin;
    }
    if (!robot_chat && !dm && robot_chats_.count(chat) && settings_.corp_id.empty()) {
      return refuse("the intelligent robot holds no valid response_url for this chat (one per message, 1 hour)");
    }
  }
  if (robot_chat) return send_robot_reply(message, failure);
  if (settings_.corp_id.empty()) return refuse("no self-built app configured (PAIKE_WECOM_CORP_ID) to reach this chat");
  if (dm) {
    if (settings_.agent_id.empty()) return refuse("private replies need PAIKE_WECOM_AGENT_ID (message/send)");
    std::string user = roster_.platform_chat(message.group_id, true);
    return in_parts([&](const std::string& text, size_t,
                        SendFailure& f) { return client_.send_to_user(settings_.agent_id, user, text, f); },
                    [&](const std::string& photo, SendFailure& f) {
                      return client_.send_to_user_image(settings_.agent_id, user, photo, f);
                    });
  }
  // appchat/send reaches only group chats this app created (appchat/create).
  return in_parts(
      [&](const std::string& text, size_t, SendFailure& f) { return client_.send_app_chat(message.group_id, text, f); },
      [&](const std::string& photo, SendFailure& f) {
        return client_.send_app_chat_image(message.group_id, photo, f);
      });
}

namespace {

// A WeCom errcode as a township clerk can act on it; "" for 0.
std::string errcode_problem(long errcode) {
  switch (errcode) {
    case 0:
      return "";
    case wecom::kErrSecretInvalid:
      return "企业微信应用 Secret 不对：请在 企业微信管理后台 → 应用管理 → 自建应用 → 本应用 → Secret 处查看，"
             "复制到 PAIKE_WECOM_SECRET";
    case wecom::kErrCorpIdInvalid:
      return "企业ID（CorpID）不对：请在 企业微信管理后台 → 我的企业 → 企业信息 → 企业ID 复制到 PAIKE_WECOM_CORP_ID";
    case wecom::kErrIpNotTrusted:
      return "本服务器的公网IP不在企业可信IP里：请在 企业微信管理后台 → 应用管理 → 本应用 → 企业可信IP "
             "添加本服务器的IP";
    case wecom::kErrAgentIdInvalid:
    case wecom::kErrNoAgentPermission:
      return "PAIKE_WECOM_AGENT_ID 不对：请填本应用页面上的 AgentId，且它和 PAIKE_WECOM_SECRET 要属于同一个自建应用";
    default:
      return "企业微信返回错误码 " + std::to_string(errcode) +
             "：请对照 https://developer.work.weixin.qq.com/document/path/90455 （全局错误码）检查设置";
  }
}

}  // namespace

std::vector<std::string> WecomPlatform::check_online() {
  std::vector<std::string> problems;
  auto unreachable = [&](const Error& error) {
    problems.push_back("连不上企业微信服务器（" + settings_.api_base +
                       "）：请检查本机网络和防火墙，"
                       "或 PAIKE_WECOM_API_BASE 是否写错（" +
                       error.message + "）");
  };
  // The intelligent robot's Token and EncodingAESKey have no API to check them against: WeCom
  // checks them itself when 保存 is pressed on the robot's API page (the URL check). A group
  // robot's key can only be tried by posting into the group, which this check never does.
  if (settings_.corp_id.empty()) return problems;
  auto token = client_.token_errcode();
  if (!token) {
    if (token.error().code == ErrorCode::network) {
      unreachable(token.error());
    } else {
      problems.push_back("企业微信服务器的回答看不懂（" + token.error().message + "）：请检查 PAIKE_WECOM_API_BASE");
    }
    return problems;
  }
  if (*token != 0) {
    problems.push_back(errcode_problem(*token));
    return problems;
  }
  if (settings_.agent_id.empty()) {
    problems.push_back(
        "没有设置 PAIKE_WECOM_AGENT_ID：私聊回复（如登录链接）发不出去。请把 应用管理 → 本应用 页面上的 "
        "AgentId 填到 PAIKE_WECOM_AGENT_ID");
    return problems;
  }
  auto agent = client_.agent_errcode(settings_.agent_id);
  if (!agent) {
    if (agent.error().code == ErrorCode::network)
      unreachable(agent.error());
    else
      problems.push_back("企业微信服务器的回答看不懂（" + agent.error().message + "）：请检查 PAIKE_WECOM_API_BASE");
  } else if (*agent != 0) {
    problems.push_back(errcode_problem(*agent));
  }
  return problems;
}

// Its entry in config/platforms.def.
Result<std::unique_ptr<Platform>> make_wecom_platform(const Deployment& deployment, const EnvLookup& env) {
  return build_platform<WecomPlatform>(wecom_settings_from_env(env, deployment), "wecom", deployment);
}

}  // namespace paike
