#include "handlers/lifecycle/ticket_views.h"

#include "handlers/intake/replies.h"
#include "handlers/ledger/access.h"
#include "handlers/lifecycle/lifecycle.h"
#include "handlers/schedule/reminder_replies.h"
#include "handlers/ticket_words.h"

namespace paike {

namespace {

std::string item(const Deployment& d, const std::string& text) {
  return "\n" + d.wording.render("views.item", {{"text", text}});
}

// What an audit row means, in a few words.
std::string history_line(const AuditEvent& e, const Deployment& d) {
  std::string line = d.wording.render("views.history_line", {{"at", format_chat_time(e.at, d.time_zone)},
                                                             {"actor", person_name(d, e.actor_id)},
                                                             {"action", action_name(d, e.action)}});
  // The filing's reason (confidence, place source) is for the office, not the group.
  const std::string why = e.action == "created" ? "" : audit_reason(d, e);
  if (!why.empty()) line += d.wording.render("lifecycle.history_reason", {{"reason", why}});
  return line;
}

std::string one_line(const Ticket& t, const Deployment& d, TimePoint now) {
  std::string state;
  if (is_overdue(t, now)) {
    state = d.wording.render("views.list_overdue");
  } else if (is_open(t.status)) {
    state = d.wording.render("views.list_due", {{"deadline", format_chat_time(t.due_at, d.time_zone)}});
  }
  const std::string assignee =
      t.assignee_id.empty() ? "" : d.wording.render("views.list_assignee", {{"name", person_name(d, t.assignee_id)}});
  return d.wording.render("views.list_line", {{"headline", ticket_headline(t, d)},
                                              {"status", status_name(d, t.status)},
                                              {"state", state},
                                              {"assignee", assignee}});
}

}  // namespace

std::string status_card(const Ticket& t, const std::vector<AuditEvent>& history, const Deployment& d, TimePoint now) {
  const Wording& w = d.wording;
  const std::string id = std::to_string(t.id);
  std::string card =
      w.render("views.card_head",
               {{"ticket", id}, {"category", category_name(d, t.category)}, {"status", status_name(d, t.status)}});
  if (t.merged_into) card += w.render("views.card_merged", {{"into", std::to_string(*t.merged_into)}});
  if (is_overdue(t, now)) card += w.render("views.card_overdue");
  card += "\n" + w.render("views.card_place", {{"place", ticket_place(t, d)}});
  card += "\n" + w.render("views.card_reporter", {{"reporter", person_name(d, t.reporter_id, t.reporter_name)}});
  if (!t.filer_id.empty() && t.filer_id != t.reporter_id) {
    card += w.render("views.card_filed_by", {{"filer", person_name(d, t.filer_id)}});
  }
  if (!t.assignee_id.empty())
    card += "\n" + w.render("views.card_assignee", {{"assignee", person_name(d, t.assignee_id)}});
  card += "\n" + w.render("views.card_deadline", {{"deadline", format_chat_time(t.due_at, d.time_zone)}});
  if (t.closed_at)
    card += "\n" + w.render("views.card_closed", {{"closed", format_chat_time(*t.closed_at, d.time_zone)}});
  // The newest lines matter most; a long history would flood the group.
  const size_t shown = 5;
  const size_t from = history.size() > shown ? history.size() - shown : 0;
  if (!history.empty()) card += "\n" + w.render("views.card_history");
  for (size_t i = from; i < history.size(); ++i) card += item(d, history_line(history[i], d));
  return card;
}

std::string mine_list(const std::string& user_id, const std::vector<Ticket>& tickets, const Deployment& d,
                      TimePoint now) {
  std::string reported, assigned;
  for (const auto& t : tickets) {
    if (t.assignee_id == user_id) assigned += item(d, one_line(t, d, now));
    if (t.reporter_id == user_id) reported += item(d, one_line(t, d, now));
  }
  if (reported.empty() && assigned.empty()) return d.wording.render("views.mine_none");
  std::string text;
  if (!assigned.empty()) text += d.wording.render("views.mine_assigned") + assigned;
  if (!reported.empty())
    text += std::string(text.empty() ? "" : "\n") + d.wording.render("views.mine_reported") + reported;
  return text;
}

std::string ticket_list(const std::string& title, const std::vector<Ticket>& tickets, const Deployment& d,
                        TimePoint now) {
  if (tickets.empty()) return d.wording.render("views.list_empty", {{"title", title}});
  std::string text = d.wording.render("views.list_head", {{"title", title}, {"count", std::to_string(tickets.size())}});
  for (const auto& t : tickets) text += item(d, one_line(t, d, now));
  return text;
}

std::string help_text(const Actor& actor, const Deployment& d) {
  const Wording& w = d.wording;
  std::string text = w.render("help.head");
  text += item(d, w.render("help.status"));
  text += item(d, w.render("help.lists"));
  // The lifecycle's commands this person may use, from the same table that decides.
  for (LifecycleAction action : all_actions()) {
    const ActionRight right = right_of(actor.role, action);
    if (!right.may) continue;
    const std::string key = "help.action." + std::string(action_code(action));
    std::string line = w.render(key, {{"window", chinese_duration(d, d.lifecycle.photo_window)}});
    const std::string only = "help.only." + std::string(right.only);
    if (!right.only.empty()) line += w.render(only);
    text += item(d, line);
  }
  // 代报 and 回头看 answers are for roster cadres (commands.cpp run_proxy, followup.cpp).
  const bool cadre = actor.on_roster && actor.role != Role::villager;
  if (cadre) text += item(d, w.render("help.proxy"));
  if (cadre) text += item(d, w.render("help.followup"));
  text += item(d, w.render("help.points"));
  if (actor.on_roster && may_use_ledger(actor.role)) text += item(d, w.render("help.ledger"));
  return text;
}

}  // namespace paike
