#include "bot/platforms/feishu/client.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "bot/platforms/feishu/wire.h"
#include "bot/platforms/json_util.h"

namespace paike::feishu {
namespace {

using nlohmann::json;

HttpHeaders bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

bool token_code(long code) { return code == kCodeTokenInvalid || code == kCodeTokenExpired; }

bool rate_limit_code(long code) {
  return code == kCodeRateLimited || code == kCodeChatRateLimited || code == kCodeTenantRateLimited;
}

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
  // Frequency limits come with HTTP 400: retryable, after the window resets (at least a second).
  if (rate_limit_code(code)) {
    out.retryable = true;
    out.retry_after = std::max(out.retry_after.value_or(Duration(1)), Duration(1));
  }
  if (auto it = response->headers.find(kRateLimitResetHeader); it != response->headers.end()) {
    try {
      out.retry_after = std::max(out.retry_after.value_or(Duration(0)), Duration(std::stol(it->second)));
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

Result<HttpResponse> Client::request_token() const {
  return http_.post_json(kTokenPath, json{{"app_id", app_id_}, {"app_secret", app_secret_}}.dump());
}

Result<FetchedToken> Client::fetch_token() {
  auto response = request_token();
  if (!response) return response.error();
  json body = json::parse(response->body, nullptr, false);
  std::string token = str_at(body, {"tenant_access_token"});
  long code = int_at(body, {"code"}).value_or(-1);
  if (response->status != 200 || code != 0 || token.empty()) {
    return make_error(ErrorCode::token, "feishu token request failed: HTTP " + std::to_string(response->status) +
                                            " code " + std::to_string(code) + " " + str_at(body, {"msg"}));
  }
  return FetchedToken{token, std::chrono::seconds(int_at(body, {"expire"}).value_or(7200))};
}

Result<std::string> Client::get(const std::string& path) {
  return fetch_with_token(tokens_, [&](const std::string& token) -> Result<std::string> {
    auto response = http_.get(path, bearer(token));
    if (!response) return response.error();
    json body = json::parse(response->body, nullptr, false);
    if (token_code(int_at(body, {"code"}).value_or(0)))
      return make_error(ErrorCode::token_expired, "feishu token expired");
    return std::move(response->body);
  });
}

Result<std::string> Client::download_resource(const std::string& message_id, const std::string& key,
                                              const std::string& type) {
  return fetch_with_token(tokens_, [&](const std::string& token) -> Result<std::string> {
    auto response = http_.get(
        std::string(kMessagesPath) + "/" + url_encode(message_id) + "/resources/" + url_encode(key) + "?type=" + type,
        bearer(token));
    if (!response) return response.error();
    if (response->status == 200) return std::move(response->body);
    json body = json::parse(response->body, nullptr, false);
    long code = int_at(body, {"code"}).value_or(0);
    if (token_code(code)) return make_error(ErrorCode::token_expired, "feishu token expired");
    return make_error(ErrorCode::media, "feishu " + type + " download: HTTP " + std::to_string(response->status) +
                                            " code " + std::to_string(code) + " " + str_at(body, {"msg"}));
  });
}

void Client::pace(const std::string& chat) {
  auto now = std::chrono::steady_clock::now();
  auto at = now;
  {
    std::lock_guard lock(pace_mutex_);
    if (recent_sends_.size() > 10000)
      std::erase_if(recent_sends_, [&](const auto& entry) { return entry.second.back() + kChatSendWindow < now; });
    auto& sends = recent_sends_[chat];
    while (!sends.empty() && sends.front() + kChatSendWindow <= now) sends.pop_front();
    // The next send may go once the oldest of the last kChatSendsPerWindow left the window.
    if (sends.size() >= static_cast<size_t>(kChatSendsPerWindow)) {
      at = std::max(now, sends[sends.size() - kChatSendsPerWindow] + kChatSendWindow);
    }
    sends.push_back(at);
  }
  if (at > now) std::this_thread::sleep_until(at);
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

std::optional<SendReceipt> Client::send(const std::string& chat, bool direct, const std::string& msg_type,
                                        const std::string& content_json, const std::string& reply_to,
                                        SendFailure& failure, const std::string& uuid) {
  std::string path;
  json request{{"msg_type", msg_type}, {"content", content_json}};
  if (!uuid.empty()) request["uuid"] = uuid;
  if (reply_to.starts_with("om_")) {
    path = std::string(kMessagesPath) + "/" + url_encode(reply_to) + "/reply";
  } else {
    path = std::string(kMessagesPath) + (direct ? "?receive_id_type=open_id" : "?receive_id_type=chat_id");
    request["receive_id"] = chat;
  }
  return send_with_token(
      tokens_,
      [&](const std::string& token, SendFailure& out) -> std::optional<SendReceipt> {
        pace(chat);
        auto data = api_answer(http_.post_json(path, request.dump(), bearer(token)), "feishu send", out);
        if (!data) return std::nullopt;
        return SendReceipt{str_at(*data, {"message_id"})};
      },
      failure);
}

}  // namespace paike::feishu
