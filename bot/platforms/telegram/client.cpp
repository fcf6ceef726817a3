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
  if (info->status != 200 || path.empty()) return make_error("media", "telegram getFile: HTTP " + std::to_string(info->status));
  auto file = http_.get("/file/bot" + bot_token_ + "/" + path);
  if (!file) return file.error();
  if (file->status != 200) return make_error("media", "telegram file: HTTP " + std::to_string(file->status));
  return std::move(file->body);
}

std::optional<SendReceipt> Client::send_html(const std::string& chat_id, const std::string& html,
                                             const std::string& reply_to, SendFailure& failure) {
  json request{{"chat_id", chat_id}, {"text", html}, {"parse_mode", "HTML"}};
  if (auto id = int_at(json(reply_to), {})) {
    request["reply_parameters"] = {{"message_id", *id}, {"allow_sending_without_reply", true}};
  }
  auto response = http_.post_json("/bot" + bot_token_ + "/sendMessage", request.dump());
  if (!response) {
    failure = network_failure(response.error());
    return std::nullopt;
  }
  json body = json::parse(response->body, nullptr, false);
  if (response->status == 200 && json_at(body, {"ok"}) && body["ok"] == true) {
    return SendReceipt{str_at(body, {"result", "message_id"})};
  }
  failure = classify_http_failure(*response, "telegram sendMessage");
  if (auto seconds = int_at(body, {"parameters", "retry_after"})) failure.retry_after = Duration(*seconds);
  failure.reason += " " + str_at(body, {"description"});
  return std::nullopt;
}

}  // namespace paike::telegram
