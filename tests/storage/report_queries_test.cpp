// The typed read queries behind the digest, the 红黑榜, the reminder ladder and the points
// (storage/report_stats.h and the repositories' window queries), against tickets placed
// inside, outside and on the edges of each window.
#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "storage/database.h"
#include "storage/followups.h"
#include "storage/ledger_query.h"
#include "storage/pending_reports.h"
#include "storage/reminder_steps.h"
#include "storage/report_stats.h"
#include "storage/ticket_repo.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

using namespace paike;
using namespace std::chrono_literals;

namespace {

const TimePoint T0 = TimePoint(Duration(1'800'000'000));  // the window under test starts here
TimePoint at_hour(int h) { return T0 + std::chrono::hours(h); }

struct Ledger {
  test::TempDir dir;
  StorageTarget target = test::test_storage(dir.path());
  std::unique_ptr<Database> db = open();
  int serial = 0;

  std::unique_ptr<Database> open() {
    auto opened = Database::open(target);
    REQUIRE(opened);
    return std::move(*opened);
  }

  // A ticket created at hour `created`, due at hour `due`.
  Ticket ticket(const std::string& village, int created, int due) {
    Ticket t;
    t.category = "household_waste";
    t.village = village;
    t.reporter_id = "sim:reporter";
    t.filer_id = t.reporter_id;
    t.assignee_id = "sim:assignee";
    t.platform = "sim";
    t.group_id = "g";
    t.source_event_id = "e" + std::to_string(++serial);
    t.created_at = at_hour(created);
    t.due_at = at_hour(due);
    TicketRepo(*db).create(t);
    return t;
  }

  Ticket finished(const std::string& village, int created, int due, int closed,
                  TicketStatus status = TicketStatus::closed) {
    Ticket t = ticket(village, created, due);
    t.status = status;
    t.closed_at = at_hour(closed);
    TicketRepo(*db).update(t);
    return t;
  }
};

}  // namespace

TEST_CASE("new and closed counts per village take the window's start and leave out its end") {
  Ledger l;
  l.ticket("甲村", -1, 10);  // before the window
  l.ticket("甲村", 0, 10);   // on its start: in
  l.ticket("甲村", 23, 30);
  l.ticket("乙村", 5, 10);
  l.ticket("乙村", 24, 30);  // on its end: out
  l.finished("甲村", -30, -20, 0);
  l.finished("乙村", -30, 2, 1);
  l.finished("乙村", -30, 2, 3);
  l.finished("乙村", -30, -20, -1);                          // closed before the window
  l.finished("乙村", -30, 40, 24);                           // closed on its end
  l.finished("乙村", -30, -20, 5, TicketStatus::withdrawn);  // withdrawn is not closed
  const auto created = village_counts_created(*l.db, at_hour(0), at_hour(24));
  CHECK(created == std::map<std::string, int>{{"甲村", 2}, {"乙村", 1}});
  const auto closed = village_counts_closed(*l.db, at_hour(0), at_hour(24));
  CHECK(closed == std::map<std::string, int>{{"甲村", 1}, {"乙村", 2}});

  const auto on_time = village_closed_on_time(*l.db, at_hour(0), at_hour(24));
  REQUIRE(on_time.size() == 2);
  CHECK(on_time.at("甲村").closed == 1);
  CHECK(on_time.at("甲村").on_time == 0);  // due at -20, closed at 0
  CHECK(on_time.at("乙村").closed == 2);
  CHECK(on_time.at("乙村").on_time == 1);  // due 2: closed at 1 on time, at 3 late
  const ClosedCounts total = closed_on_time(*l.db, at_hour(0), at_hour(24));
  CHECK(total.closed == 3);
  CHECK(total.on_time == 1);
  CHECK(closed_on_time(*l.db, at_hour(100), at_hour(124)).closed == 0);
}

TEST_CASE("open and overdue per village at each instant count tickets closed since as open then") {
  Ledger l;
  l.ticket("甲村", 0, 5);                                   // open from 0, overdue from 5
  l.ticket("甲村", 12, 100);                                // open from 12
  l.finished("乙村", -10, 2, 8);                            // open until 8, overdue 2..8
  l.finished("乙村", -10, 50, 30);                          // open until 30, never overdue
  l.finished("乙村", -10, 0, 20, TicketStatus::withdrawn);  // not open at any instant: withdrawn
  const auto counts = village_open_at(*l.db, {at_hour(4), at_hour(10), at_hour(24)});
  REQUIRE(counts.size() == 3);
  CHECK(counts[0].at("甲村").open == 1);
  CHECK(counts[0].at("甲村").overdue == 0);
  CHECK(counts[0].at("乙村").open == 2);
  CHECK(counts[0].at("乙村").overdue == 1);
  CHECK(counts[1].at("甲村").open == 1);
  CHECK(counts[1].at("甲村").overdue == 1);
  CHECK(counts[1].at("乙村").open == 1);
  CHECK(counts[1].at("乙村").overdue == 0);
  CHECK(counts[2].at("甲村").open == 2);
  CHECK(counts[2].at("乙村").open == 1);
  CHECK(counts[2].count("丙村") == 0);
}

TEST_CASE("overdue seconds inside a window stop at its edges and at the close") {
  Ledger l;
  l.ticket("甲村", -48, -10);       // open, overdue since before the window: 0..24 = 24 h
  l.ticket("甲村", 0, 20);          // open, overdue 20..24 = 4 h
  l.ticket("甲村", 0, 30);          // due after the window: nothing
  l.finished("乙村", -48, 6, 9);    // closed inside: 6..9 = 3 h
  l.finished("乙村", -48, 22, 40);  // closed after the window: 22..24 = 2 h
  l.finished("乙村", -48, -5, -1);  // closed before the window: nothing
  l.finished("乙村", -48, 10, 8);   // closed before its due time: nothing
  const auto seconds = village_overdue_seconds(*l.db, at_hour(0), at_hour(24));
  CHECK(seconds == std::map<std::string, double>{{"甲村", 28 * 3600.0}, {"乙村", 5 * 3600.0}});
}

TEST_CASE("relapses per village count 回头看 answered 回潮 inside the window") {
  Ledger l;
  Followups followups(*l.db);
  auto followed_up = [&](const std::string& village, int answered, const std::string& outcome) {
    const Ticket t = l.finished(village, -100, -90, -80);
    REQUIRE(followups.record_ask({0, t.id, *t.closed_at, at_hour(-70), std::nullopt, std::nullopt, "", "", {}}));
    followups.record_answer(followups.latest(t.id)->id, at_hour(answered), "sim:x", outcome, std::nullopt);
  };
  followed_up("甲村", 1, "relapse");
  followed_up("甲村", 23, "relapse");
  followed_up("甲村", 24, "relapse");  // on the window's end
  followed_up("乙村", 5, "normal");
  followed_up("乙村", -1, "relapse");
  CHECK(village_relapses(*l.db, at_hour(0), at_hour(24)) == std::map<std::string, int>{{"甲村", 2}});
}

TEST_CASE("the most overdue tickets at an instant include those closed later, earliest due first") {
  Ledger l;
  const Ticket late = l.ticket("甲村", 0, 10);
  const Ticket later = l.finished("乙村", 0, 5, 30);  // closed after the instant: overdue then
  const Ticket tied = l.ticket("丙村", 1, 10);
  l.ticket("甲村", 0, 25);       // not yet due
  l.finished("乙村", 0, 2, 15);  // closed before the instant
  l.ticket("甲村", 21, 21);      // created after the instant
  const auto top = most_overdue_at(*l.db, at_hour(20), 5);
  REQUIRE(top.size() == 3);
  CHECK(top[0].id == later.id);
  CHECK(top[0].village == "乙村");
  CHECK(top[0].due_at == at_hour(5));
  CHECK(top[1].id == late.id);
  CHECK(top[2].id == tied.id);
  CHECK(top[2].assignee_id == "sim:assignee");
  CHECK(most_overdue_at(*l.db, at_hour(20), 1).size() == 1);
}

TEST_CASE("回头看 awaiting a reply: asked and unanswered by the end, or due in the window and not asked") {
  Ledger l;
  Followups followups(*l.db);
  const Duration after = 72h;
  auto asked = [&](int answered) {
    const Ticket t = l.finished("甲村", -200, -190, -100);
    followups.record_ask({0, t.id, *t.closed_at, at_hour(-28), std::nullopt, std::nullopt, "", "", {}});
    if (answered != 0) followups.record_answer(followups.latest(t.id)->id, at_hour(answered), "sim:x", "normal", {});
    return t.id;
  };
  const int64_t unanswered = asked(0);
  const int64_t answered_later = asked(30);
  asked(10);                                                  // answered inside the window
  const Ticket due = l.finished("甲村", -200, -190, 5 - 72);  // falls due at hour 5
  l.finished("甲村", -200, -190, 24 - 72);                    // falls due on the window's end
  l.finished("甲村", -200, -190, -1 - 72);                    // fell due before the window
  CHECK(followups.awaiting_reply(at_hour(0), at_hour(24), after) ==
        std::vector<int64_t>{unanswered, answered_later, due.id});
}

TEST_CASE("pending report payloads opened before an instant") {
  Ledger l;
  PendingReports pending(*l.db);
  pending.open({0, "sim", "g", "u1", at_hour(1), at_hour(3), "first"});
  pending.open({0, "sim", "g", "u2", at_hour(5), at_hour(7), "second"});
  CHECK(pending.payloads_opened_before(at_hour(5)) == std::vector<std::string>{"first"});
  CHECK(pending.payloads_opened_before(at_hour(1)).empty());
}

TEST_CASE("the audit rows that earn points are closes and relapses after a cursor, in order, limited") {
  Ledger l;
  TicketRepo repo(*l.db);
  const Ticket t = l.ticket("甲村", 0, 10);
  auto event = [&](const std::string& action, const std::string& to_status, int hour) {
    AuditEvent e;
    e.ticket_id = t.id;
    e.at = at_hour(hour);
    e.actor_id = "sim:x";
    e.action = action;
    e.to_status = to_status;
    return repo.add_event(e);
  };
  const int64_t created = event("created", "assigned", 0);
  const int64_t closed = event("closed", "closed", 1);
  event("reopened", "assigned", 2);
  const int64_t relapse = event("relapse", "", 3);
  const int64_t closed_again = event("closed", "closed", 4);
  const auto rows = repo.closes_and_relapses_after(created, 10);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].id == closed);
  CHECK(rows[0].ticket_id == t.id);
  CHECK(rows[0].at == at_hour(1));
  CHECK(rows[0].action == "closed");
  CHECK(rows[0].to_status == "closed");
  CHECK(rows[1].id == relapse);
  CHECK(rows[1].action == "relapse");
  CHECK(rows[1].to_status.empty());
  CHECK(rows[2].id == closed_again);
  CHECK(repo.closes_and_relapses_after(closed, 1).front().id == relapse);
  CHECK(repo.closes_and_relapses_after(closed_again, 10).empty());
}

