// The scheduler inside the running bot: App on a loopback port, the simulator's clock
// moved over HTTP, and a restart between "decided to send" and "sent".
#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "bot/app.h"
#include "config/load.h"
#include "config/text.h"
#include "support/demo_deployment.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

using namespace paike;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

TimePoint monday_ten() { return *parse_iso8601("2026-11-23T10:00:00+08:00"); }

std::unique_ptr<App> make_app(const std::filesystem::path& dir, std::shared_ptr<ManualClock> clock, bool workers) {
  AppOptions options;
  options.data_dir = dir;
  options.port = 0;
  options.run_workers = workers;
  options.clock = clock;
  Deployment deployment = test::demo_deployment();
  deployment.storage = test::test_storage_settings(dir);  // the same database again on a restart
  auto app = App::create(std::move(deployment), std::move(options));
  REQUIRE(app);
  REQUIRE((*app)->start());
  return std::move(*app);
}

json messages(httplib::Client& client, const std::string& group) {
  auto res = client.Get(("/sim/api/messages?group_id=" + group).c_str());
  REQUIRE(res);
  REQUIRE(res->status == 200);
  return json::parse(res->body);
}

// Polls until a message in `group` contains `word` (the threads work in the background).
json wait_for(httplib::Client& client, const std::string& group, const std::string& word) {
  for (int i = 0; i < 200; ++i) {
    for (const auto& m : messages(client, group)) {
      if (contains(m["text"].get<std::string>(), word)) return m;
    }
    std::this_thread::sleep_for(50ms);
  }
  FAIL("no message containing " << word << " in " << group);
  return {};
}

int count_with(httplib::Client& client, const std::string& group, const std::string& word) {
  int n = 0;
  for (const auto& m : messages(client, group)) n += contains(m["text"].get<std::string>(), word);
  return n;
}

void post_report(httplib::Client& client) {
  json event = {{"event_id", "e1"},
                {"group_id", "g-hanjia"},
                {"user_id", "sim:handefu"},
                {"text", "南河桥边有一大堆垃圾，好几天没人管"}};
  auto res = client.Post("/webhook/sim", event.dump(), "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
}

}  // namespace

TEST_CASE("POST /sim/api/clock drives the ladder and the digest through the running simulator") {
  test::TempDir dir;
  auto clock = std::make_shared<ManualClock>(monday_ten());
  auto app = make_app(dir.path(), clock, true);
  httplib::Client client("127.0.0.1", app->port());
  post_report(client);
  wait_for(client, "g-hanjia", "已登记 #1");

  auto advance = [&](const std::string& by) {
    auto res = client.Post("/sim/api/clock", json{{"advance", by}}.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  };
  advance("24h");  // Tuesday 10:00: the deadline passed
  auto due = wait_for(client, "g-hanjia", "已到整改期限");
  CHECK(due["mentions"] == json::array({"sim:zhangguilan", "sim:hanjianguo"}));
  auto digest = wait_for(client, "g-township", "人居环境日报");  // Tuesday's, sent on catching up
  REQUIRE(digest["image_url"].is_string());
  auto chart = client.Get(digest["image_url"].get<std::string>().c_str());
  REQUIRE(chart);
  CHECK(chart->status == 200);
  CHECK(chart->get_header_value("Content-Type") == "image/png");
  CHECK(chart->body.substr(1, 3) == "PNG");

  advance("1d");
  wait_for(client, "g-township", "挂牌督办");
  advance("2d");
  wait_for(client, "g-township", "督办升级");
  std::this_thread::sleep_for(1500ms);  // a few more scheduler rounds change nothing
  CHECK(count_with(client, "g-hanjia", "已到整改期限") == 1);
  CHECK(count_with(client, "g-township", "挂牌督办") == 1);
  CHECK(count_with(client, "g-township", "督办升级") == 1);
  CHECK(count_with(client, "g-township", "人居环境日报") == 4);  // Monday (started after 08:00), Tue, Wed, Fri

  auto refused = client.Post("/sim/api/clock", R"({"advance":"-1h"})", "application/json");
  REQUIRE(refused);
  CHECK(refused->status == 400);
}

TEST_CASE("a restart between deciding to send and sending neither repeats nor loses a reminder") {
  test::TempDir dir;
  auto clock = std::make_shared<ManualClock>(monday_ten());
  {
    auto app = make_app(dir.path(), clock, false);
    httplib::Client client("127.0.0.1", app->port());
    post_report(client);
    app->worker().drain();
    app->sender().send_due();
    clock->advance(24h);
    app->scheduler().run_now();  // decided: the reminder is in the outbox, pending
    CHECK(count_with(client, "g-hanjia", "已到整改期限") == 0);
    // The process dies here: nothing was sent.
  }
  auto app = make_app(dir.path(), clock, false);
  httplib::Client client("127.0.0.1", app->port());
  app->scheduler().run_now();
  clock->advance(1min);
  app->scheduler().run_now();
  while (app->sender().send_due() > 0) {
  }
  CHECK(count_with(client, "g-hanjia", "已到整改期限") == 1);
}
