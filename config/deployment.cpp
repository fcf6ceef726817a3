#include "config/deployment.h"

#include <algorithm>

namespace paike {

namespace {
struct RoleInfo {
  Role role;
  std::string_view code;
};
constexpr RoleInfo kRoles[] = {
    {Role::villager, "villager"},
    {Role::grid_leader, "grid_leader"},
    {Role::village_secretary, "village_secretary"},
    {Role::village_liaison, "village_liaison"},
    {Role::township_supervisor, "township_supervisor"},
};
}  // namespace

std::optional<Role> parse_role(std::string_view code) {
  for (const auto& info : kRoles) {
    if (info.code == code) return info.role;
  }
  return std::nullopt;
}

std::string_view role_code(Role role) {
  for (const auto& info : kRoles) {
    if (info.role == role) return info.code;
  }
  return "villager";
}

const Person* Deployment::find_person(std::string_view user_id) const {
  auto it = std::find_if(people.begin(), people.end(), [&](const Person& p) { return p.user_id == user_id; });
  return it == people.end() ? nullptr : &*it;
}

const Group* Deployment::find_group(std::string_view platform, std::string_view group_id) const {
  auto it = std::find_if(groups.begin(), groups.end(),
                         [&](const Group& g) { return g.platform == platform && g.group_id == group_id; });
  return it == groups.end() ? nullptr : &*it;
}

const Grid* Deployment::find_grid(std::string_view grid_id) const {
  auto it = std::find_if(grids.begin(), grids.end(), [&](const Grid& g) { return g.grid_id == grid_id; });
  return it == grids.end() ? nullptr : &*it;
}

const Category* Deployment::find_category(std::string_view code) const {
  auto it = std::find_if(categories.begin(), categories.end(), [&](const Category& c) { return c.code == code; });
  return it == categories.end() ? nullptr : &*it;
}

std::vector<std::string> Deployment::villages() const {
  std::vector<std::string> names;
  for (const auto& grid : grids) {
    if (std::find(names.begin(), names.end(), grid.village) == names.end()) names.push_back(grid.village);
  }
  return names;
}

const Person* Deployment::grid_leader(std::string_view grid_id) const {
  for (const auto& p : people) {
    if (p.role == Role::grid_leader && p.grid_id == grid_id) return &p;
  }
  return nullptr;
}

const Person* Deployment::village_secretary(std::string_view village) const {
  for (const auto& p : people) {
    if (p.role == Role::village_secretary && !p.villages.empty() && p.villages.front() == village) return &p;
  }
  return nullptr;
}

}  // namespace paike
