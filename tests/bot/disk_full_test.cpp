// Disk full (issue 10), on a real full file system: the data dir is a small tmpfs private to
// this test process. The webhook answers 503 with a JSON reason and stores nothing; no event
// is half-handled (the worker leaves it pending); when space returns everything acknowledged
// is handled and the database is intact.
#include <httplib.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "config/base64.h"
#include "demo_app.h"
#include "support/jpeg.h"
#include "support/small_disk.h"
#include "support/temp_dir.h"

using namespace paike;
using nlohmann::json;

namespace {

std::string photo_report(const std::string& event_id, int seed) {
  return json{{"event_id", event_id},
              {"group_id", "g-hanjia"},
              {"user_id", "sim:handefu"},
              {"text", "村口垃圾桶满了，垃圾堆了一地（" + event_id + "）"},
              {"image_b64", base64_encode(test::make_jpeg(640, 480, seed))}}
      .dump();
}

long long count(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt64(); }

void wait_until_handled(const std::filesystem::path& db_file) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    SQLite::Database db(db_file.string(), SQLite::OPEN_READONLY);
    if (count(db, "SELECT COUNT(*) FROM inbox WHERE state = 'pending'") == 0) return;
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace

TEST_CASE("disk full: webhook answers 503 with a reason, nothing half-written, recovers when space returns") {
  test::TempDir base;
  const auto data = base / "data";
  std::filesystem::create_directories(data);
  const std::string mounted = test::mount_small_disk(data, "8m");
  INFO("mounting a small tmpfs: " << mounted);
  REQUIRE(mounted.empty());

  auto app = test::start_demo_app(data);
  httplib::Client client("127.0.0.1", app->port());
  client.set_read_timeout(30, 0);
  const auto db_file = app->database_path();

  std::set<std::string> acked;
  auto post = [&](const std::string& id, int seed) {
    auto res = client.Post("/webhook/sim", photo_report(id, seed), "application/json");
    REQUIRE(res);
    if (res->status == 200) acked.insert(id);
    return res;
  };
  for (int i = 0; i < 3; ++i) REQUIRE(post("before-" + std::to_string(i), i)->status == 200);
  wait_until_handled(db_file);

  REQUIRE(test::fill_disk(data / "filler") > 0);
  // SQLite may still have room in its WAL; keep posting until the disk says no.
  std::string refused_id, refused_body;
  int refused_status = 0;
  for (int i = 0; i < 200 && refused_id.empty(); ++i) {
    const std::string id = "full-" + std::to_string(i);
    auto res = post(id, 100 + i);
    if (res->status != 200) {
      refused_id = id;
      refused_status = res->status;
      refused_body = res->body;
    }
  }
  REQUIRE_FALSE(refused_id.empty());
  CHECK(refused_status == 503);
  auto reason = json::parse(refused_body, nullptr, false);
  REQUIRE(reason.is_object());
  INFO(refused_body);
  CHECK(reason.value("error", "").find("disk is full") != std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the worker meets the full disk too

  {  // Nothing half-written: no refused event in the inbox, no ticket without its photo file.
    SQLite::Database db(db_file.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT COUNT(*) FROM inbox WHERE event_id = ?");
    q.bind(1, refused_id);
    q.executeStep();
    CHECK(q.getColumn(0).getInt64() == 0);
  }

  std::filesystem::remove(data / "filler");  // space returns
  auto again = post(refused_id, 999);
  CHECK(again->status == 200);
  REQUIRE(post("after-space", 1000)->status == 200);
  wait_until_handled(db_file);
  app.reset();

  SQLite::Database db(db_file.string(), SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
  for (const auto& id : acked) {
    INFO("acknowledged event " << id);
    SQLite::Statement state(db, "SELECT state FROM inbox WHERE event_id = ?");
    state.bind(1, id);
    REQUIRE(state.executeStep());
    CHECK(state.getColumn(0).getString() == "done");
    // Filed as a ticket or merged into one, with its photo: handled fully, exactly once.
    SQLite::Statement filed(db,
                            "SELECT COUNT(*) FROM ticket_events WHERE source_event_id = ? "
                            "AND action IN ('created', 'report_merged')");
    filed.bind(1, id);
    filed.executeStep();
    CHECK(filed.getColumn(0).getInt64() == 1);
    SQLite::Statement photo(db, "SELECT COUNT(*) FROM ticket_photos WHERE source_event_id = ?");
    photo.bind(1, id);
    photo.executeStep();
    CHECK(photo.getColumn(0).getInt64() >= 1);
  }
  SQLite::Statement photos(db, "SELECT sha256 FROM ticket_photos");
  while (photos.executeStep()) {
    const std::string sha = photos.getColumn(0).getString();
    INFO("photo " << sha);
    CHECK(std::filesystem::exists(data / "photos" / "originals" / sha.substr(0, 2) / sha));
  }
  test::unmount_small_disk(data);
}
