// OneBot v11 wire facts: HTTP POST event headers and the send action's path.
#pragma once

namespace paike::onebot {

inline constexpr const char* kDefaultApiBase = "http://127.0.0.1:5700";
inline constexpr const char* kSignatureHeader = "x-signature";  // "sha1=<hex HMAC-SHA1(secret, body)>"
inline constexpr const char* kSendGroupPath = "/send_group_msg";
inline constexpr const char* kSendPrivatePath = "/send_private_msg";

}  // namespace paike::onebot
