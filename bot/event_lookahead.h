// EventLookahead: parses the next pending events and prepares their photos (checks, decode,
// facts, original stored) on threads of its own (one per core) while the inbox worker
// handles the event before them, so on two cores the photo step overlaps the worker's database work instead of
// adding to it. The worker stays the only one to decide and to write tickets: it takes what
// was prepared for its row, or does the step itself when the look-ahead is behind, left the
// event out, or is not running. Left out: events the flood guard will skip (its verdict is a
// count of earlier inbox rows, the same on both threads, so a flood still costs only a count)
// and events whose media must be downloaded (the platform clients are the worker's).
// start()/stop()/wake()/take() are thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bot/platforms/platform.h"
#include "bot/wakeable_loop.h"
#include "config/clock.h"
#include "config/limit_settings.h"
#include "config/vision_options.h"
#include "handlers/intake/flood_guard.h"
#include "handlers/intake/prepared_photo.h"
#include "storage/database.h"
#include "storage/photo_store.h"

namespace paike {

struct EventLookaheadDeps {
  const Clock& clock;
  std::vector<std::unique_ptr<Database>> dbs;  // one connection per thread; only reads
  const std::map<std::string, Platform*>& platforms;
  PhotoStore& photos;
  VisionOptions vision;
  LimitSettings limits;
  const Wording& wording;                                       // the flood guard's notice
  std::function<void(double seconds)> on_photos_prepared = {};  // metrics, as the worker's
};

struct PreparedEvent {
  ChatEvent event;                    // as the platform's parse_event returned it
  std::vector<PreparedPhoto> photos;  // prepare_photos(event, …)
};

class EventLookahead {
 public:
  // Events prepared or being prepared and not yet taken, at most: each holds its photos'
  // bytes and pixels (up to 8 MB for a 12 MP photo).
  static constexpr size_t kAhead = 4;

  explicit EventLookahead(EventLookaheadDeps deps);
  ~EventLookahead();

  void start();
  void stop();
  void wake();

  // What was prepared for inbox row `id`, if anything; waits when that row is being prepared
  // right now rather than doing the work twice. The worker calls it for every row it
  // handles, in order: anything before `id` is dropped and the look-ahead moves on past it.
  std::optional<PreparedEvent> take(int64_t id);

  // Events handed to the worker prepared, since start.
  int64_t taken_prepared() const { return taken_prepared_; }

 private:
  void drain(Database& db, const WakeableLoop& loop);
  std::optional<PreparedEvent> prepare(Database& db, const InboxRow& row);

  EventLookaheadDeps deps_;
  FloodGuard flood_guard_{deps_.limits, deps_.wording};
  std::mutex mutex_;
  std::condition_variable prepared_;  // a row left working_
  std::map<int64_t, PreparedEvent> ready_;
  std::set<int64_t> working_;  // rows being prepared now
  int64_t seen_id_ = 0;        // rows up to here are claimed by a thread, or taken
  int64_t taken_id_ = 0;       // the worker's last row
  std::atomic<int64_t> taken_prepared_{0};
  std::vector<std::unique_ptr<WakeableLoop>> loops_;
};

}  // namespace paike
