// Feishu API client: tenant_access_token (cached), message resources (images and audio
// posted in chat), image uploads and sending text, rich text and replies through IM v1,
// each chat kept under its send rate. Thread-safe (the token cache and the pacer lock);
// blocks on the network with the HttpOptions timeouts, and briefly to pace a busy chat.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "bot/platforms/http.h"
#include "bot/platforms/platform.h"
#include "bot/platforms/token_cache.h"

namespace paike::feishu {

class Client {
 public:
  Client(std::string api_base, std::string app_id, std::string app_secret, HttpOptions options = {});

  // Bytes of a resource posted in a message: `type` "image" for images, "file" for audio,
  // video and files (获取消息中的资源文件).
  Result<std::string> download_resource(const std::string& message_id, const std::string& key, const std::string& type);
  // Uploads an image for messages (im/v1/images); its image_key, or nullopt and the failure.
  std::optional<std::string> upload_image(const std::string& bytes, SendFailure& failure);
  // Sends `content_json` of `msg_type` to a chat ("oc_…") or, when `direct`, a user (open_id);
  // as a reply quoting `reply_to` when that is a Feishu message id.
  // `uuid`, when not empty, is Feishu's de-duplication key: requests with the same uuid post
  // at most one message within an hour (im/v1/messages create and reply, body field "uuid"),
  // so two instances or a retry after a lost answer cannot post the same part twice.
  std::optional<SendReceipt> send(const std::string& chat, bool direct, const std::string& msg_type,
                                  const std::string& content_json, const std::string& reply_to, SendFailure& failure,
                                  const std::string& uuid = "");

  // For check_online and the bot's identity: the raw tenant_access_token answer, and an
  // authorized GET's answer body whatever its "code".
  Result<HttpResponse> request_token() const;
  Result<std::string> get(const std::string& path);

 private:
  Result<FetchedToken> fetch_token();
  // Waits until one more message to `chat` stays within kChatSendsPerWindow, and counts it.
  void pace(const std::string& chat);
  HttpClient http_;
  std::string app_id_;
  std::string app_secret_;
  TokenCache tokens_;
  std::mutex pace_mutex_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> recent_sends_;  // per chat, oldest first
};

}  // namespace paike::feishu
