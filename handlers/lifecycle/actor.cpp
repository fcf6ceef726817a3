#include "handlers/lifecycle/actor.h"

#include <algorithm>

namespace paike {

Actor actor_for(const Deployment& d, const std::string& user_id, const std::string& user_name, const Group* group) {
  Actor actor;
  actor.user_id = user_id;
  actor.name = user_name;
  if (const Person* p = d.find_person(user_id)) {
    actor.name = p->name;
    actor.role = p->role;
    actor.villages = p->villages;
    actor.on_roster = true;
  } else if (group && !group->village.empty()) {
    actor.villages = {group->village};
  }
  return actor;
}

Actor system_actor() {
  Actor actor;
  actor.user_id = "system";
  actor.name = "系统";
  actor.role = Role::township_supervisor;
  return actor;
}

bool is_secretary_or_above(const Actor& a, const std::string& village) {
  if (a.role == Role::township_supervisor) return true;
  if (a.role != Role::village_secretary && a.role != Role::village_liaison) return false;
  return std::find(a.villages.begin(), a.villages.end(), village) != a.villages.end();
}

}  // namespace paike
