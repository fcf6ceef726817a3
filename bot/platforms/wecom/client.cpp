#include "bot/platforms/wecom/client.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/crypto.h"
#include "bot/platforms/json_util.h"
#include "bot/platforms/wecom/wire.h"

namespace paike::wecom {
namespace {

using nlohmann::json;

bool token_stale(long errcode) { return errcode == kErrTokenInvalid || errcode == kErrTokenExpired; }

// errcode 0 → receipt; otherwise the failure, with WeCom's rate-limit codes retryable.
std::optional<SendReceipt> answer(const Result<HttpResponse>& response, const std::string& what, SendFailure& out) {
  if (!response) {
    out = network_failure(response.error());
    return std::nullopt;
  }
  json body = json::parse(response->body, nullptr, false);
  long errcode = int_at(body, {"errcode"}).value_or(-1);
  if (response->status == 200 && errcode == 0) {
    return SendReceipt{body.contains("media_id") ? str_at(body, {"media_id"}) : str_at(body, {"msgid"})};
  }
  if (token_stale(errcode)) {
    out.reason = kTokenExpired;
    return std::nullopt;
  }
  out = classify_http_failure(*response, what);
  if (errcode == kErrRateLimited || errcode == kErrRobotRateLimited) {
    out.retryable = true;
    if (!out.retry_after) out.retry_after = Duration(60);
  }
  out.reason += " errcode " + std::to_string(errcode) + " " + str_at(body, {"errmsg"});
  return std::nullopt;
}

}  // namespace

Client::Client(std::string api_base, std::string corp_id, std::string secret, HttpOptions options)
    : http_(std::move(api_base), options),
      corp_id_(std::move(corp_id)),
      secret_(std::move(secret)),
      tokens_([this] { return fetch_token(); }) {}

Result<FetchedToken> Client::fetch_token() {
  auto response =
      http_.get(std::string(kTokenPath) + "?corpid=" + url_encode(corp_id_) + "&corpsecret=" + url_encode(secret_));
  if (!response) return response.error();
  json body = json::parse(response->body, nullptr, false);
  std::string token = str_at(body, {"access_token"});
  if (response->status != 200 || int_at(body, {"errcode"}).value_or(0) != 0 || token.empty()) {
    return make_error(ErrorCode::token, "wecom gettoken failed: HTTP " + std::to_string(response->status));
  }
  return FetchedToken{token, std::chrono::seconds(int_at(body, {"expires_in"}).value_or(7200))};
}

Result<std::string> Client::download(const std::string& media_ref) {
  if (media_ref.starts_with("http://") || media_ref.starts_with("https://")) {
    auto response = http_.get(media_ref);
    if (!response) return response.error();
    if (response->status != 200)
      return make_error(ErrorCode::media, "wecom image url: HTTP " + std::to_string(response->status));
    return std::move(response->body);
  }
  return fetch_with_token(tokens_, [&](const std::string& token) -> Result<std::string> {
    auto response = http_.get(std::string(kMediaPath) + "?access_token=" + url_encode(token) +
                              "&media_id=" + url_encode(media_ref));
    if (!response) return response.error();
    // Errors come back as JSON with HTTP 200; media as any other content type.
    json body = json::parse(response->body, nullptr, false);
    if (body.is_object() && body.contains("errcode")) {
      long errcode = int_at(body, {"errcode"}).value_or(-1);
      if (token_stale(errcode)) return make_error(ErrorCode::token_expired, "wecom token expired");
      return make_error(ErrorCode::media, "wecom media/get errcode " + std::to_string(errcode));
    }
    if (response->status != 200)
      return make_error(ErrorCode::media, "wecom media/get: HTTP " + std::to_string(response->status));
    return std::move(response->body);
  });
}

Result<long> Client::token_errcode() {
  auto response =
      http_.get(std::string(kTokenPath) + "?corpid=" + url_encode(corp_id_) + "&corpsecret=" + url_encode(secret_));
  if (!response) return response.error();
  json body = json::parse(response->body, nullptr, false);
  if (!body.is_object()) return make_error(ErrorCode::http, "HTTP " + std::to_string(response->status));
  return int_at(body, {"errcode"}).value_or(-1);
}

Result<long> Client::agent_errcode(const std::string& agent_id) {
  auto token = fetch_token();
  if (!token) return token.error();
  auto response = http_.get(std::string(kAgentGetPath) + "?access_token=" + url_encode(token->token) +
                            "&agentid=" + url_encode(agent_id));
  if (!response) return response.error();
  json body = json::parse(response->body, nullptr, false);
  if (!body.is_object()) return make_error(ErrorCode::http, "HTTP " + std::to_string(response->status));
  return int_at(body, {"errcode"}).value_or(-1);
}

std::optional<SendReceipt> Client::send_json(const std::string& path, const json& request, const std::string& what,
                                             SendFailure& failure) {
  return send_with_token(
      tokens_,
      [&](const std::string& token, SendFailure& out) {
        return answer(http_.post_json(path + "?access_token=" + url_encode(token), request.dump()), what, out);
      },
      failure);
}

std::optional<SendReceipt> Client::send_image(const std::string& path, json request, const std::string& image,
                                              SendFailure& failure) {
  return send_with_token(
      tokens_,
      [&](const std::string& token, SendFailure& out) -> std::optional<SendReceipt> {
        std::vector<FormPart> form{{"media", image, "image.jpg", "image/jpeg"}};
        auto uploaded = answer(
            http_.post_form(std::string(kMediaUploadPath) + "?access_token=" + url_encode(token) + "&type=image", form),
            "wecom media upload", out);
        if (!uploaded) return std::nullopt;
        request["msgtype"] = "image";
        request["image"] = {{"media_id", uploaded->platform_message_id}};
        return answer(http_.post_json(path + "?access_token=" + url_encode(token), request.dump()), "wecom image", out);
      },
      failure);
}

std::optional<SendReceipt> Client::send_app_chat(const std::string& chat_id, const std::string& text,
                                                 SendFailure& failure) {
  return send_json(kAppChatSendPath, {{"chatid", chat_id}, {"msgtype", "text"}, {"text", {{"content", text}}}},
                   "wecom appchat send", failure);
}

std::optional<SendReceipt> Client::send_app_chat_image(const std::string& chat_id, const std::string& image,
                                                       SendFailure& failure) {
  return send_image(kAppChatSendPath, {{"chatid", chat_id}}, image, failure);
}

std::optional<SendReceipt> Client::send_to_user(const std::string& agent_id, const std::string& user_id,
                                                const std::string& text, SendFailure& failure) {
  // agentid is an integer on the wire (发送应用消息); settings checked it is all digits.
  json request{
      {"touser", user_id}, {"msgtype", "text"}, {"agentid", std::stoll(agent_id)}, {"text", {{"content", text}}}};
  return send_json(kMessageSendPath, request, "wecom message send", failure);
}

std::optional<SendReceipt> Client::send_to_user_image(const std::string& agent_id, const std::string& user_id,
                                                      const std::string& image, SendFailure& failure) {
  return send_image(kMessageSendPath, {{"touser", user_id}, {"agentid", std::stoll(agent_id)}}, image, failure);
}

std::optional<SendReceipt> Client::send_response(const std::string& response_url, const std::string& markdown,
                                                 SendFailure& failure) {
  json request{{"msgtype", "markdown"}, {"markdown", {{"content", markdown}}}};
  auto receipt = answer(http_.post_json(response_url, request.dump()), "wecom response_url", failure);
  // A used or expired response_url does not come back: never retry the same one.
  if (!receipt && failure.reason == kTokenExpired) failure = SendFailure{false, std::nullopt, "response_url rejected"};
  return receipt;
}

std::optional<SendReceipt> Client::send_robot_image(const std::string& robot_key, const std::string& image,
                                                    SendFailure& failure) {
  json request{{"msgtype", "image"},
               {"image", {{"base64", base64_encode(image)}, {"md5", crypto::hex(crypto::md5(image))}}}};
  auto receipt = answer(http_.post_json(std::string(kRobotSendPath) + "?key=" + url_encode(robot_key), request.dump()),
                        "wecom robot image", failure);
  if (!receipt && failure.reason == kTokenExpired)
    failure = SendFailure{false, std::nullopt, "wecom robot key rejected"};
  return receipt;
}

std::optional<SendReceipt> Client::send_robot(const std::string& robot_key, const std::string& text,
                                              const std::vector<std::string>& mentioned, SendFailure& failure) {
  json request{{"msgtype", "text"}, {"text", {{"content", text}, {"mentioned_list", mentioned}}}};
  auto receipt = answer(http_.post_json(std::string(kRobotSendPath) + "?key=" + url_encode(robot_key), request.dump()),
                        "wecom robot send", failure);
  if (!receipt && failure.reason == kTokenExpired)
    failure = SendFailure{false, std::nullopt, "wecom robot key rejected"};
  return receipt;
}

}  // namespace paike::wecom
