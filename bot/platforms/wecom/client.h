// WeCom API client: access_token (cached), media download by media id (or an absolute
// image url from the intelligent robot), sending text and images to app group chats (appchat), and the
// send-only group robot webhook (text with mentioned_list, images). Thread-safe; blocks on the network.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bot/platforms/http.h"
#include "bot/platforms/platform.h"
#include "bot/platforms/token_cache.h"

namespace paike::wecom {

class Client {
 public:
  Client(std::string api_base, std::string corp_id, std::string secret, HttpOptions options = {});

  Result<std::string> download(const std::string& media_ref);
  std::optional<SendReceipt> send_app_chat(const std::string& chat_id, const std::string& text, SendFailure& failure);
  // Uploads the image as temporary media, then posts it to the app group chat.
  std::optional<SendReceipt> send_app_chat_image(const std::string& chat_id, const std::string& image,
                                                 SendFailure& failure);
  // Group robot: text, with `mentioned` user ids @-mentioned for real.
  std::optional<SendReceipt> send_robot(const std::string& robot_key, const std::string& text,
                                        const std::vector<std::string>& mentioned, SendFailure& failure);
  // Group robot: an image as base64 + md5 (JPG or PNG, at most 2 MB).
  std::optional<SendReceipt> send_robot_image(const std::string& robot_key, const std::string& image,
                                              SendFailure& failure);

 private:
  Result<FetchedToken> fetch_token();
  HttpClient http_;
  std::string corp_id_;
  std::string secret_;
  TokenCache tokens_;
};

}  // namespace paike::wecom
