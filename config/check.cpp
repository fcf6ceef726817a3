// Checks across the sheets, after each has been parsed on its own.
#include <algorithm>

#include "config/load.h"

namespace paike {

void check_references(const Deployment& d, const std::string& roster_file, const std::string& groups_file,
                      ConfigProblems& problems) {
  const auto villages = d.villages();
  auto known_village = [&](const std::string& v) {
    return std::find(villages.begin(), villages.end(), v) != villages.end();
  };
  const std::string village_hint = [&] {
    std::string all;
    for (const auto& v : villages) all += (all.empty() ? "" : "、") + v;
    return "known villages (from the grids file): " + all;
  }();
  for (const auto& p : d.people) {
    for (const auto& v : p.villages) {
      if (!known_village(v)) problems.push_back({roster_file, p.line, "unknown village '" + v + "'", village_hint});
    }
    switch (p.role) {
      case Role::grid_leader: {
        const Grid* grid = d.find_grid(p.grid_id);
        if (!grid) {
          problems.push_back({roster_file, p.line,
                              "grid leader '" + p.name + "' has unknown grid_id '" + p.grid_id + "'",
                              "use a grid_id from the grids file"});
        } else if (p.villages.empty() || p.villages.front() != grid->village) {
          problems.push_back({roster_file, p.line, "grid '" + p.grid_id + "' belongs to " + grid->village,
                              "set the village column to " + grid->village});
        }
        break;
      }
      case Role::villager:
      case Role::village_secretary:
        if (p.villages.size() != 1) {
          problems.push_back({roster_file, p.line, "'" + p.name + "' must belong to exactly one village",
                              "put one village name in the village column"});
        }
        break;
      case Role::village_liaison:
        if (p.villages.empty()) {
          problems.push_back({roster_file, p.line, "liaison '" + p.name + "' covers no village",
                              "list the villages separated by ; e.g. 韩家村;李庄村"});
        }
        break;
      case Role::township_supervisor:
        break;
    }
  }
  for (const auto& g : d.groups) {
    if (g.scope == GroupScope::village && !known_village(g.village)) {
      problems.push_back(
          {groups_file, g.line, "group '" + g.group_id + "' has unknown village '" + g.village + "'", village_hint});
    }
  }
  for (const auto& v : villages) {
    if (!d.village_secretary(v)) {
      problems.push_back({roster_file, 0, "village " + v + " has no village_secretary",
                          "add the 村支书 so tickets without a grid have someone to go to"});
    }
  }
}

}  // namespace paike
