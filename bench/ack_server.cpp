// bench_ack_server: paike's ack path alone, for load against POST /webhook/sim — the demo
// township's App with the simulator on and the inbox worker off, so what is measured is
// verify + one inbox insert + 200, as the peer (bench/peers/node/ack.js) does.
//   bench_ack_server PORT DATA_DIR
#include <unistd.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "bot/app.h"
#include "config/load.h"

namespace {
volatile std::sig_atomic_t stop_requested = 0;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bench_ack_server PORT DATA_DIR\n";
    return 2;
  }
  auto loaded = paike::load_demo_deployment();
  if (!loaded.ok()) return 1;
  loaded.deployment.simulator = true;
  paike::AppOptions options;
  options.data_dir = argv[2];
  options.port = std::atoi(argv[1]);
  options.run_workers = false;
  auto app = paike::App::create(std::move(loaded.deployment), std::move(options));
  if (!app) {
    std::cerr << app.error().message << "\n";
    return 1;
  }
  auto port = (*app)->start();
  if (!port) {
    std::cerr << port.error().message << "\n";
    return 1;
  }
  std::printf("paike ack path on 127.0.0.1:%d (workers off)\n", *port);
  std::fflush(stdout);
  std::signal(SIGTERM, [](int) { stop_requested = 1; });
  std::signal(SIGINT, [](int) { stop_requested = 1; });
  while (!stop_requested) pause();
  (*app)->stop();
  return 0;
}
