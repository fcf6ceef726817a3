#include "handlers/lifecycle/commands.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "config/text.h"
#include "handlers/ledger/login_command.h"
#include "handlers/lifecycle/actor.h"
#include "handlers/lifecycle/after_photo.h"
#include "handlers/lifecycle/command_parser.h"
#include "handlers/lifecycle/command_replies.h"
#include "handlers/lifecycle/lifecycle.h"
#include "handlers/lifecycle/place_check.h"
#include "handlers/lifecycle/ticket_views.h"
#include "handlers/reply.h"
#include "handlers/schedule/followup.h"
#include "handlers/schedule/notify_targets.h"
#include "handlers/schedule/points.h"
#include "storage/closeoff_waits.h"
#include "storage/inbox.h"
#include "storage/outbox.h"
#include "storage/ticket_repo.h"

namespace paike {

namespace {

constexpr int kListLimit = 10;  // lines in a 待办 / 逾期 / 我的 answer: a chat is no spreadsheet

// One command being answered: the message, who sent it, where, and how to reply.
struct Session {
  const Deployment& d;
  const Tagger& tagger;
  Intake& intake;
  const ChatEvent& event;
  const std::vector<PreparedPhoto>& photos;
  Database& db;
  const Group& group;
  Actor actor;
  TimePoint now;
  const PhotoStore* photo_store;  // null: after-photos are not compared

  void say(std::string text, std::vector<std::string> mentions = {}, std::optional<int64_t> ticket_id = {}) {
    OutgoingMessage m = reply(event, std::move(text), roster_mentions(d, std::move(mentions)));
    m.ticket_id = ticket_id;
    Outbox(db).enqueue(m, now);
  }

