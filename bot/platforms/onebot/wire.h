// OneBot v11 wire facts (github.com/botuniverse/onebot-11): HTTP POST event headers
// (communication/http-post.md) and the HTTP API's action paths (communication/http.md: POST
// /:action with JSON; api/public.md).
#pragma once

#include <cstddef>

namespace paike::onebot {

inline constexpr const char* kDefaultApiBase = "http://127.0.0.1:5700";
inline constexpr const char* kSignatureHeader = "x-signature";  // "sha1=<hex HMAC-SHA1(secret, body)>"
inline constexpr const char* kSendGroupPath = "/send_group_msg";
inline constexpr const char* kSendPrivatePath = "/send_private_msg";
inline constexpr const char* kLoginInfoPath = "/get_login_info";
inline constexpr const char* kGetImagePath = "/get_image";
inline constexpr const char* kGetRecordPath = "/get_record";

// The spec sets no length limit. QQ refuses a message over 4500 characters (mirai's
// Contact.sendMessage: "单条消息最大可发送 4500 字符", Kotlin's UTF-16 length); the text
// of one part stays under it with room for the part's @ and quote.
inline constexpr size_t kMaxTextUnits = 4000;

}  // namespace paike::onebot
