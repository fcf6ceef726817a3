// `paike logout-all --user ID [--config FILE | --data DIR]`: ends every ledger session of a
// person (lost phone, left the post). Safe while the server runs (WAL); the next request of
// any of those browsers gets the login page.
#include <iostream>

#include "bot/cli/commands.h"
#include "bot/cli/deployment_arg.h"
#include "storage/database.h"
#include "storage/web_login_repo.h"

namespace paike::cli {

int run_logout_all(const Args& args) {
  auto user = args.get("user");
  if (!user) {
    std::cerr << "usage: paike logout-all --user ID [--config FILE | --data DIR]\n";
    return 2;
  }
  auto deployment = load_deployment_arg(args);
  if (!deployment) return 1;
  auto db = Database::open(StorageTarget::of(deployment->storage, deployment->data_dir));
  if (!db) {
    std::cerr << "paike logout-all: " << db.error().message << "\n";
    return 1;
  }
  // Not checked against the roster: someone removed from it must still be sign-out-able.
  const int ended = WebLoginRepo(**db).remove_user_sessions(*user);
  std::cout << ended << " session(s) of " << *user << " ended" << std::endl;
  return 0;
}

}  // namespace paike::cli
