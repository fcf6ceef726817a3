#include "handlers/ledger/access.h"

#include <algorithm>

namespace paike {

bool may_use_ledger(const Person& p) { return may_use_ledger(p.role); }

bool may_use_ledger(Role role) {
  return role == Role::village_secretary || role == Role::village_liaison || role == Role::township_supervisor;
}

std::optional<std::vector<std::string>> ledger_scope(const Person& p) {
  if (p.role == Role::township_supervisor) return std::nullopt;
  if (!may_use_ledger(p)) return std::vector<std::string>{};
  return p.villages;
}

bool may_see_village(const Person& p, const std::string& village) {
  auto scope = ledger_scope(p);
  return !scope || std::find(scope->begin(), scope->end(), village) != scope->end();
}

std::vector<std::string> visible_villages(const Person& p, const Deployment& d) {
  std::vector<std::string> out;
  for (const auto& v : d.villages()) {
    if (may_see_village(p, v)) out.push_back(v);
  }
  return out;
}

}  // namespace paike
