// The whole loop through the real HTTP server and the simulator platform: a villager reports,
// the grid leader closes off with an after-photo, the villager sends it back, the leader fixes
// it again and the villager confirms by quoting the bot — read back from /sim/api/messages and
// /api/v1/tickets/{id}.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "bot/app.h"
#include "config/base64.h"
#include "config/load.h"
#include "support/demo_deployment.h"
#include "support/jpeg.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

using namespace paike;
using nlohmann::json;

namespace {

class SimChat {
 public:
  explicit SimChat(int port) : client_("127.0.0.1", port) { client_.set_read_timeout(10, 0); }

  void post(const std::string& user, const std::string& text, bool photo = false, const std::string& reply_to = "") {
    post_photo(user, text, photo ? test::make_jpeg(640, 480, 500 + events_ + 1) : "", reply_to);
  }

  void post_photo(const std::string& user, const std::string& text, const std::string& jpeg,
                  const std::string& reply_to = "") {
    json body = {
        {"event_id", "e" + std::to_string(++events_)}, {"group_id", "g-hanjia"}, {"user_id", user}, {"text", text}};
    if (!jpeg.empty()) body["image_b64"] = base64_encode(jpeg);
    if (!reply_to.empty()) body["reply_to"] = reply_to;
    auto res = client_.Post("/webhook/sim", body.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }

  // The first bot message after the last one seen whose text contains `needle`; waits up to 15 s.
  json wait_for(const std::string& needle) {
    for (int i = 0; i < 300; ++i) {
      auto res = client_.Get("/sim/api/messages?group_id=g-hanjia&after=" + seen_);
      REQUIRE(res);
      REQUIRE(res->status == 200);
      for (const auto& m : json::parse(res->body)) {
        seen_ = m["id"].get<std::string>();
        if (m["text"].get<std::string>().find(needle) != std::string::npos) return m;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("no bot message containing " << needle);
    return {};
  }

  json ticket(int64_t id) {
    httplib::Headers auth = {{"Authorization", "Bearer demo-token"}};
    auto res = client_.Get(("/api/v1/tickets/" + std::to_string(id)).c_str(), auth);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body);
  }

 private:
  httplib::Client client_;
  std::string seen_ = "m-0";
  int events_ = 0;
};

// The demo township served on a free loopback port, its clock standing still until moved.
std::unique_ptr<App> start_demo_app(const test::TempDir& dir) {
  AppOptions options;
  options.data_dir = dir.path();
  options.port = 0;
  options.clock = std::make_shared<ManualClock>(*parse_iso8601("2026-11-22T08:00:00+08:00"));
  Deployment deployment = test::demo_deployment();
  deployment.storage = test::test_storage_settings(dir.path());
  auto app = App::create(std::move(deployment), std::move(options));
  REQUIRE(app.ok());
  REQUIRE((*app)->start().ok());
  return std::move(*app);
}

}  // namespace

TEST_CASE("end to end: report → 已整改+photo → 退回 → 已整改+photo → 确认 → closed") {
  test::TempDir dir;
  auto app = start_demo_app(dir);
  SimChat chat(app->port());

  chat.post("sim:handefu", "南河桥边有一堆垃圾", true);
  json filed = chat.wait_for("已登记");
  const int64_t id = filed["ticket_id"].get<int64_t>();
  CHECK(filed["mentions"] == json::array({"sim:zhangguilan"}));
  const std::string no = "#" + std::to_string(id);

  chat.post("sim:zhangguilan", no + " 已整改", true);
  CHECK(chat.wait_for("待核验")["mentions"] == json::array({"sim:handefu"}));
  CHECK(chat.ticket(id)["status"] == "rectified");

  chat.post("sim:handefu", no + " 退回 桥下还有塑料袋");
  CHECK(chat.wait_for("已退回")["mentions"] == json::array({"sim:zhangguilan"}));
  CHECK(chat.ticket(id)["status"] == "assigned");

  // This time the words come first and the photo a minute later.
  chat.post("sim:zhangguilan", no + " 已整改");
  chat.wait_for("整改后的照片");
  app->clock().advance(std::chrono::minutes(1));
  chat.post("sim:zhangguilan", "", true);
  json rectified = chat.wait_for("待核验");

  chat.post("sim:handefu", "确认", false, rectified["id"].get<std::string>());
  chat.wait_for("已销号");

  json t = chat.ticket(id);
  CHECK(t["status"] == "closed");
  CHECK_FALSE(t["closed_at"].is_null());
  int after = 0;
  for (const auto& p : t["photos"]) after += p["kind"] == "after";
  CHECK(after == 2);
  std::vector<std::string> actions;
  for (const auto& e : t["events"]) actions.push_back(e["action"].get<std::string>());
  CHECK(actions == std::vector<std::string>{"created", "rectified", "rejected", "rectified", "closed"});
  CHECK(t["events"][2]["reason"] == "桥下还有塑料袋");
  CHECK(t["events"][4]["actor"] == "sim:handefu");
  app->stop();
}

TEST_CASE("end to end: auto-close after the simulator's clock moves 25 hours") {
  test::TempDir dir;
  auto app = start_demo_app(dir);
  SimChat chat(app->port());
  chat.post_photo("sim:handefu", "南河桥边有一堆垃圾", test::make_jpeg(640, 480, 7));
  const int64_t id = chat.wait_for("已登记")["ticket_id"].get<int64_t>();
  // The after-photo shows the same place, so nothing holds the ticket for a person.
  chat.post_photo("sim:zhangguilan", "#" + std::to_string(id) + " 已整改", test::make_jpeg_after(640, 480, 7));
  chat.wait_for("待核验");
  httplib::Client client("127.0.0.1", app->port());
  auto res = client.Post("/sim/api/clock", R"({"advance":"25h"})", "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  chat.wait_for("自动销号");
  CHECK(chat.ticket(id)["status"] == "closed");
  CHECK(chat.ticket(id)["events"].back()["actor"] == "system");
  app->stop();
}
