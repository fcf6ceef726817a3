// The `photos:` section of a deployment: the vision pipeline's knobs plus how intake treats
// duplicates and old photos. Never throws: problems come back with file and line. Every key
// is optional; a missing section means the defaults in config/vision_options.h.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "config/problems.h"
#include "config/vision_options.h"

namespace paike {

// `section` may be a null node: the defaults alone.
PhotoSettings read_photo_settings(const YAML::Node& section, const std::string& file, ConfigProblems& problems);

}  // namespace paike
