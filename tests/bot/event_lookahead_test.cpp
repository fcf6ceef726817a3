// The look-ahead threads (bot/event_lookahead.h) in a running bot: photo reports posted in a
// burst are each handled once with their photo, and a flood's extra photos are never decoded
// or stored, though they are prepared on other threads before the worker reaches them.
#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

#include "bot/app.h"
#include "config/base64.h"
#include "config/digest.h"
#include "storage/database.h"
#include "storage/photo_store.h"
#include "support/demo_deployment.h"
#include "support/jpeg.h"
#include "support/temp_dir.h"
#include "support/wait_until.h"

using namespace paike;
using nlohmann::json;

namespace {

std::unique_ptr<App> start_app(const std::filesystem::path& data_dir, Deployment deployment) {
  AppOptions options;
  options.data_dir = data_dir;
  options.port = 0;
  auto app = App::create(std::move(deployment), std::move(options));
  REQUIRE(app);
  REQUIRE((*app)->start());
  return std::move(*app);
}

// Posts photo report `i` (a 1280 px photo of its own) and returns the photo's sha256.
std::string post_photo_report(httplib::Client& http, int i, const std::string& group_id, const std::string& user_id) {
  const std::string jpeg = test::make_jpeg(1280, 960, 100 + i);
  const std::string body = json{{"event_id", "burst-" + std::to_string(i)},
                                {"group_id", group_id},
                                {"user_id", user_id},
                                {"user_name", "村民" + std::to_string(i)},
                                {"text", "路边垃圾堆了好几天了"},
                                {"image_b64", base64_encode(jpeg)}}
                               .dump();
  auto res = http.Post("/webhook/sim", body, "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  return crypto::sha256_hex(jpeg);
}

// Waits (up to 30 s) until the worker has handled every event acknowledged so far, then
// opens a connection of the test's own.
std::unique_ptr<Database> drained(const App& app) {
  auto db = Database::open(app.database_path());
  REQUIRE(db);
  test::wait_until([&] { return (*db)->query_int64("SELECT count(*) FROM inbox WHERE state = 'pending'") == 0; },
                   std::chrono::seconds(30));
  return std::move(*db);
}

int64_t count(Database& db, const std::string& sql) { return db.query_int64(sql); }

}  // namespace

TEST_CASE("look-ahead: a burst of photo reports from four groups is handled once each, every photo kept") {
  test::TempDir dir;
  auto app = start_app(dir.path(), test::demo_deployment());
  httplib::Client http("127.0.0.1", app->port());
  const char* groups[] = {"g-hanjia", "g-lizhuang", "g-wangjiawan", "g-dongying"};
  std::vector<std::string> shas;
  for (int i = 0; i < 24; ++i)
    shas.push_back(post_photo_report(http, i, groups[i % 4], "sim:burst-" + std::to_string(i)));
  auto db = drained(*app);
  CHECK(count(*db, "SELECT count(*) FROM inbox WHERE state = 'done' AND error IS NULL") == 24);
  CHECK(count(*db, "SELECT count(*) FROM photos") == 24);
  CHECK(count(*db, "SELECT count(DISTINCT ticket_id) FROM ticket_photos") >= 1);
  CHECK(count(*db, "SELECT count(*) FROM ticket_photos") == 24);  // each photo filed once
  PhotoStore store(dir.path() / "photos");
  for (const auto& sha : shas) CHECK(store.find(sha, PhotoVariant::original));
  CHECK(app->worker().prepared_ahead() > 0);  // the look-ahead did take part
}

TEST_CASE("look-ahead: a flooding villager's extra photos are never decoded or stored") {
  test::TempDir dir;
  Deployment deployment = test::demo_deployment();
  deployment.limits.user_events_per_minute = 3;
  auto app = start_app(dir.path(), std::move(deployment));
  httplib::Client http("127.0.0.1", app->port());
  std::vector<std::string> shas;
  for (int i = 0; i < 7; ++i) shas.push_back(post_photo_report(http, i, "g-hanjia", "sim:wangdaye"));
  auto db = drained(*app);
  CHECK(count(*db, "SELECT count(*) FROM inbox WHERE error = 'throttled_user'") == 4);
  PhotoStore store(dir.path() / "photos");
  for (int i = 0; i < 7; ++i) {
    INFO("photo " << i);
    CHECK(bool(store.find(shas[i], PhotoVariant::original)) == (i < 3));
  }
}

TEST_CASE("look-ahead: a spoken report's inline audio is stored ahead and kept with its ticket") {
  test::TempDir dir;
  auto app = start_app(dir.path(), test::demo_deployment());
  httplib::Client http("127.0.0.1", app->port());
  const std::string audio = std::string("#!AMR\n") + std::string(500, '\x24');
  for (int i = 0; i < 3; ++i) {
    json voice = {{"transcript", "南河桥边上一大堆垃圾好几天没人管"},
                  {"audio_b64", base64_encode(audio + char('a' + i))},
                  {"format", "amr"}};
    auto res = http.Post("/webhook/sim",
                         json{{"event_id", "v" + std::to_string(i)},
                              {"group_id", "g-hanjia"},
                              {"user_id", "sim:voice-" + std::to_string(i)},
                              {"voice", voice}}
                             .dump(),
                         "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  auto db = drained(*app);
  CHECK(count(*db, "SELECT count(*) FROM ticket_voices") == 3);
  PhotoStore store(dir.path() / "photos");
  for (int i = 0; i < 3; ++i) CHECK(store.read(crypto::sha256_hex(audio + char('a' + i)), PhotoVariant::voice));
}
