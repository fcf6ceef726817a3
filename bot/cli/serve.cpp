// `paike demo` and `paike serve`: run the bot until SIGINT or SIGTERM.
#include <signal.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "bot/app.h"
#include "bot/cli/commands.h"
#include "bot/cli/deployment_arg.h"

namespace paike::cli {

namespace {

// Blocks SIGINT/SIGTERM in every thread (call before any thread starts), then waits for one.
sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int serve(Deployment deployment, const Args& args, bool demo) {
  AppOptions options;
  options.data_dir = deployment.data_dir;
  options.host = deployment.server.host;
  options.port = deployment.server.port;
  options.command = demo ? "paike demo" : "paike serve";
  if (auto port = args.get("port")) {
    try {
      options.port = std::stoi(*port);
    } catch (const std::exception&) {
      options.port = -1;
    }
    if (options.port < 1 || options.port > 65535) {
      std::cerr << "paike: --port must be a number from 1 to 65535\n";
      return 2;
    }
  }
  sigset_t signals = block_stop_signals();
  auto app = App::create(std::move(deployment), std::move(options));
  if (!app) {
    std::cerr << "paike: " << app.error().message << "\n";
    return 1;
  }
  auto port = (*app)->start();
  if (!port) {
    std::cerr << "paike: " << port.error().message << "\n";
    return 1;
  }
  const std::string base = "http://" + (*app)->deployment().server.host + ":" + std::to_string(*port);
  if (demo) {
    std::cout << "paike demo: " << (*app)->deployment().township << " is running.\n"
              << "Open the simulator: " << base << "/sim\n"
              << "Read API: curl -H 'Authorization: Bearer demo-token' " << base << "/api/v1/tickets\n"
              << "Stop with Ctrl-C." << std::endl;
  } else {
    std::cout << "paike: serving " << (*app)->deployment().township << " on " << base << std::endl;
  }
  int signal = 0;
  sigwait(&signals, &signal);
  spdlog::info("received signal {}; shutting down", signal);
  (*app)->stop();
  return 0;
}

}  // namespace

int run_demo(const Args& args) {
  if (args.get("config")) {
    std::cerr << "paike demo serves the built-in township; use `paike serve --config FILE` for yours\n";
    return 2;
  }
  auto deployment = load_deployment_arg(args);
  if (!deployment) return 1;
  deployment->simulator = true;
  deployment->server.host = "127.0.0.1";  // the demo is never exposed beyond this machine
  return serve(std::move(*deployment), args, true);
}

int run_serve(const Args& args) {
  if (!args.get("config")) {
    std::cerr << "usage: paike serve --config FILE [--port P] [--data DIR]\n";
    return 2;
  }
  auto deployment = load_deployment_arg(args);
  if (!deployment) return 1;
  return serve(std::move(*deployment), args, false);
}

}  // namespace paike::cli
