// The router: every ChatEvent from the inbox goes to the one handler that owns it. Chat
// commands (#12 已整改 …) come first; everything else in a group is intake. Runs on the
// caller's Database inside the caller's transaction.
#pragma once

#include <vector>

#include "config/deployment.h"
#include "handlers/chat_event.h"
#include "handlers/commands.h"
#include "handlers/intake.h"
#include "handlers/prepared_photo.h"
#include "storage/database.h"

namespace paike {

class Router {
 public:
  // `commands` may be null: every group message is then intake's.
  Router(const Deployment& deployment, Intake& intake, Commands* commands = nullptr)
      : deployment_(deployment), intake_(intake), commands_(commands) {}

  void handle(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, Database& db);
  // Time-driven work: drafts whose window closed (and, later, reminders and digests).
  void on_tick(Database& db, TimePoint now);

 private:
  const Deployment& deployment_;
  Intake& intake_;
  Commands* commands_;
};

}  // namespace paike
