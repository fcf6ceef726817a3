// `paike backup` (storage/backup.h) while the server takes events: the copy is consistent
// and verified, its photos come along, and restoring it into a fresh data dir serves the
// same tickets with their photos.
#include <httplib.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <atomic>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "config/base64.h"
#include "demo_app.h"
#include "storage/backup.h"
#include "support/jpeg.h"
#include "support/temp_dir.h"

using namespace paike;
using nlohmann::json;

namespace {

long long count(const std::filesystem::path& db_file, const std::string& sql) {
  SQLite::Database db(db_file.string(), SQLite::OPEN_READONLY);
  return db.execAndGet(sql).getInt64();
}

}  // namespace

TEST_CASE("backup while serving: verified copy with photos, restored into a fresh data dir it serves the tickets") {
  test::TempDir dir;
  auto app = test::start_demo_app(dir / "data");
  const std::string groups[] = {"g-hanjia", "g-lizhuang", "g-wangjiawan", "g-dongying"};
  const std::string users[] = {"sim:handefu", "sim:licuihua", "sim:wangyuzhen", "sim:wujianjun"};
  std::atomic<int> posted{0};
  std::atomic<bool> stop{false};
  std::thread sender([&] {
    httplib::Client client("127.0.0.1", app->port());
    for (int i = 0; i < 400 && !stop; ++i) {
      json e{{"event_id", "b" + std::to_string(i)},
             {"group_id", groups[i % 4]},
             {"user_id", users[i % 4]},
             {"text", "路边垃圾堆了好几天（" + std::to_string(i) + "）"},
             {"image_b64", base64_encode(test::make_jpeg(320, 240, i))}};
      auto res = client.Post("/webhook/sim", e.dump(), "application/json");
      if (res && res->status == 200) ++posted;
    }
  });
  while (posted < 40) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const long long tickets_before = count(app->database_path(), "SELECT COUNT(*) FROM tickets");

  const int posted_at_start = posted;
  auto report = backup_data(app->database_path(), dir / "data" / "photos", dir / "copy.db");
  // The server goes on taking events beside the backup (a backup faster than one post under
  // ASan may see none arrive while it runs, so allow it a moment).
  for (int i = 0; i < 1000 && posted == posted_at_start; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const int posted_at_end = posted;
  stop = true;
  sender.join();
  INFO((report ? "" : report.error().message));
  REQUIRE(report);
  CHECK(posted_at_end > posted_at_start);  // the server was taking events beside the backup
  CHECK(report->rows.at("tickets") >= tickets_before);
  CHECK(report->rows.at("tickets") > 0);
  CHECK(report->rows.at("photos") > 0);
  CHECK(report->photo_files_total >= report->rows.at("photos"));
  CHECK_FALSE(std::filesystem::exists(dir / "copy.db.partial"));
  CHECK(count(dir / "copy.db", "SELECT COUNT(*) FROM tickets") == report->rows.at("tickets"));
  const long long pending_in_copy = count(dir / "copy.db", "SELECT COUNT(*) FROM inbox WHERE state = 'pending'");
  app->stop();

  // Restore as README says: the file becomes paike.db, FILE.photos becomes photos/.
  std::filesystem::create_directories(dir / "restored");
  std::filesystem::copy_file(dir / "copy.db", dir / "restored" / "paike.db");
  std::filesystem::copy(dir / "copy.db.photos", dir / "restored" / "photos", std::filesystem::copy_options::recursive);
  auto restored = test::start_demo_app(dir / "restored");
  httplib::Client client("127.0.0.1", restored->port());
  auto res = client.Get("/api/v1/tickets?limit=500", {{"Authorization", "Bearer demo-token"}});
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const json tickets = json::parse(res->body)["tickets"];
  // The restored bot serves every ticket of the copy, and goes on with the events that were
  // still waiting in its inbox: those may have become tickets by now.
  const auto served = static_cast<long long>(tickets.size());
  CHECK(served >= report->rows.at("tickets"));
  CHECK(served <= report->rows.at("tickets") + pending_in_copy);
  int photos_checked = 0;
  for (const auto& t : tickets) {
    for (const auto& p : t["photos"]) {
      if (photos_checked >= 5) break;
      auto photo = client.Get(p["url"].get<std::string>());
      REQUIRE(photo);
      INFO("ticket #" << t["id"] << " photo " << p["url"]);
      CHECK(photo->status == 200);
      CHECK(photo->body.substr(0, 2) == "\xFF\xD8");  // a JPEG
      ++photos_checked;
    }
  }
  CHECK(photos_checked > 0);
}

TEST_CASE("backup: a missing database is a clear error and leaves no file") {
  test::TempDir dir;
  auto report = backup_data(dir / "nothing.db", dir / "photos", dir / "copy.db");
  REQUIRE_FALSE(report);
  CHECK(report.error().message.find("no database") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "copy.db"));
}
