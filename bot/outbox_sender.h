// The outbox sender: one thread that delivers pending outbox rows through their platform,
// in order per group, retrying with exponential backoff and jitter, honouring the
// platform's Retry-After, and giving up (state "failed") after max_age. A row is marked
// sent in the database right after the platform accepted it, so a restart resends at most
// the one message that was in flight at the moment of a crash. Thread-safe start/stop/wake.
#pragma once

#include <map>
#include <memory>

#include "bot/platforms/platform.h"
#include "bot/wakeable_loop.h"
#include "config/clock.h"
#include "storage/database.h"

namespace paike {

struct OutboxOptions {
  Duration first_retry = std::chrono::seconds(2);
  Duration max_retry = std::chrono::minutes(10);
  Duration max_age = std::chrono::hours(24);  // then the message is marked failed
  // This instance's name and how long its claim on a message holds (storage/claim.h).
  std::string instance = "paike";
  Duration lease = std::chrono::seconds(60);
};

class OutboxSender {
 public:
  OutboxSender(const Clock& clock, std::unique_ptr<Database> db, const std::map<std::string, Platform*>& platforms,
               OutboxOptions options = {});
  ~OutboxSender();

  void start() { loop_.start(); }
  void stop() { loop_.stop(); }
  void wake() { loop_.wake(); }
  // Sends everything due now on the caller's thread; returns how many rows it settled.
  int send_due();

 private:
  const Clock& clock_;
  std::unique_ptr<Database> db_;
  const std::map<std::string, Platform*>& platforms_;
  OutboxOptions options_;
  WakeableLoop loop_;  // declared last: its thread uses the members above
};

}  // namespace paike