TEST_CASE("ladders to check: assigned tickets past their due-soon point with steps left") {
  Ledger l;
  ReminderSteps steps(*l.db);
  const Ticket soon = l.ticket("甲村", 0, 10);  // due-soon point at 0.8: hour 8
  const Ticket overdue = l.ticket("甲村", 0, 5);
  l.ticket("甲村", 0, 20);  // due-soon at 16: not yet
  Ticket rectified = l.ticket("甲村", 0, 5);
  rectified.status = TicketStatus::rectified;  // waiting for confirmation: no ladder
  TicketRepo(*l.db).update(rectified);
  Ticket done = l.ticket("甲村", 0, 4);
  for (const char* step : {"due_soon", "overdue_1"}) {
    REQUIRE(steps.record({done.id, step, done.due_at, done.due_at, at_hour(6), std::nullopt}));
  }
  CHECK(steps.unfinished_ladders(at_hour(9), 0.8, 2) == std::vector<int64_t>{overdue.id, soon.id});
  CHECK(steps.unfinished_ladders(at_hour(7), 0.8, 2) == std::vector<int64_t>{overdue.id});
  // An extension starts a fresh ladder: the steps recorded for the old due time do not count.
  done.due_at = at_hour(8);
  TicketRepo(*l.db).update(done);
  CHECK(steps.unfinished_ladders(at_hour(9), 0.8, 2) == std::vector<int64_t>{overdue.id, done.id, soon.id});
}

