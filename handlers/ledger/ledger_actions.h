// What a cadre may do to a ticket from the web ledger page, and doing it. The page obeys the
// same transition table as the chat commands (handlers/lifecycle): an action is offered only
// when the lifecycle would allow it, and taking it calls the lifecycle's function, then tells
// the ticket's group what happened, as the chat command would.
// Runs on the caller's Database inside the caller's transaction.
#pragma once

#include <string>
#include <vector>

#include "config/deployment.h"
#include "config/result.h"
#include "storage/database.h"
#include "storage/ticket.h"

namespace paike {

struct LedgerAction {
  std::string code;           // "confirm"
  std::string label;          // "确认销号"
  bool needs_reason = false;  // the form's 说明 must be filled in
};

// The actions this person may take on this ticket now, in page order.
std::vector<LedgerAction> ledger_actions(const Deployment& deployment, const Person& person, const Ticket& ticket);

// Applies `action`; fails with "forbidden" (role/village), "not_allowed" (state),
// "reason_needed" or "unknown_action". On success the ticket, its audit row and a notice to
// the ticket's group are written.
Result<Ticket> apply_ledger_action(const std::string& action, const Person& person, int64_t ticket_id,
                                   const std::string& reason, const Deployment& deployment, Database& db,
                                   TimePoint now);

// The line the ticket page shows after an action succeeded ("" for an unknown code).
std::string ledger_action_done_notice(const Deployment& deployment, const std::string& code);

}  // namespace paike
