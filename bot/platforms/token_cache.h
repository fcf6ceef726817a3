// TokenCache: one access token (Feishu tenant_access_token, DingTalk accessToken, WeCom
// access_token), fetched on first use and kept until shortly before it expires; dropped
// on the platform's "token expired" answer. Thread-safe: one fetch at a time.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>

#include "config/result.h"

namespace paike {

struct FetchedToken {
  std::string token;
  std::chrono::seconds expires_in{7200};
};

class TokenCache {
 public:
  using Fetch = std::function<Result<FetchedToken>()>;
  explicit TokenCache(Fetch fetch, std::chrono::seconds margin = std::chrono::minutes(5))
      : fetch_(std::move(fetch)), margin_(margin) {}

  // The cached token, or a fresh one when none is cached or it is about to expire.
  Result<std::string> get();
  // Forget the token (the platform said it expired); the next get() fetches.
  void invalidate();

 private:
  std::mutex mutex_;
  Fetch fetch_;
  std::chrono::seconds margin_;
  std::string token_;
  std::chrono::steady_clock::time_point valid_until_{};
};

}  // namespace paike

#include "bot/platforms/platform.h"

namespace paike {

// The code an API call reports (as SendFailure::reason or Error::code) when the platform
// says the access token expired or is invalid.
inline constexpr const char* kTokenExpired = "token_expired";

using TokenSend = std::function<std::optional<SendReceipt>(const std::string& token, SendFailure& failure)>;
using TokenFetch = std::function<Result<std::string>(const std::string& token)>;

// Runs `attempt` with the cached token; on kTokenExpired drops the token and tries once more.
std::optional<SendReceipt> send_with_token(TokenCache& tokens, const TokenSend& attempt, SendFailure& failure);
Result<std::string> fetch_with_token(TokenCache& tokens, const TokenFetch& attempt);

}  // namespace paike