// The due-soon point is created_at + the whole seconds of (due_at - created_at) * fraction, as
// the reminder computes it: 3 s × 0.5 = 1.5 s is due soon from 1 s, not from 2.
TEST_CASE("ladders to check: the due-soon point drops the fraction of a second") {
  Ledger l;
  Ticket t = l.ticket("甲村", 0, 10);
  t.due_at = t.created_at + Duration(3);
  TicketRepo(*l.db).update(t);
  ReminderSteps steps(*l.db);
  CHECK(steps.unfinished_ladders(t.created_at, 0.5, 2).empty());
  CHECK(steps.unfinished_ladders(t.created_at + Duration(1), 0.5, 2) == std::vector<int64_t>{t.id});
}

TEST_CASE("ledger search: words match text, landmark or reporter whatever the case of ASCII letters") {
  Ledger l;
  auto with_words = [&](const std::string& village, const std::string& text, const std::string& landmark,
                        const std::string& reporter) {
    Ticket t = l.ticket(village, 0, 10);
    t.text = text;
    t.landmark = landmark;
    t.reporter_name = reporter;
    TicketRepo(*l.db).update(t);
    return t.id;
  };
  const int64_t bags = with_words("甲村", "Plastic bags 在桥下", "", "韩德福");
  const int64_t estate = with_words("甲村", "垃圾", "ABC小区", "韩德福");
  const int64_t percent = with_words("乙村", "打五折50%的横幅", "", "Liu Fang");
  with_words("乙村", "500 个瓶子", "", "刘芳");
  auto found = [&](const std::string& words, std::optional<std::vector<std::string>> scope = std::nullopt) {
    LedgerQuery q;
    q.text = words;
    q.scope = std::move(scope);
    q.sort = LedgerSort::oldest;
    q.now = at_hour(1);
    std::vector<int64_t> ids;
    for (const auto& t : search_ledger(*l.db, q).tickets) ids.push_back(t.id);
    return ids;
  };
  CHECK(found("plastic") == std::vector<int64_t>{bags});
  CHECK(found("BAGS 在") == std::vector<int64_t>{bags});
  CHECK(found("abc") == std::vector<int64_t>{estate});
  CHECK(found("liu") == std::vector<int64_t>{percent});
  CHECK(found("50%") == std::vector<int64_t>{percent});  // % and _ are the words' own
  CHECK(found("5_0").empty());
  CHECK(found("垃圾") == std::vector<int64_t>{estate});
  CHECK(found("plastic", std::vector<std::string>{"乙村"}).empty());
}

