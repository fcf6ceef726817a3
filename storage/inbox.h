// The inbox: every accepted webhook event, stored once before the platform gets its 200.
// Idempotent on (platform, event_id). Calls run on the caller's Database; not thread-safe
// beyond that (one Database per thread).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/time.h"
#include "storage/claim.h"
#include "storage/database.h"

namespace paike {

// One event as the ack path stores it.
struct InboxEntry {
  std::string platform;
  std::string event_id;
  std::string group_id;  // the chat as stored: chat_key() (storage/chat_key.h)
  std::string user_id;
  TimePoint received_at{};
  std::string payload;
};

// A stored event.
struct InboxRow : InboxEntry {
  int64_t id = 0;
  std::string state;  // "pending", "done", "failed"
};

class Inbox {
 public:
  explicit Inbox(Database& db) : db_(db) {}

  // Stores the event (two rows: call it in a transaction); returns false (and changes
  // nothing) when it was stored before.
  bool insert(const InboxEntry& entry);
  // Whether a row read comes with its payload (a photo report's is 100s of KB; the worker
  // skips it when the look-ahead has parsed the event already).
  enum class Payload { read, skip };

  // The oldest unprocessed event, if any.
  std::optional<InboxRow> next_pending(Payload payload = Payload::read);
  // The oldest pending event that heads its chat's queue (an earlier event of the chat still
  // pending holds the later ones back, so a chat's events are handled in order) and is not
  // claimed by another instance whose lease still runs; claimed for `claim` in its own
  // transaction. SQLite: one instance holds the data dir (storage/data_dir_lock.h), so this
  // is next_pending, with no write.
  std::optional<InboxRow> claim_next(const Claim& claim, Payload payload = Payload::read);
  // In the handling transaction: whether event `id` is still pending and `instance`'s (on
  // PostgreSQL another instance takes it over once the lease has run out).
  bool still_claimed(int64_t id, const std::string& instance);
  // At start-up: an instance restarted under its old name lets go of what it held.
  void release_claims_of(const std::string& instance);
  // The oldest pending event after row `after_id` (the look-ahead's next one).
  std::optional<InboxRow> next_pending_after(int64_t after_id, Payload payload = Payload::read);
  // The stored body of row `id` of `platform`'s events, if there is one.
  std::optional<std::string> payload(const std::string& platform, int64_t id);
  void mark_done(int64_t id, TimePoint at);
  void mark_failed(int64_t id, TimePoint at, const std::string& error);
  // Done without being handled, `reason` kept in `error` (the flood guard's "throttled_user").
  void mark_skipped(int64_t id, TimePoint at, const std::string& reason);
  // Events of one chat (and one sender, when `user_id` is set) received at or after `since`
  // and stored before inbox id `before_id`; with `reason`, only those skipped for it.
  int64_t count_recent(const std::string& platform, const std::string& group_id, const std::string* user_id,
                       TimePoint since, int64_t before_id, const std::string* reason = nullptr);
  int64_t count_pending();
  // Events of one group after inbox id `after_id`, oldest first (the simulator's transcript).
  std::vector<InboxRow> list_group(const std::string& platform, const std::string& group_id, int64_t after_id,
                                   int limit);
  std::optional<InboxRow> find(const std::string& platform, const std::string& event_id);

 private:
  Database& db_;
  std::unique_ptr<Statement> insert_event_, insert_payload_;  // prepared on the first insert
};

}  // namespace paike
