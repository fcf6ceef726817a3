#include "handlers/digest/digest.h"

#include <algorithm>
#include <map>

#include "handlers/intake/replies.h"
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

std::string weekday_name(const Deployment& d, LocalDate day) {
  static const char* codes[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  return d.wording.render(std::string("digest.weekday.") +
                          codes[std::chrono::weekday(std::chrono::sys_days(day)).c_encoding()]);
}

std::string month_day(const Deployment& d, LocalDate day) {
  return d.wording.render(
      "digest.date", {{"month", std::to_string(unsigned(day.month()))}, {"day", std::to_string(unsigned(day.day()))}});
}

std::string counts_line(const Deployment& d, const VillageCounts& c) {
  return d.wording.render("digest.counts", {{"new", std::to_string(c.new_count)},
                                            {"closed", std::to_string(c.closed)},
                                            {"open", std::to_string(c.open)},
                                            {"overdue", std::to_string(c.overdue)}});
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
  g.total.village = d.wording.render("digest.whole_township");
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
  const Wording& w = d.wording;
  std::string text = w.render(
      "digest.title", {{"township", d.township}, {"day", month_day(d, g.day)}, {"weekday", weekday_name(d, g.day)}});
  text += "\n" + w.render("digest.total", {{"village", g.total.village}, {"counts", counts_line(d, g.total)}});
  for (const auto& c : g.villages) {
    const std::string line = w.render("digest.village", {{"village", c.village}, {"counts", counts_line(d, c)}});
    text += "\n" + w.render("views.item", {{"text", line}});
  }
  text += "\n" + (g.most_overdue.empty() ? w.render("digest.most_overdue_none") : w.render("digest.most_overdue"));
  for (size_t i = 0; i < g.most_overdue.size(); ++i) {
    const auto& o = g.most_overdue[i];
    const Person* assignee = d.find_person(o.assignee_id);
    const std::string who =
        assignee ? assignee->name : (o.assignee_id.empty() ? w.render("digest.unassigned") : o.assignee_id);
    text += "\n" + w.render("digest.overdue_item", {{"number", std::to_string(i + 1)},
                                                    {"ticket", std::to_string(o.id)},
                                                    {"category", category_name(d, o.category)},
                                                    {"village", o.village},
                                                    {"overdue", overdue_span(d, g.to - o.due_at)},
                                                    {"assignee", who}});
  }
  text += "\n" + w.render("digest.waiting_for_category", {{"count", std::to_string(g.waiting_for_category)}});
  text += "\n" + w.render("digest.followups_due", {{"count", std::to_string(g.followups_due.size())}});
  if (!g.followups_due.empty()) {
    std::string tickets;
    for (size_t i = 0; i < g.followups_due.size() && i < 10; ++i)
      tickets += (i ? " #" : "#") + std::to_string(g.followups_due[i]);
    text += g.followups_due.size() > 10 ? w.render("digest.followups_more", {{"tickets", tickets}})
                                        : w.render("digest.followups_list", {{"tickets", tickets}});
  }
  if (g.week) {
    const auto& wk = *g.week;
    text += "\n" + w.render("digest.week", {{"first", month_day(d, wk.first)},
                                            {"last", month_day(d, wk.last)},
                                            {"new", std::to_string(wk.new_count)},
                                            {"closed", std::to_string(wk.closed)},
                                            {"on_time", std::to_string(wk.closed_on_time)}});
    if (wk.closed > 0) {
      text += w.render("digest.week_rate", {{"percent", std::to_string(wk.closed_on_time * 100 / wk.closed)}});
    }
  }
  if (g.ranking) text += "\n" + ranking_text(*g.ranking, d);
  return text;
}

}  // namespace paike
