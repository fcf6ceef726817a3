// The whole bot from the outside, as the simulator page and the platforms drive it: the real
// HTTP server on a free loopback port, a temp data dir, real JPEGs. Every bad input of the
// foundation issue has its case here, and an acknowledged event survives a restart.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "bot/app.h"
#include "config/base64.h"
#include "config/load.h"
#include "storage/inbox.h"
#include "support/demo_deployment.h"
#include "support/jpeg.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

using namespace paike;
using nlohmann::json;

namespace {

std::unique_ptr<App> start_app(const std::filesystem::path& data_dir, bool run_workers = true,
                               Deployment deployment = test::demo_deployment()) {
  AppOptions options;
  options.data_dir = data_dir;
  options.port = 0;
  options.run_workers = run_workers;
  deployment.storage = test::test_storage_settings(data_dir);
  auto app = App::create(std::move(deployment), std::move(options));
  REQUIRE(app);
  auto port = (*app)->start();
  REQUIRE(port);
  return std::move(*app);
}

json event(const std::string& event_id, const std::string& text, const std::string& jpeg = {}) {
  json e = {{"event_id", event_id},
            {"group_id", "g-hanjia"},
            {"user_id", "sim:handefu"},
            {"user_name", "韩德福"},
            {"time", "2026-11-23T10:00:00+08:00"},
            {"text", text}};
  if (!jpeg.empty()) e["image_b64"] = base64_encode(jpeg);
  return e;
}

class Client {
 public:
  explicit Client(int port) : http_("127.0.0.1", port) { http_.set_read_timeout(10, 0); }

  httplib::Result post(const std::string& body) { return http_.Post("/webhook/sim", body, "application/json"); }
  json tickets() {
    auto res = http_.Get("/api/v1/tickets", {{"Authorization", "Bearer demo-token"}});
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body)["tickets"];
  }
  json messages() {
    auto res = http_.Get("/sim/api/messages?group_id=g-hanjia");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return json::parse(res->body);
  }
  httplib::Result get(const std::string& path) { return http_.Get(path); }

  // The worker runs on its own thread: wait (up to 10 s) until the bot has said `count` things.
  json wait_for_messages(size_t count) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    json list = messages();
    while (list.size() < count && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      list = messages();
    }
    return list;
  }

 private:
  httplib::Client http_;
};

// A fresh bot on a data dir holding one acknowledged, unhandled report files it and replies.
void restart_and_expect_ticket_1(const std::filesystem::path& data_dir) {
  auto app = start_app(data_dir);
  Client client(app->port());
  json messages = client.wait_for_messages(1);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0]["text"].get<std::string>().find("已登记 #1【生活垃圾】") == 0);
  CHECK(client.tickets().size() == 1);
}

std::string error_of(const httplib::Result& res) { return json::parse(res->body).value("error", ""); }

}  // namespace

TEST_CASE("end to end: a sim report with a real JPEG → ticket in the read API, reply in the sim chat") {
  test::TempDir dir;
  auto app = start_app(dir.path());
  Client client(app->port());

  auto res = client.post(event("e1", "南河桥边上一大堆垃圾好几天没人管", test::make_jpeg(1600, 1200)).dump());
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(json::parse(res->body) == json{{"ok", true}});

  json messages = client.wait_for_messages(1);
  REQUIRE(messages.size() == 1);
  const json& reply = messages[0];
  // Ids count every message of the deployment: after 08:00 (real time here) the township's
  // digest is sent at start-up and takes m-1.
  CHECK(reply["id"].get<std::string>().rfind("m-", 0) == 0);
  CHECK(reply["text"].get<std::string>().rfind("已登记 #1【生活垃圾】韩家村·南片（南河桥），请 @张桂兰 于 ", 0) == 0);
  CHECK(reply["mentions"] == json{"sim:zhangguilan"});
  CHECK(reply["reply_to"] == "e1");

  json tickets = client.tickets();
  REQUIRE(tickets.size() == 1);
  const json& t = tickets[0];
  CHECK(t["id"] == 1);
  CHECK(t["status"] == "assigned");
  CHECK(t["category"] == "household_waste");
  CHECK(t["village"] == "韩家村");
  CHECK(t["grid_id"] == "hanjia-south");
  CHECK(t["location_source"] == "landmark");
  CHECK(t["reporter"] == "sim:handefu");
  CHECK(t["assignee"] == "sim:zhangguilan");
  CHECK(t["overdue"] == false);
  REQUIRE(t["photos"].size() == 1);
  CHECK(t["photos"][0]["kind"] == "before");

  // The public copies are served, re-encoded and smaller than the 1600 px original.
  auto display = client.get(t["photos"][0]["url"].get<std::string>());
  REQUIRE(display);
  CHECK(display->status == 200);
  CHECK(display->get_header_value("Content-Type") == "image/jpeg");
  auto thumb = client.get(t["photos"][0]["thumbnail_url"].get<std::string>());
  REQUIRE(thumb);
  CHECK(thumb->status == 200);
  CHECK(thumb->body.size() < display->body.size());
  CHECK(client.get("/photos/" + std::string(64, 'a') + ".jpg")->status == 404);
}

