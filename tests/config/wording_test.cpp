// The wording is data: every key of config/default_replies.yaml is Chinese for people, each
// key the code names exists, and a township's `replies:` overrides are checked like the rest
// of its configuration.
#include "config/wording.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <set>

#include "config/load.h"
#include "support/file_text.h"

using namespace paike;

namespace {

// The template's own words: placeholders (ids, numbers, names filled in later) taken out.
std::string words_of(const std::string& text) { return std::regex_replace(text, std::regex(R"(\{[a-z0-9_]+\})"), ""); }

// Product sources, to find the keys the code names.
std::vector<std::filesystem::path> product_sources() {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"config", "vision", "storage", "handlers", "bot"}) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::filesystem::path(PAIKE_SOURCE_DIR) / dir)) {
      if (entry.path().extension() == ".cpp" || entry.path().extension() == ".h") files.push_back(entry.path());
    }
  }
  return files;
}

YAML::Node yaml(const std::string& text) { return YAML::Load(text); }

}  // namespace

TEST_CASE("no Latin word reaches a person: every reply, label and audit reason is Chinese") {
  const Wording w;
  REQUIRE(w.keys().size() > 50);
  for (const auto& key : w.keys()) {
    const std::string words = words_of(w.render(key, {}));
    INFO(key << ": " << w.render(key, {}));
    CHECK_FALSE(std::regex_search(words, std::regex("[A-Za-z]")));
  }
}

TEST_CASE("the check for Latin words would catch one") {
  CHECK(std::regex_search(words_of("系统 flagged（{day}）"), std::regex("[A-Za-z]")));
  CHECK_FALSE(std::regex_search(words_of("已登记 #{ticket}"), std::regex("[A-Za-z]")));
}

TEST_CASE("every key the code names is in default_replies.yaml") {
  const Wording w;
  // render("area.key" and reason_code = "key" (audit reasons live under audit.reason.).
  const std::regex rendered(R"(render\(\s*"([a-z_]+\.[a-z0-9_.]+)\")");
  const std::regex reason(R"(reason_code = ([^;]*);)");
  const std::regex quoted(R"x("([a-z_]+)")x");
  int named = 0;
  for (const auto& file : product_sources()) {
    const std::string text = test::file_text(file);
    for (std::sregex_iterator it(text.begin(), text.end(), rendered), end; it != end; ++it) {
      INFO(file.string() << " names " << (*it)[1]);
      CHECK(w.has((*it)[1].str()));
      ++named;
    }
    for (std::sregex_iterator it(text.begin(), text.end(), reason), end; it != end; ++it) {
      const std::string value = (*it)[1].str();
      for (std::sregex_iterator q(value.begin(), value.end(), quoted), qend; q != qend; ++q) {
        INFO(file.string() << " writes reason " << (*q)[1]);
        CHECK(w.has("audit.reason." + (*q)[1].str()));
        ++named;
      }
    }
  }
  CHECK(named > 30);  // the scan found the code's keys at all
}

