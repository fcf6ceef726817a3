#include "bot/platforms/settings_env.h"

namespace paike {

Result<std::string> require_env(const EnvLookup& env, const std::string& name) {
  auto value = env(name);
  if (!value || value->empty()) {
    return make_error(ErrorCode::missing_env, "environment variable " + name + " is not set");
  }
  return *value;
}

Result<void> read_required(const EnvLookup& env, std::initializer_list<std::pair<const char*, std::string*>> vars) {
  for (const auto& [name, field] : vars) {
    auto value = require_env(env, name);
    if (!value) return value.error();
    *field = *value;
  }
  return {};
}

std::string env_or(const EnvLookup& env, const std::string& name, const std::string& fallback) {
  auto value = env(name);
  return value && !value->empty() ? *value : fallback;
}

}  // namespace paike
