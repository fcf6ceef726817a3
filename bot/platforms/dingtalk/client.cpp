#include "bot/platforms/dingtalk/client.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/wire.h"
#include "bot/platforms/json_util.h"

namespace paike::dingtalk {
namespace {

using nlohmann::json;

bool token_rejected(const HttpResponse& response, const json& body) {
  std::string code = str_at(body, {"code"});
  return response.status == 401 || code == "InvalidAuthentication" || code == "invalidAuthentication";
}

// DingTalk's rate limits come back as HTTP 403/400 with a code, not as 429: retried later.
bool throttled(const json& body) {
  std::string code = str_at(body, {"code"});
  for (const char* mark : kThrottledCodeMarks) {
    if (code.find(mark) != std::string::npos) return true;
  }
  long errcode = int_at(body, {"errcode"}).value_or(0);
  for (long c : kErrcodesThrottled) {
    if (errcode == c) return true;
  }
  return false;
}

void mark_throttled(SendFailure& failure) {
  failure.retryable = true;
  if (!failure.retry_after) failure.retry_after = Duration(60);
}

}  // namespace

Client::Client(std::string api_base, std::string oapi_base, std::string app_key, std::string app_secret,
               HttpOptions options)
    : http_(std::move(api_base), options),
      oapi_(std::move(oapi_base), options),
      app_key_(std::move(app_key)),
      app_secret_(std::move(app_secret)),
      tokens_([this] { return fetch_token(); }) {}

Result<FetchedToken> Client::fetch_token() {
  auto response = http_.post_json(kTokenPath, json{{"appKey", app_key_}, {"appSecret", app_secret_}}.dump());
  if (!response) return response.error();
  json body = json::parse(response->body, nullptr, false);
  std::string token = str_at(body, {"accessToken"});
  if (response->status != 200 || token.empty()) {
    return make_error(ErrorCode::token, "dingtalk token request failed: HTTP " + std::to_string(response->status));
  }
  return FetchedToken{token, std::chrono::seconds(int_at(body, {"expireIn"}).value_or(7200))};
}

Result<std::string> Client::download(const std::string& download_code) {
  auto url = fetch_with_token(tokens_, [&](const std::string& token) -> Result<std::string> {
    auto response = http_.post_json(
        kDownloadPath, json{{"downloadCode", download_code}, {"robotCode", app_key_}}.dump(), {{kTokenHeader, token}});
    if (!response) return response.error();
    json body = json::parse(response->body, nullptr, false);
    if (token_rejected(*response, body)) return make_error(ErrorCode::token_expired, "dingtalk token expired");
    std::string download_url = str_at(body, {"downloadUrl"});
    if (response->status != 200 || download_url.empty()) {
      return make_error(ErrorCode::media, "dingtalk download: HTTP " + std::to_string(response->status));
    }
    return download_url;
  });
  if (!url) return url.error();
  auto file = http_.get(*url);
  if (!file) return file.error();
  if (file->status != 200) return make_error(ErrorCode::media, "dingtalk file: HTTP " + std::to_string(file->status));
  return std::move(file->body);
}

std::optional<SendReceipt> Client::send_by_session(const std::string& webhook, const std::string& text,
                                                   const std::vector<std::string>& at_user_ids, SendFailure& failure) {
  json request{{"msgtype", "text"}, {"text", {{"content", text}}}, {"at", {{"atUserIds", at_user_ids}}}};
  auto response = http_.post_json(webhook, request.dump());
  if (!response) {
    failure = network_failure(response.error());
    return std::nullopt;
  }
  json body = json::parse(response->body, nullptr, false);
  long errcode = int_at(body, {"errcode"}).value_or(response->status == 200 ? 0 : -1);
  if (response->status == 200 && errcode == 0) return SendReceipt{};
  failure = classify_http_failure(*response, "dingtalk session send");
  if (errcode == kErrcodeTooFast || throttled(body)) mark_throttled(failure);
  failure.reason += " errcode " + std::to_string(errcode);
  return std::nullopt;
}

std::optional<SendReceipt> Client::send_to_group(const std::string& open_conversation_id, const std::string& text,
                                                 SendFailure& failure) {
  return group_send(open_conversation_id, "sampleText", json{{"content", text}}, failure);
}

std::optional<SendReceipt> Client::send_image(const std::string& chat, bool to_user, const std::string& image,
                                              SendFailure& failure) {
  auto media = send_with_token(
      tokens_,
      [&](const std::string& token, SendFailure& out) -> std::optional<SendReceipt> {
        std::vector<FormPart> form{{"media", image, "image.jpg", "image/jpeg"}};
        auto response =
            oapi_.post_form(std::string(kMediaUploadPath) + "?access_token=" + url_encode(token) + "&type=image", form);
        if (!response) {
          out = network_failure(response.error());
          return std::nullopt;
        }
        json body = json::parse(response->body, nullptr, false);
        long errcode = int_at(body, {"errcode"}).value_or(-1);
        if (response->status == 200 && errcode == 0) return SendReceipt{str_at(body, {"media_id"})};
        if (errcode == kErrcodeTokenInvalid) {
          out.reason = kTokenExpired;
          return std::nullopt;
        }
        out = classify_http_failure(*response, "dingtalk media upload");
        out.reason += " errcode " + std::to_string(errcode);
        return std::nullopt;
      },
      failure);
  if (!media) return std::nullopt;
  // sampleImageMsg's photoURL takes a public URL or the media id from media/upload.
  json param{{"photoURL", media->platform_message_id}};
  return to_user ? user_send(chat, "sampleImageMsg", param, failure)
                 : group_send(chat, "sampleImageMsg", param, failure);
}

std::optional<SendReceipt> Client::send_to_user(const std::string& user_id, const std::string& text,
                                                SendFailure& failure) {
  return user_send(user_id, "sampleText", json{{"content", text}}, failure);
}

std::optional<SendReceipt> Client::user_send(const std::string& user_id, const std::string& msg_key, const json& param,
                                             SendFailure& failure) {
  json request{{"msgKey", msg_key}, {"msgParam", param.dump()}, {"robotCode", app_key_}, {"userIds", {user_id}}};
  return robot_send(kUserSendPath, request, failure);
}

std::optional<SendReceipt> Client::group_send(const std::string& open_conversation_id, const std::string& msg_key,
                                              const json& param, SendFailure& failure) {
  json request{{"msgParam", param.dump()},
               {"msgKey", msg_key},
               {"openConversationId", open_conversation_id},
               {"robotCode", app_key_}};
  return robot_send(kGroupSendPath, request, failure);
}

std::optional<SendReceipt> Client::robot_send(const char* path, const json& request, SendFailure& failure) {
  return send_with_token(
      tokens_,
      [&](const std::string& token, SendFailure& out) -> std::optional<SendReceipt> {
        auto response = http_.post_json(path, request.dump(), {{kTokenHeader, token}});
        if (!response) {
          out = network_failure(response.error());
          return std::nullopt;
        }
        json body = json::parse(response->body, nullptr, false);
        if (response->status == 200) {
          // batchSend answers 200 and lists the users it did not reach.
          if (const auto* held = json_at(body, {"flowControlledStaffIdList"}); held && !held->empty()) {
            out.reason = "dingtalk send: user flow-controlled";
            mark_throttled(out);
            return std::nullopt;
          }
          if (const auto* invalid = json_at(body, {"invalidStaffIdList"}); invalid && !invalid->empty()) {
            out = SendFailure{false, std::nullopt, "dingtalk send: not a user of this organisation " + invalid->dump()};
            return std::nullopt;
          }
          return SendReceipt{str_at(body, {"processQueryKey"})};
        }
        if (token_rejected(*response, body)) {
          out.reason = kTokenExpired;
          return std::nullopt;
        }
        out = classify_http_failure(*response, std::string("dingtalk ") + path);
        if (throttled(body)) mark_throttled(out);
        out.reason += " " + str_at(body, {"code"}) + " " + str_at(body, {"message"});
        return std::nullopt;
      },
      failure);
}

TokenCheck Client::check_token() {
  auto response = http_.post_json(kTokenPath, json{{"appKey", app_key_}, {"appSecret", app_secret_}}.dump());
  if (!response) return TokenCheck{false, 0, response.error().message};
  json body = json::parse(response->body, nullptr, false);
  if (response->status == 200 && !str_at(body, {"accessToken"}).empty()) return TokenCheck{true, 200, ""};
  std::string code = str_at(body, {"code"});
  return TokenCheck{true, response->status, code.empty() ? "(none)" : code};
}

}  // namespace paike::dingtalk
