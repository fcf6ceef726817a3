// Read models of the web ledger and the exports: a filtered, sorted, paged ticket list with
// counts, and per-village figures. Read-only; runs on the caller's Database.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"
#include "storage/ticket.h"

namespace paike {

enum class LedgerSort { newest, oldest, due_soonest, due_latest, village };

std::optional<LedgerSort> parse_ledger_sort(std::string_view code);
std::string_view ledger_sort_code(LedgerSort sort);

struct LedgerQuery {
  std::optional<std::vector<std::string>> scope;  // villages the viewer may see; nullopt: all
  std::string status;  // "", "open" (assigned or rectified), "finished" (the rest) or a status code
  std::string village;
  std::string grid_id;
  std::string category;
  bool overdue_only = false;
  std::optional<TimePoint> created_from;  // inclusive
  std::optional<TimePoint> created_to;    // exclusive
  std::string text;                       // words in the report, landmark or reporter's name
  LedgerSort sort = LedgerSort::newest;
  int offset = 0;
  int limit = 50;   // 0: no limit (exports)
  TimePoint now{};  // for overdue
};

struct LedgerPage {
  std::vector<Ticket> tickets;  // this page
  int64_t total = 0;            // all matching tickets
  // Counts over the same filters but any status: status code → count, plus "overdue".
  std::map<std::string, int64_t> counts;
};

LedgerPage search_ledger(Database& db, const LedgerQuery& query);

struct VillageFigures {
  std::string village;
  int64_t open = 0;
  int64_t overdue = 0;
  int64_t closed = 0;          // closed within the period
  int64_t closed_on_time = 0;  // of those, closed by the deadline
  double avg_close_hours = 0;  // of those; 0 when none
};

// One row per village in `villages` (in that order), closed figures for tickets closed in
// [from, to); open and overdue as of `now`.
std::vector<VillageFigures> village_figures(Database& db, const std::vector<std::string>& villages, TimePoint from,
                                            TimePoint to, TimePoint now);

}  // namespace paike
