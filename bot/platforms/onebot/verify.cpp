#include "bot/platforms/onebot/verify.h"

#include "bot/platforms/crypto.h"

namespace paike::onebot {

std::string signature(std::string_view secret, std::string_view body) {
  return "sha1=" + crypto::hex(crypto::hmac_sha1(secret, body));
}

bool signature_ok(std::string_view given, std::string_view secret, std::string_view body) {
  return crypto::constant_time_equal(given, signature(secret, body));
}

}  // namespace paike::onebot
