// Reading a platform's settings from environment variables: required secrets (a missing one
// is an Error naming the variable) and optional values with defaults.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "config/load.h"
#include "config/result.h"

namespace paike {

Result<std::string> require_env(const EnvLookup& env, const std::string& name);
// Reads every (variable, field) pair into its field; the first unset one is the failure.
Result<void> read_required(const EnvLookup& env, std::initializer_list<std::pair<const char*, std::string*>> vars);
std::string env_or(const EnvLookup& env, const std::string& name, const std::string& fallback);

}  // namespace paike
