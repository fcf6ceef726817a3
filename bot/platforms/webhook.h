// Small helpers for the adapters' ack path: header and query lookup, and the outcomes
// every platform answers with (rejections are logged without the request body).
#pragma once

#include <string>
#include <string_view>

#include "bot/platforms/platform.h"

namespace paike {

// The header's value ("" when absent); `name` lowercase.
std::string header_value(const WebhookRequest& request, const std::string& name);
std::string query_value(const WebhookRequest& request, const std::string& name);

// A refused request: logged at warn with the reason, never with the body.
WebhookOutcome reject(int status, std::string_view platform, std::string_view reason);
// A repeated event or nonce: acknowledged so the platform stops retrying, nothing stored.
WebhookOutcome duplicate(std::string_view platform, std::string_view key);

}  // namespace paike
