#include "handlers/schedule/notify_targets.h"

#include <algorithm>

namespace paike {

ChatTarget village_group(const Ticket& t, const Deployment& d) {
  for (const auto& g : d.groups) {
    if (g.scope == GroupScope::village && g.village == t.village && g.platform == t.platform) {
      return {g.platform, g.group_id};
    }
  }
  return {t.platform, t.group_id};
}

std::optional<ChatTarget> township_group(const std::string& platform, const Deployment& d) {
  const Group* any = nullptr;
  for (const auto& g : d.groups) {
    if (g.scope != GroupScope::township) continue;
    if (g.platform == platform) return ChatTarget{g.platform, g.group_id};
    if (!any) any = &g;
  }
  if (any) return ChatTarget{any->platform, any->group_id};
  return std::nullopt;
}

std::vector<std::string> people_to_notify(const std::vector<std::string>& codes, const Ticket& t, const Deployment& d) {
  std::vector<std::string> ids;
  auto add = [&](const std::string& id) {
    if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  };
  for (const auto& code : codes) {
    if (code == "assignee") add(t.assignee_id);
    if (code == "village_secretary") {
      if (const Person* p = d.village_secretary(t.village)) add(p->user_id);
    }
    for (const auto& p : d.people) {
      const bool covers = std::find(p.villages.begin(), p.villages.end(), t.village) != p.villages.end();
      if (code == "village_liaison" && p.role == Role::village_liaison && covers) add(p.user_id);
      if (code == "township_supervisor" && p.role == Role::township_supervisor) add(p.user_id);
    }
  }
  return ids;
}

std::vector<std::string> roster_mentions(const Deployment& deployment, std::vector<std::string> ids) {
  std::erase_if(ids, [&](const std::string& id) { return id.empty() || !deployment.find_person(id); });
  return ids;
}

}  // namespace paike
