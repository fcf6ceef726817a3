// Builds the platform adapters a deployment enables, by name: any of config/platforms.def,
// the one list of platforms. Settings come from PAIKE_<PLATFORM>_* environment variables.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "bot/platforms/platform.h"
#include "bot/platforms/roster_ids.h"
#include "config/deployment.h"
#include "config/load.h"
#include "config/result.h"

namespace paike {

// Error "missing_env" naming the variable when a required secret is unset; "unknown_platform"
// for other names. The deployment supplies the roster (`<platform>_id` columns) and groups.
Result<std::unique_ptr<Platform>> make_platform(const std::string& name, const Deployment& deployment,
                                                const EnvLookup& env);

// Each listed platform's folder defines its factory, make_<name>_platform, with what
// make_platform says of it; make_platform calls the one a name asks for.
#define PAIKE_PLATFORM(name) \
  Result<std::unique_ptr<Platform>> make_##name##_platform(const Deployment& deployment, const EnvLookup& env);
#include "config/platforms.def"
#undef PAIKE_PLATFORM

// The usual factory body: platform P from its settings (or their error) and the roster of `name`.
template <typename P, typename Settings>
Result<std::unique_ptr<Platform>> build_platform(Result<Settings> settings, const std::string& name,
                                                 const Deployment& deployment) {
  if (!settings) return settings.error();
  return std::unique_ptr<Platform>(std::make_unique<P>(std::move(*settings), PlatformRoster(name, deployment)));
}

}  // namespace paike
