// Command-line arguments: "--name value" options and positional words, nothing more.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace paike::cli {

struct Args {
  std::map<std::string, std::string> options;  // "--port 8080" → {"port", "8080"}
  std::vector<std::string> positional;
  std::vector<std::string> flags;  // value-less switches given ("--online" → "online")

  std::optional<std::string> get(const std::string& name) const;
  bool has_flag(const std::string& name) const;
};

// Switches that take no value; every other option takes one.
inline constexpr const char* kFlagOptions[] = {"online"};

// Returns nullopt and sets `error` for a dangling "--name".
std::optional<Args> parse_args(int argc, char** argv, int first, std::string* error);

}  // namespace paike::cli
