// The month's 红黑榜: villages ranked by a documented score.
//
//   score = 50 × on-time rate − overdue days − 5 × relapses + 2 × min(reports per 100 households, 10)
//
// on-time rate = (tickets closed on time + 1) / (tickets closed + 1) over tickets closed in
// the month (the +1 keeps a village with no tickets from scoring 0 or dividing by zero);
// overdue days = the days of the month during which each of the village's tickets was past
// due and not closed, summed; relapses = 回头看 answered "回潮" in the month; reports = tickets
// created in the month, per 100 households (config `digest.households`; 0 when unknown).
// Scores are compared rounded to 0.1: equal scores share a rank (1, 1, 3 …). The order
// within a tie, and so the 流动红旗, goes to fewer overdue days, then fewer relapses, then
// more reports per 100 households, then the deployment's village order. 红榜 is the top
// min(3, n/2) villages, 黑榜 the bottom min(3, n/2), worst first. Read-only.
#pragma once

#include <string>
#include <vector>

#include "config/deployment.h"
#include "storage/database.h"
#include "storage/points_ledger.h"

namespace paike {

struct VillageScore {
  std::string village;
  int reports = 0;
  int closed = 0;
  int closed_on_time = 0;
  double overdue_days = 0;
  int relapses = 0;
  int households = 0;
  double reports_per_100 = 0;
  double score = 0;  // rounded to 0.1
  int rank = 0;      // 1-based; tied scores share it
};

struct Ranking {
  std::chrono::year_month month;
  TimePoint from{}, to{};
  std::vector<VillageScore> villages;  // best first
  std::vector<std::string> red;        // 红榜, best first
  std::vector<std::string> black;      // 黑榜, worst first
  std::string red_flag;                // 流动红旗
  std::vector<PointsTotal> top_reporters;
};

Ranking build_ranking(Database& db, const Deployment& deployment, std::chrono::year_month month);
// Score of one village's figures (the formula above), rounded to 0.1.
double village_score(const VillageScore& figures);
std::string ranking_text(const Ranking& ranking, const Deployment& deployment);

}  // namespace paike
