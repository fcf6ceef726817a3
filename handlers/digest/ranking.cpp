#include "handlers/digest/ranking.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "storage/report_stats.h"

namespace paike {

namespace {

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

double village_score(const VillageScore& v) {
  const double on_time_rate = (v.closed_on_time + 1.0) / (v.closed + 1.0);
  const double raw = 50 * on_time_rate - v.overdue_days - 5.0 * v.relapses + 2 * std::min(v.reports_per_100, 10.0);
  return std::round(raw * 10) / 10;
}

Ranking build_ranking(Database& db, const Deployment& d, std::chrono::year_month month) {
  Ranking r;
  r.month = month;
  r.from = local_time_on(month / std::chrono::day(1), 0, d.time_zone);
  r.to = local_time_on((month + std::chrono::months(1)) / std::chrono::day(1), 0, d.time_zone);
  std::map<std::string, VillageScore> by_village;
  std::vector<std::string> order = d.villages();
  for (const auto& v : order) by_village[v].village = v;
  auto at = [&](const std::string& village) -> VillageScore& {
    if (!by_village.count(village)) order.push_back(village);
    auto& v = by_village[village];
    v.village = village;
    return v;
  };

  for (const auto& [v, n] : village_counts_created(db, r.from, r.to)) at(v).reports = n;
  for (const auto& [v, c] : village_closed_on_time(db, r.from, r.to)) {
    at(v).closed = c.closed;
    at(v).closed_on_time = c.on_time;
  }
  // Overdue time inside the month, in days to one decimal.
  for (const auto& [v, seconds] : village_overdue_seconds(db, r.from, r.to))
    at(v).overdue_days = std::round(seconds / 86400.0 * 10) / 10;
  for (const auto& [v, n] : village_relapses(db, r.from, r.to)) at(v).relapses = n;

  for (const auto& name : order) {
    auto& v = by_village[name];
    auto households = d.schedule.digest.households.find(name);
    v.households = households == d.schedule.digest.households.end() ? 0 : households->second;
    v.reports_per_100 = v.households > 0 ? std::round(v.reports * 1000.0 / v.households) / 10 : 0;
    v.score = village_score(v);
    r.villages.push_back(v);
  }
  auto position = [&](const std::string& v) { return std::find(order.begin(), order.end(), v) - order.begin(); };
  std::stable_sort(r.villages.begin(), r.villages.end(), [&](const VillageScore& a, const VillageScore& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.overdue_days != b.overdue_days) return a.overdue_days < b.overdue_days;
    if (a.relapses != b.relapses) return a.relapses < b.relapses;
    if (a.reports_per_100 != b.reports_per_100) return a.reports_per_100 > b.reports_per_100;
    return position(a.village) < position(b.village);
  });
  for (size_t i = 0; i < r.villages.size(); ++i) {
    r.villages[i].rank =
        (i > 0 && r.villages[i].score == r.villages[i - 1].score) ? r.villages[i - 1].rank : static_cast<int>(i) + 1;
  }
  const size_t listed = std::min<size_t>(3, r.villages.size() / 2);
  for (size_t i = 0; i < listed; ++i) {
    r.red.push_back(r.villages[i].village);
    r.black.push_back(r.villages[r.villages.size() - 1 - i].village);
  }
  if (!r.villages.empty()) r.red_flag = r.villages.front().village;
  r.top_reporters = PointsLedger(db).top("report_closed", r.from, r.to, 3);
  return r;
}

std::string ranking_text(const Ranking& r, const Deployment& d) {
  const Wording& w = d.wording;
  std::string text = w.render("ranking.title", {{"month", std::to_string(unsigned(r.month.month()))}});
  auto find = [&](const std::string& name) {
    return *std::find_if(r.villages.begin(), r.villages.end(),
                         [&](const VillageScore& v) { return v.village == name; });
  };
  auto villages = [&](const std::vector<std::string>& names) {
    if (names.empty()) return w.render("ranking.too_few");
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) {
      const auto& v = find(names[i]);
      if (i) list += w.render("ranking.separator");
      list += w.render("ranking.village", {{"village", v.village}, {"score", one_decimal(v.score)}});
      if (std::count_if(r.villages.begin(), r.villages.end(), [&](const VillageScore& o) { return o.rank == v.rank; }) >
          1) {
        list += w.render("ranking.tied", {{"rank", std::to_string(v.rank)}});
      }
    }
    return list;
  };
  text += "\n" + w.render("ranking.red", {{"villages", villages(r.red)}});
  text += "\n" + w.render("ranking.black", {{"villages", villages(r.black)}});
  if (!r.red_flag.empty()) text += "\n" + w.render("ranking.red_flag", {{"village", r.red_flag}});
  if (!r.top_reporters.empty()) {
    std::string people;
    for (size_t i = 0; i < r.top_reporters.size(); ++i) {
      const Person* p = d.find_person(r.top_reporters[i].user_id);
      if (i) people += w.render("ranking.star_separator");
      people += w.render("ranking.star", {{"name", p ? p->name : r.top_reporters[i].user_id},
                                          {"points", std::to_string(r.top_reporters[i].total)}});
    }
    text += "\n" + w.render("ranking.stars", {{"people", people}});
  }
  return text;
}

}  // namespace paike
