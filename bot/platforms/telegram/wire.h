// Telegram Bot API wire facts: the webhook secret header and API paths.
#pragma once

namespace paike::telegram {

inline constexpr const char* kDefaultApiBase = "https://api.telegram.org";
inline constexpr const char* kSecretHeader = "x-telegram-bot-api-secret-token";

}  // namespace paike::telegram
