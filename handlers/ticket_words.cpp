#include "handlers/ticket_words.h"

namespace paike {

std::string status_name(const Deployment& d, TicketStatus status) {
  return d.wording.render("status." + std::string(status_code(status)));
}

std::string role_name(const Deployment& d, Role role) {
  return d.wording.render("role." + std::string(role_code(role)));
}

std::string action_name(const Deployment& d, std::string_view action) {
  const std::string key = "audit.action." + std::string(action);
  return d.wording.has(key) ? d.wording.render(key) : d.wording.render("audit.reason.legacy");
}

std::string person_name(const Deployment& d, const std::string& user_id, const std::string& fallback) {
  if (const Person* p = d.find_person(user_id)) return p->name;
  if (user_id == "system") return d.wording.render("audit.system_actor");
  return fallback.empty() ? user_id : fallback;
}

std::string audit_reason(const Deployment& d, const AuditEvent& e) {
  const std::string key = "audit.reason." + e.reason_code;
  const std::string reason =
      e.reason_code.empty() ? "" : d.wording.render(d.wording.has(key) ? key : "audit.reason.legacy", e.reason_params);
  if (reason.empty()) return e.reason;
  if (e.reason.empty()) return reason;
  return d.wording.render("audit.reason_and_words", {{"reason", reason}, {"words", e.reason}});
}

}  // namespace paike
