// OneBot v11 HTTP POST verification (communication/http-post.md 签名): X-Signature =
// "sha1=" + hex(HMAC-SHA1(secret, raw body)), the hex compared case-insensitively.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace paike::onebot {

std::string signature(std::string_view secret, std::string_view body);
bool signature_ok(std::string_view given, std::string_view secret, std::string_view body);

}  // namespace paike::onebot
