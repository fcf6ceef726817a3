#include "bot/platforms/registry.h"

namespace paike {

Result<std::unique_ptr<Platform>> make_platform(const std::string& name, const Deployment& deployment,
                                                const EnvLookup& env) {
#define PAIKE_PLATFORM(id) \
  if (name == #id) return make_##id##_platform(deployment, env);
#include "config/platforms.def"
#undef PAIKE_PLATFORM
  return make_error(ErrorCode::unknown_platform,
                    "unknown platform \"" + name + "\" (known: " + known_platform_names() + ")");
}

}  // namespace paike
