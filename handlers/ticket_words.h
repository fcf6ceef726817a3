// A ticket and its audit trail in people's words, for chat and the web ledger alike: status,
// role and action names, the reasons the system gives, a person's name. Everything comes
// from the deployment's wording (config/default_replies.yaml areas status, role, audit).
#pragma once

#include <string>
#include <string_view>

#include "config/deployment.h"
#include "storage/ticket.h"

namespace paike {

std::string status_name(const Deployment& deployment, TicketStatus status);  // "整改中"
std::string role_name(const Deployment& deployment, Role role);              // "网格长"
// "退回" for "rejected"; an unknown action (a newer version's row) gets the generic word.
std::string action_name(const Deployment& deployment, std::string_view action);
// The roster name of `user_id`, "系统" for the bot's own changes, else `fallback` or the id.
std::string person_name(const Deployment& deployment, const std::string& user_id, const std::string& fallback = "");
// Why: the system's reason in words ("照片拍摄于4月14日，早于发送时间7天以上"), then the
// person's own words; empty when there is neither.
std::string audit_reason(const Deployment& deployment, const AuditEvent& event);

}  // namespace paike
