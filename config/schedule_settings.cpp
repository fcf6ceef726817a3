#include "config/schedule_settings.h"

#include <algorithm>

#include "config/yaml_number.h"

namespace paike {

namespace {

// Each reader leaves `out` unchanged and records a problem when the value has the wrong form.
struct SectionReader {
  const YAML::Node& section;
  const std::string& file;
  ConfigProblems& problems;

  void problem(const char* key, const std::string& message, const std::string& hint) {
    problems.push_back({file, yaml_line(section[key]), message, hint});
  }
  void duration(const char* key, Duration& out) {
    if (!section[key]) return;
    auto d = section[key].IsScalar() ? parse_duration(section[key].Scalar()) : std::nullopt;
    if (d)
      out = *d;
    else
      problem(key, std::string("bad duration for '") + key + "'", "write e.g. 7d, 25h or 30m");
  }
  void integer(const char* key, int& out, int low, int high) {
    if (!section[key]) return;
    try {
      int v = section[key].as<int>();
      if (v < low || v > high) throw YAML::Exception(section[key].Mark(), "out of range");
      out = v;
    } catch (const YAML::Exception&) {
      problem(key, std::string("bad number for '") + key + "'",
              "a whole number from " + std::to_string(low) + " to " + std::to_string(high));
    }
  }
  void minute(const char* key, int& out) {
    if (!section[key]) return;
    auto m = section[key].IsScalar() ? parse_minute_of_day(section[key].Scalar()) : std::nullopt;
    if (m)
      out = *m;
    else
      problem(key, std::string("bad time of day for '") + key + "'", "write e.g. 21:00");
  }
};

const std::vector<std::string> kNotifyCodes = {"assignee", "village_secretary", "village_liaison",
                                               "township_supervisor"};

void read_ladder(const YAML::Node& node, const std::string& file, ConfigProblems& problems,
                 std::vector<LadderStep>& ladder) {
  if (!node.IsSequence() || node.size() == 0) {
    problems.push_back({file, yaml_line(node), "'ladder' must be a list of steps", "see config/demo/paike.yaml"});
    return;
  }
  std::vector<LadderStep> steps;
  for (const auto& item : node) {
    LadderStep step;
    SectionReader r{item, file, problems};
    if (!item.IsMap() || !item["step"] || !item["step"].IsScalar()) {
      problems.push_back({file, yaml_line(item), "a ladder step needs a 'step' name", "e.g. step: liaison"});
      return;
    }
    step.code = item["step"].Scalar();
    r.duration("after", step.after);
    if (const auto notify = item["notify"]; notify && notify.IsSequence()) {
      for (const auto& who : notify) {
        std::string code = who.as<std::string>("");
        if (std::find(kNotifyCodes.begin(), kNotifyCodes.end(), code) == kNotifyCodes.end()) {
          problems.push_back({file, yaml_line(who), "unknown person to notify '" + code + "'",
                              "one of assignee, village_secretary, village_liaison, township_supervisor"});
        } else {
          step.notify.push_back(code);
        }
      }
    }
    if (item["group"]) step.township_group = item["group"].as<std::string>("") == "township";
    steps.push_back(std::move(step));
  }
  ladder = std::move(steps);
}

}  // namespace

std::optional<int> parse_minute_of_day(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  int hours = (text[0] - '0') * 10 + (text[1] - '0');
  int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

ScheduleSettings read_schedule_settings(const YAML::Node& root, const std::string& file, ConfigProblems& problems) {
  ScheduleSettings s;
  try {
    if (const YAML::Node node = root["reminders"]) {
      SectionReader r{node, file, problems};
      if (node["due_soon"]) {
        double fraction = node["due_soon"].as<double>(-1);
        if (fraction <= 0 || fraction >= 1)
          r.problem("due_soon", "bad 'due_soon'", "a share of the time such as 0.75");
        else
          s.reminders.due_soon_fraction = fraction;
      }
      if (node["ladder"]) read_ladder(node["ladder"], file, problems, s.reminders.ladder);
      r.minute("quiet_from", s.reminders.quiet_start_minute);
      r.minute("quiet_until", s.reminders.quiet_end_minute);
      if (const auto exempt = node["quiet_exempt"]; exempt && exempt.IsSequence()) {
        s.reminders.quiet_exempt.clear();
        for (const auto& c : exempt) s.reminders.quiet_exempt.push_back(c.as<std::string>(""));
      }
    }
    if (const YAML::Node node = root["followup"])
      SectionReader{node, file, problems}.duration("after", s.followup.after);
    if (const YAML::Node node = root["digest"]) {
      SectionReader{node, file, problems}.minute("at", s.digest.send_minute);
      if (const auto households = node["households"]; households && households.IsMap()) {
        for (const auto& kv : households) {
          int n = kv.second.as<int>(0);
          if (n <= 0) {
            problems.push_back(
                {file, yaml_line(kv.second), "households must be a positive number", "e.g. 韩家村: 420"});
          } else {
            s.digest.households[kv.first.as<std::string>()] = n;
          }
        }
      }
    }
    if (const YAML::Node node = root["points"]) {
      SectionReader r{node, file, problems};
      r.integer("report_closed", s.points.report_closed, -100, 100);
      r.integer("closed_on_time", s.points.closed_on_time, -100, 100);
      r.integer("overdue_per_day", s.points.overdue_per_day, -100, 100);
      r.integer("overdue_cap", s.points.overdue_cap, -1000, 0);
      r.integer("relapse", s.points.relapse, -100, 100);
    }
  } catch (const YAML::Exception& e) {
    problems.push_back({file, e.mark.line + 1, "bad value: " + e.msg, "see config/demo/paike.yaml for the format"});
  }
  return s;
}

}  // namespace paike
