// The inbox worker: one thread that drains the inbox into the handlers, oldest event first.
// (Time-driven work — drafts, reminders, digests — is the scheduler's.) Each event is handled and marked done in one
// transaction, so after a crash an event is either fully handled or handled again — never
// half, never twice. start()/stop()/wake() are thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bot/event_lookahead.h"
#include "bot/platforms/platform.h"
#include "bot/public_photos.h"
#include "bot/wakeable_loop.h"
#include "config/clock.h"
#include "config/limit_settings.h"
#include "config/vision_options.h"
#include "handlers/intake/flood_guard.h"
#include "handlers/router.h"
#include "storage/database.h"
#include "storage/photo_store.h"

namespace paike {

struct InboxWorkerDeps {
  const Clock& clock;
  std::unique_ptr<Database> db;  // the worker's own connection
  const std::map<std::string, Platform*>& platforms;
  Router& router;
  PhotoStore& photos;
  VisionOptions vision;
  std::function<void()> on_outbox_written;                      // wakes the outbox sender
  std::function<void(double seconds)> on_photos_prepared = {};  // metrics: photo pipeline time per event
  LimitSettings limits = {};                                    // text length and the flood guard's rates
  std::function<void(std::vector<StoredPhoto> photos)> on_photos_stored = {};  // their public copies are due
  // A connection for each look-ahead thread preparing the next events' photos while this one
  // is handled (bot/event_lookahead.h); none: the worker prepares every event itself.
  std::vector<std::unique_ptr<Database>> lookahead_dbs = {};
  // This instance's name and how long its claim on an event holds (storage/claim.h).
  std::string instance = "paike";
  Duration lease = std::chrono::seconds(60);
};

class InboxWorker {
 public:
  explicit InboxWorker(InboxWorkerDeps deps);
  ~InboxWorker();

  void start();
  void stop();  // finishes the event in hand, then returns
  void wake();  // an event arrived

  // Handles every pending event now, on the caller's thread (tests, catch-up).
  void drain();

  // Events whose photos the look-ahead had prepared when the worker reached them.
  int64_t prepared_ahead() const { return lookahead_ ? lookahead_->taken_prepared() : 0; }

 private:
  bool process_one();  // false when the inbox is empty
  // Downloads the event's media (images, voice audio), stores the audio and prepares its photos on this thread.
  std::vector<PreparedPhoto> prepare_photos_here(ChatEvent& event, const InboxRow& row, Platform& platform,
                                                 TimePoint now);

  InboxWorkerDeps deps_;
  FloodGuard flood_guard_{deps_.limits, deps_.router.deployment().wording};
  std::unique_ptr<EventLookahead> lookahead_;
  WakeableLoop loop_;
};

}  // namespace paike
