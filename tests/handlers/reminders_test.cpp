// Reminders and the overdue ladder, driven by a fake clock over a real database (SQLite or PostgreSQL).
#include <catch2/catch.hpp>

#include "config/text.h"
#include "handlers/schedule/reminders.h"
#include "schedule_fixture.h"
#include "storage/reminder_steps.h"

using namespace paike;
using namespace paike::test;
using namespace std::chrono_literals;

namespace {

// Runs the scheduled work every `step` from `from` up to and including `to`.
void run_between(ScheduleFixture& f, TimePoint from, TimePoint to, Duration step) {
  for (TimePoint t = from; t <= to; t += step) f.work.run_due(*f.db, t);
}

bool mentions(const OutboxRow& row, const std::string& user) {
  return std::find(row.message.mentions.begin(), row.message.mentions.end(), user) != row.message.mentions.end();
}

std::vector<OutboxRow> about(const std::vector<OutboxRow>& rows, const std::string& word) {
  std::vector<OutboxRow> out;
  for (const auto& r : rows) {
    if (contains(r.message.text, word)) out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("every ladder step fires exactly once, at its time, to the right people and group") {
  ScheduleFixture f;
  Ticket t = f.add_ticket(local("2026-11-23 10:00"), 24h);  // due 11-24 10:00
  run_between(f, local("2026-11-23 10:00"), local("2026-11-28 12:00"), 30min);

  CHECK(ReminderSteps(*f.db).count(t.id) == 4);
  auto village = f.messages("g-hanjia");
  auto soon = about(village, "将于");
  REQUIRE(soon.size() == 1);
  // 75% of a day is 04:00, inside quiet hours: it waits for 07:00.
  CHECK(soon[0].created_at == local("2026-11-24 07:00"));
  CHECK(soon[0].message.mentions == std::vector<std::string>{"sim:zhangguilan"});
  auto due = about(village, "已到整改期限");
  REQUIRE(due.size() == 1);
  CHECK(due[0].created_at == local("2026-11-24 10:00"));
  CHECK(mentions(due[0], "sim:zhangguilan"));
  CHECK(mentions(due[0], "sim:hanjianguo"));

  auto township = f.messages("g-township");
  auto liaison = about(township, "挂牌督办");
  REQUIRE(liaison.size() == 1);
  CHECK(liaison[0].created_at == local("2026-11-25 10:00"));
  CHECK(liaison[0].message.mentions == std::vector<std::string>{"sim:sunqiang"});
  auto supervisor = about(township, "督办升级");
  REQUIRE(supervisor.size() == 1);
  CHECK(supervisor[0].created_at == local("2026-11-27 10:00"));
  CHECK(supervisor[0].message.mentions == std::vector<std::string>{"sim:zhaomin"});
  CHECK(contains(supervisor[0].message.text, "已超期3天"));
  // Each step is in the ticket's audit trail.
  CHECK(f.count("SELECT COUNT(*) FROM ticket_events WHERE action = 'reminded' AND ticket_id = " +
                std::to_string(t.id)) == 4);

  SECTION("an extension (new due time) starts the ladder again") {
    t.due_at = local("2026-11-30 10:00");
    TicketRepo(*f.db).update(t);
    run_between(f, local("2026-11-28 12:30"), local("2026-12-04 12:00"), 30min);
    CHECK(ReminderSteps(*f.db).count(t.id) == 8);
    CHECK(about(f.messages("g-hanjia"), "已到整改期限").size() == 2);
  }
  SECTION("a ticket no longer being worked on is not reminded") {
    f.close(t, local("2026-11-28 12:10"));
    run_between(f, local("2026-11-28 12:30"), local("2026-12-04 12:00"), 2h);
    CHECK(ReminderSteps(*f.db).count(t.id) == 4);
  }
}

TEST_CASE("quiet hours: nothing is sent at night except burning, at 07:00 one message per group, most overdue first") {
  ScheduleFixture f;
  Ticket a = f.add_ticket(local("2026-11-24 22:00"), 24h);                        // due 11-25 22:00
  Ticket b = f.add_ticket(local("2026-11-24 23:00"), 24h);                        // due 11-25 23:00
  Ticket c = f.add_ticket(local("2026-11-23 01:00"), 72h, "construction_waste");  // due 11-26 01:00
  Ticket fire = f.add_ticket(local("2026-11-25 19:30"), 4h, "burning");           // due 23:30
  run_between(f, local("2026-11-25 20:00"), local("2026-11-26 07:10"), 10min);

  std::vector<OutboxRow> at_night, at_seven;
  for (const auto& row : f.messages("g-hanjia")) {
    if (row.created_at > local("2026-11-25 21:00") && row.created_at < local("2026-11-26 07:00"))
      at_night.push_back(row);
    if (row.created_at == local("2026-11-26 07:00")) at_seven.push_back(row);
  }
  REQUIRE(at_night.size() == 2);
  for (const auto& row : at_night) CHECK(row.message.ticket_id == fire.id);
  CHECK(at_night[0].created_at == local("2026-11-25 22:30"));  // due soon (75% of 4 h)
  CHECK(at_night[1].created_at == local("2026-11-25 23:30"));  // due
  REQUIRE(at_seven.size() == 1);
  const std::string& text = at_seven[0].message.text;
  CHECK(starts_with(text, "以下 3 件"));
  const auto pa = text.find("#" + std::to_string(a.id) + "【"), pb = text.find("#" + std::to_string(b.id) + "【"),
             pc = text.find("#" + std::to_string(c.id) + "【");
  REQUIRE(pa != std::string::npos);
  REQUIRE(pb != std::string::npos);
  REQUIRE(pc != std::string::npos);
  CHECK(pa < pb);
  CHECK(pb < pc);
  CHECK_FALSE(in_quiet_hours(local("2026-11-26 07:00"), f.deployment));
  CHECK(in_quiet_hours(local("2026-11-26 06:59"), f.deployment));
  CHECK(in_quiet_hours(local("2026-11-25 21:00"), f.deployment));
}

TEST_CASE("after three days down every missed step fires once, batched per group, and never again") {
  ScheduleFixture f;
  Ticket t = f.add_ticket(local("2026-11-23 10:00"), 24h);
  f.work.run_due(*f.db, local("2026-11-24 09:00"));  // due soon goes out
  CHECK(ReminderSteps(*f.db).count(t.id) == 1);
  const int64_t seen = f.count("SELECT COALESCE(MAX(id), 0) FROM outbox");

  // Down from 09:00 on the 24th until 11:00 on the 27th.
  f.work.run_due(*f.db, local("2026-11-27 11:00"));
  CHECK(ReminderSteps(*f.db).count(t.id) == 4);
  auto village = f.messages("g-hanjia", seen);
  REQUIRE(village.size() == 1);
  CHECK(contains(village[0].message.text, "已到整改期限"));
  auto township = about(f.messages("g-township", seen), "督办");
  REQUIRE(township.size() == 1);  // liaison and supervisor in one message
  CHECK(contains(township[0].message.text, "挂牌督办"));
  CHECK(contains(township[0].message.text, "督办升级"));
  CHECK(mentions(township[0], "sim:sunqiang"));
  CHECK(mentions(township[0], "sim:zhaomin"));

  const int64_t after = f.count("SELECT COUNT(*) FROM outbox");
  f.work.run_due(*f.db, local("2026-11-27 11:00"));
  f.work.run_due(*f.db, local("2026-11-27 12:00"));
  CHECK(f.count("SELECT COUNT(*) FROM outbox") == after);
}

TEST_CASE("a crash before the reminder's transaction commits leaves no trace, the restart sends it once") {
  ScheduleFixture f;
  Ticket t = f.add_ticket(local("2026-11-23 10:00"), 24h);
  // The process dies while writing the message: the transaction never commits.
  f.db->exec("CREATE TABLE crash_switch (x INTEGER)");
  f.db->exec("INSERT INTO crash_switch VALUES (1)");
  if (f.db->backend() == Backend::postgresql) {
    f.db->exec(
        "CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF EXISTS (SELECT 1 FROM crash_switch) THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$; "
        "CREATE TRIGGER crash BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION crash()");
  } else {
    f.db->exec(
        "CREATE TRIGGER crash BEFORE INSERT ON outbox WHEN EXISTS (SELECT 1 FROM crash_switch) "
        "BEGIN SELECT RAISE(ABORT, 'simulated crash'); END");
  }
  CHECK_THROWS(f.work.run_due(*f.db, local("2026-11-24 10:00")));
  CHECK(ReminderSteps(*f.db).count(t.id) == 0);
  CHECK(f.count("SELECT COUNT(*) FROM outbox") == 0);

  f.db->exec("DELETE FROM crash_switch");
  f.db = f.open();  // the restart: a new connection, nothing in memory
  HandlerSet restarted(f.deployment, f.photos);
  restarted.scheduled.run_due(*f.db, local("2026-11-24 10:05"));
  restarted.scheduled.run_due(*f.db, local("2026-11-24 10:10"));
  CHECK(ReminderSteps(*f.db).count(t.id) == 2);  // due soon (superseded, not sent) and due
  CHECK(about(f.messages("g-hanjia"), "已到整改期限").size() == 1);
  CHECK(about(f.messages("g-hanjia"), "将于").empty());
}