  ChangeContext change() const { return ChangeContext{db, d, actor, now, event.event_id}; }
};

LifecycleAction action_of(CommandKind kind) {
  switch (kind) {
    case CommandKind::rectify:
      return LifecycleAction::rectify;
    case CommandKind::confirm:
      return LifecycleAction::confirm;
    case CommandKind::reject:
      return LifecycleAction::reject;
    case CommandKind::reassign:
      return LifecycleAction::reassign;
    case CommandKind::extend:
      return LifecycleAction::extend;
    case CommandKind::withdraw:
      return LifecycleAction::withdraw;
    case CommandKind::merge:
      return LifecycleAction::merge;
    case CommandKind::reopen:
      return LifecycleAction::reopen;
    case CommandKind::recategorize:
      return LifecycleAction::recategorize;
    default:
      return LifecycleAction::relocate;
  }
}

// Says why a lifecycle function refused; nothing changed.
void refuse(Session& s, const Error& error, LifecycleAction action, const Ticket& ticket) {
  if (error.code == ErrorCode::forbidden) {
    s.say(forbidden_reply(action, ticket.id, s.d), {}, ticket.id);
  } else if (error.code == ErrorCode::wrong_state) {
    auto current = TicketRepo(s.db).get(ticket.id);
    s.say(wrong_state_reply(action, current.value_or(ticket), s.d), {}, ticket.id);
  } else if (error.code == ErrorCode::needs_approval) {
    std::vector<std::string> liaisons;
    for (const auto& p : s.d.people) {
      for (const auto& v : p.villages) {
        if (p.role == Role::village_liaison && v == ticket.village) liaisons.push_back(p.user_id);
      }
    }
    s.say(needs_approval_reply(s.d, ticket.village), liaisons, ticket.id);
  } else if (error.code == ErrorCode::not_found) {
    s.say(s.d.wording.render("commands.merge_target_not_found"), {}, ticket.id);
  } else {
    spdlog::info("event {}: command refused: {}", s.event.event_id, error.message);
    s.say(s.d.wording.render("commands.not_taken"), {}, ticket.id);
  }
}

// The roster person named by an @-mention in the message, or by "@姓名"/"姓名" at the start of
// `words`; `words` is advanced past the name when it was written there.
const Person* named_person(Session& s, std::string& words) {
  std::string_view w = trim(words);
  if (starts_with(w, "@")) w.remove_prefix(1);
  const Person* best = nullptr;
  for (const auto& p : s.d.people) {
    if (starts_with(w, p.name) && (!best || p.name.size() > best->name.size())) best = &p;
  }
  if (best) {
    words = std::string(trim(w.substr(best->name.size())));
    return best;
  }
  for (const auto& id : s.event.mentions) {
    if (const Person* p = s.d.find_person(id)) return p;
  }
  return nullptr;
}

const Category* named_category(const Deployment& d, const std::string& words) {
  std::string_view w = trim(words);
  if (!w.empty() && w.size() <= 2 && w.find_first_not_of("0123456789") == std::string_view::npos) {
    size_t n = std::stoul(std::string(w));
    return n >= 1 && n <= d.categories.size() ? &d.categories[n - 1] : nullptr;
  }
  for (const auto& c : d.categories) {
    if (w == c.name || w == c.code || (!w.empty() && starts_with(c.name, w))) return &c;
  }
  return nullptr;
}

std::vector<std::string> before_photos(Database& db, int64_t ticket_id) {
  std::vector<std::string> shas;
  for (const auto& p : TicketRepo(db).photos(ticket_id)) {
    if (p.kind == "before") shas.push_back(p.sha256);
  }
  return shas;
}

void rectify_with(Session& s, const Ticket& ticket, const std::vector<std::string>& photos) {
  // Compared only when the change will be taken, so a refusal costs no feature matching.
  std::optional<AfterPhotoCheck> check;
  if (s.photo_store && may(s.actor, LifecycleAction::rectify, ticket) &&
      starts_from(LifecycleAction::rectify, ticket.status)) {
    check = check_after_photos(*s.photo_store, before_photos(s.db, ticket.id), photos, s.d.photos.vision);
  }
  auto done = rectify(s.change(), ticket.id, photos, check);
  if (!done) return refuse(s, done.error(), LifecycleAction::rectify, ticket);
  s.say(rectified_reply(*done, s.d), {done->reporter_id}, done->id);
  if (check && check->verdict == kSamePlaceDifferent) {
    const auto checkers = people_to_notify({"village_secretary"}, *done, s.d);
    s.say(place_mismatch_reply(*done, checkers, s.d), checkers, done->id);
  }
}

void run_rectify(Session& s, const Ticket& ticket) {
  std::vector<std::string> photos = store_photos(s.photos, s.db);
  if (photos.empty()) photos = take_waiting_photos(s.event, s.now - s.d.lifecycle.photo_window, s.db);
  if (!photos.empty()) return rectify_with(s, ticket, photos);
  // No photo yet: check the right and the state first, so nobody is asked for a photo in vain.
  if (!may(s.actor, LifecycleAction::rectify, ticket))
    return refuse(s, {ErrorCode::forbidden, ""}, LifecycleAction::rectify, ticket);
  if (!starts_from(LifecycleAction::rectify, ticket.status)) {
    return refuse(s, {ErrorCode::wrong_state, ""}, LifecycleAction::rectify, ticket);
  }
  CloseoffWaits(s.db).open({0, s.event.platform, s.event.group_id, s.event.user_id, ticket.id, s.now,
                            s.now + s.d.lifecycle.photo_window, s.event.event_id});
  s.say(after_photo_request(ticket.id, s.d), {}, ticket.id);
}

// A lifecycle command on a ticket the actor may see from this group.
void run_lifecycle(Session& s, const Command& cmd, const Ticket& ticket) {
  const LifecycleAction action = action_of(cmd.kind);
  const ChangeContext c = s.change();
  std::string words = cmd.rest;
  switch (cmd.kind) {
    case CommandKind::rectify:
      return run_rectify(s, ticket);
    case CommandKind::confirm: {
      auto done = confirm(c, ticket.id);
      if (!done) return refuse(s, done.error(), action, ticket);
      return s.say(confirmed_reply(*done, s.d), {done->assignee_id}, done->id);
    }
    case CommandKind::reject: {
      if (words.empty()) return s.say(reason_needed_reply(action, s.d), {}, ticket.id);
      auto done = reject(c, ticket.id, words);
      if (!done) return refuse(s, done.error(), action, ticket);
      return s.say(rejected_reply(*done, words, s.d), {done->assignee_id}, done->id);
    }
    case CommandKind::reassign: {
      const Person* to = named_person(s, words);
      if (!to) return s.say(s.d.wording.render("commands.reassign_whom"), {}, ticket.id);
      auto done = reassign(c, ticket.id, to->user_id, words);
      if (!done) return refuse(s, done.error(), action, ticket);
      return s.say(reassigned_reply(*done, s.d), {done->assignee_id}, done->id);
    }
    case CommandKind::extend: {
      if (!cmd.span) return s.say(s.d.wording.render("commands.extend_how_long"), {}, ticket.id);
      auto done = extend(c, ticket.id, *cmd.span, words);
      if (!done) return refuse(s, done.error(), action, ticket);
      return s.say(extended_reply(*done, *cmd.span, s.d), {done->assignee_id}, done->id);
    }
    case CommandKind::withdraw: {
      auto done = withdraw(c, ticket.id, words);
      if (!done) return refuse(s, done.error(), action, ticket);
      return s.say(withdrawn_reply(*done, s.d), {}, done->id);
    }
    case CommandKind::merge: {
      if (!cmd.other_ticket) return s.say(s.d.wording.render("commands.merge_into_what"), {}, ticket.id);
      auto done = merge(c, ticket.id, *cmd.other_ticket);
      if (!done) return refuse(s, done.error(), action, ticket);
      auto into = TicketRepo(s.db).get(*cmd.other_ticket);
      return s.say(merged_reply(*done, *into, s.d), {done->reporter_id, into->reporter_id}, into->id);
    }
    case CommandKind::reopen: {
      auto done = reopen(c, ticket.id, words);
      if (!done) return refuse(s, done.error(), action, ticket);
      return s.say(reopened_reply(*done, s.d), {done->ticket.assignee_id}, done->ticket.id);
    }
    case CommandKind::recategorize: {
      const Category* category = named_category(s.d, words);
      if (!category) return s.say(which_category_reply(s.d), {}, ticket.id);
      auto done = recategorize(c, ticket.id, category->code);
      if (!done) return refuse(s, done.error(), action, ticket);
      return s.say(recategorized_reply(*done, s.d), {done->assignee_id}, done->id);
    }
    case CommandKind::relocate: {
      auto place = words.empty() ? std::nullopt : s.tagger.locate_by_name(words, &s.group);
      if (!place || place->village.empty()) return s.say(s.d.wording.render("commands.which_place"), {}, ticket.id);
      // A village group moves its tickets within the village only.
      if (s.group.scope == GroupScope::village && place->village != s.group.village) {
        return s.say(s.d.wording.render("commands.which_place"), {}, ticket.id);
      }
      auto done = relocate(c, ticket.id, *place);
      if (!done) return refuse(s, done.error(), action, ticket);
      return s.say(relocated_reply(*done, s.d), {done->assignee_id}, done->id);
    }
    default:
      return;
  }
}

// 代报: a cadre files a report for a villager who phoned it in.
void run_proxy(Session& s, const Command& cmd) {
  const bool allowed =
      s.actor.role == Role::grid_leader
          ? s.group.scope == GroupScope::village &&
                std::find(s.actor.villages.begin(), s.actor.villages.end(), s.group.village) != s.actor.villages.end()
          : (s.group.scope == GroupScope::village
                 ? is_secretary_or_above(s.actor, s.group.village)
                 : s.actor.role != Role::villager && s.actor.role != Role::village_secretary);
  if (!allowed) return s.say(proxy_forbidden_reply(s.d));
  std::string words = cmd.rest;
  OnBehalf behalf;
  if (const Person* p = named_person(s, words)) {
    behalf = {p->user_id, p->name};
  } else if (!s.event.reply_to.empty()) {
    // Quoting the villager's own message: they are the reporter.
    if (auto row = Inbox(s.db).find(s.event.platform, s.event.reply_to)) {
      const Person* p = s.d.find_person(row->user_id);
      behalf = {row->user_id, p ? p->name : row->user_id};
    }
  }
  if (behalf.reporter_id.empty()) {
    // Not on the roster (many elderly villagers are not): the first word is their name.
    std::string_view w = trim(words);
    if (starts_with(w, "@")) w.remove_prefix(1);
    const size_t end = w.find(' ');
    std::string name(w.substr(0, end));
    if (name.empty() || utf8_length(name) > 6) return s.say(s.d.wording.render("commands.proxy_whom"));
    behalf = {"name:" + name, name};
    words = end == std::string_view::npos ? std::string() : std::string(trim(w.substr(end)));
  }
  if (words.empty() && s.photos.empty()) return s.say(s.d.wording.render("commands.proxy_whom"));
  ChatEvent report = s.event;
  report.text = words;
  s.intake.handle(report, s.photos, s.db, &behalf);
}

}  // namespace

bool Commands::handle(const ChatEvent& event, const std::vector<PreparedPhoto>& photos, Database& db) {
  const Group* group = deployment_.find_group(event.platform, event.group_id);
  if (!group) return false;
  const TimePoint now = event.received_at;
  std::optional<int64_t> quoted;
  if (!event.reply_to.empty()) quoted = Outbox(db).ticket_for_message(event.platform, event.reply_to);
  const Command cmd = parse_command(event.text, quoted.has_value());
  Session s{deployment_, tagger_,     intake_, event,
            photos,      db,          *group,  actor_for(deployment_, event.user_id, event.user_name, group),
            now,         photo_store_};

  if (cmd.kind == CommandKind::none) {
    // The after-photo a `#12 已整改` asked for, from the same person within the window; a
    // photo with words of a new problem stays a report.
    if (photos.empty()) return false;
    if (!trim(event.text).empty() && tagger_.tag({event.text, group, std::nullopt, std::nullopt, false}).is_report) {
      return false;
    }
    CloseoffWaits waits(db);
    auto wait = waits.find(event.platform, event.group_id, event.user_id, now);
    if (!wait) return false;
    auto ticket = TicketRepo(db).get(wait->ticket_id);
    std::vector<std::string> shas = store_photos(photos, db);
    if (!ticket || shas.empty()) return false;
    waits.remove(wait->id);
    rectify_with(s, *ticket, shas);
    return true;
  }

  TicketRepo tickets(db);
  const std::string village = group->scope == GroupScope::village ? group->village : std::string();
  switch (cmd.kind) {
    case CommandKind::help:
      s.say(help_text(s.actor, deployment_));
      return true;
    case CommandKind::unknown:
      s.say(deployment_.wording.render("commands.unknown"));
      return true;
    case CommandKind::points:
      s.say(points_statement(db, deployment_, event.user_id, event.user_name));
      return true;
    case CommandKind::ledger_login:
      if (!is_login_command(event)) return false;  // "台账" with a photo is a report
      handle_login_command(event, deployment_, db, now);
      return true;
    case CommandKind::mine:
      s.say(mine_list(event.user_id, tickets.open_involving(event.user_id, kListLimit), deployment_, now));
      return true;
    case CommandKind::overdue:
      s.say(ticket_list(deployment_.wording.render("views.overdue_title"),
                        tickets.open_by_due(village, true, now, kListLimit), deployment_, now));
      return true;
    case CommandKind::open_list:
      s.say(ticket_list(deployment_.wording.render("views.open_title"),
                        tickets.open_by_due(village, false, now, kListLimit), deployment_, now));
      return true;
    case CommandKind::proxy_report:
      run_proxy(s, cmd);
      return true;
    default:
      break;
  }

  const std::optional<int64_t> id = cmd.ticket_id ? cmd.ticket_id : quoted;
  if (!id) {
    s.say(deployment_.wording.render("commands.which_ticket"));
    return true;
  }
  auto ticket = tickets.get(*id);
  if (!ticket) {
    s.say(not_found_reply(*id, deployment_));
    return true;
  }
  // "好了" confirms only a ticket that awaits confirmation; otherwise it is just talk.
  if (cmd.only_when_rectified && ticket->status != TicketStatus::rectified) return false;
  if (cmd.kind == CommandKind::status_card) {
    s.say(status_card(*ticket, tickets.events(ticket->id), deployment_, now), {}, ticket->id);
    return true;
  }
  if (!village.empty() && ticket->village != village) {
    s.say(other_village_reply(*ticket, deployment_), {}, ticket->id);
    return true;
  }
  // 回头看 answers: the photo comes in the same message.
  if (cmd.kind == CommandKind::followup_normal) {
    record_followup_normal(event, photos, ticket->id, deployment_, db, now);
    return true;
  }
  if (cmd.kind == CommandKind::followup_relapse) {
    record_relapse(event, photos, ticket->id, deployment_, db, now);
    return true;
  }
  run_lifecycle(s, cmd, *ticket);
  return true;
}

void Commands::on_tick(Database& db, TimePoint now) {
  CloseoffWaits(db).expire(now);
  for (const auto& t : auto_close_due(db, deployment_, now)) {
    OutgoingMessage m;
    m.platform = t.platform;
    m.group_id = t.group_id;
    m.text = auto_closed_reply(t, deployment_);
    m.ticket_id = t.id;
    Outbox(db).enqueue(m, now);
  }
}

}  // namespace paike
