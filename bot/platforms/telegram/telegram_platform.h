// The Telegram adapter: webhook with the secret-token header, update_id replay memory,
// photos via getFile, sendMessage / sendPhoto with HTML mentions (tg://user?id=…) and reply quoting.
// Thread-safe.
#pragma once

#include <string>

#include "bot/platforms/platform.h"
#include "bot/platforms/replay.h"
#include "bot/platforms/roster_ids.h"
#include "bot/platforms/sent_parts.h"
#include "bot/platforms/telegram/client.h"
#include "config/load.h"

namespace paike {

struct TelegramSettings {
  std::string bot_token;  // PAIKE_TELEGRAM_TOKEN ("123456:ABC…"; the part before ':' is the bot's id)
  std::string secret;     // PAIKE_TELEGRAM_SECRET (the secret_token given to setWebhook)
  std::string api_base = "https://api.telegram.org";  // PAIKE_TELEGRAM_API_BASE
  // Telegram keeps re-delivering for up to 24 h after downtime, so the window is generous.
  Duration window = std::chrono::hours(24);
  HttpOptions http;
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
  TelegramSettings settings_;
  PlatformRoster roster_;
  ReplayGuard replay_;
  telegram::Client client_;
  SentParts parts_;
};

}  // namespace paike
