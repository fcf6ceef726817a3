#include "bot/platforms/telegram/client.h"

#include <nlohmann/json.hpp>

#include "bot/platforms/json_util.h"

namespace paike::telegram {

using nlohmann::json;

Client::Client(std::string api_base, std::string bot_token, HttpOptions options)
    : http_(std::move(api_base), options), bot_token_(std::move(bot_token)) {}

Result<std::string> Client::download(const std::string& file_id) {
  auto info = http_.get("/bot" + bot_token_ + "/getFile?file_id=" + url_encode(file_id));
  if (!info) return info.error();
  json body = json::parse(info->body, nullptr, false);
  std::string path = str_at(body, {"result", "file_path"});
  if (info->status != 200 || path.empty())
    return make_error(ErrorCode::media, "telegram getFile: HTTP " + std::to_string(info->status));
  auto file = http_.get("/file/bot" + bot_token_ + "/" + path);
  if (!file) return file.error();
  if (file->status != 200) return make_error(ErrorCode::media, "telegram file: HTTP " + std::to_string(file->status));
  return std::move(file->body);
}

Result<HttpResponse> Client::call(const std::string& method) const {
  return http_.get("/bot" + bot_token_ + "/" + method);
}

namespace {

std::optional<json> reply_parameters(const std::string& reply_to) {
  auto id = int_at(json(reply_to), {});
  if (!id) return std::nullopt;
  return json{{"message_id", *id}, {"allow_sending_without_reply", true}};
}

// {"ok":true,"result":{"message_id":…}} → receipt; else the failure with Telegram's retry_after.
std::optional<SendReceipt> answer(const Result<HttpResponse>& response, const std::string& what, SendFailure& failure) {
  if (!response) {
    failure = network_failure(response.error());
    return std::nullopt;
  }
  json body = json::parse(response->body, nullptr, false);
  if (response->status == 200 && json_at(body, {"ok"}) && body["ok"] == true) {
    return SendReceipt{str_at(body, {"result", "message_id"})};
  }
  failure = classify_http_failure(*response, what);
  if (auto seconds = int_at(body, {"parameters", "retry_after"})) failure.retry_after = Duration(*seconds);
  failure.reason += " " + str_at(body, {"description"});
  return std::nullopt;
}

}  // namespace

std::optional<SendReceipt> Client::send_html(const std::string& chat_id, const std::string& html,
                                             const std::string& reply_to, SendFailure& failure) {
  json request{{"chat_id", chat_id}, {"text", html}, {"parse_mode", "HTML"}};
  if (auto reply = reply_parameters(reply_to)) request["reply_parameters"] = *reply;
  return answer(http_.post_json("/bot" + bot_token_ + "/sendMessage", request.dump()), "telegram sendMessage", failure);
}

std::optional<SendReceipt> Client::send_photo(const std::string& chat_id, const std::string& photo,
                                              const std::string& caption_html, const std::string& reply_to,
                                              SendFailure& failure) {
  std::vector<FormPart> form{{"chat_id", chat_id, "", ""}, {"photo", photo, "photo.jpg", "image/jpeg"}};
  if (!caption_html.empty()) {
    form.push_back({"caption", caption_html, "", ""});
    form.push_back({"parse_mode", "HTML", "", ""});
  }
  if (auto reply = reply_parameters(reply_to)) form.push_back({"reply_parameters", reply->dump(), "", ""});
  return answer(http_.post_form("/bot" + bot_token_ + "/sendPhoto", form), "telegram sendPhoto", failure);
}

}  // namespace paike::telegram
