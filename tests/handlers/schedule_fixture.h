// A demo-township database in a temp dir with tickets placed at chosen times, for the
// scheduler's tests (reminders, 回头看, points, digest). Real SQLite (or PostgreSQL:
// support/test_database.h), real deployment.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "config/load.h"
#include "handlers/handler_set.h"
#include "storage/database.h"
#include "storage/outbox.h"
#include "storage/ticket_repo.h"
#include "support/demo_deployment.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace paike::test {

// "2026-11-23 10:00" in Asia/Shanghai.
inline TimePoint local(const std::string& text) {
  auto t = parse_iso8601(text.substr(0, 10) + "T" + text.substr(11) + ":00+08:00");
  REQUIRE(t);
  return *t;
}

struct ScheduleFixture {
  TempDir dir;
  Deployment deployment = demo_deployment();
  StorageTarget target = test_storage(dir.path());
  std::unique_ptr<Database> db = open();
  PhotoStore photos{dir / "photos"};
  HandlerSet handlers{deployment, photos};
  ScheduledWork& work = handlers.scheduled;

  // A new connection to the fixture's database.
  std::unique_ptr<Database> open() {
    auto opened = Database::open(target);
    REQUIRE(opened);
    return std::move(*opened);
  }

  // A ticket in 韩家村 south grid (assignee 张桂兰), reported by 韩德福.
  Ticket add_ticket(TimePoint created, Duration allowed, const std::string& category = "household_waste",
                    const std::string& village = "韩家村", const std::string& grid = "hanjia-south",
                    const std::string& assignee = "sim:zhangguilan", const std::string& group = "g-hanjia") {
    Ticket t;
    t.category = category;
    t.village = village;
    t.grid_id = grid;
    t.text = "垃圾堆";
    t.reporter_id = "sim:handefu";
    t.reporter_name = "韩德福";
    t.filer_id = t.reporter_id;
    t.assignee_id = assignee;
    t.platform = "sim";
    t.group_id = group;
    t.source_event_id = "e-" + std::to_string(created.time_since_epoch().count()) + category + village;
    t.source_message_id = t.source_event_id;
    t.created_at = created;
    t.due_at = created + allowed;
    TicketRepo(*db).create(t);
    AuditEvent e;
    e.ticket_id = t.id;
    e.at = created;
    e.actor_id = t.reporter_id;
    e.action = "created";
    e.to_status = "assigned";
    TicketRepo(*db).add_event(e);
    return t;
  }

  // What the lifecycle does on 确认: status, closed_at and the audit row.
  void close(Ticket& t, TimePoint at) {
    t.status = TicketStatus::closed;
    t.closed_at = at;
    TicketRepo(*db).update(t);
    AuditEvent e;
    e.ticket_id = t.id;
    e.at = at;
    e.actor_id = "sim:hanjianguo";
    e.action = "closed";
    e.from_status = "assigned";
    e.to_status = "closed";
    TicketRepo(*db).add_event(e);
  }

  std::vector<OutboxRow> messages(const std::string& group, int64_t after = 0) {
    std::vector<OutboxRow> rows;
    Statement q(*db, "SELECT id FROM outbox WHERE group_id = ? AND id > ? ORDER BY id");
    q.bind(1, group);
    q.bind(2, after);
    while (q.step()) rows.push_back(*Outbox(*db).get(q.column(0).int64()));
    return rows;
  }

  int64_t count(const std::string& sql) {
    Statement q(*db, sql);
    q.step();
    return q.column(0).int64();
  }
};

}  // namespace paike::test
