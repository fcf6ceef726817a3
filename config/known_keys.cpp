#include "config/known_keys.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace paike {

namespace {

// A key and, when its value is a mapping with fixed keys (or a list of such mappings, with
// each_item), the keys it may hold. No keys: the value is free (a scalar, a list, or a
// mapping whose keys are names, such as digest.households or tagging.aliases).
struct KeySpec {
  std::string_view name;
  std::vector<KeySpec> keys = {};
  bool each_item = false;
};

const std::vector<KeySpec>& deployment_keys() {
  static const std::vector<KeySpec> keys = {
      {"township"},
      {"time_zone"},
      {"data_dir"},
      {"simulator"},
      {"grids"},
      {"roster"},
      {"groups"},
      {"platforms"},
      {"api_tokens"},
      {"server", {{"host"}, {"port"}, {"max_body"}, {"http_threads"}, {"public_url"}}},
      {"storage", {{"backend"}, {"url"}, {"lease"}}},
      {"intake", {{"stitch_window"}}},
      {"lifecycle", {{"auto_close"}, {"reopen_window"}, {"max_extension"}, {"photo_window"}}},
      {"categories", {{"code"}, {"name"}, {"deadline"}, {"keywords"}, {"priority"}}, true},
      {"tagging",
       {{"ask_threshold"},
        {"strong_score"},
        {"model_alone"},
        {"model_veto"},
        {"model_veto_below"},
        {"negations"},
        {"prohibitions"},
        {"resolutions"},
        {"ignore"},
        {"chitchat"},
        {"questions"},
        {"report_cues"},
        {"report_verbs"},
        {"spelling"},
        {"aliases"},
        {"grids_datum"},
        {"shared_location_datum"}}},
      {"photos",
       {{"max_megapixels"},
        {"min_sharpness"},
        {"min_brightness"},
        {"max_brightness"},
        {"duplicate_distance"},
        {"duplicate_radius_m"},
        {"old_photo_days"},
        {"blur_faces"}}},
      {"reminders",
       {{"due_soon"},
        {"ladder", {{"step"}, {"after"}, {"notify"}, {"group"}}, true},
        {"quiet_from"},
        {"quiet_until"},
        {"quiet_exempt"}}},
      {"followup", {{"after"}}},
      {"replies"},  // its keys are checked against config/default_replies.yaml by config/wording
      {"digest", {{"at"}, {"households"}}},
      {"points", {{"report_closed"}, {"closed_on_time"}, {"overdue_per_day"}, {"overdue_cap"}, {"relapse"}}},
      {"limits",
       {{"text_chars"},
        {"user_events_per_minute"},
        {"group_events_per_minute"},
        {"keep_alive_seconds"},
        {"keep_alive_requests"},
        {"request_head_seconds"},
        {"upload_bytes_per_second"},
        {"connections_per_client"}}},
  };
  return keys;
}

// Edits (insert, delete, replace one byte) from a to b.
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string hint_for(std::string_view key, const std::vector<KeySpec>& known) {
  std::vector<std::string_view> names;
  for (const auto& k : known) names.push_back(k.name);
  if (const std::string near = nearest_key(key, names); !near.empty()) return "did you mean '" + near + "'?";
  std::string all;
  for (const auto& k : known) all += (all.empty() ? "" : ", ") + std::string(k.name);
  return "known keys here: " + all;
}

void check_mapping(const YAML::Node& node, const std::vector<KeySpec>& known, const std::string& where,
                   const std::string& file, ConfigProblems& problems) {
  if (!node.IsMap()) return;  // the section's reader says what shape it wants
  for (const auto& entry : node) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    auto spec = std::find_if(known.begin(), known.end(), [&](const KeySpec& k) { return k.name == key; });
    if (spec == known.end()) {
      problems.push_back({file, entry.first.Mark().line + 1,
                          "unknown key '" + key + "'" + (where.empty() ? "" : " in '" + where + "'"),
                          hint_for(key, known)});
      continue;
    }
    if (spec->keys.empty()) continue;
    const std::string inner = where.empty() ? key : where + "." + key;
    if (spec->each_item && entry.second.IsSequence()) {
      for (const auto& item : entry.second) check_mapping(item, spec->keys, inner, file, problems);
    } else if (!spec->each_item) {
      check_mapping(entry.second, spec->keys, inner, file, problems);
    }
  }
}

}  // namespace

std::string nearest_key(std::string_view key, const std::vector<std::string_view>& known) {
  std::string_view nearest;
  size_t best = SIZE_MAX;
  for (const auto& k : known) {
    const size_t d = edit_distance(key, k);
    if (d < best) best = d, nearest = k;
  }
  return best <= std::max<size_t>(2, key.size() / 3) ? std::string(nearest) : std::string();
}

void report_unknown_keys(const YAML::Node& root, const std::string& file, ConfigProblems& problems) {
  check_mapping(root, deployment_keys(), "", file, problems);
}

}  // namespace paike
