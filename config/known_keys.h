// The keys a deployment's YAML may hold, section by section, and the check that reports any
// other one with its file, line and the nearest known key: a clerk's `reminderz:` (or a whole
// section this version does not have) would otherwise pass as ok while the settings under
// it silently stay at their defaults. Add a key here when a reader of config/ learns it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "config/problems.h"

namespace paike {

// Reports every key of `root` (a deployment file's top mapping) that this version does not
// read, at any depth where the keys are fixed.
void report_unknown_keys(const YAML::Node& root, const std::string& file, ConfigProblems& problems);

// The name of `known` a typo of `key` most likely meant (a few edits away), or "".
std::string nearest_key(std::string_view key, const std::vector<std::string_view>& known);

}  // namespace paike
