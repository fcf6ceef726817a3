// Every handler of one deployment, wired as the bot runs them: the Tagger, Intake, the chat
// commands (Commands, 回头看 answers and 积分 included), the Router in front of them and the scheduled work.
// The App and the handler tests build them here and nowhere else, so a test runs the
// handlers the bot runs. Holds references to `deployment` and `photos`, which must outlive
// it; its members refer to each other, so it is neither copied nor moved. Thread-safety is
// the members' own: the Router runs on the inbox worker, ScheduledWork on the scheduler.
#pragma once

#include "config/deployment.h"
#include "handlers/intake/intake.h"
#include "handlers/lifecycle/commands.h"
#include "handlers/router.h"
#include "handlers/schedule/scheduled_work.h"
#include "handlers/tagging/tagging.h"
#include "storage/photo_store.h"

namespace paike {

struct HandlerOptions {
  // An after-photo (#12 已整改 with a photo) is compared with the ticket's before-photos in
  // `photos`; tests whose generated photos are all different places turn it off.
  bool compare_after_photos = true;
};

class HandlerSet {
 public:
  HandlerSet(const Deployment& deployment, PhotoStore& photos, HandlerOptions options = {});
  HandlerSet(const HandlerSet&) = delete;
  HandlerSet& operator=(const HandlerSet&) = delete;

  Tagger tagger;
  Intake intake;
  Commands commands;
  Router router;            // every ChatEvent enters here
  ScheduledWork scheduled;  // reminders, 回头看 asks, the digest, router ticks
};

}  // namespace paike
