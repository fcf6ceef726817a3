// WeCom API client: access_token (cached), media download by media id (or an absolute
// file url from the intelligent robot), sending text and images to app group chats (appchat)
// and to one member (message/send with the app's agentid), the intelligent robot's one-shot
// response_url, and the send-only group robot webhook (text with mentioned_list, images).
// Thread-safe; blocks on the network.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bot/platforms/http.h"
#include "bot/platforms/platform.h"
#include "bot/platforms/token_cache.h"

namespace paike::wecom {

class Client {
 public:
  Client(std::string api_base, std::string corp_id, std::string secret, HttpOptions options = {});

  Result<std::string> download(const std::string& media_ref);
  // gettoken's errcode (0: the corp id and secret work); Error "network" when unreachable.
  Result<long> token_errcode();
  // agent/get's errcode for `agent_id` with a fresh token (0: the id belongs to this secret).
  Result<long> agent_errcode(const std::string& agent_id);
  std::optional<SendReceipt> send_app_chat(const std::string& chat_id, const std::string& text, SendFailure& failure);
  // message/send: text to one member `user_id` from the app `agent_id`.
  std::optional<SendReceipt> send_to_user(const std::string& agent_id, const std::string& user_id,
                                          const std::string& text, SendFailure& failure);
  std::optional<SendReceipt> send_to_user_image(const std::string& agent_id, const std::string& user_id,
                                                const std::string& image, SendFailure& failure);
  // The intelligent robot's response_url (absolute, one use): markdown text, not encrypted.
  std::optional<SendReceipt> send_response(const std::string& response_url, const std::string& markdown,
                                           SendFailure& failure);
  // Uploads the image as temporary media, then posts it to the app group chat.
  std::optional<SendReceipt> send_app_chat_image(const std::string& chat_id, const std::string& image,
                                                 SendFailure& failure);
  // Group robot: text, with `mentioned` user ids @-mentioned for real.
  std::optional<SendReceipt> send_robot(const std::string& robot_key, const std::string& text,
                                        const std::vector<std::string>& mentioned, SendFailure& failure);
  // Group robot: an image as base64 + md5 (JPG or PNG, at most 2 MB).
  std::optional<SendReceipt> send_robot_image(const std::string& robot_key, const std::string& image,
                                              SendFailure& failure);

 private:
  Result<FetchedToken> fetch_token();
  // Uploads `image` as temporary media and posts `request` (its media_id filled in) to `path`.
  std::optional<SendReceipt> send_image(const std::string& path, nlohmann::json request, const std::string& image,
                                        SendFailure& failure);
  std::optional<SendReceipt> send_json(const std::string& path, const nlohmann::json& request, const std::string& what,
                                       SendFailure& failure);
  HttpClient http_;
  std::string corp_id_;
  std::string secret_;
  TokenCache tokens_;
};

}  // namespace paike::wecom
