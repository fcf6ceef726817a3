#include "config/load.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

using namespace paike;

namespace {

// An in-memory folder, so each test states exactly the files it loads.
class MemorySource : public FileSource {
 public:
  std::map<std::string, std::string> files;
  std::optional<std::string> read(const std::string& path) const override {
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  }
  std::string display_name(const std::string& path) const override { return path; }
};

EnvLookup no_env() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

MemorySource demo_copy() {
  MemorySource source;
  DemoSource demo;
  for (const char* name : {"paike.yaml", "roster.csv", "groups.csv", "grids.geojson"}) {
    source.files[name] = *demo.read(name);
  }
  return source;
}

bool has_problem(const ConfigProblems& problems, const std::string& file, int line, const std::string& text) {
  for (const auto& p : problems) {
    if (p.file == file && p.line == line && p.message.find(text) != std::string::npos && !p.hint.empty()) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the embedded demo township loads without problems") {
  auto loaded = load_demo_deployment(no_env());
  for (const auto& p : loaded.problems) INFO(format_problem(p));
  REQUIRE(loaded.ok());
  const Deployment& d = loaded.deployment;
  CHECK(d.township == "清河镇");
  CHECK(d.grids.size() == 9);
  CHECK(d.villages().size() == 4);
  CHECK(d.groups.size() == 5);
  CHECK(d.categories.size() == 12);
  CHECK(d.categories.back().code == "other");
  CHECK(d.find_category("burning")->deadline == std::chrono::hours(4));
  CHECK(d.api_tokens == std::vector<std::string>{"demo-token"});
  CHECK(d.grid_leader("hanjia-south")->name == "张桂兰");
  CHECK(d.village_secretary("韩家村")->name == "韩建国");
  CHECK(d.find_person("sim:sunqiang")->villages.size() == 2);
  CHECK(d.find_group("sim", "g-township")->scope == GroupScope::township);
  CHECK(d.server.max_body_bytes == 20u * 1024 * 1024);
}

TEST_CASE("secrets come from the environment, with the variable named when missing") {
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "PAIKE_API_TOKEN") return std::string("s3cret");
    return std::nullopt;
  };
  CHECK(load_demo_deployment(env).deployment.api_tokens == std::vector<std::string>{"s3cret"});
  std::string missing;
  CHECK_FALSE(expand_env("${PAIKE_X}", no_env(), &missing));
  CHECK(missing == "PAIKE_X");
  CHECK(expand_env("a${PAIKE_X:-b}c", no_env(), nullptr) == "abc");
}

TEST_CASE("check-config names file, row and a hint for each broken reference") {
  MemorySource source = demo_copy();
  source.files["roster.csv"] +=
      "sim:ghost,鬼,villager,韩家庄,,\n"                          // line 27: unknown village
      "sim:handefu,韩德福二,villager,韩家村,,\n"                  // line 28: duplicate id
      "sim:x,某,grid_leader,韩家村,nowhere,\n"                    // line 29: unknown grid
      "sim:y,某某,mayor,韩家村,,\n";                              // line 30: unknown role
  source.files["groups.csv"] += "sim,g-x,某群,village,火星村\n";  // line 7
  auto loaded = load_deployment(source, "paike.yaml", no_env());
  CHECK(has_problem(loaded.problems, "roster.csv", 27, "unknown village"));
  CHECK(has_problem(loaded.problems, "roster.csv", 28, "duplicate user_id"));
  CHECK(has_problem(loaded.problems, "roster.csv", 29, "unknown grid_id"));
  CHECK(has_problem(loaded.problems, "roster.csv", 30, "unknown role"));
  CHECK(has_problem(loaded.problems, "groups.csv", 7, "unknown village"));
}

