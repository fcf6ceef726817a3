// paike: one binary, one subcommand per task (DESIGN.md "Command line").
#include <spdlog/spdlog.h>

#include <iostream>
#include <string>

#include "bot/cli/commands.h"

namespace {

void usage() {
  std::cerr << "paike — 随手拍 rectification bot\n\n"
               "usage:\n"
               "  paike demo [--port 8080] [--data DIR]     serve the demo township with the simulator\n"
               "  paike serve --config FILE [--port P] [--data DIR]\n"
               "  paike check-config [--online] --config FILE   --online: also call each platform with its secrets\n"
               "  paike tag [--config FILE] --group GROUP_ID TEXT\n"
               "  paike digest [--config FILE] [--data DIR] [--date YYYY-MM-DD] [--chart FILE.png]\n"

               "  paike export [--config FILE | --data DIR] --format xlsx|csv --out FILE [filters]\n"
               "  paike login-link --user ID [--config FILE | --data DIR] [--port P]\n"
               "  paike backup [--config FILE | --data DIR] --out FILE   (photos to FILE.photos/)\n"
               "  paike logout-all --user ID [--config FILE | --data DIR]   end that person's ledger sessions\n"
               "  paike migrate --from DATA/paike.db --to \"$PAIKE_DATABASE_URL\"   copy a SQLite township into "
               "PostgreSQL\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage();
    return 2;
  }
  const std::string command = argv[1];
  std::string error;
  auto args = paike::cli::parse_args(argc, argv, 2, &error);
  if (!args) {
    std::cerr << "paike: " << error << "\n";
    return 2;
  }
  if (const char* level = std::getenv("PAIKE_LOG")) spdlog::set_level(spdlog::level::from_str(level));
  if (command == "demo") return paike::cli::run_demo(*args);
  if (command == "serve") return paike::cli::run_serve(*args);
  if (command == "check-config") return paike::cli::run_check_config(*args);
  if (command == "tag") {
    spdlog::set_level(spdlog::level::warn);  // stdout is the JSON answer
    return paike::cli::run_tag(*args);
  }
  if (command == "digest") {
    spdlog::set_level(spdlog::level::warn);  // stdout is the digest
    return paike::cli::run_digest(*args);
  }
  if (command == "export" || command == "login-link") {
    spdlog::set_level(spdlog::level::warn);  // stdout is the link; stderr says what happened
    return command == "export" ? paike::cli::run_export(*args) : paike::cli::run_login_link(*args);
  }
  if (command == "logout-all") return paike::cli::run_logout_all(*args);
  if (command == "migrate") {
    spdlog::set_level(spdlog::level::warn);  // stdout is the report
    return paike::cli::run_migrate(*args);
  }
  if (command == "backup") {
    spdlog::set_level(spdlog::level::warn);  // stderr says what was copied
    return paike::cli::run_backup(*args);
  }
  usage();
  return 2;
}
