// Reading a platform's settings from environment variables: required secrets (a missing one
// is an Error naming the variable) and optional values with defaults.
#pragma once

#include <string>

#include "config/load.h"
#include "config/result.h"

namespace paike {

Result<std::string> require_env(const EnvLookup& env, const std::string& name);
std::string env_or(const EnvLookup& env, const std::string& name, const std::string& fallback);

}  // namespace paike
