// Small YAML helpers shared by the settings readers: a node's line, and a bounded number.
#pragma once

#include <yaml-cpp/yaml.h>

#include <sstream>
#include <string>

#include "config/problems.h"

namespace paike {

inline int yaml_line(const YAML::Node& node) { return node.Mark().line >= 0 ? node.Mark().line + 1 : 0; }

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
