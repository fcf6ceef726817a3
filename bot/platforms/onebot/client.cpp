#include "bot/platforms/onebot/client.h"

#include "bot/platforms/json_util.h"
#include "bot/platforms/onebot/parse.h"
#include "bot/platforms/onebot/wire.h"
#include "config/base64.h"

namespace paike::onebot {

using nlohmann::json;

std::optional<json> answer_data(const HttpResponse& response, std::string& why) {
  json body = json::parse(response.body, nullptr, false);
  if (response.status != 200) {
    why = "HTTP " + std::to_string(response.status);
    return std::nullopt;
  }
  // communication/http.md 响应: status ok (retcode 0), async (retcode 1), failed (others).
  auto retcode = int_at(body, {"retcode"});
  if (!body.is_object() || str_at(body, {"status"}) == "failed" || retcode.value_or(0) > 1) {
    why = "retcode " + str_at(body, {"retcode"}) + " " + str_at(body, {"wording"}) + str_at(body, {"message"});
    return std::nullopt;
  }
  const json* data = json_at(body, {"data"});
  return data ? *data : json();
}

Client::Client(std::string api_base, std::string access_token, HttpOptions options)
    : http_(std::move(api_base), options), access_token_(std::move(access_token)) {}

Result<HttpResponse> Client::call(const std::string& action_path, const json& params) const {
  HttpHeaders headers;
  if (!access_token_.empty()) headers.emplace_back("Authorization", "Bearer " + access_token_);
  return http_.post_json(action_path, params.dump(), headers);
}

Result<std::string> Client::download(const std::string& url) const {
  auto response = http_.get(url);
  if (!response) return response.error();
  if (response->status != 200)
    return make_error(ErrorCode::media, "onebot media: HTTP " + std::to_string(response->status));
  return std::move(response->body);
}

Result<std::string> Client::fetch(const std::string& ref, const std::string& action_path, json params) {
  if (is_url(ref)) return download(ref);
  if (ref.empty()) return make_error(ErrorCode::media, "onebot media has neither url nor file");
  params["file"] = ref;
  auto response = call(action_path, params);
  if (!response) return response.error();
  std::string why;
  auto data = answer_data(*response, why);
  if (!data) return make_error(ErrorCode::media, "onebot " + action_path + ": " + why);
  // NapCat answers with the bytes in base64; others with a url, or only a path on the
  // implementation's own disk, which paike cannot read.
  if (auto base64 = str_at(*data, {"base64"}); !base64.empty()) {
    if (auto bytes = base64_decode(base64)) return std::move(*bytes);
    return make_error(ErrorCode::media, "onebot " + action_path + ": base64 does not decode");
  }
  if (auto url = str_at(*data, {"url"}); is_url(url)) return download(url);
  return make_error(ErrorCode::media, "onebot " + action_path + " gave only a local path: " + str_at(*data, {"file"}));
}

std::optional<SendReceipt> Client::send(const std::string& target, bool direct, const json& message,
                                        SendFailure& failure) {
  json request{{"message", message}};
  // Ids are numbers on the wire (api/public.md); keep a non-numeric id (a bridge's) as given.
  auto numeric = int_at(json(target), {});
  request[direct ? "user_id" : "group_id"] = numeric ? json(*numeric) : json(target);
  auto response = call(direct ? kSendPrivatePath : kSendGroupPath, request);
  if (!response) {
    failure = network_failure(response.error());
    return std::nullopt;
  }
  std::string why;
  if (auto data = answer_data(*response, why)) return SendReceipt{str_at(*data, {"message_id"})};
  failure = classify_http_failure(*response, "onebot send");
  if (response->status == 200) failure.reason += " " + why;
  return std::nullopt;
}

}  // namespace paike::onebot
