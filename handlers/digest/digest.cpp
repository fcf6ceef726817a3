#include "handlers/digest/digest.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "handlers/intake/report_draft.h"
#include "handlers/schedule/reminder_replies.h"
#include "storage/sql_time.h"

namespace paike {

namespace {

using std::chrono::days;

LocalDate add_days(LocalDate day, int n) { return LocalDate(std::chrono::sys_days(day) + days(n)); }

struct OpenCounts {
  int open = 0;
  int overdue = 0;
};
using OpenByVillage = std::map<std::string, OpenCounts, std::less<>>;

// Open (assigned or rectified) and overdue tickets per village at each of `instants`
// (ascending), from one read of two small covering indexes: the tickets open now, and those
// closed since the first instant. A ticket was open at t if it was created before t and is
// still open or closed at or after t. INDEXED BY pins the plans: without ANALYZE statistics
// SQLite may walk the whole ledger through another index.
std::vector<OpenByVillage> open_at(Database& db, const std::vector<TimePoint>& instants) {
  SQLite::Statement q(db.sql(),
                      "SELECT village, created_at, due_at, NULL FROM tickets INDEXED BY tickets_open_by_village"
                      "  WHERE status IN ('assigned', 'rectified') AND +created_at < ?2"
                      " UNION ALL"
                      " SELECT village, created_at, due_at, closed_at FROM tickets INDEXED BY tickets_closed_covering"
                      "  WHERE closed_at >= ?1 AND +status = 'closed' AND +created_at < ?2");
  std::vector<int64_t> at;
  for (TimePoint t : instants) at.push_back(epoch_seconds(t));
  q.bind(1, at.front());
  q.bind(2, at.back());
  std::vector<OpenByVillage> counts(at.size());
  while (q.executeStep()) {
    const std::string_view village = q.getColumn(0).getText();
    const int64_t created = q.getColumn(1).getInt64(), due = q.getColumn(2).getInt64();
    const bool still_open = q.getColumn(3).isNull();
    const int64_t closed = still_open ? 0 : q.getColumn(3).getInt64();
    for (size_t i = 0; i < at.size(); ++i) {
      if (created >= at[i] || (!still_open && closed < at[i])) continue;
      auto it = counts[i].find(village);
      if (it == counts[i].end()) it = counts[i].emplace(std::string(village), OpenCounts{}).first;
      ++it->second.open;
      if (due < at[i]) ++it->second.overdue;
    }
  }
  return counts;
}

std::map<std::string, int> count_by_village(Database& db, const char* sql, TimePoint from, TimePoint to) {
  SQLite::Statement q(db.sql(), sql);
  q.bind(1, epoch_seconds(from));
  q.bind(2, epoch_seconds(to));
  std::map<std::string, int> counts;
  while (q.executeStep()) counts[q.getColumn(0).getString()] = q.getColumn(1).getInt();
  return counts;
}

constexpr const char* kNewSql =
    "SELECT village, COUNT(*) FROM tickets INDEXED BY tickets_created_by_village"
    " WHERE created_at >= ?1 AND created_at < ?2 GROUP BY village";
constexpr const char* kClosedSql =
    "SELECT village, COUNT(*) FROM tickets INDEXED BY tickets_closed_covering"
    " WHERE closed_at >= ?1 AND closed_at < ?2 AND +status = 'closed' GROUP BY village";

std::vector<OverdueTicket> most_overdue(Database& db, TimePoint at, int limit) {
  SQLite::Statement q(db.sql(),
                      "SELECT id, village, category, assignee_id, due_at FROM ("
                      " SELECT id, village, category, assignee_id, due_at FROM tickets"
                      "  WHERE status IN ('assigned', 'rectified') AND +created_at < ?1 AND due_at < ?1"
                      " UNION ALL"
                      " SELECT id, village, category, assignee_id, due_at FROM tickets"
                      "  WHERE closed_at >= ?1 AND +status = 'closed' AND +created_at < ?1 AND +due_at < ?1"
                      ") ORDER BY due_at, id LIMIT ?2");
  q.bind(1, epoch_seconds(at));
  q.bind(2, limit);
  std::vector<OverdueTicket> out;
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), from_epoch_seconds(q.getColumn(4).getInt64())});
  }
  return out;
}

int waiting_for_category(Database& db, TimePoint at) {
  SQLite::Statement q(db.sql(), "SELECT payload FROM pending_reports WHERE opened_at < ?");
  q.bind(1, epoch_seconds(at));
  int n = 0;
  while (q.executeStep()) {
    auto draft = draft_from_json(q.getColumn(0).getString());
    if (draft && draft->stage == DraftStage::awaiting_category) ++n;
  }
  return n;
}

// Asked and not answered by `to`, or whose follow-up falls due in [from, to) and was not asked.
std::vector<int64_t> followups_due(Database& db, TimePoint from, TimePoint to, Duration after) {
  SQLite::Statement q(
      db.sql(),
      "SELECT ticket_id FROM followups WHERE asked_at < ?2 AND (answered_at IS NULL OR answered_at >= ?2)"
      " UNION"
      " SELECT t.id FROM tickets t WHERE t.closed_at >= ?3 AND t.closed_at < ?4 AND +t.status = 'closed'"
      "  AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.ticket_id = t.id AND f.closed_at = t.closed_at)"
      " ORDER BY 1");
  q.bind(2, epoch_seconds(to));
  q.bind(3, epoch_seconds(from - after));
  q.bind(4, epoch_seconds(to - after));
  std::vector<int64_t> ids;
  while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
  return ids;
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
  const auto open_by_day = open_at(db, day_ends);
  const OpenByVillage& open = open_by_day.back();

  std::vector<std::string> order = d.villages();
  const auto created = count_by_village(db, kNewSql, g.from, g.to);
  const auto closed = count_by_village(db, kClosedSql, g.from, g.to);
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
  g.most_overdue = most_overdue(db, g.to, 5);
  g.waiting_for_category = waiting_for_category(db, g.to);
  g.followups_due = followups_due(db, g.from, g.to, d.schedule.followup.after);
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
    for (const auto& [v, n] : count_by_village(db, kNewSql, from, g.to)) w.new_count += n;
    SQLite::Statement q(
        db.sql(),
        "SELECT COUNT(*), COALESCE(SUM(closed_at <= due_at), 0) FROM tickets"
        " INDEXED BY tickets_closed_covering WHERE closed_at >= ? AND closed_at < ? AND +status = 'closed'");
    q.bind(1, epoch_seconds(from));
    q.bind(2, epoch_seconds(g.to));
    q.executeStep();
    w.closed = q.getColumn(0).getInt();
    w.closed_on_time = q.getColumn(1).getInt();
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
