#include "handlers/lifecycle/lifecycle.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "handlers/intake/replies.h"
#include "handlers/intake/ticket_filing.h"
#include "handlers/ticket_words.h"
#include "storage/ticket_repo.h"

namespace paike {

namespace {

using S = TicketStatus;

// Who may take an action, beyond the village's secretary, its liaisons and the supervisor
// (who may take every action on the tickets of the villages they answer for).
enum class Also { nobody, reporter, assignee, reporter_while_assigned };

// The party's code names its words (lifecycle.party.*, help.only.*).
std::string_view also_code(Also also) {
  switch (also) {
    case Also::reporter:
      return "reporter";
    case Also::assignee:
      return "assignee";
    case Also::reporter_while_assigned:
      return "reporter_while_assigned";
    case Also::nobody:
      break;
  }
  return "";
}

struct Rule {
  LifecycleAction action;
  std::string_view code;  // names its words: lifecycle.action.<code>, help.action.<code>
  std::vector<S> from;
  Also also;
};

const std::vector<Rule>& rules() {
  static const std::vector<Rule> table = {
      {LifecycleAction::rectify, "rectify", {S::assigned}, Also::assignee},
      {LifecycleAction::confirm, "confirm", {S::rectified}, Also::reporter},
      {LifecycleAction::reject, "reject", {S::rectified}, Also::reporter},
      {LifecycleAction::reassign, "reassign", {S::assigned, S::rectified}, Also::nobody},
      {LifecycleAction::extend, "extend", {S::assigned, S::rectified}, Also::nobody},
      {LifecycleAction::withdraw, "withdraw", {S::assigned, S::rectified}, Also::reporter_while_assigned},
      {LifecycleAction::merge, "merge", {S::assigned, S::rectified}, Also::nobody},
      {LifecycleAction::reopen, "reopen", {S::closed}, Also::reporter},
      {LifecycleAction::recategorize, "recategorize", {S::assigned, S::rectified}, Also::reporter},
      {LifecycleAction::relocate, "relocate", {S::assigned, S::rectified}, Also::reporter},
  };
  return table;
}

const Rule& rule(LifecycleAction action) {
  for (const auto& r : rules()) {
    if (r.action == action) return r;
  }
  return rules().front();
}

std::string code(S status) { return std::string(status_code(status)); }

Result<Ticket> load(const ChangeContext& c, int64_t id, LifecycleAction action) {
  auto ticket = TicketRepo(c.db).get(id);
  if (!ticket) return make_error(ErrorCode::not_found, "no ticket #" + std::to_string(id));
  if (!may(c.actor, action, *ticket)) {
    return make_error(ErrorCode::forbidden,
                      c.actor.user_id + " may not " + std::string(rule(action).code) + " #" + std::to_string(id));
  }
  if (!starts_from(action, ticket->status)) {
    return make_error(ErrorCode::wrong_state, "#" + std::to_string(id) + " is " + code(ticket->status));
  }
  return *ticket;
}

AuditEvent audit(const ChangeContext& c, const Ticket& t, std::string action) {
  AuditEvent e;
  e.ticket_id = t.id;
  e.at = c.now;
  e.actor_id = c.actor.user_id;
  e.action = std::move(action);
  e.source_event_id = c.source_event_id;
  return e;
}

// A state change: the ticket row and its one audit row.
void write_transition(const ChangeContext& c, const Ticket& before, const Ticket& after, std::string action,
                      std::string reason, AuditEvent field = {}) {
  TicketRepo repo(c.db);
  repo.update(after);
  AuditEvent e = audit(c, after, std::move(action));
  e.from_status = code(before.status);
  e.to_status = code(after.status);
  e.field = field.field;
  e.old_value = field.old_value;
  e.new_value = field.new_value;
  e.reason = std::move(reason);
  e.reason_code = field.reason_code;
  e.reason_params = field.reason_params;
  repo.add_event(e);
}

// A plain state change: loaded, moved, written. Leaving the open states stamps closed_at.
Result<Ticket> move(const ChangeContext& c, int64_t id, LifecycleAction action, S to, const char* audit_action,
                    const std::string& reason, AuditEvent why = {}) {
  auto loaded = load(c, id, action);
  if (!loaded) return loaded;
  Ticket after = *loaded;
  after.status = to;
  if (is_open(to)) {
    after.closed_at.reset();
  } else {
    after.closed_at = c.now;
  }
  write_transition(c, *loaded, after, audit_action, reason, why);
  return after;
}

// A field change without a state change: the ticket row and one audit row; `why` carries a
// system reason's code, if any.
void write_field(const ChangeContext& c, const Ticket& after, std::string action, std::string field,
                 std::string old_value, std::string new_value, std::string reason, AuditEvent why = {}) {
  AuditEvent e = audit(c, after, std::move(action));
  e.field = std::move(field);
  e.old_value = std::move(old_value);
  e.new_value = std::move(new_value);
  e.reason = std::move(reason);
  e.reason_code = std::move(why.reason_code);
  e.reason_params = std::move(why.reason_params);
  TicketRepo(c.db).add_event(e);
}

std::string iso(const ChangeContext& c, TimePoint t) { return format_iso8601(t, c.deployment.time_zone); }

Duration category_deadline(const Deployment& d, const std::string& category) {
  const Category* cat = d.find_category(category);
  return cat ? cat->deadline : Duration(std::chrono::days(7));
}

}  // namespace

const std::vector<LifecycleAction>& all_actions() {
  static const std::vector<LifecycleAction> actions = [] {
    std::vector<LifecycleAction> out;
    for (const auto& r : rules()) out.push_back(r.action);
    return out;
  }();
  return actions;
}

std::string_view action_code(LifecycleAction action) { return rule(action).code; }

std::string action_word(const Deployment& d, LifecycleAction action) {
  const std::string key = "lifecycle.action." + std::string(action_code(action));
  return d.wording.render(key);
}

std::string cadre_names(const Deployment& d) {
  std::string names;
  for (Role role : kCadreRoles) {
    if (!names.empty()) names += d.wording.render("lifecycle.cadre_separator");
    names += role_name(d, role);
  }
  return names;
}

std::string who_may(const Deployment& d, LifecycleAction action) {
  const std::string_view party = also_code(rule(action).also);
  if (party.empty()) return cadre_names(d);
  const std::string party_key = "lifecycle.party." + std::string(party);
  return d.wording.render("lifecycle.who_may", {{"party", d.wording.render(party_key)}, {"cadres", cadre_names(d)}});
}

ActionRight right_of(Role role, LifecycleAction action) {
  if (is_cadre(role)) return {true, ""};
  const Also also = rule(action).also;
  switch (also) {
    case Also::reporter:
    case Also::reporter_while_assigned:
      return {true, also_code(also)};  // anyone may report a problem
    case Also::assignee:
      return {role != Role::villager, also_code(also)};
    case Also::nobody:
      break;
  }
  return {false, ""};
}

bool starts_from(LifecycleAction action, TicketStatus status) {
  const auto& from = rule(action).from;
  return std::find(from.begin(), from.end(), status) != from.end();
}

bool may(const Actor& actor, LifecycleAction action, const Ticket& t) {
  if (is_secretary_or_above(actor, t.village)) return true;
  switch (rule(action).also) {
    case Also::reporter:
      return actor.user_id == t.reporter_id;
    case Also::assignee:
      return !t.assignee_id.empty() && actor.user_id == t.assignee_id;
    case Also::reporter_while_assigned:
      return actor.user_id == t.reporter_id && t.status == S::assigned;
    case Also::nobody:
      return false;
  }
  return false;
}

Result<Ticket> rectify(const ChangeContext& c, int64_t id, const std::vector<std::string>& photos,
                       const std::optional<AfterPhotoCheck>& check) {
  auto loaded = load(c, id, LifecycleAction::rectify);
  if (!loaded) return loaded;
  if (photos.empty()) return make_error(ErrorCode::needs_photo, "rectify needs an after-photo");
  Ticket after = *loaded;
  after.status = S::rectified;
  TicketRepo repo(c.db);
  for (const auto& sha : photos) repo.add_photo({0, id, "after", sha, 0, 0, c.now, c.source_event_id});
  AuditEvent place;
  if (check) {
    place.field = std::string(kSamePlaceField);
    place.new_value = fmt::format("{} {:.2f}", check->verdict, check->score);
  }
  place.reason_code = "after_photos";
  place.reason_params = {{"count", std::to_string(photos.size())}};
  write_transition(c, *loaded, after, "rectified", "", place);
  return after;
}

Result<Ticket> confirm(const ChangeContext& c, int64_t id) {
  auto ticket = TicketRepo(c.db).get(id);
  const bool by_reporter = ticket && c.actor.user_id == ticket->reporter_id;
  AuditEvent why;
  why.reason_code = by_reporter ? "confirmed_by_reporter" : "confirmed_by_checker";
  return move(c, id, LifecycleAction::confirm, S::closed, "closed", "", why);
}

Result<Ticket> reject(const ChangeContext& c, int64_t id, const std::string& reason) {
  return move(c, id, LifecycleAction::reject, S::assigned, "rejected", reason);
}

Result<Ticket> reassign(const ChangeContext& c, int64_t id, const std::string& assignee_id, const std::string& reason) {
  auto loaded = load(c, id, LifecycleAction::reassign);
  if (!loaded) return loaded;
  if (assignee_id.empty() || !c.deployment.find_person(assignee_id)) {
    return make_error(ErrorCode::bad_argument, "the new assignee must be on the roster");
  }
  if (assignee_id == loaded->assignee_id)
    return make_error(ErrorCode::bad_argument, "already assigned to " + assignee_id);
  Ticket after = *loaded;
  after.assignee_id = assignee_id;
  TicketRepo(c.db).update(after);
  write_field(c, after, "reassigned", "assignee", loaded->assignee_id, assignee_id, reason);
  return after;
}

Result<Ticket> extend(const ChangeContext& c, int64_t id, Duration by, const std::string& reason) {
  auto loaded = load(c, id, LifecycleAction::extend);
  if (!loaded) return loaded;
  if (by.count() <= 0 || by > std::chrono::days(366))
    return make_error(ErrorCode::bad_argument, "extension out of range");
  // Long extensions need the township: the liaison or the supervisor approves them.
  if (by > c.deployment.lifecycle.max_extension && c.actor.role == Role::village_secretary) {
    return make_error(ErrorCode::needs_approval,
                      "extensions over " + format_duration(c.deployment.lifecycle.max_extension) + " need a liaison");
  }
  Ticket after = *loaded;
  // Extends from the current deadline, or from now when it has passed already.
  after.due_at = std::max(loaded->due_at, c.now) + by;
  TicketRepo(c.db).update(after);
  write_field(c, after, "extended", "due_at", iso(c, loaded->due_at), iso(c, after.due_at), reason);
  return after;
}

Result<Ticket> withdraw(const ChangeContext& c, int64_t id, const std::string& reason) {
  return move(c, id, LifecycleAction::withdraw, S::withdrawn, "withdrawn", reason);
}

Result<Ticket> merge(const ChangeContext& c, int64_t id, int64_t into_id) {
  if (id == into_id) return make_error(ErrorCode::bad_argument, "a ticket cannot merge into itself");
  auto loaded = load(c, id, LifecycleAction::merge);
  if (!loaded) return loaded;
  auto into = TicketRepo(c.db).get(into_id);
  if (!into) return make_error(ErrorCode::not_found, "no ticket #" + std::to_string(into_id));
  if (!may(c.actor, LifecycleAction::merge, *into))
    return make_error(ErrorCode::forbidden, "may not touch #" + std::to_string(into_id));
  if (!is_open(into->status)) return make_error(ErrorCode::wrong_state, "#" + std::to_string(into_id) + " is not open");
  Ticket after = *loaded;
  after.status = S::merged;
  after.merged_into = into_id;
  after.closed_at = c.now;
  AuditEvent field;
  field.field = "merged_into";
  field.new_value = std::to_string(into_id);
  field.reason_code = "merged_into";
  field.reason_params = {{"ticket", std::to_string(into_id)}};
  write_transition(c, *loaded, after, "merged", "", field);
  return after;
}

Result<Reopened> reopen(const ChangeContext& c, int64_t id, const std::string& reason) {
  auto loaded = load(c, id, LifecycleAction::reopen);
  if (!loaded) return loaded.error();
  const Ticket& old = *loaded;
  const Duration deadline = category_deadline(c.deployment, old.category);
  TicketRepo repo(c.db);
  if (old.closed_at && c.now - *old.closed_at <= c.deployment.lifecycle.reopen_window) {
    Ticket after = old;
    after.status = S::assigned;
    after.closed_at.reset();
    after.due_at = c.now + deadline;  // a fresh deadline: the old one has long passed
    AuditEvent field;
    field.field = "due_at";
    field.old_value = iso(c, old.due_at);
    field.new_value = iso(c, after.due_at);
    write_transition(c, old, after, "reopened", reason, field);
    return Reopened{after, false, id};
  }
  // Closed long ago: the problem came back (回潮), so it is a new ticket that points back.
  Ticket fresh = old;
  fresh.id = 0;
  fresh.status = S::assigned;
  fresh.closed_at.reset();
  fresh.merged_into.reset();
  const std::string old_id = std::to_string(id);
  fresh.text = reason.empty()
                   ? c.deployment.wording.render("lifecycle.reopened_text", {{"ticket", old_id}, {"text", old.text}})
                   : c.deployment.wording.render("lifecycle.reopened_text_with_reason",
                                                 {{"ticket", old_id}, {"reason", reason}, {"text", old.text}});
  fresh.filer_id = c.actor.user_id;
  fresh.assignee_id = default_assignee(c.deployment, old.village, old.grid_id);
  if (fresh.assignee_id.empty()) fresh.assignee_id = old.assignee_id;
  fresh.source_event_id = c.source_event_id;
  fresh.created_at = c.now;
  fresh.due_at = c.now + deadline;
  repo.create(fresh);
  for (const auto& p : repo.photos(id)) {
    if (p.kind == "before") repo.add_photo({0, fresh.id, "before", p.sha256, 0, 0, c.now, c.source_event_id});
  }
  AuditEvent created = audit(c, fresh, "created");
  created.to_status = code(S::assigned);
  created.field = "reopened_from";
  created.new_value = std::to_string(id);
  created.reason = reason;
  repo.add_event(created);
  write_field(c, old, "relapse_linked", "relapse_ticket", "", std::to_string(fresh.id), reason);
  return Reopened{fresh, true, id};
}

Result<Ticket> recategorize(const ChangeContext& c, int64_t id, const std::string& category_code) {
  auto loaded = load(c, id, LifecycleAction::recategorize);
  if (!loaded) return loaded;
  if (!c.deployment.find_category(category_code)) return make_error(ErrorCode::bad_argument, "unknown category");
  if (category_code == loaded->category) return make_error(ErrorCode::bad_argument, "same category");
  Ticket after = *loaded;
  after.category = category_code;
  after.category_confidence = 1.0;
  after.due_at = loaded->created_at + category_deadline(c.deployment, category_code);
  TicketRepo(c.db).update(after);
  write_field(c, after, "recategorized", "category", loaded->category, category_code, "");
  if (after.due_at != loaded->due_at) {
    AuditEvent why;
    why.reason_code = "deadline_recomputed";
    write_field(c, after, "recategorized", "due_at", iso(c, loaded->due_at), iso(c, after.due_at), "", why);
  }
  return after;
}

Result<Ticket> relocate(const ChangeContext& c, int64_t id, const TagResult& place) {
  auto loaded = load(c, id, LifecycleAction::relocate);
  if (!loaded) return loaded;
  if (place.village.empty()) return make_error(ErrorCode::bad_argument, "the place names no village");
  Ticket after = *loaded;
  after.village = place.village;
  after.grid_id = place.grid_id.value_or("");
  after.landmark = place.landmark;
  after.location_source = place.location_source;
  if (place.point) after.point = place.point;
  const std::string old_place = ticket_place(*loaded, c.deployment);
  const std::string new_place = ticket_place(after, c.deployment);
  if (old_place == new_place) return make_error(ErrorCode::bad_argument, "same place");
  // Another grid has another leader: the ticket follows the place.
  if (after.grid_id != loaded->grid_id || after.village != loaded->village) {
    std::string assignee = default_assignee(c.deployment, after.village, after.grid_id);
    if (!assignee.empty()) after.assignee_id = assignee;
  }
  TicketRepo(c.db).update(after);
  write_field(c, after, "relocated", "place", old_place, new_place, "");
  if (after.assignee_id != loaded->assignee_id) {
    AuditEvent why;
    why.reason_code = "place_corrected";
    write_field(c, after, "reassigned", "assignee", loaded->assignee_id, after.assignee_id, "", why);
  }
  return after;
}

std::vector<Ticket> auto_close_due(Database& db, const Deployment& d, TimePoint now) {
  std::vector<Ticket> closed;
  TicketRepo repo(db);
  const Actor system = system_actor(d);
  const ChangeContext c{db, d, system, now, ""};
  for (int64_t id : repo.rectified_since_before(now - d.lifecycle.auto_close, 100)) {
    auto before = repo.get(id);
    if (!before) continue;
    Ticket after = *before;
    after.status = S::closed;
    after.closed_at = now;
    AuditEvent why;
    why.reason_code = "auto_closed";
    why.reason_params = {{"wait", chinese_duration(d, d.lifecycle.auto_close)}};
    write_transition(c, *before, after, "auto_closed", "", why);
    spdlog::info("ticket #{}: closed automatically", id);
    closed.push_back(after);
  }
  return closed;
}

}  // namespace paike
