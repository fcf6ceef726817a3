// The outbox: every message the bot wants to say, written in the same transaction as the
// change that caused it, delivered later by the sender thread. Delivery state moves
// pending → sent | failed, so a restart skips no message. One whose sending was cut short
// (sent, not yet marked) goes again, as does one whose mark a power loss took: the sender's
// commits skip the fsync (bot/app.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/time.h"
#include "storage/claim.h"
#include "storage/database.h"
#include "storage/outgoing_message.h"

namespace paike {

struct OutboxRow {
  int64_t id = 0;
  OutgoingMessage message;
  std::string state;  // "pending", "sent", "failed"
  int attempts = 0;
  TimePoint created_at{};
  TimePoint next_attempt_at{};
  std::optional<TimePoint> sent_at;
  std::string platform_message_id;
  std::string last_error;
};

class Outbox {
 public:
  explicit Outbox(Database& db) : db_(db) {}

  int64_t enqueue(const OutgoingMessage& message, TimePoint now);
  // Pending rows due at `now`, oldest first, at most one per group: the oldest pending row
  // of each group, so that a group's messages go out in order.
  std::vector<OutboxRow> next_due(TimePoint now, int limit);
  // next_due's rows, claimed for `claim` in one transaction: skips a group whose head another
  // instance holds with a lease that still runs, so each message is sent by one instance and
  // a group's messages still go in order. SQLite (one instance): next_due, with no write.
  std::vector<OutboxRow> claim_due(TimePoint now, int limit, const Claim& claim);
  // At start-up: an instance restarted under its old name lets go of what it held.
  void release_claims_of(const std::string& instance);
  void mark_sent(int64_t id, TimePoint at, const std::string& platform_message_id);
  void mark_retry(int64_t id, TimePoint next_attempt_at, const std::string& error);
  void mark_failed(int64_t id, TimePoint at, const std::string& error);
  std::optional<OutboxRow> get(int64_t id);
  // Sent messages of one chat after outbox id `after_id`, oldest first; `chat` is its
  // stored name, chat_key() (the simulator's group_id).
  std::vector<OutboxRow> list_sent(const std::string& platform, const std::string& chat, int64_t after_id, int limit);
  // Every message about one ticket, any state, oldest first (the ledger's ticket page).
  std::vector<OutboxRow> list_for_ticket(int64_t ticket_id);
  int64_t count(const std::string& state);
  // When the oldest message still waiting to be sent was queued; nullopt when none waits.
  std::optional<TimePoint> oldest_pending();
  // The ticket a bot message is about, found by the id a quoting user sends back: "m-<outbox
  // id>" (the simulator) or the platform's own message id. nullopt when none.
  std::optional<int64_t> ticket_for_message(const std::string& platform, const std::string& message_id);

 private:
  Database& db_;
};

}  // namespace paike
