// What the scheduler does and when: reminders and the overdue ladder, quiet hours, 回头看,
// the daily digest (with households per village for the 红黑榜) and the points ledger's
// amounts. Read from the deployment's `reminders:`, `followup:`, `digest:` and `points:`
// sections; every field has its default here. Never throws: problems come back with file
// and line.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "config/problems.h"
#include "config/time.h"

namespace paike {

// One rung of the overdue ladder: `after` the due time, @-mention `notify` in the
// village's group or the township group.
struct LadderStep {
  std::string code;                 // "due", "liaison", "supervisor": the audit's step name
  Duration after{};                 // from the ticket's due_at
  std::vector<std::string> notify;  // "assignee", "village_secretary", "village_liaison", "township_supervisor"
  bool township_group = false;      // false: the ticket's own group
};

struct ReminderSettings {
  double due_soon_fraction = 0.75;  // share of the time allowed after which the assignee is reminded once
  std::vector<LadderStep> ladder = {
      {"due", Duration(0), {"assignee", "village_secretary"}, false},
      {"liaison", std::chrono::days(1), {"village_liaison"}, true},
      {"supervisor", std::chrono::days(3), {"township_supervisor"}, true},
  };
  int quiet_start_minute = 21 * 60;  // local minutes of the day; nothing is sent from start to end
  int quiet_end_minute = 7 * 60;
  std::vector<std::string> quiet_exempt = {"burning"};  // categories that ignore quiet hours
};

struct FollowupSettings {
  Duration after = std::chrono::days(7);  // after closing, ask for a current photo (回头看)
};

struct DigestSettings {
  int send_minute = 8 * 60;               // local time of the daily digest
  std::map<std::string, int> households;  // village → households, for reports per 100 households
};

// Points (积分存折) in whole points; negative amounts are deductions.
struct PointsSettings {
  int report_closed = 2;     // the reporter, when the ticket is closed
  int closed_on_time = 3;    // the assignee, when closed by the due time
  int overdue_per_day = -1;  // the assignee, per started day late at closing
  int overdue_cap = -10;     // at most this much for one ticket
  int relapse = -5;          // the assignee, when 回头看 finds the problem back
};

struct ScheduleSettings {
  ReminderSettings reminders;
  FollowupSettings followup;
  DigestSettings digest;
  PointsSettings points;
};

// Reads the four sections of the deployment's root map (each may be absent).
ScheduleSettings read_schedule_settings(const YAML::Node& root, const std::string& file, ConfigProblems& problems);

// "21:00" → 1260; nullopt if malformed.
std::optional<int> parse_minute_of_day(std::string_view text);

}  // namespace paike
