// The inbox worker: one thread that drains the inbox into the handlers, oldest event first,
// and runs the handlers' time-driven work. Each event is handled and marked done in one
// transaction, so after a crash an event is either fully handled or handled again — never
// half, never twice. start()/stop()/wake() are thread-safe.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "bot/platforms/platform.h"
#include "config/clock.h"
#include "config/vision_options.h"
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
};

class InboxWorker {
 public:
  explicit InboxWorker(InboxWorkerDeps deps);
  ~InboxWorker();

  void start();
  void stop();  // finishes the event in hand, then returns
  void wake();  // an event arrived or the clock moved

  // Handles every pending event and due tick now, on the caller's thread (tests, catch-up).
  void drain();

 private:
  void run();
  bool process_one();  // false when the inbox is empty
  void tick();

  InboxWorkerDeps deps_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace paike
