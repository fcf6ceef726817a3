#include "handlers/schedule/reminder_replies.h"

#include "handlers/intake/replies.h"
#include "handlers/ticket_words.h"

namespace paike {

namespace {

std::string n_of(const Deployment& d, const char* key, long long n) {
  return d.wording.render(key, {{"n", std::to_string(n)}});
}

}  // namespace

std::string ticket_headline(const Ticket& t, const Deployment& d) {
  return d.wording.render(
      "views.headline",
      {{"ticket", std::to_string(t.id)}, {"category", category_name(d, t.category)}, {"place", ticket_place(t, d)}});
}

std::string mention_names(const std::vector<std::string>& user_ids, const Deployment& d) {
  std::string text;
  for (const auto& id : user_ids) {
    if (const Person* p = d.find_person(id)) text += (text.empty() ? "@" : " @") + p->name;
  }
  return text;
}

std::string overdue_span(const Deployment& d, Duration overdue) {
  const long long hours = std::max<long long>(0, overdue.count() / 3600);
  if (hours < 24) return n_of(d, "time.hours", std::max<long long>(hours, 1));
  std::string text = n_of(d, "time.days", hours / 24);
  if (hours % 24) text += n_of(d, "time.hours", hours % 24);
  return text;
}

std::string due_soon_line(const Ticket& t, const Deployment& d, const std::string& mentions) {
  return d.wording.render("reminder.due_soon",
                          {{"headline", ticket_headline(t, d)},
                           {"deadline", format_chat_time(t.due_at, d.time_zone)},
                           {"who", mentions.empty() ? d.wording.render("reminder.due_soon_nobody") : mentions}});
}

std::string ladder_line(size_t index, const Ticket& t, const Deployment& d, Duration overdue,
                        const std::string& mentions) {
  const std::string who = mentions.empty() ? d.wording.render("reminder.ladder_nobody") : mentions;
  const std::string headline = ticket_headline(t, d);
  if (index == 0) {
    return d.wording.render(
        "reminder.due", {{"headline", headline}, {"deadline", format_chat_time(t.due_at, d.time_zone)}, {"who", who}});
  }
  const std::string span = overdue_span(d, overdue);
  if (index == 1)
    return d.wording.render("reminder.flagged", {{"headline", headline}, {"overdue", span}, {"who", who}});
  return d.wording.render("reminder.escalated", {{"headline", headline}, {"overdue", span}, {"who", who}});
}

std::string batched_reminders(const Deployment& d, const std::vector<std::string>& lines) {
  if (lines.size() == 1) return lines.front();
  std::string text = d.wording.render("reminder.batch", {{"count", std::to_string(lines.size())}});
  for (size_t i = 0; i < lines.size(); ++i) {
    text += "\n" + d.wording.render("reminder.batch_item", {{"number", std::to_string(i + 1)}, {"line", lines[i]}});
  }
  return text;
}

std::string followup_request(const Ticket& t, const Deployment& d, const std::string& mentions, Duration after) {
  return d.wording.render("followup.request", {{"headline", ticket_headline(t, d)},
                                               {"after", chinese_duration(d, after)},
                                               {"who", mentions.empty() ? role_name(d, Role::grid_leader) : mentions},
                                               {"ticket", std::to_string(t.id)}});
}

std::string relapse_note(const Deployment& d, int64_t original_id) {
  return d.wording.render("followup.relapse_note", {{"ticket", std::to_string(original_id)}});
}

namespace {

// Why the points moved; a reason a newer version wrote gets the generic word.
std::string reason_text(const PointsEntry& e, const Deployment& d) {
  const std::string key = "points.reason." + e.reason;
  return d.wording.render(d.wording.has(key) ? key : "points.reason.other");
}

}  // namespace

std::string points_reply(const std::string& name, int64_t balance, const std::vector<PointsEntry>& recent,
                         const Deployment& d) {
  const Wording& w = d.wording;
  std::string text = w.render("points.balance", {{"name", name}, {"balance", std::to_string(balance)}});
  if (recent.empty()) return text + w.render("points.none_yet");
  std::string entries;
  for (size_t i = 0; i < recent.size(); ++i) {
    const auto& e = recent[i];
    std::string date = format_chat_time(e.at, d.time_zone);
    date = date.substr(0, date.find(' '));
    const std::string ticket =
        e.ticket_id ? w.render("points.entry_ticket", {{"ticket", std::to_string(*e.ticket_id)}}) : "";
    if (i) entries += w.render("points.entry_separator");
    entries += w.render("points.entry", {{"day", date},
                                         {"amount", (e.amount > 0 ? "+" : "") + std::to_string(e.amount)},
                                         {"ticket", ticket},
                                         {"reason", reason_text(e, d)}});
  }
  return text + w.render("points.recent", {{"entries", entries}});
}

}  // namespace paike
