#include "bot/platforms/feishu/feishu_platform.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "bot/platforms/crypto.h"
#include "bot/platforms/feishu/parse.h"
#include "bot/platforms/feishu/verify.h"
#include "bot/platforms/feishu/wire.h"
#include "bot/platforms/json_util.h"
#include "bot/platforms/registry.h"
#include "bot/platforms/settings_env.h"
#include "bot/platforms/text_parts.h"
#include "bot/platforms/webhook.h"

namespace paike {

using nlohmann::json;

Result<FeishuSettings> feishu_settings_from_env(const EnvLookup& env) {
  FeishuSettings s;
  if (auto read = read_required(env, {{"PAIKE_FEISHU_APP_ID", &s.app_id},
                                      {"PAIKE_FEISHU_APP_SECRET", &s.app_secret},
                                      {"PAIKE_FEISHU_VERIFICATION_TOKEN", &s.verification_token}});
      !read) {
    return read.error();
  }
  s.encrypt_key = env_or(env, "PAIKE_FEISHU_ENCRYPT_KEY", "");
  s.api_base = env_or(env, "PAIKE_FEISHU_API_BASE", feishu::kDefaultApiBase);
  s.bot_open_id = env_or(env, "PAIKE_FEISHU_BOT_OPEN_ID", "");
  return s;
}

FeishuPlatform::FeishuPlatform(FeishuSettings settings, PlatformRoster roster)
    : settings_(std::move(settings)),
      roster_(std::move(roster)),
      client_(settings_.api_base, settings_.app_id, settings_.app_secret, settings_.http),
      bot_open_id_(settings_.bot_open_id) {}

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
  // The same chat parse_event gives: a private chat is the sender's, as on every platform.
  std::string sender = roster_.roster_id(str_at(event, {"event", "sender", "sender_id", "open_id"}));
  const bool direct = str_at(event, {"event", "message", "chat_type"}) == "p2p";
  std::string group = direct ? sender : str_at(event, {"event", "message", "chat_id"});
  outcome.events.push_back({event_id, group, direct, sender, event.dump()});
  return outcome;
}

std::string FeishuPlatform::bot_open_id() const {
  std::lock_guard lock(bot_mutex_);
  auto now = std::chrono::steady_clock::now();
  // After a failed lookup, wait a minute: with Feishu unreachable every message would
  // otherwise wait for a connect timeout.
  if (bot_open_id_.empty() && (!bot_lookup_failed_ || now - *bot_lookup_failed_ > std::chrono::minutes(1))) {
    auto info = client_.get(feishu::kBotInfoPath);
    json body = info ? json::parse(*info, nullptr, false) : json();
    bot_open_id_ = str_at(body, {"bot", "open_id"});
    bot_lookup_failed_.reset();
    if (bot_open_id_.empty()) {
      bot_lookup_failed_ = now;
      spdlog::warn("feishu bot info gave no open_id ({}); the bot's own @mention stays in the text until it does",
                   info ? str_at(body, {"msg"}) : info.error().message);
    }
  }
  return bot_open_id_;
}

Result<ChatEvent> FeishuPlatform::parse_event(std::string_view payload) const {
  // Only a message that mentions someone needs the bot's identity.
  bool mentions = payload.find("\"mentions\"") != std::string_view::npos;
  return feishu::parse_event(payload, roster_, mentions ? bot_open_id() : std::string());
}

namespace {

// "<message_id>/<key>" → both halves, or an Error.
Result<std::pair<std::string, std::string>> split_media_ref(const std::string& ref) {
  size_t slash = ref.find('/');
  if (slash == std::string::npos) return make_error(ErrorCode::bad_media_ref, "feishu media_ref is not message/key");
  return std::pair{ref.substr(0, slash), ref.substr(slash + 1)};
}

}  // namespace

Result<std::string> FeishuPlatform::fetch_media(const IncomingImage& image) {
  auto ref = split_media_ref(image.media_ref);
  if (!ref) return ref.error();
  return client_.download_resource(ref->first, ref->second, "image");
}

