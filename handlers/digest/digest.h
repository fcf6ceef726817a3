// The township's daily digest (日报), as data and as text. The digest *sent on* a date
// covers the local day before it: new / closed / open / overdue per village, the five most
// overdue tickets, reports waiting for a category, 回头看 waiting for an answer, and a
// 7-day trend for the chart; on Mondays also the week before, on the 1st also the month
// before's 红黑榜 (handlers/digest/ranking.h). Read-only; safe on any Database connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/deployment.h"
#include "handlers/digest/ranking.h"
#include "storage/database.h"
#include "storage/report_stats.h"  // OverdueTicket

namespace paike {

struct VillageCounts {
  std::string village;
  int new_count = 0;
  int closed = 0;
  int open = 0;     // at the end of the day: assigned or rectified
  int overdue = 0;  // of those, past due
};

struct TrendPoint {
  LocalDate day;
  int open = 0;
  int overdue = 0;
};

struct WeekSummary {
  LocalDate first, last;
  int new_count = 0;
  int closed = 0;
  int closed_on_time = 0;
};

struct Digest {
  LocalDate sent_on;
  LocalDate day;                        // the day covered: sent_on − 1
  TimePoint from{}, to{};               // its local midnight boundaries
  std::vector<VillageCounts> villages;  // every village of the deployment, in its order
  VillageCounts total;
  std::vector<OverdueTicket> most_overdue;  // at most five, most overdue first
  int waiting_for_category = 0;
  std::vector<int64_t> followups_due;  // asked and unanswered, or falling due that day
  std::vector<TrendPoint> trend;       // the seven days ending with `day`
  std::optional<WeekSummary> week;     // when sent on a Monday
  std::optional<Ranking> ranking;      // when sent on the 1st
};

Digest build_digest(Database& db, const Deployment& deployment, LocalDate sent_on);
std::string digest_text(const Digest& digest, const Deployment& deployment);

}  // namespace paike
