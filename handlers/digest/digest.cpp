#include "handlers/digest/digest.h"

#include <algorithm>
#include <map>

#include "handlers/intake/report_draft.h"
#include "handlers/schedule/reminder_replies.h"
#include "storage/followups.h"
#include "storage/pending_reports.h"
#include "storage/report_stats.h"

namespace paike {

namespace {

using std::chrono::days;

LocalDate add_days(LocalDate day, int n) { return LocalDate(std::chrono::sys_days(day) + days(n)); }

// Reports whose draft waits for its category at `at`.
int waiting_for_category(Database& db, TimePoint at) {
  int n = 0;
  for (const auto& payload : PendingReports(db).payloads_opened_before(at)) {
    auto draft = draft_from_json(payload);
    if (draft && draft->stage == DraftStage::awaiting_category) ++n;
  }
  return n;
}

std::string weekday_name(LocalDate day) {
  static const char* names[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
  return names[std::chrono::weekday(std::chrono::sys_days(day)).c_encoding()];
}

std::string month_day(LocalDate day) {
  return std::to_string(unsigned(day.month())) + "月" + std::to_string(unsigned(day.day())) + "日";
}

std::string counts_line(const VillageCounts& c) {
  return "新增 " + std::to_string(c.new_count) + "，销号 " + std::to_string(c.closed) + "，在办 " +
         std::to_string(c.open) + "，超期 " + std::to_string(c.overdue);
}

}  // namespace

Digest build_digest(Database& db, const Deployment& d, LocalDate sent_on) {
  Digest g;
  g.sent_on = sent_on;
  g.day = add_days(sent_on, -1);
  g.from = local_time_on(g.day, 0, d.time_zone);
  g.to = local_time_on(sent_on, 0, d.time_zone);

  // The seven day ends of the trend, the last of them the digest's own day.
  std::vector<TimePoint> day_ends;
  for (int k = 6; k >= 0; --k) day_ends.push_back(local_time_on(add_days(g.day, 1 - k), 0, d.time_zone));
  const auto open_by_day = village_open_at(db, day_ends);
  const OpenByVillage& open = open_by_day.back();

  std::vector<std::string> order = d.villages();
  const auto created = village_counts_created(db, g.from, g.to);
  const auto closed = village_counts_closed(db, g.from, g.to);
  auto add_unlisted = [&](const std::string& v) {
    if (std::find(order.begin(), order.end(), v) == order.end()) order.push_back(v);
  };
  for (const auto& [v, n] : created) add_unlisted(v);
  for (const auto& [v, n] : closed) add_unlisted(v);
  for (const auto& [v, n] : open) add_unlisted(v);
  auto get = [](const std::map<std::string, int>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  };
  g.total.village = "全镇";
  for (const auto& v : order) {
    VillageCounts c{v, get(created, v), get(closed, v), 0, 0};
    if (auto it = open.find(v); it != open.end()) {
      c.open = it->second.open;
      c.overdue = it->second.overdue;
    }
    g.total.new_count += c.new_count;
    g.total.closed += c.closed;
    g.total.open += c.open;
    g.total.overdue += c.overdue;
    g.villages.push_back(c);
  }
  g.most_overdue = most_overdue_at(db, g.to, 5);
  g.waiting_for_category = waiting_for_category(db, g.to);
  g.followups_due = Followups(db).awaiting_reply(g.from, g.to, d.schedule.followup.after);
  for (size_t i = 0; i < day_ends.size(); ++i) {
    TrendPoint p{add_days(g.day, static_cast<int>(i) - 6), 0, 0};
    for (const auto& [v, n] : open_by_day[i]) {
      p.open += n.open;
      p.overdue += n.overdue;
    }
    g.trend.push_back(p);
  }
  if (std::chrono::weekday(std::chrono::sys_days(sent_on)) == std::chrono::Monday) {
    WeekSummary w{add_days(sent_on, -7), g.day, 0, 0, 0};
    const TimePoint from = local_time_on(w.first, 0, d.time_zone);
    for (const auto& [v, n] : village_counts_created(db, from, g.to)) w.new_count += n;
    const ClosedCounts closed_in_week = closed_on_time(db, from, g.to);
    w.closed = closed_in_week.closed;
    w.closed_on_time = closed_in_week.on_time;
    g.week = w;
  }
  if (unsigned(sent_on.day()) == 1) {
    const std::chrono::year_month this_month{sent_on.year(), sent_on.month()};
    g.ranking = build_ranking(db, d, this_month - std::chrono::months(1));
  }
  return g;
}

std::string digest_text(const Digest& g, const Deployment& d) {
  std::string text = "【" + d.township + "人居环境日报】" + month_day(g.day) + "（" + weekday_name(g.day) + "）";
  text += "\n全镇：" + counts_line(g.total) + "。";
  for (const auto& c : g.villages) text += "\n· " + c.village + "：" + counts_line(c);
  text += "\n超期最久：";
  if (g.most_overdue.empty()) text += "无";
  for (size_t i = 0; i < g.most_overdue.size(); ++i) {
    const auto& o = g.most_overdue[i];
    const Category* category = d.find_category(o.category);
    const Person* assignee = d.find_person(o.assignee_id);
    text += "\n" + std::to_string(i + 1) + ". #" + std::to_string(o.id) + "【" +
            (category ? category->name : o.category) + "】" + o.village + " 超期" + overdue_span(g.to - o.due_at) +
            "，责任人 " + (assignee ? assignee->name : (o.assignee_id.empty() ? "未指定" : o.assignee_id));
  }
  text += "\n待选类别的上报：" + std::to_string(g.waiting_for_category) + " 件";
  text += "\n回头看待回复：" + std::to_string(g.followups_due.size()) + " 件";
  for (size_t i = 0; i < g.followups_due.size() && i < 10; ++i)
    text += (i ? " #" : "（#") + std::to_string(g.followups_due[i]);
  if (!g.followups_due.empty()) text += g.followups_due.size() > 10 ? " …）" : "）";
  if (g.week) {
    const auto& w = *g.week;
    text += "\n上周（" + month_day(w.first) + "—" + month_day(w.last) + "）：新增 " + std::to_string(w.new_count) +
            "，销号 " + std::to_string(w.closed) + "，其中按期 " + std::to_string(w.closed_on_time);
    if (w.closed > 0) text += "（" + std::to_string(w.closed_on_time * 100 / w.closed) + "%）";
  }
  if (g.ranking) text += "\n" + ranking_text(*g.ranking, d);
  return text;
}

}  // namespace paike
