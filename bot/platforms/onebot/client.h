// OneBot v11 HTTP API client: send_group_msg / send_private_msg with the access token
// (Authorization: Bearer), and image download from a segment url. Thread-safe; blocks.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "bot/platforms/http.h"
#include "bot/platforms/platform.h"

namespace paike::onebot {

class Client {
 public:
  Client(std::string api_base, std::string access_token, HttpOptions options = {});
  Result<std::string> download(const std::string& url);
  // `message` is a segment array; `group_id` "dm:<qq>" sends privately.
  std::optional<SendReceipt> send(const std::string& group_id, const nlohmann::json& message, SendFailure& failure);

 private:
  HttpClient http_;
  std::string access_token_;
};

}  // namespace paike::onebot
