#include "bot/cli/deployment_arg.h"

#include <iostream>

#include "config/load.h"

namespace paike::cli {

std::optional<Deployment> load_deployment_arg(const Args& args) {
  auto config = args.get("config");
  LoadedDeployment loaded = config ? load_deployment_file(*config) : load_demo_deployment();
  if (!loaded.ok()) {
    for (const auto& p : loaded.problems) std::cerr << format_problem(p) << "\n";
    std::cerr << "paike: the deployment has " << loaded.problems.size()
              << " problem(s); run `paike check-config --config FILE` for the full list\n";
    return std::nullopt;
  }
  if (auto data = args.get("data")) loaded.deployment.data_dir = *data;
  return std::move(loaded.deployment);
}

}  // namespace paike::cli
