// The Feishu / Lark adapter: event subscription v2 in plain or encrypted mode, signature and
// verification-token checks, the URL challenge, and sending through IM v1. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "bot/platforms/feishu/client.h"
#include "bot/platforms/platform.h"
#include "bot/platforms/replay.h"
#include "bot/platforms/roster_ids.h"
#include "bot/platforms/sent_parts.h"
#include "config/load.h"

namespace paike {

struct FeishuSettings {
  std::string app_id;                               // PAIKE_FEISHU_APP_ID
  std::string app_secret;                           // PAIKE_FEISHU_APP_SECRET
  std::string encrypt_key;                          // PAIKE_FEISHU_ENCRYPT_KEY; empty: plain mode, no signature
  std::string verification_token;                   // PAIKE_FEISHU_VERIFICATION_TOKEN
  std::string api_base = "https://open.feishu.cn";  // PAIKE_FEISHU_API_BASE
  Duration window = std::chrono::hours(1);          // accepted request-timestamp skew
  HttpOptions http;
  std::string bot_open_id = "";  // PAIKE_FEISHU_BOT_OPEN_ID; empty: asked from bot/v3/info once
};

// A missing required variable is an Error naming it.
Result<FeishuSettings> feishu_settings_from_env(const EnvLookup& env);

class FeishuPlatform : public Platform {
 public:
  FeishuPlatform(FeishuSettings settings, PlatformRoster roster);
  std::string_view name() const override { return "feishu"; }
  WebhookOutcome accept_webhook(WebhookRequest request, TimePoint now) override;
  Result<ChatEvent> parse_event(std::string_view payload) const override;
  Result<std::string> fetch_media(const IncomingImage& image) override;
  Result<std::string> fetch_voice(const IncomingVoice& voice) override;
  std::optional<SendReceipt> send(const OutgoingMessage& message, SendFailure& failure) override;
  std::vector<std::string> check_online() override;

 private:
  // The bot's open_id: configured, else from bot/v3/info (asked until it answers, then kept;
  // not again within a minute of a failed answer).
  std::string bot_open_id() const;

  FeishuSettings settings_;
  PlatformRoster roster_;
  ReplayGuard replay_;
  mutable feishu::Client client_;
  SentParts parts_;
  mutable std::mutex bot_mutex_;
  mutable std::string bot_open_id_;                                                 // guarded by bot_mutex_
  mutable std::optional<std::chrono::steady_clock::time_point> bot_lookup_failed_;  // guarded by bot_mutex_
};

}  // namespace paike