// Audio is a "file" resource to the message resource API.
Result<std::string> FeishuPlatform::fetch_voice(const IncomingVoice& voice) {
  auto ref = split_media_ref(voice.media_ref);
  if (!ref) return ref.error();
  return client_.download_resource(ref->first, ref->second, "file");
}

std::optional<SendReceipt> FeishuPlatform::send(const OutgoingMessage& message, SendFailure& failure) {
  const std::string group = roster_.platform_chat(message.group_id, message.direct);
  auto targets = roster_.targets(message.mentions);
  auto photo = attached_photo(message);
  // One key per outbox message and part (at most 50 characters, Feishu's limit), scoped by the
  // chat so that deployments sharing an app never collide.
  auto uuid = [&, group](size_t part) {
    if (message.outbox_id == 0) return std::string();
    return "paike-" + crypto::sha256_hex(group + "\n" + std::to_string(message.outbox_id) + "\n" + std::to_string(part))
                          .substr(0, 40);
  };
  auto send_text = [&, group](const std::string& text, const std::vector<MentionTarget>& to,
                              const std::string& reply_to, SendFailure& f, size_t part = 0) {
    std::string rendered = render_mentions(
        text, to, [](const MentionTarget& t) { return "<at user_id=\"" + t.platform_id + "\">" + t.name + "</at>"; });
    return client_.send(group, message.direct, "text", json{{"text", rendered}}.dump(), reply_to, f, uuid(part));
  };
  // Text, mentions and image in one rich-text ("post") message, so they arrive together.
  auto send_post = [&, group](const std::string& text, SendFailure& f) -> std::optional<SendReceipt> {
    auto image_key = client_.upload_image(*photo, f);
    if (!image_key) return std::nullopt;
    json line = json::array();
    for (const auto& piece : split_mentions(text, targets)) {
      if (piece.mention)
        line.push_back({{"tag", "at"}, {"user_id", piece.mention->platform_id}});
      else
        line.push_back({{"tag", "text"}, {"text", piece.text}});
    }
    json post{{"zh_cn",
               {{"title", ""},
                {"content", json::array({line, json::array({{{"tag", "img"}, {"image_key", *image_key}}})})}}}};
    return client_.send(group, message.direct, "post", post.dump(), message.reply_to, f, uuid(0));
  };
  // A long text goes in parts within Feishu's body limits: the first carries the mentions,
  // the quote and the photo, the rest follow as plain text.
  auto texts = split_text(message.text, photo ? feishu::kPostPartBytes : feishu::kTextPartBytes, TextUnit::utf8_bytes);
  if (texts.size() == 1)
    return photo ? send_post(texts[0], failure) : send_text(texts[0], targets, message.reply_to, failure);
  std::vector<SendPart> parts;
  for (size_t i = 0; i < texts.size(); ++i) {
    parts.push_back([&, i](SendFailure& f) {
      if (i == 0) return photo ? send_post(texts[0], f) : send_text(texts[0], targets, message.reply_to, f);
      return send_text(texts[i], {}, "", f, i);
    });
  }
  return parts_.send(message, parts, failure, parts_store());
}

namespace {

constexpr const char* kConsole = "飞书开放平台开发者后台（open.feishu.cn/app）→ 你的应用";

std::string code_words(long code, const json& body) {
  return "错误码 " + std::to_string(code) + (str_at(body, {"msg"}).empty() ? "" : "：" + str_at(body, {"msg"}));
}

// A scope the app lacks (code 99991672, the scope named in "msg"), in a clerk's words.
std::optional<std::string> scope_problem(long code, const json& body, const std::string& what) {
  if (code != feishu::kCodeScopeMissing) return std::nullopt;
  return "feishu: 应用缺少" + what + "的权限（" + code_words(code, body) + "）：请到" + kConsole +
         " → 开发配置 → 权限管理，开通上面提到的权限，再到「版本管理与发布」发布新版本";
}

}  // namespace

