// The router: every ChatEvent from the inbox goes to the one handler that owns it. Chat
// commands (#12 已整改 …, #12 正常, 积分, 台账) come first; everything else in a group is intake.
// A private message is a ledger login or goes to intake's private answer. Runs on the
// caller's Database inside the caller's transaction.
#pragma once

#include <vector>

#include "config/deployment.h"
#include "handlers/chat_event.h"
#include "handlers/intake/intake.h"
#include "handlers/intake/prepared_photo.h"
#include "handlers/lifecycle/commands.h"
#include "storage/database.h"

namespace paike {

class Router {
 public:
  // Built with the handlers it routes to by HandlerSet (handlers/handler_set.h).
  Router(const Deployment& deployment, Intake& intake, Commands& commands)
      : deployment_(deployment), intake_(intake), commands_(commands) {}

  void handle(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, Database& db);
  // Chat-side work that falls due with time: drafts whose window closed, auto-close.
  void on_tick(Database& db, TimePoint now);

  const Deployment& deployment() const { return deployment_; }

 private:
  const Deployment& deployment_;
  Intake& intake_;
  Commands& commands_;
};

}  // namespace paike
