// DingTalk API client: accessToken (cached), robot message files (downloadCode → bytes),
// and sending text and images through a conversation's sessionWebhook or the robot group-message API.
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
  // Uploads the image (media/upload) and posts it through the robot group-message API.
  std::optional<SendReceipt> send_image_to_group(const std::string& open_conversation_id, const std::string& image,
                                                 SendFailure& failure);

 private:
  std::optional<SendReceipt> group_send(const std::string& open_conversation_id, const std::string& msg_key,
                                        const nlohmann::json& param, SendFailure& failure);
  Result<FetchedToken> fetch_token();
  HttpClient http_;
  HttpClient oapi_;
  std::string app_key_;
  std::string app_secret_;
  TokenCache tokens_;
};

}  // namespace paike::dingtalk
