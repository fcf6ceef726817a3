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

  std::optional<std::string> get(const std::string& name) const;
};

// Every option takes a value. Returns nullopt and sets `error` for a dangling "--name".
std::optional<Args> parse_args(int argc, char** argv, int first, std::string* error);

}  // namespace paike::cli
