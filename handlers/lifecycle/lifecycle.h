// The ticket lifecycle (DESIGN.md "Ticket lifecycle"): one transition table — which states an
// action starts from, where it leads and who may take it — and one plain function per action.
// Chat commands and the web ledger call the same functions. Each checks the actor's right and
// the ticket's state, then writes the ticket and exactly one audit row per change on the
// caller's Database, inside the caller's transaction; it says nothing in chat (callers do).
// Expected failures come back as Error codes:
//   not_found, forbidden, wrong_state, bad_argument, needs_photo, needs_approval.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/deployment.h"
#include "config/result.h"
#include "handlers/lifecycle/actor.h"
#include "handlers/tagging/tagging.h"
#include "storage/database.h"
#include "storage/ticket.h"

namespace paike {

enum class LifecycleAction {
  rectify,       // 已整改: assigned → rectified, with after-photo(s)
  confirm,       // 确认: rectified → closed
  reject,        // 退回: rectified → assigned
  reassign,      // 转派: new assignee
  extend,        // 延期: later due time
  withdraw,      // 撤销: open → withdrawn
  merge,         // 合并: open → merged into another ticket
  reopen,        // 重开: closed → assigned (or a new linked ticket after the reopen window)
  recategorize,  // 类别: new category, deadline recomputed from creation
  relocate,      // 位置: new place
};

// Every action, in the table's order (帮助 lists them so).
const std::vector<LifecycleAction>& all_actions();
// "rectify": names the action's words (lifecycle.action.<code>, help.action.<code>).
std::string_view action_code(LifecycleAction action);
std::string action_word(const Deployment& deployment, LifecycleAction action);  // "已整改"
// "村支书、包村干部、督办": the roles that may take every action on their villages' tickets.
std::string cadre_names(const Deployment& deployment);
// "报告人或村支书、包村干部、督办": the action's one other party, then the cadres, from the table.
std::string who_may(const Deployment& deployment, LifecycleAction action);

// What a person of `role` may do with `action`, for 帮助: `may` on some tickets of their
// village; `only` names the party they must be ("reporter", "assignee",
// "reporter_while_assigned"), empty when they may act on every one.
struct ActionRight {
  bool may = false;
  std::string_view only;
};
ActionRight right_of(Role role, LifecycleAction action);
bool starts_from(LifecycleAction action, TicketStatus status);
// The actor's right by role only (the state is checked separately).
bool may(const Actor& actor, LifecycleAction action, const Ticket& ticket);

// One change: who, when, and the message that asked for it.
struct ChangeContext {
  Database& db;
  const Deployment& deployment;
  const Actor& actor;
  TimePoint now;
  std::string source_event_id;  // empty when not from chat
};

// What comparing the after-photo with the before-photo found (handlers/place_check). Kept on
// the rectify audit row; "different" holds the ticket for a person: no automatic close-off.
struct AfterPhotoCheck {
  double score = 0;     // 0–1
  std::string verdict;  // "same", "different", "unsure"
};

Result<Ticket> rectify(const ChangeContext& c, int64_t id, const std::vector<std::string>& after_photo_sha256s,
                       const std::optional<AfterPhotoCheck>& check = std::nullopt);
Result<Ticket> confirm(const ChangeContext& c, int64_t id);
Result<Ticket> reject(const ChangeContext& c, int64_t id, const std::string& reason);
Result<Ticket> reassign(const ChangeContext& c, int64_t id, const std::string& assignee_id, const std::string& reason);
Result<Ticket> extend(const ChangeContext& c, int64_t id, Duration by, const std::string& reason);
Result<Ticket> withdraw(const ChangeContext& c, int64_t id, const std::string& reason);
Result<Ticket> merge(const ChangeContext& c, int64_t id, int64_t into_id);

struct Reopened {
  Ticket ticket;            // the reopened ticket, or the new one linked to it
  bool new_ticket = false;  // closed longer than the reopen window ago
  int64_t previous_id = 0;
};
Result<Reopened> reopen(const ChangeContext& c, int64_t id, const std::string& reason);

Result<Ticket> recategorize(const ChangeContext& c, int64_t id, const std::string& category_code);
// `place` from Tagger::locate_by_name; the grid's leader takes the ticket when the grid changes.
Result<Ticket> relocate(const ChangeContext& c, int64_t id, const TagResult& place);

// Closes rectified tickets nobody objected to within deployment.lifecycle.auto_close, as the
// system actor; a ticket whose after-photo looked like another place waits for a person. Returns the closed tickets
// (callers announce them).
std::vector<Ticket> auto_close_due(Database& db, const Deployment& deployment, TimePoint now);

}  // namespace paike