TEST_CASE("end to end: bad input gets a 4xx with a JSON reason and files nothing") {
  test::TempDir dir;
  Deployment d = test::demo_deployment();
  d.server.max_body_bytes = 256 * 1024;  // the configured limit (20 MB by default)
  auto app = start_app(dir.path(), true, std::move(d));
  Client client(app->port());

  auto bad_json = client.post("{\"event_id\": \"e1\", ");
  REQUIRE(bad_json);
  CHECK(bad_json->status == 400);
  CHECK_FALSE(error_of(bad_json).empty());

  json unknown = event("e2", "垃圾");
  unknown["group_id"] = "g-nowhere";
  auto unknown_group = client.post(unknown.dump());
  CHECK(unknown_group->status == 404);
  CHECK(error_of(unknown_group).find("g-nowhere") != std::string::npos);

  json no_id = event("e3", "垃圾");
  no_id.erase("event_id");
  auto missing_id = client.post(no_id.dump());
  CHECK(missing_id->status == 400);
  CHECK(error_of(missing_id).find("event_id") != std::string::npos);

  auto too_big = client.post(event("e4", "垃圾", std::string(400 * 1024, 'x')).dump());
  REQUIRE(too_big);
  CHECK(too_big->status == 413);
  CHECK_FALSE(error_of(too_big).empty());

  // Something later that is fine, so "nothing filed" is not just "not yet processed".
  CHECK(client.post(event("e5", "南河桥边上一大堆垃圾").dump())->status == 200);
  CHECK(client.wait_for_messages(1).size() == 1);
  CHECK(client.tickets().size() == 1);
}

TEST_CASE("end to end: an image_b64 that is not an image → filed from the text, reply asks to resend") {
  test::TempDir dir;
  auto app = start_app(dir.path());
  Client client(app->port());
  json e = event("e1", "南河桥边上一大堆垃圾好几天没人管");
  e["image_b64"] = base64_encode("GIF89a this is not a photo at all");
  CHECK(client.post(e.dump())->status == 200);
  json e2 = event("e2", "老槐树底下有人倒了建筑垃圾");
  e2["user_id"] = "sim:liufang";
  e2["image_b64"] = "%%% not base64 %%%";
  CHECK(client.post(e2.dump())->status == 200);

  json messages = client.wait_for_messages(2);
  REQUIRE(messages.size() == 2);
  for (const auto& m : messages) {
    CHECK(m["text"].get<std::string>().find("已登记 #") == 0);
    // A GIF is refused for its format; bytes that are not base64 never became a photo at all.
    const std::string text = m["text"].get<std::string>();
    CHECK((text.find("照片未能识别（格式不支持）") != std::string::npos ||
           text.find("照片没能读取，请重新发送一张照片。") != std::string::npos));
  }
  json tickets = client.tickets();
  REQUIRE(tickets.size() == 2);
  CHECK(tickets[0]["photos"].empty());
}

TEST_CASE("end to end: the same event_id twice is acknowledged twice and files one ticket") {
  test::TempDir dir;
  auto app = start_app(dir.path());
  Client client(app->port());
  const std::string body = event("e1", "南河桥边上一大堆垃圾好几天没人管", test::make_jpeg()).dump();
  CHECK(client.post(body)->status == 200);
  CHECK(client.wait_for_messages(1).size() == 1);
  auto again = client.post(body);
  CHECK(again->status == 200);
  CHECK(json::parse(again->body) == json{{"ok", true}});
  // A second, different event proves the worker went past the duplicate.
  CHECK(client.post(event("e2", "收到").dump())->status == 200);
  json e3 = event("e3", "老槐树底下有人倒了建筑垃圾");
  e3["user_id"] = "sim:liufang";
  CHECK(client.post(e3.dump())->status == 200);
  CHECK(client.wait_for_messages(2).size() == 2);
  CHECK(client.tickets().size() == 2);
}

TEST_CASE(
    "end to end: an event acknowledged with 200 by a bot that stops before handling it is handled after restart") {
  test::TempDir dir;
  {
    auto app = start_app(dir.path(), /*run_workers=*/false);
    Client client(app->port());
    CHECK(client.post(event("e1", "南河桥边上一大堆垃圾好几天没人管", test::make_jpeg()).dump())->status == 200);
    CHECK(client.messages().empty());
  }  // the process is gone: only the inbox row remains
  {
    auto db = Database::open(test::test_storage(dir.path()));
    REQUIRE(db);
    CHECK(Inbox(**db).count_pending() == 1);
  }
  restart_and_expect_ticket_1(dir.path());
}

TEST_CASE("end to end: kill -9 right after the 200 loses nothing, the restarted bot files the report") {
  test::TempDir dir;
  Deployment deployment = test::demo_deployment();
  deployment.storage = test::test_storage_settings(dir.path());  // before the fork: the restart's too
  int port_pipe[2];
  REQUIRE(::pipe(port_pipe) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The bot in its own process, accepting only: it is killed before it handles anything.
    AppOptions options;
    options.data_dir = dir.path();
    options.port = 0;
    options.run_workers = false;
    auto app = App::create(std::move(deployment), std::move(options));
    int port = app && (*app)->start() ? (*app)->port() : -1;
    if (::write(port_pipe[1], &port, sizeof port) != sizeof port) ::_exit(1);
    for (;;) ::pause();
  }
  int port = -1;
  REQUIRE(::read(port_pipe[0], &port, sizeof port) == sizeof port);
  ::close(port_pipe[0]);
  ::close(port_pipe[1]);
  REQUIRE(port > 0);
  {
    Client client(port);
    auto res = client.post(event("e1", "南河桥边上一大堆垃圾好几天没人管", test::make_jpeg()).dump());
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status));

  restart_and_expect_ticket_1(dir.path());
}
