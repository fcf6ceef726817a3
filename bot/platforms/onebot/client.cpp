#include "bot/platforms/onebot/client.h"

#include "bot/platforms/json_util.h"
#include "bot/platforms/onebot/wire.h"

namespace paike::onebot {

using nlohmann::json;

Client::Client(std::string api_base, std::string access_token, HttpOptions options)
    : http_(std::move(api_base), options), access_token_(std::move(access_token)) {}

Result<std::string> Client::download(const std::string& url) {
  if (!url.starts_with("http://") && !url.starts_with("https://")) {
    return make_error("media", "onebot image has no url");
  }
  auto response = http_.get(url);
  if (!response) return response.error();
  if (response->status != 200) return make_error("media", "onebot image: HTTP " + std::to_string(response->status));
  return std::move(response->body);
}

std::optional<SendReceipt> Client::send(const std::string& group_id, const json& message, SendFailure& failure) {
  bool direct = group_id.starts_with("dm:");
  std::string target = direct ? group_id.substr(3) : group_id;
  json request{{"message", message}};
  // Ids are numbers on the wire; keep a non-numeric id (a bridge's) as given.
  auto numeric = int_at(json(target), {});
  request[direct ? "user_id" : "group_id"] = numeric ? json(*numeric) : json(target);
  HttpHeaders headers;
  if (!access_token_.empty()) headers.emplace_back("Authorization", "Bearer " + access_token_);
  auto response = http_.post_json(direct ? kSendPrivatePath : kSendGroupPath, request.dump(), headers);
  if (!response) {
    failure = network_failure(response.error());
    return std::nullopt;
  }
  json body = json::parse(response->body, nullptr, false);
  if (response->status == 200 && str_at(body, {"status"}) != "failed" && int_at(body, {"retcode"}).value_or(0) <= 1) {
    return SendReceipt{str_at(body, {"data", "message_id"})};
  }
  failure = classify_http_failure(*response, "onebot send");
  failure.reason += " retcode " + str_at(body, {"retcode"}) + " " + str_at(body, {"wording"});
  return std::nullopt;
}

}  // namespace paike::onebot
