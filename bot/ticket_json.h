// Tickets as the read API shows them (DESIGN.md "Read API"); field names are a contract.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "config/deployment.h"
#include "storage/ticket.h"

namespace paike {

nlohmann::json ticket_json(const Ticket& ticket, const std::vector<TicketPhoto>& photos, const Deployment& deployment,
                           TimePoint now);
nlohmann::json audit_event_json(const AuditEvent& event, const Deployment& deployment);

}  // namespace paike
