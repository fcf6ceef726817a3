// The roster the platform fuzz targets parse against: the platform tests' one (韩德福 has an
// id on every platform), so mention and sender look-ups take their "known person" paths too.
#pragma once

#include "bot/platforms/roster_ids.h"
#include "tests/platforms/helpers.h"

namespace paike::fuzz {

inline const PlatformRoster& roster(const std::string& platform) {
  static const Deployment deployment = test::platform_deployment();
  static const std::map<std::string, PlatformRoster> by_platform = [] {
    std::map<std::string, PlatformRoster> m;
    for (const char* name : kKnownPlatforms) {
      m.emplace(name, PlatformRoster(name, deployment));
    }
    return m;
  }();
  return by_platform.at(platform);
}

// A broken invariant is a finding: abort so libFuzzer saves the input.
inline void require(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace paike::fuzz
