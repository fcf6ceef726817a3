// 回头看 and the points ledger, over a real database (SQLite or PostgreSQL) with a fake clock.
#include <catch2/catch.hpp>

#include "config/text.h"
#include "handlers/lifecycle/commands.h"
#include "handlers/schedule/points.h"
#include "schedule_fixture.h"
#include "storage/followups.h"
#include "storage/points_ledger.h"

using namespace paike;
using namespace paike::test;
using namespace std::chrono_literals;

namespace {

ChatEvent said(const std::string& user, const std::string& text, TimePoint at, const std::string& id) {
  ChatEvent e;
  e.platform = "sim";
  e.event_id = id;
  e.message_id = id;
  e.group_id = "g-hanjia";
  e.user_id = user;
  e.text = text;
  e.received_at = at;
  return e;
}

std::vector<PreparedPhoto> one_photo(char fill) {
  PreparedPhoto p;
  PhotoRecord r;
  r.sha256 = std::string(64, fill);
  r.format = "jpeg";
  r.width = 640;
  r.height = 480;
  p.record = r;
  return {p};
}

}  // namespace

TEST_CASE("回头看: asked once N days after closing, 正常 needs a photo, 回潮 files a linked ticket") {
  ScheduleFixture f;
  Commands& commands = f.handlers.commands;
  Ticket t = f.add_ticket(local("2026-11-20 10:00"), 24h);
  f.close(t, local("2026-11-21 09:00"));
  f.work.run_due(*f.db, local("2026-11-28 08:30"));
  CHECK(f.messages("g-hanjia").empty());
  f.work.run_due(*f.db, local("2026-11-28 09:00"));
  f.work.run_due(*f.db, local("2026-11-28 09:30"));
  auto asks = f.messages("g-hanjia");
  REQUIRE(asks.size() == 1);
  CHECK(contains(asks[0].message.text, "回头看"));
  CHECK(contains(asks[0].message.text, "#" + std::to_string(t.id) + " 正常"));
  CHECK(asks[0].message.mentions == std::vector<std::string>{"sim:zhangguilan"});
  const int64_t seen = asks[0].id;
  const std::string id = std::to_string(t.id);

  SECTION("正常 with a photo records the follow-up and keeps the photo") {
    REQUIRE(commands.handle(said("sim:zhangguilan", "#" + id + " 正常", local("2026-11-28 10:00"), "e1"), {}, *f.db));
    CHECK(contains(f.messages("g-hanjia", seen).back().message.text, "附上现场照片"));
    REQUIRE(commands.handle(said("sim:zhangguilan", "#" + id + " 正常", local("2026-11-28 10:05"), "e2"),
                            one_photo('a'), *f.db));
    auto followup = Followups(*f.db).latest(t.id);
    REQUIRE(followup);
    CHECK(followup->outcome == "normal");
    CHECK(followup->answered_by == "sim:zhangguilan");
    CHECK(f.count("SELECT COUNT(*) FROM ticket_photos WHERE kind = 'followup' AND ticket_id = " + id) == 1);
    CHECK(contains(f.messages("g-hanjia", seen).back().message.text, "现场正常"));
  }
  SECTION("回潮 from a villager is refused politely; from the grid leader it reopens as a new linked ticket") {
    REQUIRE(commands.handle(said("sim:handefu", "#" + id + " 回潮", local("2026-11-28 10:00"), "e1"), {}, *f.db));
    CHECK(contains(f.messages("g-hanjia", seen).back().message.text, "网格长"));
    CHECK(f.count("SELECT COUNT(*) FROM tickets") == 1);

    REQUIRE(commands.handle(said("sim:zhangguilan", "#" + id + " 回潮", local("2026-11-28 10:05"), "e2"),
                            one_photo('b'), *f.db));
    auto followup = Followups(*f.db).latest(t.id);
    REQUIRE(followup);
    CHECK(followup->outcome == "relapse");
    REQUIRE(followup->relapse_ticket_id);
    auto relapse = TicketRepo(*f.db).get(*followup->relapse_ticket_id);
    REQUIRE(relapse);
    CHECK(relapse->status == TicketStatus::assigned);
    CHECK(relapse->category == t.category);
    CHECK(relapse->village == t.village);
    CHECK(relapse->assignee_id == "sim:zhangguilan");
    CHECK(relapse->due_at == local("2026-11-29 10:05"));
    CHECK(contains(f.messages("g-hanjia", seen).back().message.text, "原单 #" + id));
    CHECK(f.count("SELECT COUNT(*) FROM ticket_events WHERE action = 'relapse' AND ticket_id = " + id) == 1);

    // Saying it twice does not file a third ticket.
    REQUIRE(commands.handle(said("sim:zhangguilan", "#" + id + " 回潮", local("2026-11-28 10:06"), "e3"), {}, *f.db));
    CHECK(f.count("SELECT COUNT(*) FROM tickets") == 2);
  }
}

TEST_CASE("points come from the audit rows, once, and 积分 explains the balance") {
  ScheduleFixture f;
  Ticket on_time = f.add_ticket(local("2026-11-20 10:00"), 24h);
  Ticket late = f.add_ticket(local("2026-11-20 11:00"), 24h);
  f.close(on_time, local("2026-11-21 09:00"));
  f.close(late, local("2026-11-23 23:00"));  // 2 days 12 hours late: 3 started days
  CHECK(accrue_points(*f.db, f.deployment, local("2026-11-24 00:00")) == 4);
  CHECK(accrue_points(*f.db, f.deployment, local("2026-11-24 00:01")) == 0);
  PointsLedger ledger(*f.db);
  CHECK(ledger.balance("sim:handefu") == 4);          // 2 × report_closed
  CHECK(ledger.balance("sim:zhangguilan") == 3 - 3);  // closed_on_time − 3 days late

  // A relapse found by 回头看 costs the assignee.
  Commands& commands = f.handlers.commands;
  ChatEvent e = said("sim:hanjianguo", "#" + std::to_string(on_time.id) + " 回潮", local("2026-11-28 10:00"), "e9");
  REQUIRE(commands.handle(e, {}, *f.db));
  f.work.run_due(*f.db, local("2026-11-28 10:01"));
  CHECK(ledger.balance("sim:zhangguilan") == -5);
  // The ledger is rows: the balance is their sum, and every row names its source.
  CHECK(f.count("SELECT SUM(amount) FROM points WHERE user_id = 'sim:zhangguilan'") == -5);
  CHECK(f.count("SELECT COUNT(DISTINCT source) FROM points") == f.count("SELECT COUNT(*) FROM points"));

  REQUIRE(commands.handle(said("sim:handefu", "积分", local("2026-11-28 11:00"), "e10"), {}, *f.db));
  const std::string reply = f.messages("g-hanjia").back().message.text;
  CHECK(starts_with(reply, "韩德福的积分：4 分"));
  CHECK(contains(reply, "上报的问题已销号"));
}
