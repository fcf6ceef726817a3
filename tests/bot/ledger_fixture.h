// A running App on the demo township (real SQLite in a temp dir, or PostgreSQL as
// support/test_database.h chooses; real HTTP on a loopback port, a manual clock) plus helpers
// to file tickets with real photos and to log in.
#pragma once

#include <httplib.h>

#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "bot/app.h"
#include "config/base64.h"
#include "config/digest.h"
#include "config/load.h"
#include "handlers/ledger/login_link.h"
#include "storage/photo_repo.h"
#include "storage/ticket_repo.h"
#include "support/jpeg.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace paike::test {

inline TimePoint at_iso(const char* text) { return *parse_iso8601(text); }

// The body of a simulator report by 韩德福 in 韩家村's group, with `photo` inline when given.
inline std::string sim_report(const std::string& event_id, const std::string& photo = "") {
  nlohmann::json body{{"event_id", event_id},
                      {"group_id", "g-hanjia"},
                      {"user_id", "sim:handefu"},
                      {"user_name", "韩德福"},
                      {"text", "南河桥边的垃圾堆了好几天了"}};
  if (!photo.empty()) body["image_b64"] = base64_encode(photo);
  return body.dump();
}

struct LedgerFixture {
  TempDir dir;
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(at_iso("2026-11-22T08:00:00+08:00"));
  std::unique_ptr<App> app;
  std::unique_ptr<httplib::Client> http;

  // `adjust` changes the demo deployment before the app starts (e.g. lower limits).
  explicit LedgerFixture(const std::function<void(Deployment&)>& adjust = {}) {
    auto loaded = load_demo_deployment();
    REQUIRE(loaded.ok());
    loaded.deployment.storage = test_storage_settings(dir.path());
    if (adjust) adjust(loaded.deployment);
    AppOptions options;
    options.data_dir = dir.path();
    options.port = 0;
    options.run_workers = false;  // tests drain the worker themselves, deterministically
    options.clock = clock;
    auto created = App::create(std::move(loaded.deployment), std::move(options));
    REQUIRE(created);
    app = std::move(*created);
    REQUIRE(app->start());
    http = std::make_unique<httplib::Client>("127.0.0.1", app->port());
  }

  std::unique_ptr<Database> db() { return std::move(*Database::open(app->storage())); }

  // A stored photo (all variants written, as the intake would) and its sha256.
  std::string store_photo(int seed) {
    const std::string jpeg = make_jpeg(320, 240, seed);
    const std::string sha = crypto::sha256_hex(jpeg);
    PhotoStore store(dir.path() / "photos");
    for (auto v : {PhotoVariant::original, PhotoVariant::display, PhotoVariant::thumbnail})
      REQUIRE(store.put(sha, v, jpeg));
    auto d = db();
    PhotoRecord r;
    r.sha256 = sha;
    r.format = "jpeg";
    r.width = 320;
    r.height = 240;
    r.created_at = clock->now();
    PhotoRepo(*d).upsert(r);
    return sha;
  }

  // A ticket in `village`'s first grid, with a before photo; with an after photo it awaits
  // confirmation (待核验), as after 已整改 in chat.
  Ticket file(const std::string& village, const std::string& text, Duration due_in, bool with_after = false,
              const std::string& category = "household_waste") {
    const Deployment& d = app->deployment();
    const Grid* grid = nullptr;
    for (const auto& g : d.grids) {
      if (g.village == village && !grid) grid = &g;
    }
    REQUIRE(grid);
    Ticket t;
    t.category = category;
    t.village = village;
    t.grid_id = grid->grid_id;
    t.location_source = LocationSource::gps;
    t.point = grid->boundary.rings[0][0];
    t.text = text;
    t.reporter_id = "sim:handefu";
    t.reporter_name = "韩德福";
    t.filer_id = t.reporter_id;
    t.assignee_id = d.grid_leader(grid->grid_id) ? d.grid_leader(grid->grid_id)->user_id : "";
    t.platform = "sim";
    t.group_id = "g-hanjia";
    t.source_event_id = "e-" + text;
    t.source_message_id = "e-" + text;
    t.created_at = clock->now();
    t.due_at = clock->now() + due_in;
    if (with_after) t.status = TicketStatus::rectified;
    const std::string before = store_photo(static_cast<int>(text.size()) + 1);
    const std::string after = with_after ? store_photo(static_cast<int>(text.size()) + 100) : "";
    auto dbc = db();
    TicketRepo repo(*dbc);
    repo.create(t);
    repo.add_photo({0, t.id, "before", before, 0, 0, clock->now(), t.source_event_id});
    if (with_after) repo.add_photo({0, t.id, "after", after, 0, 0, clock->now(), "e-after"});
    AuditEvent e;
    e.ticket_id = t.id;
    e.at = clock->now();
    e.actor_id = t.reporter_id;
    e.action = "created";
    e.to_status = "assigned";
    repo.add_event(e);
    return t;
  }

  // Logs `user_id` in through a console link; returns the Cookie header value.
  std::string login(const std::string& user_id) {
    std::string link;
    {
      auto d = db();
      link = issue_login_link(*d, user_id, "http://x", clock->now());
    }
    const std::string token = link.substr(link.find("token=") + 6);
    auto res = http->Post("/login", "token=" + token, "application/x-www-form-urlencoded");
    REQUIRE(res);
    REQUIRE(res->status == 303);
    const std::string cookie = res->get_header_value("Set-Cookie");
    return cookie.substr(0, cookie.find(';'));
  }

  httplib::Result get(const std::string& path, const std::string& cookie) {
    return http->Get(path.c_str(), httplib::Headers{{"Cookie", cookie}});
  }
  httplib::Result post_form(const std::string& path, const std::string& cookie, const std::string& body) {
    return http->Post(path.c_str(), httplib::Headers{{"Cookie", cookie}}, body, "application/x-www-form-urlencoded");
  }

  // The CSRF token of the signed-in page (every form carries it).
  static std::string csrf_of(const std::string& html) {
    const std::string marker = "name=\"csrf\" value=\"";
    auto at = html.find(marker);
    REQUIRE(at != std::string::npos);
    return html.substr(at + marker.size(), 64);
  }

  // What the bot posted in a sim chat.
  nlohmann::json messages(const std::string& group_id) {
    auto res = http->Get(("/sim/api/messages?group_id=" + group_id).c_str());
    REQUIRE(res);
    return nlohmann::json::parse(res->body);
  }
};

}  // namespace paike::test
