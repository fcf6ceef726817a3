// The OneBot v11 adapter (QQ groups, WeChat-group bridges that speak OneBot): HTTP POST
// events signed with X-Signature, both message formats, send_group_msg / send_private_msg
// with the access token (long texts in parts), voice via the url or get_record, and
// get_login_info for `check-config --online`. Thread-safe.
#pragma once

#include <string>

#include "bot/platforms/onebot/client.h"
#include "bot/platforms/platform.h"
#include "bot/platforms/replay.h"
#include "bot/platforms/roster_ids.h"
#include "bot/platforms/sent_parts.h"
#include "config/load.h"

namespace paike {

struct OnebotSettings {
  std::string secret;                              // PAIKE_ONEBOT_SECRET: the implementation's HTTP POST `secret`
  std::string access_token;                        // PAIKE_ONEBOT_ACCESS_TOKEN: its `access_token` for the API
  std::string api_base = "http://127.0.0.1:5700";  // PAIKE_ONEBOT_API_BASE
  Duration window = std::chrono::minutes(10);      // on the event's own `time`
  HttpOptions http;
};

Result<OnebotSettings> onebot_settings_from_env(const EnvLookup& env);

class OnebotPlatform : public Platform {
 public:
  OnebotPlatform(OnebotSettings settings, PlatformRoster roster);
  std::string_view name() const override { return "onebot"; }
  WebhookOutcome accept_webhook(WebhookRequest request, TimePoint now) override;
  Result<ChatEvent> parse_event(std::string_view payload) const override;
  Result<std::string> fetch_media(const IncomingImage& image) override;
  Result<std::string> fetch_voice(const IncomingVoice& voice) override;
  std::optional<SendReceipt> send(const OutgoingMessage& message, SendFailure& failure) override;
  std::vector<std::string> check_online() override;

 private:
  OnebotSettings settings_;
  PlatformRoster roster_;
  ReplayGuard replay_;
  onebot::Client client_;
  SentParts parts_;  // a long text goes out as several messages
};

}  // namespace paike
