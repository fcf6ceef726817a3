// What the HTTP routes share: the deployment, the clock, database connections, platforms,
// the photo store and the workers to wake. Everything here is thread-safe to use.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>

#include "bot/platforms/platform.h"
#include "config/clock.h"
#include "config/deployment.h"
#include "storage/database_pool.h"
#include "storage/photo_store.h"

namespace paike {

struct Metrics {
  std::atomic<long long> webhook_accepted{0};
  std::atomic<long long> webhook_duplicates{0};
  std::atomic<long long> webhook_refused{0};
};

struct AppServices {
  const Deployment& deployment;
  AdjustableClock& clock;
  DatabasePool& pool;
  const std::map<std::string, Platform*>& platforms;
  PhotoStore& photos;
  Metrics& metrics;
  std::function<void()> wake_inbox;    // an event was stored
  std::function<void()> clock_moved;   // the demo clock moved: the scheduler catches up at once
};

}  // namespace paike
