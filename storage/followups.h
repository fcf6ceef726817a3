// 回头看 records: one per ticket and close (a reopened and closed-again ticket is followed up
// again), from the ask to the answer. Runs on the caller's Database and transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/time.h"
#include "storage/database.h"

namespace paike {

struct Followup {
  int64_t id = 0;
  int64_t ticket_id = 0;
  TimePoint closed_at{};
  TimePoint asked_at{};
  std::optional<int64_t> outbox_id;
  std::optional<TimePoint> answered_at;
  std::string answered_by;
  std::string outcome;  // "", "normal", "relapse"
  std::optional<int64_t> relapse_ticket_id;
};

class Followups {
 public:
  explicit Followups(Database& db) : db_(db) {}

  // False when this close was already followed up.
  bool record_ask(const Followup& followup);
  // The latest follow-up of a ticket, if any.
  std::optional<Followup> latest(int64_t ticket_id);
  void record_answer(int64_t id, TimePoint at, const std::string& by, const std::string& outcome,
                     std::optional<int64_t> relapse_ticket_id);
  // Closed tickets, closed at or after `since`, whose follow-up is due at `now`
  // (closed_at + after <= now) and not yet asked; oldest close first, with its closed_at.
  std::vector<std::pair<int64_t, TimePoint>> due(TimePoint since, TimePoint now, Duration after, int limit);
  // The tickets whose 回头看 waits for a reply at `to`: asked before `to` and not answered by
  // then, or falling due in [from, to) (closed in [from - after, to - after)) and not asked
  // for that close. Ascending ids.
  std::vector<int64_t> awaiting_reply(TimePoint from, TimePoint to, Duration after);

 private:
  Database& db_;
};

}  // namespace paike
