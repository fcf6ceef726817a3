// The WeCom (企业微信) adapter. Three routes, usable together:
// - callback mode (URL check with echostr, msg_signature, AES with the EncodingAESKey,
//   receive-id check): the intelligent robot's JSON (receive id "") and, with a corp id, the
//   self-built app's XML (receive id = corp id);
// - replies: to a chat the intelligent robot heard from, through the response_url its
//   callback carried (one use, one hour); else app chats through appchat/send and private
//   chats through message/send with the app's agentid;
// - the send-only group robot webhook for groups named "robot:<name>".
// Thread-safe.
#pragma once

#include <deque>
#include <map>
#include <mutex>
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
  std::string corp_id;   // PAIKE_WECOM_CORP_ID; empty: no self-built app (no XML callback, no app sends)
  std::string token;     // PAIKE_WECOM_TOKEN; empty: no callback at all (group robot only)
  std::string aes_key;   // PAIKE_WECOM_AES_KEY (EncodingAESKey, 43 characters)
  std::string secret;    // PAIKE_WECOM_SECRET (the app's secret, for access_token)
  std::string agent_id;  // PAIKE_WECOM_AGENT_ID (the app's AgentId: private replies via message/send)
  std::string bot_name;  // PAIKE_WECOM_BOT_NAME (the intelligent robot's name, as "@name" in group texts)
  std::map<std::string, std::string> robot_keys;         // "robot:<name>" group id → webhook key
  std::string api_base = "https://qyapi.weixin.qq.com";  // PAIKE_WECOM_API_BASE
  Duration window = std::chrono::hours(1);
  HttpOptions http;
};

// The app needs CORP_ID, TOKEN, AES_KEY and SECRET (AGENT_ID for private replies); the
// intelligent robot alone needs TOKEN and AES_KEY; a group "robot:<name>" needs
// PAIKE_WECOM_ROBOT_KEY_<NAME> (uppercased, '-' → '_') or the shared PAIKE_WECOM_ROBOT_KEY.
// With none of them, the error names PAIKE_WECOM_CORP_ID.
Result<WecomSettings> wecom_settings_from_env(const EnvLookup& env, const Deployment& deployment);

class WecomPlatform : public Platform {
 public:
  WecomPlatform(WecomSettings settings, PlatformRoster roster);
  std::string_view name() const override { return "wecom"; }
  WebhookOutcome accept_webhook(WebhookRequest request, TimePoint now) override;
  Result<ChatEvent> parse_event(std::string_view payload) const override;
  Result<std::string> fetch_media(const IncomingImage& image) override;
  Result<std::string> fetch_voice(const IncomingVoice& voice) override;
  std::optional<SendReceipt> send(const OutgoingMessage& message, SendFailure& failure) override;
  std::vector<std::string> check_online() override;

 private:
  struct ResponseUrl {
    std::string url;
    std::string message_id;  // the callback's msgid: a reply to it quotes that message
    TimePoint expires;
  };
  // `chat` is the chat's chat_key (a private chat and a group never share an entry).
  void remember_response_url(const std::string& chat, ResponseUrl url);
  // Takes the response_url for a reply in `chat`: the one of `reply_to` when held, else
  // the oldest still valid at `now`; nullopt when none is.
  std::optional<ResponseUrl> take_response_url(const std::string& chat, const std::string& reply_to, TimePoint now);
  std::optional<SendReceipt> send_robot_reply(const OutgoingMessage& message, SendFailure& failure);

  WecomSettings settings_;
  PlatformRoster roster_;
  ReplayGuard replay_;
  wecom::Client client_;
  SentParts parts_;  // long texts and text + image go out as several API calls
  std::mutex replies_mutex_;
  std::map<std::string, std::deque<ResponseUrl>> replies_;  // chat_key → unused response_urls, oldest first
  std::map<std::string, bool> robot_chats_;                 // chat_keys the intelligent robot heard from
};

}  // namespace paike
