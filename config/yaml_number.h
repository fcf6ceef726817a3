// Small YAML helpers shared by the settings readers: a node's line, a scalar, a duration and a
// bounded number. Each reports a value of the wrong form as a problem, never by throwing.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <sstream>
#include <string>

#include "config/problems.h"
#include "config/time.h"

namespace paike {

inline int yaml_line(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

// Reads a scalar setting; appends a problem and returns nullopt when it has the wrong form.
inline std::optional<std::string> scalar(const YAML::Node& parent, const char* key, const std::string& file,
                                         ConfigProblems& problems) {
  const YAML::Node node = parent[key];
  if (!node) return std::nullopt;
  if (!node.IsScalar()) {
    problems.push_back({file, yaml_line(node), std::string("'") + key + "' must be a single value", ""});
    return std::nullopt;
  }
  return node.Scalar();
}

inline std::optional<Duration> duration_setting(const YAML::Node& parent, const char* key, const std::string& file,
                                                ConfigProblems& problems) {
  auto text = scalar(parent, key, file, problems);
  if (!text) return std::nullopt;
  auto d = parse_duration(*text);
  if (!d || d->count() <= 0) {
    problems.push_back({file, yaml_line(parent[key]), std::string("bad duration '") + *text + "' for " + key,
                        "write e.g. 4h, 1d, 2m, 1d12h"});
    return std::nullopt;
  }
  return d;
}

// Reads `<section_name>.<key>` into `out` when present and within [low, high]; else a problem
// naming the key and the range. Absent keys leave `out` (the default) alone.
template <typename T>
void read_bounded_number(const YAML::Node& section, const char* section_name, const char* key, double low, double high,
                         T& out, const std::string& file, ConfigProblems& problems) {
  const YAML::Node node = section[key];
  if (!node) return;
  double value = node.IsScalar() ? node.as<double>(low - 1) : low - 1;
  if (!(value >= low && value <= high)) {
    auto number = [](double v) {  // "1" and "0.5", not "1.000000"
      std::ostringstream text;
      text << v;
      return text.str();
    };
    problems.push_back({file, yaml_line(node), std::string("bad '") + section_name + "." + key + "'",
                        "a number from " + number(low) + " to " + number(high)});
    return;
  }
  out = static_cast<T>(value);
}

}  // namespace paike
