#include "bot/platforms/telegram/verify.h"

#include "bot/platforms/crypto.h"

namespace paike::telegram {

bool secret_ok(std::string_view given, std::string_view secret) {
  return !secret.empty() && crypto::constant_time_equal(given, secret);
}

}  // namespace paike::telegram
