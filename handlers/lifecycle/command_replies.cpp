#include "handlers/lifecycle/command_replies.h"

#include "handlers/intake/replies.h"
#include "handlers/ticket_words.h"

namespace paike {

namespace {

std::string no(int64_t id) { return std::to_string(id); }

std::string due(const Ticket& t, const Deployment& d) { return format_chat_time(t.due_at, d.time_zone); }

// "请 @张桂兰 " or "" when nobody is assigned.
std::string ask(const Deployment& d, const std::string& user_id) {
  std::string m = person_mention(d, user_id);
  return m.empty() ? "" : d.wording.render("commands.ask", {{"mention", m}});
}

}  // namespace

std::string person_mention(const Deployment& d, const std::string& user_id) {
  const Person* p = d.find_person(user_id);
  return p ? "@" + p->name : std::string();
}

std::string rectified_reply(const Ticket& t, const Deployment& d) {
  std::string reporter = person_mention(d, t.reporter_id);
  if (reporter.empty()) reporter = t.reporter_name;
  return d.wording.render(
      "commands.rectified",
      {{"ticket", no(t.id)}, {"reporter", reporter}, {"wait", chinese_duration(d, d.lifecycle.auto_close)}});
}

std::string after_photo_request(int64_t id, const Deployment& d) {
  return d.wording.render("commands.after_photo_request",
                          {{"window", chinese_duration(d, d.lifecycle.photo_window)}, {"ticket", no(id)}});
}

std::string place_mismatch_reply(const Ticket& t, const std::vector<std::string>& checkers, const Deployment& d) {
  std::string who;
  for (const auto& id : checkers) {
    const std::string m = person_mention(d, id);
    if (!m.empty()) who += m + " ";
  }
  return d.wording.render("commands.place_mismatch", {{"ticket", no(t.id)}, {"checkers", who}});
}

std::string confirmed_reply(const Ticket& t, const Deployment& d) {
  const std::string assignee = person_mention(d, t.assignee_id);
  if (assignee.empty()) return d.wording.render("commands.confirmed_unassigned", {{"ticket", no(t.id)}});
  return d.wording.render("commands.confirmed", {{"ticket", no(t.id)}, {"assignee", assignee}});
}

std::string auto_closed_reply(const Ticket& t, const Deployment& d) {
  return d.wording.render("commands.auto_closed",
                          {{"ticket", no(t.id)}, {"wait", chinese_duration(d, d.lifecycle.auto_close)}});
}

std::string rejected_reply(const Ticket& t, const std::string& reason, const Deployment& d) {
  return d.wording.render(
      "commands.rejected",
      {{"ticket", no(t.id)}, {"reason", reason}, {"ask", ask(d, t.assignee_id)}, {"deadline", due(t, d)}});
}

std::string reassigned_reply(const Ticket& t, const Deployment& d) {
  return d.wording.render("commands.reassigned",
                          {{"ticket", no(t.id)}, {"ask", ask(d, t.assignee_id)}, {"deadline", due(t, d)}});
}

std::string extended_reply(const Ticket& t, Duration by, const Deployment& d) {
  const std::string assignee = person_mention(d, t.assignee_id);
  const std::string span = chinese_duration(d, by), deadline = due(t, d);
  if (assignee.empty()) {
    return d.wording.render("commands.extended_unassigned",
                            {{"ticket", no(t.id)}, {"span", span}, {"deadline", deadline}});
  }
  return d.wording.render("commands.extended",
                          {{"ticket", no(t.id)}, {"span", span}, {"deadline", deadline}, {"assignee", assignee}});
}

std::string withdrawn_reply(const Ticket& t, const Deployment& d) {
  return d.wording.render("commands.withdrawn", {{"ticket", no(t.id)}});
}

std::string merged_reply(const Ticket& t, const Ticket& into, const Deployment& d) {
  std::string people;
  for (const auto& id : {t.reporter_id, into.reporter_id}) {
    std::string m = person_mention(d, id);
    if (!m.empty() && people.find(m) == std::string::npos) people += (people.empty() ? "" : " ") + m;
  }
  if (people.empty()) return d.wording.render("commands.merged_nobody", {{"ticket", no(t.id)}, {"into", no(into.id)}});
  return d.wording.render("commands.merged", {{"ticket", no(t.id)}, {"into", no(into.id)}, {"people", people}});
}

std::string reopened_reply(const Reopened& r, const Deployment& d) {
  if (r.new_ticket) {
    return d.wording.render("commands.reopened_as_new", {{"previous", no(r.previous_id)},
                                                         {"window", chinese_duration(d, d.lifecycle.reopen_window)},
                                                         {"ticket", no(r.ticket.id)},
                                                         {"ask", ask(d, r.ticket.assignee_id)},
                                                         {"deadline", due(r.ticket, d)}});
  }
  return d.wording.render(
      "commands.reopened",
      {{"ticket", no(r.ticket.id)}, {"ask", ask(d, r.ticket.assignee_id)}, {"deadline", due(r.ticket, d)}});
}

std::string recategorized_reply(const Ticket& t, const Deployment& d) {
  return d.wording.render("commands.recategorized",
                          {{"ticket", no(t.id)}, {"category", category_name(d, t.category)}, {"deadline", due(t, d)}});
}

std::string relocated_reply(const Ticket& t, const Deployment& d) {
  const std::string assignee = person_mention(d, t.assignee_id);
  const std::string place = ticket_place(t, d);
  if (assignee.empty())
    return d.wording.render("commands.relocated_unassigned", {{"ticket", no(t.id)}, {"place", place}});
  return d.wording.render("commands.relocated", {{"ticket", no(t.id)}, {"place", place}, {"assignee", assignee}});
}

std::string not_found_reply(int64_t id, const Deployment& d) {
  return d.wording.render("commands.not_found", {{"ticket", no(id)}});
}

std::string forbidden_reply(LifecycleAction action, int64_t id, const Deployment& d) {
  return d.wording.render("commands.forbidden",
                          {{"ticket", no(id)}, {"action", action_word(d, action)}, {"who", who_may(d, action)}});
}

std::string wrong_state_reply(LifecycleAction action, const Ticket& t, const Deployment& d) {
  const std::string status = status_name(d, t.status), word = action_word(d, action);
  if (t.merged_into) {
    return d.wording.render("commands.wrong_state_merged",
                            {{"ticket", no(t.id)}, {"status", status}, {"into", no(*t.merged_into)}, {"action", word}});
  }
  return d.wording.render("commands.wrong_state", {{"ticket", no(t.id)}, {"status", status}, {"action", word}});
}

std::string other_village_reply(const Ticket& t, const Deployment& d) {
  return d.wording.render("commands.other_village", {{"ticket", no(t.id)}, {"village", t.village}});
}

std::string needs_approval_reply(const Deployment& d, const std::string& village) {
  std::string liaisons;
  for (const auto& p : d.people) {
    if (p.role != Role::village_liaison) continue;
    for (const auto& v : p.villages) {
      if (v == village) liaisons += (liaisons.empty() ? "@" : " @") + p.name;
    }
  }
  const std::string limit = chinese_duration(d, d.lifecycle.max_extension);
  if (liaisons.empty()) return d.wording.render("commands.needs_approval_nobody", {{"limit", limit}});
  return d.wording.render("commands.needs_approval", {{"limit", limit}, {"liaisons", liaisons}});
}

std::string reason_needed_reply(LifecycleAction action, const Deployment& d) {
  return d.wording.render("commands.reason_needed", {{"action", action_word(d, action)}});
}

std::string which_category_reply(const Deployment& d) {
  return d.wording.render("commands.which_category", {{"menu", category_menu(d)}});
}

std::string proxy_forbidden_reply(const Deployment& d) {
  const std::string who =
      d.wording.render("lifecycle.who_may", {{"party", role_name(d, Role::grid_leader)}, {"cadres", cadre_names(d)}});
  return d.wording.render("commands.proxy_forbidden", {{"who", who}});
}

}  // namespace paike
