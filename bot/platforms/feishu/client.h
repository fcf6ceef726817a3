// Feishu API client: tenant_access_token (cached), message resources (images posted in
// chat), image uploads and sending text, rich text and replies through IM v1. Thread-safe (the token cache locks);
// blocks on the network with the HttpOptions timeouts.
#pragma once

#include <optional>
#include <string>

#include "bot/platforms/http.h"
#include "bot/platforms/platform.h"
#include "bot/platforms/token_cache.h"

namespace paike::feishu {

class Client {
 public:
  Client(std::string api_base, std::string app_id, std::string app_secret, HttpOptions options = {});

  // Bytes of an image posted in a message.
  Result<std::string> download_image(const std::string& message_id, const std::string& image_key);
  // Uploads an image for messages (im/v1/images); its image_key, or nullopt and the failure.
  std::optional<std::string> upload_image(const std::string& bytes, SendFailure& failure);
  // Sends `content_json` of `msg_type` to a chat ("oc_…") or, for "dm:<open_id>", a user;
  // as a reply quoting `reply_to` when that is a Feishu message id.
  std::optional<SendReceipt> send(const std::string& group_id, const std::string& msg_type,
                                  const std::string& content_json, const std::string& reply_to, SendFailure& failure);

 private:
  Result<FetchedToken> fetch_token();
  HttpClient http_;
  std::string app_id_;
  std::string app_secret_;
  TokenCache tokens_;
};

}  // namespace paike::feishu
