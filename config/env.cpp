#include "config/env.h"

#include <cstdlib>

namespace paike {

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

std::optional<std::string> expand_env(const std::string& text, const EnvLookup& env, std::string* missing) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = text.find("${", pos);
    if (start == std::string::npos) break;
    size_t end = text.find('}', start);
    if (end == std::string::npos) break;
    out += text.substr(pos, start - pos);
    std::string inner = text.substr(start + 2, end - start - 2);
    std::optional<std::string> fallback;
    if (size_t sep = inner.find(":-"); sep != std::string::npos) {
      fallback = inner.substr(sep + 2);
      inner = inner.substr(0, sep);
    }
    auto value = env(inner);
    if (value && !value->empty()) {
      out += *value;
    } else if (fallback) {
      out += *fallback;
    } else {
      if (missing) *missing = inner;
      return std::nullopt;
    }
    pos = end + 1;
  }
  out += text.substr(pos);
  return out;
}

}  // namespace paike
