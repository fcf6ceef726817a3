#include "bot/platforms/telegram/telegram_platform.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "bot/platforms/json_util.h"
#include "bot/platforms/registry.h"
#include "bot/platforms/settings_env.h"
#include "bot/platforms/telegram/verify.h"
#include "bot/platforms/telegram/wire.h"
#include "bot/platforms/text_parts.h"
#include "bot/platforms/webhook.h"
#include "config/text.h"

namespace paike {

using nlohmann::json;

namespace {

// Telegram's limits, in characters after entity parsing (UTF-16 code units, as its entity
// offsets count): a message's text 4096, a photo's caption 1024. The names in mentions count.
constexpr size_t kMaxTextUnits = 4096;
constexpr size_t kMaxCaptionUnits = 1024;
// More updates waiting than this means Telegram cannot deliver to the webhook.
constexpr int64_t kPendingUpdatesWarning = 100;

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

}  // namespace

Result<TelegramSettings> telegram_settings_from_env(const EnvLookup& env) {
  TelegramSettings s;
  if (auto read = read_required(env, {{"PAIKE_TELEGRAM_TOKEN", &s.bot_token}, {"PAIKE_TELEGRAM_SECRET", &s.secret}});
      !read) {
    return read.error();
  }
  s.api_base = env_or(env, "PAIKE_TELEGRAM_API_BASE", telegram::kDefaultApiBase);
  s.bot_username = env_or(env, "PAIKE_TELEGRAM_BOT_USERNAME", "");
  if (s.bot_username.starts_with('@')) s.bot_username.erase(0, 1);
  s.webhook_url = env_or(env, "PAIKE_TELEGRAM_WEBHOOK_URL", "");
  return s;
}

TelegramPlatform::TelegramPlatform(TelegramSettings settings, PlatformRoster roster)
    : settings_(std::move(settings)),
      roster_(std::move(roster)),
      client_(settings_.api_base, settings_.bot_token, settings_.http),
      bot_username_(settings_.bot_username) {}

WebhookOutcome TelegramPlatform::accept_webhook(WebhookRequest request, TimePoint now) {
  if (!telegram::secret_ok(header_value(request, telegram::kSecretHeader), settings_.secret)) {
    return reject(401, name(), "bad secret token");
  }
  json update = json::parse(request.body, nullptr, false);
  std::string update_id = str_at(update, {"update_id"});
  if (!update.is_object() || update_id.empty()) return reject(400, name(), "body is not an Update");
  WebhookOutcome outcome;
  const auto* message = json_at(update, {"message"});
  if (!message) return outcome;  // edits, channel posts, member changes: not stored
  auto date = int_at(*message, {"date"});
  if (!date || !within_window(TimePoint(Duration(*date)), now, settings_.window)) {
    return reject(403, name(), "message date outside the window");
  }
  if (!replay_.first_seen(update_id, now)) return duplicate(name(), update_id);
  std::string sender = roster_.roster_id(str_at(*message, {"from", "id"}));
  const bool direct = str_at(*message, {"chat", "type"}) == "private";
  std::string group = direct ? sender : str_at(*message, {"chat", "id"});
  outcome.events.push_back({update_id, group, direct, sender, request.body});
  return outcome;
}

telegram::BotIdentity TelegramPlatform::bot_identity(bool need_username) const {
  // The token is "<bot user id>:<secret>".
  telegram::BotIdentity bot{settings_.bot_token.substr(0, settings_.bot_token.find(':')), ""};
  std::lock_guard lock(bot_mutex_);
  auto now = std::chrono::steady_clock::now();
  if (bot_username_.empty() && need_username &&
      (!bot_lookup_failed_ || now - *bot_lookup_failed_ > std::chrono::minutes(1))) {
    auto me = client_.call("getMe");
    json body = me ? json::parse(me->body, nullptr, false) : json();
    bot_username_ = str_at(body, {"result", "username"});
    if (bot_username_.empty()) {
      bot_lookup_failed_ = now;
      spdlog::warn(
          "telegram getMe gave no username (set PAIKE_TELEGRAM_BOT_USERNAME); the bot's own @mention stays in the "
          "text");
    }
  }
  bot.username = bot_username_;
  return bot;
}

Result<ChatEvent> TelegramPlatform::parse_event(std::string_view payload) const {
  // Only a message that can hold "@…" needs the username.
  return telegram::parse_event(payload, roster_, bot_identity(payload.find('@') != std::string_view::npos));
}

Result<std::string> TelegramPlatform::fetch_media(const IncomingImage& image) {
  return client_.download(image.media_ref);
}

std::optional<SendReceipt> TelegramPlatform::send(const OutgoingMessage& message, SendFailure& failure) {
  // A private chat's id is the user's id.
  const std::string chat = roster_.platform_chat(message.group_id, message.direct);
  auto photo = attached_photo(message);
  if (photo && text_length(message.text, TextUnit::utf16_units) <= kMaxCaptionUnits) {
    return client_.send_photo(chat, *photo, html(message.text, message.mentions), message.reply_to, failure);
  }
  // The text in parts of at most 4096 units (mentions and the quote in the first), then the
  // photo a caption could not carry.
  auto texts = split_text(message.text, kMaxTextUnits, TextUnit::utf16_units);
  if (texts.size() == 1 && !photo) {
    return client_.send_html(chat, html(message.text, message.mentions), message.reply_to, failure);
  }
  std::vector<SendPart> parts;
  for (size_t i = 0; i < texts.size(); ++i) {
    parts.push_back([&, i](SendFailure& f) {
      return client_.send_html(chat, html(texts[i], i == 0 ? message.mentions : std::vector<std::string>{}),
                               i == 0 ? message.reply_to : "", f);
    });
  }
  if (photo) parts.push_back([&](SendFailure& f) { return client_.send_photo(chat, *photo, "", "", f); });
  return parts_.send(message, parts, failure, parts_store());
}

std::string TelegramPlatform::html(const std::string& text, const std::vector<std::string>& mentions) const {
  return render_mentions(
      text, roster_.targets(mentions),
      [](const MentionTarget& t) {
        return "<a href=\"tg://user?id=" + t.platform_id + "\">@" + html_escape(t.name) + "</a>";
      },
      html_escape);
}

// getMe proves the token (and tells whether privacy mode hides group photos), getWebhookInfo
// where Telegram delivers and whether that works. Answers: {"ok":…,"result":…,"description":…}.
std::vector<std::string> TelegramPlatform::check_online() {
  std::vector<std::string> problems;
  auto me = client_.call("getMe");
  if (!me) {
    return {"telegram: 连不上 Telegram 服务器（" + settings_.api_base +
            "）：请确认这台服务器能访问 api.telegram.org（国内服务器通常要经代理），或检查 PAIKE_TELEGRAM_API_BASE"};
  }
  json body = json::parse(me->body, nullptr, false);
  if (me->status == 401 || me->status == 404) {
    // A malformed token gets 404, a revoked or mistyped one 401.
    return {
        "telegram: PAIKE_TELEGRAM_TOKEN 里的机器人令牌不对（Telegram 答复 " + std::to_string(me->status) +
        "）：请在 Telegram 里找 @BotFather，发 /mybots → 选机器人 → API Token，把令牌重新填入 PAIKE_TELEGRAM_TOKEN"};
  }
  if (me->status != 200 || !body.is_object() || body.value("ok", false) != true) {
    return {"telegram: 查询机器人信息（getMe）失败：HTTP " + std::to_string(me->status) + " " +
            str_at(body, {"description"})};
  }
  std::string username = str_at(body, {"result", "username"});
  if (!settings_.bot_username.empty() && !username.empty() && settings_.bot_username != username) {
    problems.push_back("telegram: PAIKE_TELEGRAM_BOT_USERNAME 写的是 @" + settings_.bot_username +
                       "，但这个令牌的机器人是 @" + username + "：请改成 " + username + " 或删掉这个变量");
  }
  if (const auto* all = json_at(body, {"result", "can_read_all_group_messages"}); all && *all == false) {
    problems.push_back(
        "telegram: 机器人的隐私模式开着，在群里只收得到指令和@它的消息，村民发的照片收不到：请找 @BotFather 发 "
        "/setprivacy，选这个机器人，再选 Disable，然后把机器人移出群再重新拉进来");
  }
  {
    std::lock_guard lock(bot_mutex_);
    if (bot_username_.empty()) bot_username_ = username;
  }

  auto info = client_.call("getWebhookInfo");
  if (!info) {
    problems.push_back("telegram: 连不上 Telegram 服务器（" + settings_.api_base + "），查不到 Webhook 设置");
    return problems;
  }
  json hook = json::parse(info->body, nullptr, false);
  if (info->status != 200 || !hook.is_object() || hook.value("ok", false) != true) {
    problems.push_back("telegram: 查询 Webhook（getWebhookInfo）失败：HTTP " + std::to_string(info->status) + " " +
                       str_at(hook, {"description"}));
    return problems;
  }
  std::string url = str_at(hook, {"result", "url"});
  const std::string set_hint =
      "请按 docs/platforms/telegram.md 用 setWebhook 设置 url=https://<服务器地址>/webhook/telegram "
      "和 secret_token=PAIKE_TELEGRAM_SECRET 的值";
  if (url.empty()) {
    problems.push_back("telegram: 还没有设置 Webhook，Telegram 不会把群消息送来：" + set_hint);
  } else if (!settings_.webhook_url.empty() && url != settings_.webhook_url) {
    problems.push_back("telegram: Webhook 指向 " + url + "，不是 PAIKE_TELEGRAM_WEBHOOK_URL 写的 " +
                       settings_.webhook_url + "：" + set_hint);
  }
  if (std::string error = str_at(hook, {"result", "last_error_message"}); !error.empty()) {
    problems.push_back("telegram: Telegram 最近一次往 " + url + " 推送消息失败：" + error +
                       "。请检查这个地址从外网能否访问（HTTPS 证书有效、端口为 443/80/88/8443）");
  }
  if (auto pending = int_at(hook, {"result", "pending_update_count"}); pending && *pending > kPendingUpdatesWarning) {
    problems.push_back("telegram: 有 " + std::to_string(*pending) +
                       " 条消息积压在 Telegram 还没送到 paike：请检查 Webhook 地址能否访问");
  }
  if (const auto* allowed = json_at(hook, {"result", "allowed_updates"});
      allowed && allowed->is_array() && !allowed->empty() &&
      std::find(allowed->begin(), allowed->end(), "message") == allowed->end()) {
    problems.push_back(
        "telegram: Webhook 的 allowed_updates 里没有 message，群消息不会送来：重新 setWebhook 时去掉 "
        "allowed_updates 或加上 message");
  }
  return problems;
}

// Its entry in config/platforms.def.
Result<std::unique_ptr<Platform>> make_telegram_platform(const Deployment& deployment, const EnvLookup& env) {
  return build_platform<TelegramPlatform>(telegram_settings_from_env(env), "telegram", deployment);
}

}  // namespace paike
