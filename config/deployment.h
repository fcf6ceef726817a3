// The deployment: one township's people, groups, grids, categories and settings, as loaded
// from its YAML and sheets. A plain record, immutable after loading and safe to share
// between threads. Lookups are linear scans: a township has tens to hundreds of rows.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/geo.h"
#include "config/limit_settings.h"
#include "config/schedule_settings.h"
#include "config/storage_settings.h"
#include "config/time.h"
#include "config/vision_options.h"
#include "config/wording.h"

namespace paike {

enum class Role { villager, grid_leader, village_secretary, village_liaison, township_supervisor };

std::optional<Role> parse_role(std::string_view code);
std::string_view role_code(Role role);

struct Person {
  std::string user_id;  // "sim:zhangguilan"; unique across the deployment
  std::string name;
  Role role = Role::villager;
  std::vector<std::string> villages;  // one for village roles, several for liaisons, none for supervisor
  std::string grid_id;                // grid leaders only
  std::string phone;
  std::map<std::string, std::string> platform_ids;  // platform → id there, from `<platform>_id` columns
  // platform → user name there, from `<platform>_username` columns (Telegram @username)
  std::map<std::string, std::string> platform_usernames;
  int line = 0;  // row in the roster sheet
};

enum class GroupScope { village, township };

struct Group {
  std::string platform;  // "sim", "feishu", …
  std::string group_id;
  std::string name;
  GroupScope scope = GroupScope::village;
  std::string village;  // empty for township groups
  int line = 0;
};

struct Grid {
  std::string grid_id;
  std::string name;  // "南片"
  std::string village;
  std::string township;
  std::vector<std::string> landmarks;
  Polygon boundary;
};

struct Keyword {
  std::string word;
  double weight = 1.0;
};

struct Category {
  std::string code;  // "household_waste"
  std::string name;  // "生活垃圾"
  Duration deadline{};
  std::vector<Keyword> keywords;  // "A*B" means A then B in the same clause
  int priority = 0;               // among several clear problems in one message the highest priority wins
};

// How the coordinates of a point or boundary were given. Chinese phones and maps (Amap,
// Tencent, WeChat location shares) report GCJ-02; GPS receivers and photo EXIF report WGS-84.
enum class Datum { wgs84, gcj02 };

// Tuning of handlers/tagging, from the `tagging:` section (defaults in
// config/default_categories.yaml; a deployment's own section overrides key by key).
// A labelled message the n-gram model learns from: a category code, "not_report" or "ask".
struct TaggingExample {
  std::string text;
  std::string label;
};

struct TaggingSettings {
  double ask_threshold = 0.55;            // below this confidence the bot asks back with the menu
  double strong_score = 3;                // a category scoring this much is a clear problem on its own
  std::vector<std::string> negations;     // "不是", "没有": the next problem word does not count
  std::vector<std::string> prohibitions;  // "不要", "禁止": the rest of the clause does not count
  std::vector<std::string> resolutions;   // "已经清理了": the clause reports a fixed problem
  std::vector<std::string> ignore;        // "垃圾车": consumes the words in it, scores nothing
  std::vector<std::string> chitchat;      // "收到", "谢谢": acknowledgements, thanks, greetings
  std::vector<std::string> questions;     // "怎么用", "拍客": questions to the bot
  std::vector<std::string> report_cues;   // "反映", "管管": a report even without a problem word
  std::vector<std::string> report_verbs;  // "反映个事", "举报": a report even beside "在吗" in another clause
  std::map<std::string, std::string> spelling;  // common typo or homophone → intended word
  std::map<std::string, std::string> aliases;   // other name → landmark, grid or village name
  Datum grids_datum = Datum::wgs84;             // how grids.geojson is drawn
  Datum shared_location_datum = Datum::gcj02;   // how the platforms send location shares
  // What the n-gram model learns from: config/tagging_examples/*.tsv, embedded in the binary.
  std::vector<TaggingExample> examples;
  // The n-gram model's say: at `model_alone` or more it decides a message the keywords cannot
  // (or name no problem in); a keyword guess below `model_veto_below` confidence that the model
  // gives less than `model_veto` of its category share becomes a question back.
  double model_alone = 0.8;
  double model_veto = 0.05;
  double model_veto_below = 0.8;
};

struct IntakeSettings {
  Duration stitch_window = std::chrono::minutes(2);  // photo + text of one sender become one report
};

// The ticket lifecycle's clocks, from the `lifecycle:` section.
struct LifecycleSettings {
  Duration auto_close = std::chrono::hours(24);     // rectified and no objection this long → closed
  Duration reopen_window = std::chrono::days(7);    // 重开 within this of closing reopens; later files a new ticket
  Duration max_extension = std::chrono::days(7);    // a secretary's 延期 up to this; longer needs a liaison
  Duration photo_window = std::chrono::minutes(2);  // `已整改` and its after-photo, in either order
};

struct ServerSettings {
  std::string host = "127.0.0.1";
  int port = 8080;
  size_t max_body_bytes = 20 * 1024 * 1024;
  // Threads serving requests (connections waiting for one hold none: bot/http/guarded_server):
  // enough for the requests a burst of webhooks brings at once, and for the large simulator
  // bodies waiting for their slots. An eighth of them (at least 2) is kept for /healthz,
  // /metrics and the webhooks. Idle, each costs little RSS.
  int http_threads = 64;
  // Where people reach the ledger (login links point here), e.g. "https://paike.example.gov.cn"
  // behind nginx; empty: http://host:port as bound.
  std::string public_url;
};

// The chat platforms a deployment may enable (bot/platforms/<name>/), from their one list.
inline constexpr const char* kKnownPlatforms[] = {
#define PAIKE_PLATFORM(name) #name,
#include "config/platforms.def"
#undef PAIKE_PLATFORM
};

// "feishu, dingtalk, …": the known platforms, for messages that name them.
inline std::string known_platform_names() {
  std::string names;
  for (const char* name : kKnownPlatforms) names += (names.empty() ? "" : ", ") + std::string(name);
  return names;
}

struct Deployment {
  std::string township;
  TimeZone time_zone = TimeZone::shanghai();
  std::filesystem::path data_dir = "paike-data";
  ServerSettings server;
  StorageSettings storage;
  IntakeSettings intake;
  LifecycleSettings lifecycle;
  TaggingSettings tagging;
  PhotoSettings photos;       // the `photos:` section (read by config/photo_settings.h)
  ScheduleSettings schedule;  // reminders, 回头看, digest, points
  LimitSettings limits;       // the `limits:` section (config/limit_settings.h)
  bool simulator = false;
  // Chat platforms to serve besides the simulator, from the YAML's `platforms:` list, in
  // order and without repeats: any of kKnownPlatforms.
  std::vector<std::string> platforms;
  std::vector<std::string> api_tokens;
  std::vector<Category> categories;  // in menu order; the last is the catch-all "other"
  std::vector<Person> people;
  std::vector<Group> groups;
  std::vector<Grid> grids;
  Wording wording;  // every word the bot says (config/default_replies.yaml + `replies:`)

  const Person* find_person(std::string_view user_id) const;
  const Group* find_group(std::string_view platform, std::string_view group_id) const;
  const Grid* find_grid(std::string_view grid_id) const;
  const Category* find_category(std::string_view code) const;
  std::vector<std::string> villages() const;  // distinct, in grid order
  // The grid leader of a grid, or the village secretary when the grid has none.
  const Person* grid_leader(std::string_view grid_id) const;
  const Person* village_secretary(std::string_view village) const;
};

}  // namespace paike
