// The demo township served by a real App on a free loopback port, workers running, with its
// data in `data_dir` (tests that stop, restore or fill the disk under it).
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>

#include "bot/app.h"
#include "config/load.h"
#include "support/demo_deployment.h"

namespace paike::test {

inline std::unique_ptr<App> start_demo_app(const std::filesystem::path& data_dir) {
  AppOptions options;
  options.data_dir = data_dir;
  options.port = 0;
  auto app = App::create(demo_deployment(), std::move(options));
  REQUIRE(app);
  REQUIRE((*app)->start());
  return std::move(*app);
}

}  // namespace paike::test