TEST_CASE("check-config finds an unclosed polygon and a bad deadline") {
  MemorySource source = demo_copy();
  // Move the first ring's closing position so it no longer repeats the first.
  auto grids = nlohmann::json::parse(source.files["grids.geojson"]);
  grids["features"][0]["geometry"]["coordinates"][0].back()[0] = 117.001;
  source.files["grids.geojson"] = grids.dump();
  source.files["paike.yaml"] +=
      "categories:\n  - code: burning\n    name: 露天焚烧\n    deadline: soon\n  - code: other\n    name: 其他\n    "
      "deadline: 7d\n";
  auto loaded = load_deployment(source, "paike.yaml", no_env());
  bool unclosed = false, deadline = false;
  for (const auto& p : loaded.problems) {
    unclosed |= p.file == "grids.geojson" && p.message.find("not closed") != std::string::npos;
    deadline |= p.file == "paike.yaml" && p.line > 0 && p.message.find("bad duration 'soon'") != std::string::npos;
  }
  CHECK(unclosed);
  CHECK(deadline);
}

// Found by fuzz/config_geojson: a geometry "type" that is not a string threw out of the loader.
TEST_CASE("check-config names a grid whose geometry type is not a string") {
  MemorySource source = demo_copy();
  auto grids = nlohmann::json::parse(source.files["grids.geojson"]);
  grids["features"][0]["geometry"]["type"] = nlohmann::json::array({1, 2});
  source.files["grids.geojson"] = grids.dump();
  auto loaded = load_deployment(source, "paike.yaml", no_env());
  bool named = false;
  for (const auto& p : loaded.problems) {
    named |= p.file == "grids.geojson" && p.message.find("has no Polygon geometry") != std::string::npos;
  }
  CHECK(named);
}

TEST_CASE("YAML syntax errors come with a line") {
  MemorySource source;
  source.files["paike.yaml"] = "township: x\nserver:\n  port: [1,\n";
  auto loaded = load_deployment(source, "paike.yaml", no_env());
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.problems.front().line > 0);
}

TEST_CASE("the photos section sets the pipeline's thresholds, bad values are problems with a line") {
  MemorySource source = demo_copy();
  auto defaults = load_deployment(source, "paike.yaml", no_env());
  REQUIRE(defaults.ok());
  CHECK(defaults.deployment.photos.vision.max_pixels == 50'000'000);
  CHECK(defaults.deployment.photos.vision.blur_faces);
  CHECK(defaults.deployment.photos.old_photo_age == std::chrono::days(7));

  // The demo's own (default) photos section is replaced, not repeated.
  auto without_photos = [](MemorySource source) {
    std::string& yaml = source.files["paike.yaml"];
    yaml = yaml.substr(0, yaml.find("\nphotos:") + 1);
    return source;
  };
  MemorySource custom = without_photos(demo_copy());
  custom.files["paike.yaml"] +=
      "photos:\n  max_megapixels: 24\n  blur_faces: false\n  min_sharpness: 80\n  duplicate_distance: 4\n"
      "  duplicate_radius_m: 150\n  old_photo_days: 3\n";
  auto loaded = load_deployment(custom, "paike.yaml", no_env());
  REQUIRE(loaded.ok());
  const PhotoSettings& p = loaded.deployment.photos;
  CHECK(p.vision.max_pixels == 24'000'000);
  CHECK_FALSE(p.vision.blur_faces);
  CHECK(p.vision.min_sharpness == 80);
  CHECK(p.duplicate_max_distance == 4);
  CHECK(p.duplicate_radius_m == 150);
  CHECK(p.old_photo_age == std::chrono::days(3));

  MemorySource bad = without_photos(demo_copy());
  bad.files["paike.yaml"] += "photos:\n  duplicate_distance: 99\n  blur_faces: maybe\n";
  auto refused = load_deployment(bad, "paike.yaml", no_env());
  const std::string& yaml = bad.files["paike.yaml"];
  const int last_line = int(std::count(yaml.begin(), yaml.end(), '\n'));  // "  blur_faces: maybe"
  CHECK(has_problem(refused.problems, "paike.yaml", last_line - 1, "photos.duplicate_distance"));
  CHECK(has_problem(refused.problems, "paike.yaml", last_line, "photos.blur_faces"));
}

