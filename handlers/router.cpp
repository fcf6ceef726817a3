#include "handlers/router.h"

#include <spdlog/spdlog.h>

#include "handlers/ledger/login_command.h"

namespace paike {

void Router::handle(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, Database& db) {
  if (event.direct) {
    // In a group, 台账 is one of the commands.
    if (is_login_command(event)) {
      handle_login_command(event, deployment_, db, event.received_at);
    } else {
      intake_.private_message(event, db);
    }
    return;
  }
  if (!deployment_.find_group(event.platform, event.group_id)) {
    spdlog::info("event {}: unknown group {}/{}; ignored", event.event_id, event.platform, event.group_id);
    return;
  }
  if (commands_.handle(event, photos, db)) return;
  intake_.handle(event, photos, db);
}

void Router::on_tick(Database& db, TimePoint now) {
  intake_.on_tick(db, now);
  commands_.on_tick(db, now);
}

}  // namespace paike
