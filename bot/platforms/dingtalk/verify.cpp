#include "bot/platforms/dingtalk/verify.h"

#include "bot/platforms/crypto.h"

namespace paike::dingtalk {

std::string sign(std::string_view timestamp_ms, std::string_view app_secret) {
  std::string message(timestamp_ms);
  message.append("\n").append(app_secret);
  return base64_encode(crypto::hmac_sha256(app_secret, message));
}

bool sign_ok(std::string_view given, std::string_view timestamp_ms, std::string_view app_secret) {
  return crypto::constant_time_equal(given, sign(timestamp_ms, app_secret));
}

}  // namespace paike::dingtalk
