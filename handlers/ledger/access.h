// Who may use the web ledger and what they see there: a village secretary their village,
// a township liaison their villages, a supervisor everything. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/deployment.h"
#include "storage/ticket.h"

namespace paike {

// Village secretary or above.
bool may_use_ledger(const Person& person);
bool may_use_ledger(Role role);
// The villages the person sees; nullopt means all of them (supervisor).
std::optional<std::vector<std::string>> ledger_scope(const Person& person);
bool may_see_village(const Person& person, const std::string& village);
// The villages to list on the stats page, in the deployment's order.
std::vector<std::string> visible_villages(const Person& person, const Deployment& deployment);

}  // namespace paike
