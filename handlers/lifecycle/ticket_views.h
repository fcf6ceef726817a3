// Read-only answers in chat: a ticket's status card, "我的", "逾期"/"待办" lists and the
// role-aware help. Pure formatting of what the caller loaded; no database access here.
#pragma once

#include <string>
#include <vector>

#include "config/deployment.h"
#include "handlers/lifecycle/actor.h"
#include "storage/ticket.h"

namespace paike {

// "#12【生活垃圾】整改中 …" with place, assignee, deadline and the last few history lines.
std::string status_card(const Ticket& t, const std::vector<AuditEvent>& history, const Deployment& d, TimePoint now);
// "我的": tickets the person reported and tickets they must fix.
std::string mine_list(const std::string& user_id, const std::vector<Ticket>& tickets, const Deployment& d,
                      TimePoint now);
// "逾期" / "待办" of one village (or the township), most urgent first.
std::string ticket_list(const std::string& title, const std::vector<Ticket>& tickets, const Deployment& d,
                        TimePoint now);
std::string help_text(const Actor& actor, const Deployment& d);

}  // namespace paike
