#include "bot/platforms/onebot/verify.h"

#include <algorithm>

#include "bot/platforms/crypto.h"

namespace paike::onebot {

std::string signature(std::string_view secret, std::string_view body) {
  return "sha1=" + crypto::hex(crypto::hmac_sha1(secret, body));
}

bool signature_ok(std::string_view given, std::string_view secret, std::string_view body) {
  // The hex digits in either case: Lagrange.OneBot writes them upper-case (.NET's
  // Convert.ToHexString), NapCat and the spec's examples lower-case. The "sha1=" prefix is exact.
  std::string normalized(given);
  if (normalized.starts_with("sha1=")) {
    std::transform(normalized.begin() + 5, normalized.end(), normalized.begin() + 5,
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c); });
  }
  return crypto::constant_time_equal(normalized, signature(secret, body));
}

}  // namespace paike::onebot