// The token proves the app id and secret; bot/v3/info that the bot capability is on (and its
// open_id); a resource download of a message that does not exist that im:resource is granted
// (the gateway checks the scope before it looks for the message).
std::vector<std::string> FeishuPlatform::check_online() {
  auto token = client_.request_token();
  if (!token) {
    return {"feishu: 连不上飞书服务器（" + settings_.api_base +
            "）：请确认这台服务器能访问 open.feishu.cn，或检查 PAIKE_FEISHU_API_BASE"};
  }
  json body = json::parse(token->body, nullptr, false);
  long code = int_at(body, {"code"}).value_or(-1);
  // 10014 answers a wrong secret ("app secret invalid") and an app id that does not exist
  // ("app id not exists") alike: both are named.
  if (code == feishu::kCodeBadAppSecret) {
    return {"feishu: 飞书不认 PAIKE_FEISHU_APP_SECRET 里的 App Secret 或 PAIKE_FEISHU_APP_ID 里的 App ID（" +
            code_words(code, body) + "）：请到" + kConsole +
            " → 凭证与基础信息，复制 App Secret 和 App ID 重新填入 PAIKE_FEISHU_APP_SECRET 和 PAIKE_FEISHU_APP_ID"};
  }
  if (code == feishu::kCodeBadAppId) {
    return {"feishu: 飞书不认 PAIKE_FEISHU_APP_ID 里的 App ID（" + code_words(code, body) + "）：请到" + kConsole +
            " → 凭证与基础信息，复制 App ID（cli_ 开头）重新填入 PAIKE_FEISHU_APP_ID"};
  }
  if (code != 0 || str_at(body, {"tenant_access_token"}).empty()) {
    return {"feishu: 用 PAIKE_FEISHU_APP_ID 和 PAIKE_FEISHU_APP_SECRET 取不到访问凭证（HTTP " +
            std::to_string(token->status) + "，" + code_words(code, body) + "）：请到" + kConsole +
            " → 凭证与基础信息，核对 App ID 和 App Secret"};
  }

  std::vector<std::string> problems;
  auto info = client_.get(feishu::kBotInfoPath);
  if (!info) return {"feishu: 查询机器人信息失败（" + info.error().message + "）：请稍后再试"};
  body = json::parse(*info, nullptr, false);
  code = int_at(body, {"code"}).value_or(-1);
  auto status = int_at(body, {"bot", "activate_status"});
  std::string open_id = str_at(body, {"bot", "open_id"});
  if (auto scope = scope_problem(code, body, "读取机器人信息")) {
    problems.push_back(*scope);
  } else if (code != 0 || open_id.empty()) {
    problems.push_back("feishu: 应用还没有开启机器人能力（" + code_words(code, body) + "）：请到" + kConsole +
                       " → 添加应用能力，添加「机器人」，再到「版本管理与发布」发布新版本");
  } else if (status && *status != feishu::kBotActive) {
    problems.push_back("feishu: 机器人还没有启用（activate_status " + std::to_string(*status) + "）：请到" + kConsole +
                       " →「版本管理与发布」发布版本，并请企业管理员在飞书管理后台审核通过、启用应用");
  } else if (!settings_.bot_open_id.empty() && open_id != settings_.bot_open_id) {
    problems.push_back("feishu: PAIKE_FEISHU_BOT_OPEN_ID（" + settings_.bot_open_id +
                       "）不是这个机器人的 open_id（飞书说是 " + open_id + "）：请改成 " + open_id +
                       "，或删掉这个变量让拍客自己查");
  }

  auto probe = client_.get(std::string(feishu::kMessagesPath) + "/om_paike_check/resources/img_paike_check?type=image");
  if (probe) {
    json answer = json::parse(*probe, nullptr, false);
    if (auto scope = scope_problem(int_at(answer, {"code"}).value_or(0), answer, "下载群里图片（im:resource）")) {
      problems.push_back(*scope);
    }
  }
  return problems;
}

// Its entry in config/platforms.def.
Result<std::unique_ptr<Platform>> make_feishu_platform(const Deployment& deployment, const EnvLookup& env) {
  return build_platform<FeishuPlatform>(feishu_settings_from_env(env), "feishu", deployment);
}

}  // namespace paike
