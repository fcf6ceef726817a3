// The Telegram adapter: webhook with the secret-token header, update_id replay memory,
// photos and voice notes via getFile, sendMessage / sendPhoto with HTML mentions
// (tg://user?id=…) and reply quoting, long texts in parts of 4096 UTF-16 units, and the bot's
// own @username (PAIKE_TELEGRAM_BOT_USERNAME, else getMe once) to strip from commands.
// Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "bot/platforms/platform.h"
#include "bot/platforms/replay.h"
#include "bot/platforms/roster_ids.h"
#include "bot/platforms/sent_parts.h"
#include "bot/platforms/telegram/client.h"
#include "bot/platforms/telegram/parse.h"
#include "config/load.h"

namespace paike {

struct TelegramSettings {
  std::string bot_token;  // PAIKE_TELEGRAM_TOKEN ("123456:ABC…"; the part before ':' is the bot's id)
  std::string secret;     // PAIKE_TELEGRAM_SECRET (the secret_token given to setWebhook)
  std::string api_base = "https://api.telegram.org";  // PAIKE_TELEGRAM_API_BASE
  // Telegram keeps re-delivering for up to 24 h after downtime, so the window is generous.
  Duration window = std::chrono::hours(24);
  HttpOptions http;
  // PAIKE_TELEGRAM_BOT_USERNAME (optional, with or without "@"): saves the getMe call.
  std::string bot_username = "";
  // PAIKE_TELEGRAM_WEBHOOK_URL (optional): the URL given to setWebhook, for check_online.
  std::string webhook_url = "";
};

Result<TelegramSettings> telegram_settings_from_env(const EnvLookup& env);

class TelegramPlatform : public Platform {
 public:
  TelegramPlatform(TelegramSettings settings, PlatformRoster roster);
  std::string_view name() const override { return "telegram"; }
  WebhookOutcome accept_webhook(WebhookRequest request, TimePoint now) override;
  Result<ChatEvent> parse_event(std::string_view payload) const override;
  Result<std::string> fetch_media(const IncomingImage& image) override;
  std::optional<SendReceipt> send(const OutgoingMessage& message, SendFailure& failure) override;
  std::vector<std::string> check_online() override;

 private:
  // The bot's identity: its id from the token, its username from settings or getMe (cached
  // once known; after a failed getMe, tried again a minute later, so a Telegram outage does
  // not stall every message behind a timeout).
  telegram::BotIdentity bot_identity(bool need_username) const;
  // `text` as Telegram HTML, the roster people in `mentions` as real mentions.
  std::string html(const std::string& text, const std::vector<std::string>& mentions) const;
  TelegramSettings settings_;
  PlatformRoster roster_;
  ReplayGuard replay_;
  telegram::Client client_;
  SentParts parts_;
  mutable std::mutex bot_mutex_;
  mutable std::string bot_username_;                                                // guarded by bot_mutex_
  mutable std::optional<std::chrono::steady_clock::time_point> bot_lookup_failed_;  // guarded by bot_mutex_
};

}  // namespace paike
