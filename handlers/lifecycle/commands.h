// Chat commands (DESIGN.md "handlers/commands"): `#12 已整改` and the rest of the lifecycle,
// the status card, 我的 / 逾期 / 待办 / 帮助, 代报, 积分, 台账 in a group, and the 回头看 answers
// `#12 正常` / `#12 回潮` (handlers/schedule/followup). A message that quotes a bot message about a
// ticket names that ticket. Runs before intake so a command never becomes a report; runs on
// the caller's Database inside the caller's transaction, with every reply in the outbox.
#pragma once

#include <vector>

#include "config/deployment.h"
#include "handlers/chat_event.h"
#include "handlers/intake/intake.h"
#include "handlers/intake/prepared_photo.h"
#include "handlers/tagging/tagging.h"
#include "storage/database.h"
#include "storage/photo_store.h"

namespace paike {

class Commands {
 public:
  // `photo_store` holds the originals an after-photo is compared with; null skips the check.
  Commands(const Deployment& deployment, const Tagger& tagger, Intake& intake, const PhotoStore* photo_store)
      : deployment_(deployment), tagger_(tagger), intake_(intake), photo_store_(photo_store) {}

  // True when the message was a command (or the after-photo a command waited for) and has
  // been answered; false when it is for intake.
  bool handle(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, Database& db);

  // Time-driven: closes rectified tickets nobody objected to, forgets stale photo waits.
  void on_tick(Database& db, TimePoint now);

 private:
  const Deployment& deployment_;
  const Tagger& tagger_;
  Intake& intake_;
  const PhotoStore* photo_store_;
};

}  // namespace paike
