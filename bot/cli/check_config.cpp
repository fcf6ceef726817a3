// `paike check-config [--online] --config FILE`: every problem with file, line and a hint; exit
// 1 if any. With --online, each enabled platform is also called with the configured secrets.
#include <iostream>

#include "bot/cli/commands.h"
#include "bot/platforms/registry.h"
#include "config/load.h"

namespace paike::cli {

int run_check_config(const Args& args) {
  auto config = args.get("config");
  LoadedDeployment loaded = config ? load_deployment_file(*config) : load_demo_deployment();
  const std::string file = config ? *config : "config/demo/paike.yaml";
  // Each enabled platform must find its secrets, as `paike serve` will.
  for (const auto& name : loaded.deployment.platforms) {
    auto platform = make_platform(name, loaded.deployment, process_env());
    if (!platform) {
      loaded.problems.push_back({file, 0, "platform " + name + ": " + platform.error().message,
                                 "set it in the service's environment; see docs/platforms/" + name + ".md"});
      continue;
    }
    if (!args.has_flag("online")) continue;
    for (const auto& problem : (*platform)->check_online()) {
      loaded.problems.push_back(
          {file, 0, "platform " + name + " (online): " + problem, "see docs/platforms/" + name + ".md"});
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
