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

#include "bot/platforms/platform.h"
#include "bot/public_photos.h"
#include "bot/wakeable_loop.h"
#include "config/clock.h"
#include "config/limit_settings.h"
#include "config/vision_options.h"
#include "handlers/flood_guard.h"
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
  std::function<void()> on_outbox_written;  // wakes the outbox sender
  std::function<void(double seconds)> on_photos_prepared = {};  // metrics: photo pipeline time per event
  LimitSettings limits = {};  // text length and the flood guard's rates
  std::function<void(std::vector<StoredPhoto> photos)> on_photos_stored = {};  // their public copies are due
};

class InboxWorker {
 public:
  explicit InboxWorker(InboxWorkerDeps deps);
  ~InboxWorker();

  void start() { loop_.start(); }
  void stop() { loop_.stop(); }  // finishes the event in hand, then returns
  void wake() { loop_.wake(); }  // an event arrived

  // Handles every pending event now, on the caller's thread (tests, catch-up).
  void drain();

 private:
  bool process_one();  // false when the inbox is empty

  InboxWorkerDeps deps_;
  FloodGuard flood_guard_{deps_.limits};
  WakeableLoop loop_;
};

}  // namespace paike
