// DingTalk robot-callback verification: sign = base64(HMAC-SHA256(key = app secret,
// message = timestamp_ms + "\n" + app secret)). Pure; thread-safe. (Its event-subscription
// crypto is WeCom's scheme: see wecom/verify.h.)
#pragma once

#include <string>
#include <string_view>

namespace paike::dingtalk {

std::string sign(std::string_view timestamp_ms, std::string_view app_secret);
bool sign_ok(std::string_view given, std::string_view timestamp_ms, std::string_view app_secret);

}  // namespace paike::dingtalk
