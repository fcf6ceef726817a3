#include "handlers/ledger/ledger_actions.h"

#include <spdlog/spdlog.h>

#include "handlers/ledger/access.h"
#include "handlers/lifecycle/actor.h"
#include "handlers/lifecycle/command_replies.h"
#include "handlers/lifecycle/lifecycle.h"
#include "handlers/schedule/notify_targets.h"
#include "storage/outbox.h"
#include "storage/ticket_repo.h"

namespace paike {

namespace {

// The code names the button's words (ledger_action.label.<code>) and what the page says
// afterwards (ledger_action.done.<code>).
struct PageAction {
  std::string_view code;
  LifecycleAction action;
  bool needs_reason;
};

// The lifecycle actions that make sense without a chat message or a photo. Rectifying needs
// the after-photo, so it stays in chat; extending, reassigning and merging need arguments the
// page does not ask for yet.
constexpr PageAction kPageActions[] = {
    {"confirm", LifecycleAction::confirm, false},
    {"reject", LifecycleAction::reject, true},
    {"withdraw", LifecycleAction::withdraw, true},
    {"reopen", LifecycleAction::reopen, true},
};

const PageAction* find_page_action(std::string_view code) {
  for (const auto& a : kPageActions) {
    if (a.code == code) return &a;
  }
  return nullptr;
}

Actor ledger_actor(const Deployment& d, const Person& person) {
  return actor_for(d, person.user_id, person.name, nullptr);
}

// The group hears the change the way it would from the chat command, said to be from the ledger.
void tell_group(const Deployment& d, Database& db, const Ticket& t, std::string text, std::vector<std::string> mentions,
                const Person& person, TimePoint now) {
  OutgoingMessage notice;
  notice.platform = t.platform;
  notice.group_id = t.group_id;
  notice.text = d.wording.render("ledger_action.notice", {{"name", person.name}, {"text", text}});
  notice.mentions = roster_mentions(d, std::move(mentions));
  notice.ticket_id = t.id;
  Outbox(db).enqueue(notice, now);
}

Result<Ticket> run(const PageAction& a, const ChangeContext& c, int64_t id, const std::string& reason,
                   const Person& person) {
  const Deployment& d = c.deployment;
  switch (a.action) {
    case LifecycleAction::confirm: {
      auto done = confirm(c, id);
      if (done) tell_group(d, c.db, *done, confirmed_reply(*done, d), {done->assignee_id}, person, c.now);
      return done;
    }
    case LifecycleAction::reject: {
      auto done = reject(c, id, reason);
      if (done) tell_group(d, c.db, *done, rejected_reply(*done, reason, d), {done->assignee_id}, person, c.now);
      return done;
    }
    case LifecycleAction::withdraw: {
      auto done = withdraw(c, id, reason);
      if (done) tell_group(d, c.db, *done, withdrawn_reply(*done, d), {}, person, c.now);
      return done;
    }
    case LifecycleAction::reopen: {
      auto done = reopen(c, id, reason);
      if (!done) return done.error();
      tell_group(d, c.db, done->ticket, reopened_reply(*done, d), {done->ticket.assignee_id}, person, c.now);
      return done->ticket;
    }
    default:
      return make_error(ErrorCode::unknown_action, "not a ledger action");
  }
}

}  // namespace

std::vector<LedgerAction> ledger_actions(const Deployment& d, const Person& person, const Ticket& ticket) {
  std::vector<LedgerAction> actions;
  if (!may_use_ledger(person) || !may_see_village(person, ticket.village)) return actions;
  const Actor actor = ledger_actor(d, person);
  for (const auto& a : kPageActions) {
    if (starts_from(a.action, ticket.status) && may(actor, a.action, ticket)) {
      const std::string label = "ledger_action.label." + std::string(a.code);
      actions.push_back({std::string(a.code), d.wording.render(label), a.needs_reason});
    }
  }
  return actions;
}

Result<Ticket> apply_ledger_action(const std::string& code, const Person& person, int64_t ticket_id,
                                   const std::string& reason, const Deployment& d, Database& db, TimePoint now) {
  const PageAction* a = find_page_action(code);
  if (!a) return make_error(ErrorCode::unknown_action, "no such action: " + code);
  auto ticket = TicketRepo(db).get(ticket_id);
  // The same answer for "not yours" and "not there": other villages' ids stay private.
  if (!ticket || !may_use_ledger(person) || !may_see_village(person, ticket->village)) {
    return make_error(ErrorCode::forbidden, "this person may not change this ticket");
  }
  if (a->needs_reason && reason.empty()) return make_error(ErrorCode::reason_needed, "this action needs a reason");

  const Actor actor = ledger_actor(d, person);
  auto done = run(*a, ChangeContext{db, d, actor, now, ""}, ticket_id, reason, person);
  if (!done) {
    const auto& why = done.error().code;
    if (why == ErrorCode::wrong_state) return make_error(ErrorCode::not_allowed, done.error().message);
    if (why == ErrorCode::not_found) return make_error(ErrorCode::forbidden, done.error().message);
    return done.error();
  }
  spdlog::info("ledger: {} did {} on ticket #{}", person.user_id, code, ticket_id);
  return done;
}

std::string ledger_action_done_notice(const Deployment& d, const std::string& code) {
  const PageAction* a = find_page_action(code);
  if (!a) return "";
  const std::string key = "ledger_action.done." + std::string(a->code);
  return d.wording.render(key);
}

}  // namespace paike
