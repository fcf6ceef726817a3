// A chat with the real handlers around a real database (SQLite, or PostgreSQL under
// PAIKE_TEST_BACKEND: support/test_database.h): the demo township, the bot's
// HandlerSet, photos through vision/ into a temp photo store, and a ManualClock.
// post() plays one group message through the router in a transaction, as the inbox worker does.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "config/clock.h"
#include "config/load.h"
#include "handlers/handler_set.h"
#include "storage/inbox.h"
#include "storage/outbox.h"
#include "storage/ticket_repo.h"
#include "support/demo_deployment.h"
#include "support/jpeg.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace paike::test {

// The demo roster's people by the part they play in the chat tests.
inline const std::string kReporter = "sim:handefu";      // villager of 韩家村 who reports
inline const std::string kVillager = "sim:liufang";      // another villager of 韩家村
inline const std::string kAssignee = "sim:zhangguilan";  // grid leader of hanjia-south
inline const std::string kSecretary = "sim:hanjianguo";  // 韩家村 secretary

// "#12": how a ticket is named in chat.
inline std::string no(int64_t id) { return "#" + std::to_string(id); }

struct Post {
  Post(std::string user, std::string text, bool photo = false, std::string reply_to = "",
       std::string group = "g-hanjia", std::vector<std::string> mentions = {})
      : user(std::move(user)),
        text(std::move(text)),
        photo(photo),
        reply_to(std::move(reply_to)),
        group(std::move(group)),
        mentions(std::move(mentions)) {}
  std::string user;
  std::string text;
  bool photo;
  std::string reply_to;  // "m-<outbox id>" of a bot message, or a person's event id
  std::string group;
  std::vector<std::string> mentions;
  std::string photo_bytes;  // this photo instead of a generated one
};

class ChatHarness {
 public:
  // The generated photos are all different places, so comparing an after-photo with the
  // before-photo is left out unless a test posts real photos and asks for it.
  explicit ChatHarness(bool compare_after_photos = false)
      : deployment_(demo_deployment()),
        store_(dir_ / "photos"),
        handlers_(deployment_, store_, HandlerOptions{compare_after_photos}),
        clock_(*parse_iso8601("2026-11-22T08:00:00+08:00")) {
    auto opened = Database::open(test_storage(dir_.path()));
    REQUIRE(opened.ok());
    db_ = std::move(*opened);
  }

  // Plays one message; returns its event id (which is also its message id).
  std::string post(const Post& p) {
    ChatEvent e;
    e.platform = "sim";
    e.event_id = "e" + std::to_string(++events_);
    e.message_id = e.event_id;
    e.group_id = p.group;
    e.user_id = p.user;
    const Person* person = deployment_.find_person(p.user);
    e.user_name = person ? person->name : p.user;
    e.received_at = clock_.now();
    e.text = p.text;
    e.reply_to = p.reply_to;
    e.mentions = p.mentions;
    if (!p.photo_bytes.empty()) {
      e.images.push_back({p.photo_bytes, "", ""});
    } else if (p.photo) {
      e.images.push_back({make_jpeg(640, 480, 100 + events_), "", ""});
    }
    auto photos = prepare_photos(e, VisionOptions{}, store_, clock_.now());
    // Stored in the inbox first, as the webhook does (代报 finds a quoted person's message there).
    db_->transaction([&] {
      Inbox inbox(*db_);
      inbox.insert({e.platform, e.event_id, e.group_id, e.user_id, e.received_at, "{}"});
      handlers_.router.handle(e, photos, *db_);
      inbox.mark_done(inbox.find(e.platform, e.event_id)->id, e.received_at);
    });
    return e.event_id;
  }

  void tick() {
    db_->transaction([&] { handlers_.router.on_tick(*db_, clock_.now()); });
  }

  // Files a report of a heap of rubbish at 南河桥 (grid hanjia-south, leader 张桂兰) and
  // returns its ticket id.
  int64_t file_report(const std::string& reporter = "sim:handefu", const std::string& text = "南河桥边有一堆垃圾") {
    post({reporter, text, true});
    auto t = last_ticket();
    REQUIRE(t);
    return t->id;
  }

  std::optional<Ticket> last_ticket() {
    Statement q(*db_, "SELECT MAX(id) FROM tickets");
    if (!q.step() || q.column(0).is_null()) return std::nullopt;
    return TicketRepo(*db_).get(q.column(0).int64());
  }

  Ticket ticket(int64_t id) {
    auto t = TicketRepo(*db_).get(id);
    REQUIRE(t);
    return *t;
  }

  std::vector<AuditEvent> events(int64_t id) { return TicketRepo(*db_).events(id); }
  std::vector<TicketPhoto> photos(int64_t id) { return TicketRepo(*db_).photos(id); }

  // Every message the bot has queued, oldest first.
  std::vector<OutboxRow> said() {
    std::vector<OutboxRow> rows;
    Statement q(*db_, "SELECT id FROM outbox ORDER BY id");
    while (q.step()) rows.push_back(*Outbox(*db_).get(q.column(0).int64()));
    return rows;
  }
  OutboxRow last_said() {
    auto rows = said();
    REQUIRE(!rows.empty());
    return rows.back();
  }
  std::string last_text() { return last_said().message.text; }
  // "m-<id>" of the newest bot message, for quoting it.
  std::string last_message_ref() { return "m-" + std::to_string(last_said().id); }
  size_t said_count() { return said().size(); }

  int count_events(int64_t id, const std::string& action) {
    int n = 0;
    for (const auto& e : events(id)) n += e.action == action;
    return n;
  }

  const Deployment& deployment() const { return deployment_; }
  // The handlers hold the deployment by reference: a township's wording applied here is theirs.
  Deployment& deployment() { return deployment_; }
  ManualClock& clock() { return clock_; }
  Database& db() { return *db_; }

 private:
  TempDir dir_;
  Deployment deployment_;
  PhotoStore store_;
  HandlerSet handlers_;
  ManualClock clock_;
  std::unique_ptr<Database> db_;
  int events_ = 0;
};

}  // namespace paike::test
