// The embedded demo township (清河镇) for tests, read without the process environment so a
// developer's PAIKE_* variables cannot change what a test sees.
#pragma once

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "config/load.h"

namespace paike::test {

inline LoadedDeployment load_demo_without_env() {
  return load_demo_deployment([](const std::string&) { return std::optional<std::string>(); });
}

// A fresh copy, for tests that change it.
inline Deployment demo_deployment() {
  auto loaded = load_demo_without_env();
  REQUIRE(loaded.ok());
  return std::move(loaded.deployment);
}

// One shared, read-only copy, for tests that only look things up.
inline const Deployment& shared_demo_deployment() {
  static const LoadedDeployment loaded = load_demo_without_env();
  return loaded.deployment;
}

}  // namespace paike::test
