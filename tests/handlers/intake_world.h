// A real intake around the demo township for handler tests: a temp SQLite file (or a
// PostgreSQL schema: support/test_database.h), a photo store, the demo deployment, a
// ManualClock. post() runs one chat message through the photo step and the router in one
// transaction, exactly as the inbox worker does.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/clock.h"
#include "config/load.h"
#include "handlers/handler_set.h"
#include "handlers/intake/prepared_photo.h"
#include "storage/outbox.h"
#include "storage/pending_reports.h"
#include "storage/ticket_repo.h"
#include "support/demo_deployment.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace paike::test {

struct Said {
  std::string group_id;
  std::string text;
  std::vector<std::string> mentions;
  std::optional<int64_t> ticket_id;
};

class IntakeWorld {
 public:
  IntakeWorld()
      : deployment_(demo_deployment()),
        store_(dir_ / "photos"),
        handlers_(deployment_, store_),
        clock(*parse_iso8601("2026-11-23T10:00:00+08:00")) {
    auto opened = Database::open(test_storage(dir_.path()));
    if (!opened) throw std::runtime_error(opened.error().message);
    db_ = std::move(*opened);
  }

  // One message from `user_id` in `group_id` at the clock's time; `photo` are image bytes.
  void post(const std::string& user_id, const std::string& text, const std::string& photo = {},
            const std::string& group_id = "g-hanjia") {
    ChatEvent e = event(user_id, text, group_id);
    if (!photo.empty()) e.images.push_back({photo, "", ""});
    handle(e);
  }

  ChatEvent event(const std::string& user_id, const std::string& text, const std::string& group_id = "g-hanjia") {
    ChatEvent e;
    e.platform = "sim";
    e.event_id = "e" + std::to_string(++events_);
    e.message_id = e.event_id;
    e.group_id = group_id;
    e.user_id = user_id;
    const Person* person = deployment_.find_person(user_id);
    e.user_name = person ? person->name : user_id;
    e.received_at = clock.now();
    e.text = text;
    return e;
  }

  void handle(const ChatEvent& e) {
    db_->transaction([&] { route(e); });
  }
  // The handler's work without a transaction of its own: the caller's decides what commits.
  void route(const ChatEvent& e) { handlers_.router.handle(e, prepare_photos(e, vision, store_, clock.now()), *db_); }

  void tick() {
    db_->transaction([&] { handlers_.router.on_tick(*db_, clock.now()); });
  }

  std::vector<Ticket> tickets() { return TicketRepo(*db_).list({}); }
  std::vector<TicketPhoto> photos(int64_t ticket_id) { return TicketRepo(*db_).photos(ticket_id); }
  std::vector<AuditEvent> audit(int64_t ticket_id) { return TicketRepo(*db_).events(ticket_id); }
  int64_t pending_reports() { return PendingReports(*db_).count(); }

  // Everything the bot has queued to say, oldest first.
  std::vector<Said> said() {
    std::vector<Said> out;
    Outbox outbox(*db_);
    // By the ids there are: PostgreSQL's ids skip those a rolled-back transaction took.
    Statement ids(*db_, "SELECT id FROM outbox ORDER BY id");
    while (ids.step()) {
      auto row = outbox.get(ids.column(0).int64());
      out.push_back({row->message.group_id, row->message.text, row->message.mentions, row->message.ticket_id});
    }
    return out;
  }
  std::string last_said() {
    auto all = said();
    return all.empty() ? std::string() : all.back().text;
  }

  Database& db() { return *db_; }
  const Deployment& deployment() const { return deployment_; }

 private:
  TempDir dir_;
  Deployment deployment_;
  PhotoStore store_;
  HandlerSet handlers_;
  std::unique_ptr<Database> db_;
  int events_ = 0;

 public:
  ManualClock clock;
  VisionOptions vision;
};

}  // namespace paike::test
