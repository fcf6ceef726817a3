// Telegram webhook verification: X-Telegram-Bot-Api-Secret-Token equals the secret_token
// given to setWebhook, compared in constant time. Pure; thread-safe.
#pragma once

#include <string_view>

namespace paike::telegram {

bool secret_ok(std::string_view given, std::string_view secret);

}  // namespace paike::telegram
