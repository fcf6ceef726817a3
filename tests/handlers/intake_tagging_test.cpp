// Intake and tagging together, on a real database: what a villager sees in the group.
#include <catch2/catch.hpp>

#include "config/load.h"
#include "config/text.h"
#include "handlers/handler_set.h"
#include "storage/database.h"
#include "storage/pending_reports.h"
#include "storage/ticket_repo.h"
#include "tests/support/demo_deployment.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

using namespace paike;

namespace {

// One village group chat with the bot, on a fresh database.
class Chat {
 public:
  Chat() : handlers_(test::shared_demo_deployment(), photos_) {
    auto db = Database::open(test::test_storage(dir_.path()));
    REQUIRE(db.ok());
    db_ = std::move(*db);
  }

  void say(const std::string& text) { send(text, {}); }
  void say_with_photo(const std::string& text, const PreparedPhoto& photo) { send(text, {photo}); }

  void send(const std::string& text, const std::vector<PreparedPhoto>& photos) {
    ChatEvent e;
    e.platform = "sim";
    e.event_id = "e" + std::to_string(++events_);
    e.group_id = "g-hanjia";
    e.user_id = "sim:villager-1";
    e.user_name = "村民";
    e.received_at = now_;
    e.text = text;
    db_->transaction([&] { handlers_.intake.handle(e, photos, *db_); });
  }

  void wait(Duration d) {
    now_ += d;
    db_->transaction([&] { handlers_.intake.on_tick(*db_, now_); });
  }

  std::vector<std::string> bot_said() {
    std::vector<std::string> out;
    Statement q(*db_, "SELECT text FROM outbox ORDER BY id");
    while (q.step()) out.push_back(q.column(0).text());
    return out;
  }

  std::vector<Ticket> tickets() { return TicketRepo(*db_).list({}); }
  int64_t pending() { return PendingReports(*db_).count(); }

 private:
  test::TempDir dir_;
  std::unique_ptr<Database> db_;
  PhotoStore photos_{dir_ / "photos"};
  HandlerSet handlers_;
  TimePoint now_ = TimePoint{} + std::chrono::hours(24 * 20000);
  int events_ = 0;
};

}  // namespace

TEST_CASE("tagging: a clear report is filed at once with its category and grid") {
  Chat chat;
  chat.say("南河桥那边谁家又倒了一车渣土，路都快堵死了");
  auto tickets = chat.tickets();
  REQUIRE(tickets.size() == 1);
  CHECK(tickets[0].category == "construction_waste");
  CHECK(tickets[0].grid_id == "hanjia-south");
  CHECK(tickets[0].landmark == "南河桥");
  CHECK(chat.pending() == 0);
}

TEST_CASE("tagging: an unclear report asks with a numbered menu quoting it, the digit files it") {
  Chat chat;
  chat.say("南河桥这边谁来管管");
  CHECK(chat.tickets().empty());
  auto said = chat.bot_said();
  REQUIRE(said.size() == 1);
  CHECK(contains(said[0], "请回复数字选择问题类别：1 生活垃圾 2 建筑垃圾"));
  CHECK(contains(said[0], "南河桥这边谁来管管"));
  chat.say("３");  // full-width, as some phone keyboards type it
  auto tickets = chat.tickets();
  REQUIRE(tickets.size() == 1);
  CHECK(tickets[0].category == "stacks");
  CHECK(tickets[0].grid_id == "hanjia-south");
  CHECK(tickets[0].text == "南河桥这边谁来管管");
  CHECK(chat.pending() == 0);
}

TEST_CASE("tagging: the menu also takes the category's name or words that name the problem") {
  Chat chat;
  chat.say("文化广场这里情况你们看看");
  chat.say("公共设施损坏");
  REQUIRE(chat.tickets().size() == 1);
  CHECK(chat.tickets()[0].category == "facility");
  CHECK(chat.tickets()[0].grid_id == "hanjia-middle");

  Chat other;
  other.say("老槐树那边反映个问题");
  other.say("是渣土");
  REQUIRE(other.tickets().size() == 1);
  CHECK(other.tickets()[0].category == "construction_waste");
}

TEST_CASE("tagging: a menu left unanswered for 2 hours is filed as other and says so") {
  Chat chat;
  chat.say("小学门口这里咋回事");
  chat.wait(std::chrono::minutes(119));
  CHECK(chat.tickets().empty());
  chat.wait(std::chrono::minutes(2));
  auto tickets = chat.tickets();
  REQUIRE(tickets.size() == 1);
  CHECK(tickets[0].category == "other");
  CHECK(tickets[0].grid_id == "hanjia-south");
  CHECK(contains(chat.bot_said().back(), "2小时内未选择类别，已按【其他】登记"));
}

TEST_CASE("tagging: chit-chat, thanks and fixed problems file nothing and ask nothing") {
  Chat chat;
  for (const char* text : {"好的收到", "谢谢书记🙏", "[强][强]", "南河桥的垃圾已经清理了", "拍客怎么用？"})
    chat.say(text);
  CHECK(chat.tickets().empty());
  CHECK(chat.bot_said().empty());
  CHECK(chat.pending() == 0);
}

TEST_CASE("tagging: a photo without words asks for the category once the stitch window closes") {
  Chat chat;
  PreparedPhoto unreadable;
  unreadable.error_code = "download_failed";  // still a photo the villager sent: the report counts
  chat.say_with_photo("", unreadable);
  CHECK(chat.bot_said().empty());  // words may still follow within the stitch window
  chat.wait(std::chrono::minutes(3));
  auto said = chat.bot_said();
  REQUIRE(said.size() == 1);
  CHECK(contains(said[0], "收到照片。请回复数字选择问题类别："));
  chat.say("1");
  REQUIRE(chat.tickets().size() == 1);
  CHECK(chat.tickets()[0].category == "household_waste");
  CHECK(chat.tickets()[0].village == "韩家村");
}
