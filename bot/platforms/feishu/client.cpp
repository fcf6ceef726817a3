#include "bot/platforms/feishu/client.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/wire.h"
#include "bot/platforms/json_util.h"

namespace paike::feishu {
namespace {

using nlohmann::json;

HttpHeaders bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

bool token_code(long code) { return code == kCodeTokenInvalid || code == kCodeTokenExpired; }

// An IM API answer: the `data` object on success; otherwise the failure, with Feishu's
// token codes reported as kTokenExpired and its frequency limit retryable.
std::optional<json> api_answer(const Result<HttpResponse>& response, const std::string& what, SendFailure& out) {
  if (!response) {
    out = network_failure(response.error());
    return std::nullopt;
  }
  json body = json::parse(response->body, nullptr, false);
  long code = int_at(body, {"code"}).value_or(-1);
  if (response->status == 200 && code == 0) return body.contains("data") ? body["data"] : json::object();
  if (token_code(code)) {
    out.reason = kTokenExpired;
    return std::nullopt;
  }
  out = classify_http_failure(*response, what);
  if (code == kCodeRateLimited) out.retryable = true;
  if (auto it = response->headers.find("x-ogw-ratelimit-reset"); it != response->headers.end() && !out.retry_after) {
    try {
      out.retry_after = Duration(std::stol(it->second));
    } catch (const std::exception&) {
    }
  }
  out.reason += " code " + std::to_string(code) + " " + str_at(body, {"msg"});
  return std::nullopt;
}

}  // namespace

Client::Client(std::string api_base, std::string app_id, std::string app_secret, HttpOptions options)
    : http_(std::move(api_base), options),
      app_id_(std::move(app_id)),
      app_secret_(std::move(app_secret)),
      tokens_([this] { return fetch_token(); }) {}

Result<FetchedToken> Client::fetch_token() {
  auto response = http_.post_json(kTokenPath, json{{"app_id", app_id_}, {"app_secret", app_secret_}}.dump());
  if (!response) return response.error();
  json body = json::parse(response->body, nullptr, false);
  std::string token = str_at(body, {"tenant_access_token"});
  if (response->status != 200 || int_at(body, {"code"}).value_or(-1) != 0 || token.empty()) {
    return make_error(
        "token", "feishu token request failed: HTTP " + std::to_string(response->status) + " " + str_at(body, {"msg"}));
  }
  return FetchedToken{token, std::chrono::seconds(int_at(body, {"expire"}).value_or(7200))};
}

Result<std::string> Client::download_image(const std::string& message_id, const std::string& image_key) {
  return fetch_with_token(tokens_, [&](const std::string& token) -> Result<std::string> {
    auto response = http_.get(std::string(kMessagesPath) + "/" + url_encode(message_id) + "/resources/" +
                                  url_encode(image_key) + "?type=image",
                              bearer(token));
    if (!response) return response.error();
    if (response->status == 200) return std::move(response->body);
    json body = json::parse(response->body, nullptr, false);
    if (token_code(int_at(body, {"code"}).value_or(0))) return make_error(kTokenExpired, "feishu token expired");
    return make_error("media", "feishu image download: HTTP " + std::to_string(response->status));
  });
}

std::optional<std::string> Client::upload_image(const std::string& bytes, SendFailure& failure) {
  std::vector<FormPart> form{{"image_type", "message", "", ""}, {"image", bytes, "image.jpg", "image/jpeg"}};
  auto receipt = send_with_token(
      tokens_,
      [&](const std::string& token, SendFailure& out) -> std::optional<SendReceipt> {
        auto data = api_answer(http_.post_form(kImagesPath, form, bearer(token)), "feishu image upload", out);
        if (!data) return std::nullopt;
        return SendReceipt{str_at(*data, {"image_key"})};
      },
      failure);
  if (!receipt) return std::nullopt;
  return receipt->platform_message_id;
}

std::optional<SendReceipt> Client::send(const std::string& group_id, const std::string& msg_type,
                                        const std::string& content_json, const std::string& reply_to,
                                        SendFailure& failure) {
  std::string path;
  json request{{"msg_type", msg_type}, {"content", content_json}};
  if (reply_to.starts_with("om_")) {
    path = std::string(kMessagesPath) + "/" + url_encode(reply_to) + "/reply";
  } else if (group_id.starts_with("dm:")) {
    path = std::string(kMessagesPath) + "?receive_id_type=open_id";
    request["receive_id"] = group_id.substr(3);
  } else {
    path = std::string(kMessagesPath) + "?receive_id_type=chat_id";
    request["receive_id"] = group_id;
  }
  return send_with_token(
      tokens_,
      [&](const std::string& token, SendFailure& out) -> std::optional<SendReceipt> {
        auto data = api_answer(http_.post_json(path, request.dump(), bearer(token)), "feishu send", out);
        if (!data) return std::nullopt;
        return SendReceipt{str_at(*data, {"message_id"})};
      },
      failure);
}

}  // namespace paike::feishu
