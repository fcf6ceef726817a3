#include "bot/platforms/telegram/telegram_platform.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/json_util.h"
#include "bot/platforms/settings_env.h"
#include "bot/platforms/telegram/parse.h"
#include "bot/platforms/telegram/verify.h"
#include "bot/platforms/telegram/wire.h"
#include "bot/platforms/webhook.h"
#include "config/text.h"

namespace paike {

using nlohmann::json;

namespace {

// Telegram's caption limit (characters after entity parsing); the names in mentions count.
constexpr size_t kMaxCaptionChars = 1024;

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
  if (auto error = read_required(env, {{"PAIKE_TELEGRAM_TOKEN", &s.bot_token}, {"PAIKE_TELEGRAM_SECRET", &s.secret}})) {
    return *error;
  }
  s.api_base = env_or(env, "PAIKE_TELEGRAM_API_BASE", telegram::kDefaultApiBase);
  return s;
}

TelegramPlatform::TelegramPlatform(TelegramSettings settings, PlatformRoster roster)
    : settings_(std::move(settings)),
      roster_(std::move(roster)),
      client_(settings_.api_base, settings_.bot_token, settings_.http) {}

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
  std::string group =
      str_at(*message, {"chat", "type"}) == "private" ? "dm:" + sender : str_at(*message, {"chat", "id"});
  outcome.events.push_back({update_id, group, sender, request.body});
  return outcome;
}

Result<ChatEvent> TelegramPlatform::parse_event(std::string_view payload) const {
  return telegram::parse_event(payload, roster_);
}

Result<std::string> TelegramPlatform::fetch_media(const IncomingImage& image) {
  return client_.download(image.media_ref);
}

std::optional<SendReceipt> TelegramPlatform::send(const OutgoingMessage& message, SendFailure& failure) {
  std::string html = render_mentions(
      message.text, roster_.targets(message.mentions),
      [](const MentionTarget& t) {
        return "<a href=\"tg://user?id=" + t.platform_id + "\">@" + html_escape(t.name) + "</a>";
      },
      html_escape);
  std::string chat = roster_.platform_group(message.group_id);
  if (chat.starts_with("dm:")) chat = chat.substr(3);
  auto photo = attached_photo(message);
  if (!photo) return client_.send_html(chat, html, message.reply_to, failure);
  if (utf8_length(message.text) <= kMaxCaptionChars) {
    return client_.send_photo(chat, *photo, html, message.reply_to, failure);
  }
  // Too long for a caption: the text first, then the photo.
  return parts_.send(message,
                     {[&](SendFailure& f) { return client_.send_html(chat, html, message.reply_to, f); },
                      [&](SendFailure& f) { return client_.send_photo(chat, *photo, "", "", f); }},
                     failure);
}

// PLACEHOLDER(issue 23): replaced by the real online check.
std::vector<std::string> TelegramPlatform::check_online() { return {"telegram: 在线检查尚未实现"}; }

}  // namespace paike
