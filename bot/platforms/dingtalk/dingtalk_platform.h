// The DingTalk adapter: enterprise robot HTTP callbacks (signed with the app secret), the
// conversation's sessionWebhook remembered for replies while it is valid, else the robot
// group-message API. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "bot/platforms/dingtalk/client.h"
#include "bot/platforms/platform.h"
#include "bot/platforms/replay.h"
#include "bot/platforms/roster_ids.h"
#include "bot/platforms/sent_parts.h"
#include "config/load.h"

namespace paike {

struct DingtalkSettings {
  std::string app_key;                                // PAIKE_DINGTALK_APP_KEY (also the robotCode)
  std::string app_secret;                             // PAIKE_DINGTALK_APP_SECRET
  std::string api_base = "https://api.dingtalk.com";  // PAIKE_DINGTALK_API_BASE
  Duration window = std::chrono::hours(1);            // DingTalk's documented limit
  HttpOptions http;
  // PAIKE_DINGTALK_OAPI_BASE (media upload); defaults to oapi.dingtalk.com, or to api_base
  // when that is set (a fake API in tests serves both).
  std::string oapi_base = "https://oapi.dingtalk.com";
};

Result<DingtalkSettings> dingtalk_settings_from_env(const EnvLookup& env);

class DingtalkPlatform : public Platform {
 public:
  DingtalkPlatform(DingtalkSettings settings, PlatformRoster roster);
  std::string_view name() const override { return "dingtalk"; }
  WebhookOutcome accept_webhook(WebhookRequest request, TimePoint now) override;
  Result<ChatEvent> parse_event(std::string_view payload) const override;
  Result<std::string> fetch_media(const IncomingImage& image) override;
  std::optional<SendReceipt> send(const OutgoingMessage& message, SendFailure& failure) override;
  std::vector<std::string> check_online() override;

 private:
  struct Session {
    std::string webhook;
    TimePoint expires{};
  };
  DingtalkSettings settings_;
  PlatformRoster roster_;
  ReplayGuard replay_;
  dingtalk::Client client_;
  SentParts parts_;  // text and image go out as two API calls
  std::mutex sessions_mutex_;
  std::map<std::string, Session> sessions_;  // chat_key of the chat → its latest sessionWebhook
};

}  // namespace paike