TEST_CASE("ledger search: a viewer of no village sees nothing, and the counts cover the viewer's villages") {
  Ledger l;
  l.ticket("甲村", 0, 10);
  l.ticket("甲村", 0, 2);  // overdue at hour 5
  l.ticket("乙村", 0, 2);
  l.finished("乙村", 0, 10, 3);
  LedgerQuery q;
  q.now = at_hour(5);
  q.scope = std::vector<std::string>{};
  const LedgerPage none = search_ledger(*l.db, q);
  CHECK(none.total == 0);
  CHECK(none.tickets.empty());
  CHECK(none.counts.at("overdue") == 0);

  q.scope = std::vector<std::string>{"甲村"};
  const LedgerPage own = search_ledger(*l.db, q);
  CHECK(own.total == 2);
  CHECK(own.counts == std::map<std::string, int64_t>{{"assigned", 2}, {"overdue", 1}});

  q.scope.reset();
  q.status = "open";
  q.overdue_only = true;
  const LedgerPage overdue = search_ledger(*l.db, q);
  CHECK(overdue.total == 2);
  CHECK(overdue.counts == std::map<std::string, int64_t>{{"assigned", 3}, {"closed", 1}, {"overdue", 2}});

  const auto figures = village_figures(*l.db, {"甲村", "乙村", "丙村"}, at_hour(0), at_hour(24), at_hour(5));
  REQUIRE(figures.size() == 3);
  CHECK(figures[0].open == 2);
  CHECK(figures[0].overdue == 1);
  CHECK(figures[1].open == 1);
  CHECK(figures[1].closed == 1);
  CHECK(figures[1].closed_on_time == 1);
  CHECK(figures[1].avg_close_hours == Approx(3.0));
  CHECK(figures[2].open == 0);
  CHECK(figures[2].avg_close_hours == 0);
}

TEST_CASE("a write that finds the disk full says so", "[sqlite]") {
  Ledger l;
  l.db->exec("CREATE TABLE filler (b BLOB)");
  const int64_t pages = l.db->query_int64("PRAGMA page_count");
  l.db->exec("PRAGMA max_page_count = " + std::to_string(pages));
  bool full = false;
  try {
    l.db->exec("INSERT INTO filler VALUES (zeroblob(1000000))");
  } catch (const DatabaseError& e) {
    full = is_disk_full(e);
  }
  CHECK(full);
  bool other_is_full = true;
  try {
    l.db->exec("SELECT * FROM no_such_table");
  } catch (const DatabaseError& e) {
    other_is_full = is_disk_full(e);
  }
  CHECK_FALSE(other_is_full);
}
