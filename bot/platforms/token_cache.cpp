#include "bot/platforms/token_cache.h"

namespace paike {

Result<std::string> TokenCache::get() {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  if (!token_.empty() && now < valid_until_) return token_;
  auto fetched = fetch_();
  if (!fetched) return fetched.error();
  token_ = fetched->token;
  valid_until_ = now + fetched->expires_in - std::min(margin_, fetched->expires_in / 2);
  return token_;
}

void TokenCache::invalidate() {
  std::lock_guard lock(mutex_);
  token_.clear();
}

}  // namespace paike

namespace paike {

std::optional<SendReceipt> send_with_token(TokenCache& tokens, const TokenSend& attempt, SendFailure& failure) {
  for (int round = 0; round < 2; ++round) {
    auto token = tokens.get();
    if (!token) {
      failure = SendFailure{true, std::nullopt, "token: " + token.error().message};
      return std::nullopt;
    }
    failure = SendFailure{};
    if (auto receipt = attempt(*token, failure)) return receipt;
    if (failure.reason != kTokenExpired) return std::nullopt;
    tokens.invalidate();
  }
  failure.retryable = true;
  return std::nullopt;
}

Result<std::string> fetch_with_token(TokenCache& tokens, const TokenFetch& attempt) {
  Result<std::string> result = make_error(ErrorCode::token, "no attempt");
  for (int round = 0; round < 2; ++round) {
    auto token = tokens.get();
    if (!token) return token.error();
    result = attempt(*token);
    if (result || result.error().code != ErrorCode::token_expired) return result;
    tokens.invalidate();
  }
  return result;
}

}  // namespace paike
