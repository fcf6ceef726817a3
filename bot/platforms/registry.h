// Builds the platform adapters a deployment enables, by name: "feishu", "dingtalk", "wecom",
// "onebot", "telegram". Settings come from PAIKE_<PLATFORM>_* environment variables.
#pragma once

#include <memory>
#include <string>

#include "bot/platforms/platform.h"
#include "config/deployment.h"
#include "config/load.h"
#include "config/result.h"

namespace paike {

// Error "missing_env" naming the variable when a required secret is unset; "unknown_platform"
// for other names. The deployment supplies the roster (`<platform>_id` columns) and groups.
Result<std::unique_ptr<Platform>> make_platform(const std::string& name, const Deployment& deployment,
                                                const EnvLookup& env);

}  // namespace paike