TEST_CASE("the codes worded by a prefix each have their words") {
  const Wording w;
  for (const char* status : {"assigned", "rectified", "closed", "withdrawn", "merged"})
    CHECK(w.has(std::string("status.") + status));
  for (const char* role : {"villager", "grid_leader", "village_secretary", "village_liaison", "township_supervisor"})
    CHECK(w.has(std::string("role.") + role));
  for (const char* source : {"gps", "exif", "landmark", "village_name", "group"})
    CHECK(w.has(std::string("location_source.") + source));
  // vision's refusal codes (vision/errors.h)
  for (const char* code : {"empty", "unsupported_format", "too_large", "too_small", "truncated", "corrupt"})
    CHECK(w.has(std::string("photo.refused.") + code));
  // the lifecycle's actions and parties (handlers/lifecycle/lifecycle.cpp's table), in refusals and 帮助
  for (const char* action : {"rectify", "confirm", "reject", "reassign", "extend", "withdraw", "merge", "reopen",
                             "recategorize", "relocate"}) {
    CHECK(w.has(std::string("lifecycle.action.") + action));
    CHECK(w.has(std::string("help.action.") + action));
  }
  for (const char* party : {"reporter", "assignee", "reporter_while_assigned"}) {
    CHECK(w.has(std::string("lifecycle.party.") + party));
    CHECK(w.has(std::string("help.only.") + party));
  }
  // points ledger reasons (handlers/schedule/points.cpp), weekdays, the web ledger's actions
  for (const char* reason : {"report_closed", "closed_on_time", "closed_late", "relapse", "other"})
    CHECK(w.has(std::string("points.reason.") + reason));
  for (const char* day : {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"})
    CHECK(w.has(std::string("digest.weekday.") + day));
  for (const char* action : {"confirm", "reject", "withdraw", "reopen"}) {
    CHECK(w.has(std::string("ledger_action.label.") + action));
    CHECK(w.has(std::string("ledger_action.done.") + action));
  }
}

TEST_CASE("render fills each placeholder, leaves unknown ones empty and keeps other braces") {
  const Wording w;
  CHECK(w.render("intake.photos_added", {{"ticket", "12"}}) == "已把照片补充到 #12。");
  CHECK(w.render("intake.photos_added") == "已把照片补充到 #。");
  CHECK(template_placeholders("#{ticket}【{category}】{ticket} {不是} {A} {}") ==
        std::vector<std::string>{"ticket", "category"});
}

TEST_CASE("a township's replies override the defaults, nested or dotted") {
  Wording w;
  ConfigProblems problems;
  w.apply_overrides(yaml("intake:\n  photos_added: \"照片收到，已补到 #{ticket}\"\n"
                         "status.assigned: 正在整改\n"),
                    "paike.yaml", problems);
  CHECK(problems.empty());
  CHECK(w.render("intake.photos_added", {{"ticket", "3"}}) == "照片收到，已补到 #3");
  CHECK(w.render("status.assigned") == "正在整改");
  CHECK(Wording().render("status.assigned") == "整改中");  // the defaults stay as shipped
}

TEST_CASE("check-config names an unknown reply key, an unknown and a missing placeholder, with the line") {
  Wording w;
  ConfigProblems problems;
  w.apply_overrides(yaml("intake:\n"
                         "  photos_addd: \"已补充 #{ticket}\"\n"                // line 2: a typo in the key
                         "  photos_added: \"已补充 #{tiket}\"\n"                // line 3: a typo in the placeholder
                         "  ticket_filed: \"已登记【{category}】{place}\"\n"),  // line 4: {ticket} … left out
                    "paike.yaml", problems);
  auto find = [&](const std::string& text) -> const ConfigProblem* {
    for (const auto& p : problems)
      if (p.message.find(text) != std::string::npos) return &p;
    return nullptr;
  };
  const ConfigProblem* unknown = find("unknown reply 'intake.photos_addd'");
  REQUIRE(unknown);
  CHECK(unknown->line == 2);
  CHECK(unknown->hint == "did you mean 'intake.photos_added'?");
  const ConfigProblem* placeholder = find("unknown placeholder {tiket}");
  REQUIRE(placeholder);
  CHECK(placeholder->line == 3);
  CHECK(placeholder->hint.find("{ticket}") != std::string::npos);
  REQUIRE(find("'intake.ticket_filed' lacks placeholder {ticket}"));
  CHECK(find("'intake.ticket_filed' lacks placeholder {ticket}")->line == 4);
  CHECK(find("lacks placeholder {mention}"));
  // A refused override leaves the default in place.
  CHECK(w.render("intake.photos_added", {{"ticket", "3"}}) == "已把照片补充到 #3。");
}

TEST_CASE("a deployment file's replies section is read, and checked, by load_deployment") {
  class WithReplies : public FileSource {
   public:
    std::optional<std::string> read(const std::string& path) const override {
      auto text = DemoSource().read(path);
      if (text && path == "paike.yaml") *text += "replies:\n  status:\n    closed: 已办结\n    closd: 已办结\n";
      return text;
    }
    std::string display_name(const std::string& path) const override { return path; }
  } source;
  auto loaded = load_deployment(source, "paike.yaml",
                                [](const std::string&) -> std::optional<std::string> { return std::string("x"); });
  CHECK(loaded.deployment.wording.render("status.closed") == "已办结");
  bool reported = false;
  for (const auto& p : loaded.problems) reported |= p.message == "unknown reply 'status.closd'" && p.line > 0;
  CHECK(reported);
}
