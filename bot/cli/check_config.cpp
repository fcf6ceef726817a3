// `paike check-config --config FILE`: every problem with file, line and a hint; exit 1 if any.
#include <iostream>

#include "bot/cli/commands.h"
#include "bot/platforms/registry.h"
#include "config/load.h"

namespace paike::cli {

int run_check_config(const Args& args) {
  auto config = args.get("config");
  LoadedDeployment loaded = config ? load_deployment_file(*config) : load_demo_deployment();
  // Each enabled platform must find its secrets, as `paike serve` will.
  for (const auto& name : loaded.deployment.platforms) {
    auto platform = make_platform(name, loaded.deployment, process_env());
    if (!platform) {
      loaded.problems.push_back({config ? *config : "config/demo/paike.yaml", 0,
                                 "platform " + name + ": " + platform.error().message,
                                 "set it in the service's environment; see docs/platforms/" + name + ".md"});
    }
  }
  for (const auto& p : loaded.problems) std::cout << format_problem(p) << "\n";
  if (!loaded.ok()) {
    std::cout << loaded.problems.size() << " problem(s) found\n";
    return 1;
  }
  const Deployment& d = loaded.deployment;
  std::cout << "ok: " << d.township << " — " << d.villages().size() << " villages, " << d.grids.size() << " grids, "
            << d.people.size() << " people, " << d.groups.size() << " groups, " << d.categories.size()
            << " categories\n";
  return 0;
}

}  // namespace paike::cli