TEST_CASE("each platform example loads with its platform enabled and its groups on that platform") {
  auto env = [](const std::string&) -> std::optional<std::string> { return std::string("x"); };
  for (const char* platform : kKnownPlatforms) {
    const std::string yaml = std::string(PAIKE_TEST_DATA) + "/../../config/examples/" + platform + ".yaml";
    auto loaded = load_deployment_file(yaml, env);
    INFO(yaml);
    for (const auto& p : loaded.problems) INFO(format_problem(p));
    REQUIRE(loaded.ok());
    CHECK(loaded.deployment.platforms == std::vector<std::string>{platform});
    REQUIRE_FALSE(loaded.deployment.groups.empty());
    for (const auto& g : loaded.deployment.groups) CHECK(g.platform == platform);
  }
}

TEST_CASE("an unknown or repeated platform in 'platforms' is a problem with its line") {
  MemorySource source = demo_copy();
  source.files["paike.yaml"] += "platforms:\n  - feishu\n  - wechat\n  - feishu\n";
  auto loaded = load_deployment(source, "paike.yaml", no_env());
  CHECK(loaded.deployment.platforms == std::vector<std::string>{"feishu"});
  bool unknown = false, twice = false;
  for (const auto& p : loaded.problems) {
    unknown |= p.line > 0 && p.message.find("unknown platform 'wechat'") != std::string::npos && !p.hint.empty();
    twice |= p.line > 0 && p.message.find("listed twice") != std::string::npos;
  }
  CHECK(unknown);
  CHECK(twice);
}

TEST_CASE("the limits section sets text length, flood rates and keep-alive, bad values are problems with a line") {
  auto without_limits = [](MemorySource source) {
    std::string& yaml = source.files["paike.yaml"];
    const auto start = yaml.find("\nlimits:");
    const auto end = yaml.find("\n\n", start + 1);
    yaml.erase(start + 1, end - start);
    return source;
  };
  auto defaults = load_deployment(without_limits(demo_copy()), "paike.yaml", no_env());
  REQUIRE(defaults.ok());
  CHECK(defaults.deployment.limits.text_chars == 2000);
  CHECK(defaults.deployment.limits.user_events_per_minute == 20);
  CHECK(defaults.deployment.limits.group_events_per_minute == 120);

  MemorySource custom = without_limits(demo_copy());
  custom.files["paike.yaml"] +=
      "limits:\n  text_chars: 500\n  user_events_per_minute: 5\n  group_events_per_minute: 30\n"
      "  keep_alive_seconds: 2\n  keep_alive_requests: 10\n";
  auto loaded = load_deployment(custom, "paike.yaml", no_env());
  REQUIRE(loaded.ok());
  const LimitSettings& l = loaded.deployment.limits;
  CHECK(l.text_chars == 500);
  CHECK(l.user_events_per_minute == 5);
  CHECK(l.group_events_per_minute == 30);
  CHECK(l.keep_alive_seconds == 2);
  CHECK(l.keep_alive_requests == 10);

  MemorySource bad = without_limits(demo_copy());
  bad.files["paike.yaml"] += "limits:\n  user_events_per_minute: 0\n  text_chars: lots\n";
  auto refused = load_deployment(bad, "paike.yaml", no_env());
  const std::string& yaml = bad.files["paike.yaml"];
  const int last_line = int(std::count(yaml.begin(), yaml.end(), '\n'));
  CHECK(has_problem(refused.problems, "paike.yaml", last_line - 1, "limits.user_events_per_minute"));
  CHECK(has_problem(refused.problems, "paike.yaml", last_line, "limits.text_chars"));
}

