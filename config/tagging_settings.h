// The `tagging:` section of a deployment and the tagging fields of a category. Never throws:
// problems come back with file and line. The defaults are the `tagging:` section of the
// embedded config/default_categories.yaml; a deployment's section extends its lists and maps
// and replaces its single values.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "config/deployment.h"
#include "config/problems.h"

namespace paike {

// `section` may be a null node (no `tagging:` in the deployment): the defaults alone.
TaggingSettings read_tagging_settings(const YAML::Node& section, const std::string& file, ConfigProblems& problems);

// A category's `priority` (default 0).
void read_category_tagging(const YAML::Node& item, Category& category, const std::string& file,
                           ConfigProblems& problems);

}  // namespace paike
