// Telegram Bot API client: getFile + file download for photos and voice notes, sendMessage and
// sendPhoto (HTML parse mode for real mentions, reply_parameters for quoting), and the
// parameterless GET methods (getMe, getWebhookInfo). Thread-safe; blocks on the network.
#pragma once

#include <optional>
#include <string>

#include "bot/platforms/http.h"
#include "bot/platforms/platform.h"

namespace paike::telegram {

class Client {
 public:
  Client(std::string api_base, std::string bot_token, HttpOptions options = {});
  Result<std::string> download(const std::string& file_id);
  // GET /bot<token>/<method> ("getMe", "getWebhookInfo"): the raw answer, any status.
  Result<HttpResponse> call(const std::string& method) const;
  // `html` is Telegram HTML; `reply_to` a message id in that chat or "".
  std::optional<SendReceipt> send_html(const std::string& chat_id, const std::string& html, const std::string& reply_to,
                                       SendFailure& failure);
  // sendPhoto with the bytes uploaded and an HTML caption (at most 1024 characters; may be "").
  std::optional<SendReceipt> send_photo(const std::string& chat_id, const std::string& photo,
                                        const std::string& caption_html, const std::string& reply_to,
                                        SendFailure& failure);

 private:
  HttpClient http_;
  std::string bot_token_;
};

}  // namespace paike::telegram
