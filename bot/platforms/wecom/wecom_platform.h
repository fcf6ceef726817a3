// The WeCom (企业微信) adapter: callback mode (URL check with echostr, msg_signature, AES with
// the EncodingAESKey, receive-id check, XML and JSON bodies) when a corp id is configured,
// and the send-only group robot webhook for groups named "robot:<name>". Thread-safe.
#pragma once

#include <map>
#include <string>

#include "bot/platforms/platform.h"
#include "bot/platforms/replay.h"
#include "bot/platforms/roster_ids.h"
#include "bot/platforms/sent_parts.h"
#include "bot/platforms/wecom/client.h"
#include "config/deployment.h"
#include "config/load.h"

namespace paike {

struct WecomSettings {
  std::string corp_id;                            // PAIKE_WECOM_CORP_ID; empty: robot-only (no callback, no app sends)
  std::string token;                              // PAIKE_WECOM_TOKEN
  std::string aes_key;                            // PAIKE_WECOM_AES_KEY (EncodingAESKey, 43 characters)
  std::string secret;                             // PAIKE_WECOM_SECRET (the app's secret, for access_token)
  std::map<std::string, std::string> robot_keys;  // "robot:<name>" group id → webhook key
  std::string api_base = "https://qyapi.weixin.qq.com";  // PAIKE_WECOM_API_BASE
  Duration window = std::chrono::hours(1);
  HttpOptions http;
};

// Callback mode needs CORP_ID, TOKEN, AES_KEY and SECRET; a group "robot:<name>" needs
// PAIKE_WECOM_ROBOT_KEY_<NAME> (uppercased, '-' → '_') or the shared PAIKE_WECOM_ROBOT_KEY.
// With neither, the error names PAIKE_WECOM_CORP_ID.
Result<WecomSettings> wecom_settings_from_env(const EnvLookup& env, const Deployment& deployment);

class WecomPlatform : public Platform {
 public:
  WecomPlatform(WecomSettings settings, PlatformRoster roster);
  std::string_view name() const override { return "wecom"; }
  WebhookOutcome accept_webhook(WebhookRequest request, TimePoint now) override;
  Result<ChatEvent> parse_event(std::string_view payload) const override;
  Result<std::string> fetch_media(const IncomingImage& image) override;
  std::optional<SendReceipt> send(const OutgoingMessage& message, SendFailure& failure) override;
  std::vector<std::string> check_online() override;

 private:
  WecomSettings settings_;
  PlatformRoster roster_;
  ReplayGuard replay_;
  wecom::Client client_;
  SentParts parts_;  // text and image go out as two API calls
};

}  // namespace paike
