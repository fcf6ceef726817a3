// The process environment as the deployment file reads it: secrets are never written in the
// file, "${NAME}" names a variable instead. Tests pass their own lookup.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace paike {

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup process_env();

// "${NAME}" and "${NAME:-default}" → the variable's value; other text passes through.
// Returns nullopt and names the variable in `missing` when it is unset and has no default.
std::optional<std::string> expand_env(const std::string& text, const EnvLookup& env, std::string* missing);

}  // namespace paike
