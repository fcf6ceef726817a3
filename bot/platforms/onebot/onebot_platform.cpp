#include "bot/platforms/onebot/onebot_platform.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "bot/platforms/json_util.h"
#include "bot/platforms/onebot/parse.h"
#include "bot/platforms/onebot/verify.h"
#include "bot/platforms/onebot/wire.h"
#include "bot/platforms/registry.h"
#include "bot/platforms/settings_env.h"
#include "bot/platforms/text_parts.h"
#include "bot/platforms/webhook.h"
#include "config/base64.h"

namespace paike {

using nlohmann::json;

Result<OnebotSettings> onebot_settings_from_env(const EnvLookup& env) {
  OnebotSettings s;
  if (auto read =
          read_required(env, {{"PAIKE_ONEBOT_SECRET", &s.secret}, {"PAIKE_ONEBOT_ACCESS_TOKEN", &s.access_token}});
      !read) {
    return read.error();
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
  // The chat parse_event gives: a private chat is the sender's.
  const std::string sender = roster_.roster_id(str_at(body, {"user_id"}));
  const bool direct = str_at(body, {"message_type"}) != "group";
  outcome.events.push_back({event_id, direct ? sender : str_at(body, {"group_id"}), direct, sender, request.body});
  return outcome;
}

Result<ChatEvent> OnebotPlatform::parse_event(std::string_view payload) const {
  return onebot::parse_event(payload, roster_);
}

Result<std::string> OnebotPlatform::fetch_media(const IncomingImage& image) {
  return client_.fetch(image.media_ref, onebot::kGetImagePath);
}

Result<std::string> OnebotPlatform::fetch_voice(const IncomingVoice& voice) {
  // get_record converts on the implementation's side (api/public.md; needs its ffmpeg): mp3
  // plays anywhere, QQ's own silk hardly.
  return client_.fetch(voice.media_ref, onebot::kGetRecordPath, {{"out_format", "mp3"}});
}

std::optional<SendReceipt> OnebotPlatform::send(const OutgoingMessage& message, SendFailure& failure) {
  // A long text goes out as several messages; the quote, the @-mentions and the photo go
  // with the first.
  auto texts = split_text(message.text, onebot::kMaxTextUnits, TextUnit::utf16_units);
  std::vector<json> messages;
  for (size_t i = 0; i < texts.size(); ++i) {
    json segments = json::array();
    auto text = [&](const std::string& t) {
      if (!t.empty()) segments.push_back({{"type", "text"}, {"data", {{"text", t}}}});
    };
    if (i > 0) {
      text(texts[i]);
      messages.push_back(std::move(segments));
      continue;
    }
    if (!message.reply_to.empty() && message.reply_to.find_first_not_of("-0123456789") == std::string::npos) {
      segments.push_back({{"type", "reply"}, {"data", {{"id", message.reply_to}}}});
    }
    // Text runs between @-mentions stay text segments; each mention is an `at` segment.
    for (const auto& piece : split_mentions(texts[i], roster_.targets(message.mentions))) {
      if (piece.mention)
        segments.push_back({{"type", "at"}, {"data", {{"qq", piece.mention->platform_id}}}});
      else
        text(piece.text);
    }
    // OneBot v11 takes image bytes inline as "base64://…" in the segment's `file`.
    if (auto photo = attached_photo(message)) {
      segments.push_back({{"type", "image"}, {"data", {{"file", "base64://" + base64_encode(*photo)}}}});
    }
    messages.push_back(std::move(segments));
  }
  const std::string chat = roster_.platform_chat(message.group_id, message.direct);
  if (messages.size() == 1) return client_.send(chat, message.direct, messages[0], failure);
  std::vector<SendPart> parts;
  for (const auto& m : messages) {
    parts.push_back([this, &chat, &message, &m](SendFailure& f) { return client_.send(chat, message.direct, m, f); });
  }
  return parts_.send(message, parts, failure, parts_store());
}

std::vector<std::string> OnebotPlatform::check_online() {
  const std::string base = client_.api_base();
  auto response = client_.call(onebot::kLoginInfoPath, json::object());
  if (!response) {
    return {"连不上 OneBot 实现的 HTTP 接口 " + base +
            "（PAIKE_ONEBOT_API_BASE）：请确认 NapCat / Lagrange.OneBot 正在运行、已开启 HTTP 服务（HTTP API），"
            "其地址和端口与 PAIKE_ONEBOT_API_BASE 一致，并且本机能访问到它。"};
  }
  // communication/http.md 响应: 401 without an access token, 403 with a wrong one (NapCat
  // answers 403 to both).
  if (response->status == 401 || response->status == 403) {
    if (!client_.has_token()) {
      return {
          "OneBot 实现要求 access token，但 PAIKE_ONEBOT_ACCESS_TOKEN 没有设置：请把它设为 OneBot 实现"
          " HTTP 服务配置中的 access_token（NapCat 的网络配置里叫 token）。"};
    }
    return {"PAIKE_ONEBOT_ACCESS_TOKEN 与 OneBot 实现 HTTP 服务配置中的 access_token 不一致（HTTP " +
            std::to_string(response->status) +
            "）：请把两边改成同一个值（NapCat 的网络配置里叫 token），再重启 paike。"};
  }
  if (response->status == 404) {
    return {base +
            "（PAIKE_ONEBOT_API_BASE）没有 get_login_info 接口：这个地址可能不是 OneBot v11 的 HTTP 服务，"
            "比如填成了 WebUI 或 WebSocket 的端口。请填 HTTP 服务的地址，例如 http://127.0.0.1:3000。"};
  }
  std::string why;
  auto data = onebot::answer_data(*response, why);
  if (response->status != 200) {
    return {"OneBot 实现的 HTTP 接口 " + base + " 回答 HTTP " + std::to_string(response->status) +
            "：请查看 NapCat / Lagrange.OneBot 的日志。"};
  }
  if (!data || str_at(*data, {"user_id"}).empty() || str_at(*data, {"user_id"}) == "0") {
    return {"OneBot 实现回答 get_login_info 失败（" + (data ? std::string("没有 QQ 号") : why) +
            "）：机器人的 QQ 号可能还没有登录或已掉线，请在 NapCat / Lagrange.OneBot 中扫码登录后再试。"};
  }
  spdlog::info("onebot: logged in as {} ({})", str_at(*data, {"user_id"}), str_at(*data, {"nickname"}));
  return {};
}

// Its entry in config/platforms.def.
Result<std::unique_ptr<Platform>> make_onebot_platform(const Deployment& deployment, const EnvLookup& env) {
  return build_platform<OnebotPlatform>(onebot_settings_from_env(env), "onebot", deployment);
}

}  // namespace paike
