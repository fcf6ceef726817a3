// Tickets, their photos and their audit rows. Every call runs on the caller's Database and
// inside the caller's transaction, so a ticket, its audit row and the reply about it commit
// together or not at all.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/ticket.h"

namespace paike {

struct TicketFilter {
  std::optional<TicketStatus> status;
  std::string village;
  std::string grid_id;
  std::string category;
  bool overdue_only = false;
  TimePoint now{};       // for overdue_only
  int64_t after_id = 0;  // cursor: tickets with id > after_id
  int limit = 50;
};

class TicketRepo {
 public:
  explicit TicketRepo(Database& db) : db_(db) {}

  // Inserts and returns the new id (also written into `ticket.id`).
  int64_t create(Ticket& ticket);
  // Writes every field of an existing ticket.
  void update(const Ticket& ticket);
  std::optional<Ticket> get(int64_t id);
  std::vector<Ticket> list(const TicketFilter& filter);
  // The newest ticket this person reported (or filed for a villager) in this group at or after `since`.
  std::optional<Ticket> latest_by_reporter(const std::string& platform, const std::string& group_id,
                                           const std::string& reporter_id, TimePoint since);

  // Open tickets (assigned or rectified), most urgent (earliest due) first. `village` empty:
  // every village. `overdue_only`: due before `now`.
  std::vector<Ticket> open_by_due(const std::string& village, bool overdue_only, TimePoint now, int limit);
  // How many tickets there are in each status (statuses without tickets left out).
  std::map<std::string, int64_t> count_by_status();
  // How many open tickets (assigned or rectified) were due before `now`.
  int64_t count_overdue(TimePoint now);
  // Open tickets this person reported or must fix, most urgent first.
  std::vector<Ticket> open_involving(const std::string& user_id, int limit);
  // Tickets waiting for confirmation (rectified) since at or before `cutoff`: their newest
  // "rectified" audit row is that old and does not say the after-photo showed another place.
  std::vector<int64_t> rectified_since_before(TimePoint cutoff, int limit);

  void add_photo(const TicketPhoto& photo);
  std::vector<TicketPhoto> photos(int64_t ticket_id);

  int64_t add_event(const AuditEvent& event);
  std::vector<AuditEvent> events(int64_t ticket_id);
  // Audit rows on any ticket after audit id `event_id`: inside one transaction, the rows
  // that transaction wrote since last_event_id() (the worker's one log line per event).
  int64_t last_event_id();
  std::vector<AuditEvent> events_after(int64_t event_id);
  // The audit rows that earn or cost points, after audit id `event_id` in id order, at most
  // `limit`: closes (to_status "closed") and relapses.
  std::vector<AuditEvent> closes_and_relapses_after(int64_t event_id, int limit);

 private:
  Database& db_;
};

}  // namespace paike
