// `paike login-link --user ID [--config FILE | --data DIR]`: a one-time ledger login link
// for a roster person, printed at the console. Safe while the server runs (WAL).
#include <cstdlib>
#include <iostream>

#include "bot/cli/commands.h"
#include "bot/cli/deployment_arg.h"
#include "config/clock.h"
#include "handlers/ledger/access.h"
#include "handlers/ledger/login_link.h"
#include "storage/database.h"

namespace paike::cli {

int run_login_link(const Args& args) {
  auto user = args.get("user");
  if (!user) {
    std::cerr << "usage: paike login-link --user ID [--config FILE | --data DIR] [--port P]\n";
    return 2;
  }
  auto deployment = load_deployment_arg(args);
  if (!deployment) return 1;
  if (auto port = args.get("port")) {  // a demo started with --port
    const int value = std::atoi(port->c_str());
    if (value < 1 || value > 65535) {
      std::cerr << "paike login-link: --port must be a number from 1 to 65535\n";
      return 2;
    }
    deployment->server.port = value;
  }
  const Person* person = deployment->find_person(*user);
  if (!person) {
    std::cerr << "paike login-link: '" << *user << "' is not on the roster\n";
    return 1;
  }
  if (!may_use_ledger(*person)) {
    std::cerr << "paike login-link: " << person->name << " is a " << role_code(person->role)
              << "; the ledger is for village_secretary, village_liaison and township_supervisor\n";
    return 1;
  }
  auto db = Database::open(StorageTarget::of(deployment->storage, deployment->data_dir));
  if (!db) {
    std::cerr << "paike login-link: " << db.error().message << "\n";
    return 1;
  }
  std::cout << issue_login_link(**db, person->user_id, ledger_base_url(*deployment), SystemClock().now()) << std::endl;
  std::cerr << "valid for 10 minutes, once, for " << person->name << "\n";
  return 0;
}

}  // namespace paike::cli
