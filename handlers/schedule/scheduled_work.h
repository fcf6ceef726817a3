// Everything the bot does because time passed, in one call the scheduler makes: drafts
// whose window closed and auto-close (the router's tick), reminders and the overdue ladder,
// 回头看 requests, points
// from new audit rows, and the 08:00 digest. Each part runs in its own transaction, and
// each records what it did with the outbox rows it wrote, so calling run_due again — or
// after a restart — never repeats or skips anything. One instance per Database/thread.
#pragma once

#include "config/deployment.h"
#include "handlers/router.h"
#include "storage/database.h"
#include "storage/photo_store.h"

namespace paike {

struct ScheduledCounts {
  int reminder_steps = 0;
  int followups_asked = 0;
  int points_added = 0;
  bool digest_sent = false;
};

class ScheduledWork {
 public:
  ScheduledWork(const Deployment& deployment, Router& router, PhotoStore& photos)
      : deployment_(deployment), router_(router), photos_(photos) {}

  ScheduledCounts run_due(Database& db, TimePoint now);

  // Sends the digest of `now`'s local date if it is past the digest time and not yet sent
  // (a digest missed while down goes out late, once; earlier missed days are not sent).
  bool send_digest_if_due(Database& db, TimePoint now);

 private:
  const Deployment& deployment_;
  Router& router_;
  PhotoStore& photos_;
};

}  // namespace paike
