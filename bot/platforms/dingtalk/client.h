// DingTalk API client: accessToken (cached), robot message files (downloadCode → bytes),
// and sending text and images through a conversation's sessionWebhook, the robot group-message API
// or the robot's one-to-one chat API.
// Thread-safe (the token cache locks); blocks on the network with HttpOptions timeouts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/platforms/http.h"
#include "bot/platforms/platform.h"
#include "bot/platforms/token_cache.h"

namespace paike::dingtalk {

// What the token endpoint said to the configured appKey/appSecret (check-config --online).
struct TokenCheck {
  bool reached = false;  // false: no HTTP answer at all
  int status = 0;
  std::string code;  // "" when a token came back; else DingTalk's error code, or the network error
};

class Client {
 public:
  Client(std::string api_base, std::string oapi_base, std::string app_key, std::string app_secret,
         HttpOptions options = {});

  Result<std::string> download(const std::string& download_code);
  // Through a sessionWebhook URL (absolute); `at_user_ids` are @-mentioned for real.
  std::optional<SendReceipt> send_by_session(const std::string& webhook, const std::string& text,
                                             const std::vector<std::string>& at_user_ids, SendFailure& failure);
  // Through the robot group-message API (no @-mentions there).
  std::optional<SendReceipt> send_to_group(const std::string& open_conversation_id, const std::string& text,
                                           SendFailure& failure);
  // Through the robot's one-to-one chat with a user (oToMessages/batchSend).
  std::optional<SendReceipt> send_to_user(const std::string& user_id, const std::string& text, SendFailure& failure);
  TokenCheck check_token();
  // Uploads the image (media/upload) and posts it to the group (openConversationId) or, with
  // `to_user`, to the user's one-to-one chat with the robot.
  std::optional<SendReceipt> send_image(const std::string& chat, bool to_user, const std::string& image,
                                        SendFailure& failure);

 private:
  std::optional<SendReceipt> group_send(const std::string& open_conversation_id, const std::string& msg_key,
                                        const nlohmann::json& param, SendFailure& failure);
  std::optional<SendReceipt> user_send(const std::string& user_id, const std::string& msg_key,
                                       const nlohmann::json& param, SendFailure& failure);
  std::optional<SendReceipt> robot_send(const char* path, const nlohmann::json& request, SendFailure& failure);
  Result<FetchedToken> fetch_token();
  HttpClient http_;
  HttpClient oapi_;
  std::string app_key_;
  std::string app_secret_;
  TokenCache tokens_;
};

}  // namespace paike::dingtalk
