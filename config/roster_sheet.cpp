// The roster and groups sheets (CSV, as exported from a spreadsheet).
#include <algorithm>
#include <set>

#include "config/csv.h"
#include "config/known_keys.h"
#include "config/load.h"
#include "config/text.h"

namespace paike {

namespace {

std::optional<CsvTable> read_table(std::string_view csv, const std::string& file,
                                   const std::vector<std::string>& required, ConfigProblems& problems) {
  std::string error;
  auto table = parse_csv(csv, &error);
  if (!table) {
    problems.push_back({file, 0, "not a valid CSV file: " + error, "save the sheet as CSV UTF-8 from Excel or WPS"});
    return std::nullopt;
  }
  bool complete = true;
  for (const auto& column : required) {
    if (std::find(table->columns.begin(), table->columns.end(), column) == table->columns.end()) {
      problems.push_back({file, 1, "missing column '" + column + "'", "the header row must name these columns: " + [&] {
                            std::string all;
                            for (const auto& c : required) all += (all.empty() ? "" : ",") + c;
                            return all;
                          }()});
      complete = false;
    }
  }
  if (!complete) return std::nullopt;
  return table;
}

// A column this version does not read is a problem: a clerk's "phone_number" or "网格" would
// otherwise be silently ignored and the people's data with it. `per_platform` suffixes
// ("_id", "_username") are read for each known chat platform ("feishu_id").
void report_unread_columns(const CsvTable& table, const std::string& file, const std::vector<std::string>& known,
                           const std::vector<std::string>& per_platform, ConfigProblems& problems) {
  std::vector<std::string> all = known;
  for (const char* platform : kKnownPlatforms) {
    for (const auto& suffix : per_platform) all.push_back(platform + suffix);
  }
  for (const auto& column : table.columns) {
    if (std::find(all.begin(), all.end(), column) != all.end()) continue;
    const std::string near = nearest_key(column, std::vector<std::string_view>(all.begin(), all.end()));
    std::string listed;
    for (const auto& k : known) listed += (listed.empty() ? "" : ",") + k;
    problems.push_back({file, 1, "column '" + column + "' is not read by paike",
                        near.empty() ? "the columns it reads: " + listed +
                                           (per_platform.empty() ? "" : " and <platform>" + per_platform.front())
                                     : "did you mean '" + near + "'?"});
  }
}

}  // namespace

std::vector<Person> parse_roster(std::string_view csv, const std::string& file, ConfigProblems& problems) {
  std::vector<Person> people;
  auto table = read_table(csv, file, {"user_id", "name", "role", "village", "grid_id"}, problems);
  if (!table) return people;
  report_unread_columns(*table, file, {"user_id", "name", "role", "village", "grid_id", "phone"}, {"_id", "_username"},
                        problems);
  std::set<std::string> seen;
  for (const auto& row : table->rows) {
    Person person;
    person.line = row.line;
    person.user_id = row.get("user_id");
    person.name = row.get("name");
    person.grid_id = row.get("grid_id");
    person.phone = row.get("phone");
    person.villages = split(row.get("village"), ';');
    for (const auto& column : table->columns) {
      const std::string suffix = "_id";
      if (column != "user_id" && column != "grid_id" && column.size() > suffix.size() &&
          column.compare(column.size() - suffix.size(), suffix.size(), suffix) == 0 && !row.get(column).empty()) {
        person.platform_ids[column.substr(0, column.size() - suffix.size())] = row.get(column);
      }
      const std::string username = "_username";
      if (column.size() > username.size() &&
          column.compare(column.size() - username.size(), username.size(), username) == 0 && !row.get(column).empty()) {
        person.platform_usernames[column.substr(0, column.size() - username.size())] = row.get(column);
      }
    }
    if (person.user_id.empty()) {
      problems.push_back({file, row.line, "empty user_id", "give every person a unique id such as sim:zhangsan"});
      continue;
    }
    if (!seen.insert(person.user_id).second) {
      problems.push_back({file, row.line, "duplicate user_id '" + person.user_id + "'",
                          "each person appears once; merge the rows or give one a different id"});
      continue;
    }
    if (person.name.empty()) {
      problems.push_back({file, row.line, "person '" + person.user_id + "' has no name", "fill in the name column"});
    }
    auto role = parse_role(row.get("role"));
    if (!role) {
      problems.push_back({file, row.line, "unknown role '" + row.get("role") + "'",
                          "use one of villager, grid_leader, village_secretary, village_liaison, township_supervisor"});
      continue;
    }
    person.role = *role;
    people.push_back(std::move(person));
  }
  return people;
}

std::vector<Group> parse_groups(std::string_view csv, const std::string& file, ConfigProblems& problems) {
  std::vector<Group> groups;
  auto table = read_table(csv, file, {"platform", "group_id", "group_name", "scope", "village"}, problems);
  if (!table) return groups;
  report_unread_columns(*table, file, {"platform", "group_id", "group_name", "scope", "village"}, {}, problems);
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& row : table->rows) {
    Group group;
    group.line = row.line;
    group.platform = row.get("platform");
    group.group_id = row.get("group_id");
    group.name = row.get("group_name");
    group.village = row.get("village");
    const std::string scope = row.get("scope");
    if (group.platform.empty() || group.group_id.empty()) {
      problems.push_back({file, row.line, "empty platform or group_id", "every group needs both, e.g. sim,g-hanjia"});
      continue;
    }
    if (!seen.insert({group.platform, group.group_id}).second) {
      problems.push_back({file, row.line, "duplicate group '" + group.group_id + "' on " + group.platform,
                          "list each group chat once"});
      continue;
    }
    if (scope == "village") {
      group.scope = GroupScope::village;
      if (group.village.empty()) {
        problems.push_back(
            {file, row.line, "village group '" + group.group_id + "' names no village", "fill in the village column"});
        continue;
      }
    } else if (scope == "township") {
      group.scope = GroupScope::township;
    } else {
      problems.push_back({file, row.line, "unknown scope '" + scope + "'", "use village or township"});
      continue;
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace paike