TEST_CASE("check-config reports unknown keys at any level, with the line and the nearest known key") {
  MemorySource source = demo_copy();
  std::string& yaml = source.files["paike.yaml"];
  const int first_new_line = static_cast<int>(std::count(yaml.begin(), yaml.end(), '\n')) + 1;
  yaml +=
      "reminderz:\n"  // first_new_line: a clerk's typo for reminders
      "  quiet_from: \"22:00\"\n"
      "cluster:\n"  // + 2: a section this version does not have
      "  nodes: 3\n"
      "digest:\n"
      "  at: \"07:00\"\n"
      "  househlds: {韩家村: 420}\n"   // + 6: a typo inside a known section
      "  households: {韩家村: 420}\n"  // (free names under households are fine)
      "categories:\n"
      "  - code: other\n"
      "    name: 其他\n"
      "    deadline: 7d\n"
      "    deadlin: 3d\n";  // + 12: inside a list item
  auto loaded = load_deployment(source, "paike.yaml", no_env());
  INFO([&] {
    std::string all;
    for (const auto& p : loaded.problems) all += std::to_string(p.line) + " " + p.message + " (" + p.hint + ")\n";
    return all;
  }());
  CHECK(has_problem(loaded.problems, "paike.yaml", first_new_line, "unknown key 'reminderz'"));
  CHECK(has_problem(loaded.problems, "paike.yaml", first_new_line + 2, "unknown key 'cluster'"));
  CHECK(has_problem(loaded.problems, "paike.yaml", first_new_line + 6, "unknown key 'househlds' in 'digest'"));
  CHECK(has_problem(loaded.problems, "paike.yaml", first_new_line + 12, "unknown key 'deadlin' in 'categories'"));
  auto hint_of = [&](const std::string& key) {
    for (const auto& p : loaded.problems)
      if (p.message.find("'" + key + "'") != std::string::npos) return p.hint;
    return std::string();
  };
  CHECK(hint_of("reminderz") == "did you mean 'reminders'?");
  CHECK(hint_of("househlds") == "did you mean 'households'?");
  CHECK(hint_of("cluster").find("known keys here: township") == 0);  // nothing near: the list
  CHECK(loaded.problems.size() == 4);                                // nothing else: the known keys and free names pass
}

TEST_CASE("check-config reports an alias that leads to no place, and sheet columns nobody reads") {
  MemorySource source = demo_copy();
  std::string& yaml = source.files["paike.yaml"];
  const size_t at = yaml.find("aliases: {");
  REQUIRE(at != std::string::npos);
  const int aliases_line = static_cast<int>(std::count(yaml.begin(), yaml.begin() + at, '\n')) + 1;
  yaml.insert(at + std::string("aliases: {").size(), "老桥: 南河侨, 北边: 无此地, ");  // a typo, and nowhere
  std::string& roster = source.files["roster.csv"];
  roster.replace(0, roster.find('\n'), "user_id,name,role,village,grid_id,phone,feishu_id,手机号");
  std::string& groups = source.files["groups.csv"];
  groups.replace(0, groups.find('\n'), "platform,group_id,group_name,scope,village,grup_name");
  auto loaded = load_deployment(source, "paike.yaml", no_env());
  INFO([&] {
    std::string all;
    for (const auto& p : loaded.problems)
      all += p.file + ":" + std::to_string(p.line) + " " + p.message + " (" + p.hint + ")\n";
    return all;
  }());
  CHECK(has_problem(loaded.problems, "paike.yaml", aliases_line, "alias '老桥' leads to '南河侨'"));
  CHECK(has_problem(loaded.problems, "paike.yaml", aliases_line, "alias '北边' leads to '无此地'"));
  CHECK(has_problem(loaded.problems, "roster.csv", 1, "column '手机号' is not read"));
  CHECK(has_problem(loaded.problems, "groups.csv", 1, "column 'grup_name' is not read"));
  auto hint_of = [&](const std::string& text) {
    for (const auto& p : loaded.problems)
      if (p.message.find(text) != std::string::npos) return p.hint;
    return std::string();
  };
  CHECK(hint_of("'南河侨'") == "did you mean '南河桥'?");
  CHECK(hint_of("'grup_name'") == "did you mean 'group_name'?");
  CHECK(loaded.problems.size() == 4);  // the demo's own aliases and the feishu_id column pass
}
