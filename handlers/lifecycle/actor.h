// Who is acting: a roster person with their role and villages, or — for anyone not on the
// roster — a villager of the village whose group they wrote in (DESIGN.md "Who uses it").
#pragma once

#include <string>
#include <vector>

#include "config/deployment.h"

namespace paike {

struct Actor {
  std::string user_id;  // "system" for the bot's own time-driven changes
  std::string name;
  Role role = Role::villager;
  std::vector<std::string> villages;  // villages the person belongs to or answers for
  bool on_roster = false;
};

// `group` may be null (the web ledger acts outside any chat).
Actor actor_for(const Deployment& deployment, const std::string& user_id, const std::string& user_name,
                const Group* group);
Actor system_actor(const Deployment& deployment);

// The roles that may take every action on the tickets of the villages they answer for: the
// village secretary, the liaisons covering it, the township supervisor.
inline constexpr Role kCadreRoles[] = {Role::village_secretary, Role::village_liaison, Role::township_supervisor};
bool is_cadre(Role role);

// Secretary of the village, a liaison covering it, or the township supervisor.
bool is_secretary_or_above(const Actor& actor, const std::string& village);

}  // namespace paike
