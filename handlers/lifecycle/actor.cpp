#include "handlers/lifecycle/actor.h"

#include <algorithm>
#include <iterator>

#include "handlers/ticket_words.h"

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

Actor system_actor(const Deployment& d) {
  Actor actor;
  actor.user_id = "system";
  actor.name = person_name(d, actor.user_id);
  actor.role = Role::township_supervisor;
  return actor;
}

bool is_cadre(Role role) {
  return std::find(std::begin(kCadreRoles), std::end(kCadreRoles), role) != std::end(kCadreRoles);
}

bool is_secretary_or_above(const Actor& a, const std::string& village) {
  if (a.role == Role::township_supervisor) return true;
  if (!is_cadre(a.role)) return false;
  return std::find(a.villages.begin(), a.villages.end(), village) != a.villages.end();
}

}  // namespace paike
