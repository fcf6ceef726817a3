// OneBot v11 HTTP API client (communication/http.md): POST /<action> with JSON and the access
// token (Authorization: Bearer, communication/authorization.md). send_group_msg /
// send_private_msg, get_image / get_record for media a segment names without a url, and
// downloads from a segment's url. Thread-safe; blocks.
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
  // One action: Error "network" when the implementation did not answer.
  Result<HttpResponse> call(const std::string& action_path, const nlohmann::json& params) const;
  // A received image or voice: from `ref` when it is a URL, else through `action_path`
  // (get_image / get_record) with {"file": ref} plus `params`.
  Result<std::string> fetch(const std::string& ref, const std::string& action_path, nlohmann::json params = {});
  // `message` is a segment array, sent to the group `target` or, when `direct`, the QQ user `target`.
  std::optional<SendReceipt> send(const std::string& target, bool direct, const nlohmann::json& message,
                                  SendFailure& failure);

  const std::string& api_base() const { return http_.base_url(); }
  bool has_token() const { return !access_token_.empty(); }

 private:
  Result<std::string> download(const std::string& url) const;
  HttpClient http_;
  std::string access_token_;
};

// The answer's `data` when the action succeeded (status "ok"/"async", retcode 0 or 1), else
// nullopt with `why` ("HTTP 403", "retcode 100 …").
std::optional<nlohmann::json> answer_data(const HttpResponse& response, std::string& why);

}  // namespace paike::onebot
