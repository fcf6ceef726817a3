// What the HTTP routes share: the deployment, the clock, database connections, platforms,
// the photo store and the workers to wake. Everything here is thread-safe to use.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "bot/histogram.h"
#include "bot/platforms/platform.h"
#include "config/clock.h"
#include "config/deployment.h"
#include "handlers/tagging/tagging.h"
#include "storage/database_pool.h"
#include "storage/inbox_group_commit.h"
#include "storage/photo_store.h"

namespace paike {

struct Metrics {
  std::atomic<long long> webhook_accepted{0};
  std::atomic<long long> webhook_duplicates{0};
  std::atomic<long long> webhook_refused{0};
  // Events accepted per platform ("sim", "feishu", …).
  void count_event(const std::string& platform) {
    std::lock_guard lock(mutex);
    ++events_by_platform[platform];
  }
  std::map<std::string, long long> events() const {
    std::lock_guard lock(mutex);
    return events_by_platform;
  }
  Histogram photo_seconds{{0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10}};                // photo pipeline per event
  Histogram http_seconds{{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}};  // every HTTP request

 private:
  mutable std::mutex mutex;
  std::map<std::string, long long> events_by_platform;
};

struct AppServices {
  const Deployment& deployment;
  AdjustableClock& clock;
  DatabasePool& pool;
  InboxGroupCommit& inbox_commits;  // the ack path's inbox inserts, sharing commits
  const std::map<std::string, Platform*>& platforms;
  PhotoStore& photos;
  Metrics& metrics;
  std::function<void()> wake_inbox;   // an event was stored
  std::function<void()> clock_moved;  // the demo clock moved: the scheduler catches up at once
  std::function<void()> wake_outbox;  // a message was written outside the inbox worker
  const Tagger& tagger;
};

}  // namespace paike
