// Intake as a villager sees it in the group: one report → one ticket, the photo and the words
// stitched in either order, the category menu, the right person @-mentioned, and nothing
// half-written when the transaction fails.
#include <catch2/catch.hpp>

#include "config/text.h"
#include "handlers/intake/ticket_filing.h"
#include "intake_world.h"
#include "support/jpeg.h"

using namespace paike;
using test::IntakeWorld;
using namespace std::chrono_literals;

namespace {

const char* kReport = "南河桥边上一大堆垃圾好几天没人管";

}  // namespace

TEST_CASE("intake: a clear report is filed at once with category, place, deadline and the grid leader") {
  IntakeWorld w;
  w.post("sim:handefu", kReport, test::make_jpeg());
  auto tickets = w.tickets();
  REQUIRE(tickets.size() == 1);
  const Ticket& t = tickets[0];
  CHECK(t.category == "household_waste");
  CHECK(t.village == "韩家村");
  CHECK(t.grid_id == "hanjia-south");
  CHECK(t.assignee_id == "sim:zhangguilan");
  CHECK(t.due_at == w.clock.now() + 24h);
  CHECK(w.photos(t.id).size() == 1);
  auto said = w.said();
  REQUIRE(said.size() == 1);
  CHECK(said[0].text == "已登记 #1【生活垃圾】韩家村·南片（南河桥），请 @张桂兰 于 11月24日 10:00 前整改");
  CHECK(said[0].mentions == std::vector<std::string>{"sim:zhangguilan"});
  CHECK(said[0].ticket_id == t.id);
}

TEST_CASE("intake: words first, photo 90 s later from the same sender → one ticket with the photo") {
  IntakeWorld w;
  w.post("sim:handefu", kReport);
  w.clock.advance(90s);
  w.post("sim:handefu", "", test::make_jpeg());
  auto tickets = w.tickets();
  REQUIRE(tickets.size() == 1);
  CHECK(w.photos(tickets[0].id).size() == 1);
  CHECK(w.last_said() == "已把照片补充到 #1。");
}

TEST_CASE("intake: photo first, words 90 s later → one ticket with the photo") {
  IntakeWorld w;
  w.post("sim:handefu", "", test::make_jpeg());
  CHECK(w.tickets().empty());
  CHECK(w.pending_reports() == 1);
  CHECK(w.said().empty());  // waits for the words quietly
  w.clock.advance(90s);
  w.post("sim:handefu", kReport);
  auto tickets = w.tickets();
  REQUIRE(tickets.size() == 1);
  CHECK(w.photos(tickets[0].id).size() == 1);
  CHECK(tickets[0].created_at == w.clock.now() - 90s);  // the report started with the photo
  CHECK(w.pending_reports() == 0);
  CHECK(w.said().size() == 1);
}

TEST_CASE("intake: a photo from someone else is not stitched to another person's words") {
  IntakeWorld w;
  w.post("sim:handefu", kReport);
  w.clock.advance(30s);
  w.post("sim:liufang", "", test::make_jpeg());
  auto tickets = w.tickets();
  REQUIRE(tickets.size() == 1);
  CHECK(w.photos(tickets[0].id).empty());
  CHECK(w.pending_reports() == 1);  // liufang's photo waits for her own words
}

TEST_CASE("intake: a photo 3 minutes after a filed report is a new report, not an addition") {
  IntakeWorld w;
  w.post("sim:handefu", kReport);
  w.clock.advance(3min);
  w.post("sim:handefu", "", test::make_jpeg());
  CHECK(w.photos(w.tickets()[0].id).empty());
  CHECK(w.pending_reports() == 1);
}

TEST_CASE("intake: a photo with no words → after 2 minutes the category menu → a digit files it") {
  IntakeWorld w;
  w.post("sim:handefu", "", test::make_jpeg());
  w.clock.advance(119s);
  w.tick();
  CHECK(w.said().empty());
  w.clock.advance(1s);
  w.tick();
  auto said = w.said();
  REQUIRE(said.size() == 1);
  CHECK(contains(said[0].text, "收到照片。请回复数字选择问题类别：1 生活垃圾 2 建筑垃圾"));
  CHECK(said[0].mentions == std::vector<std::string>{"sim:handefu"});
  CHECK(w.tickets().empty());

  w.clock.advance(5min);
  w.post("sim:handefu", "2");
  auto tickets = w.tickets();
  REQUIRE(tickets.size() == 1);
  CHECK(tickets[0].category == "construction_waste");
  CHECK(tickets[0].village == "韩家村");
  CHECK(tickets[0].grid_id.empty());
  CHECK(tickets[0].assignee_id == "sim:hanjianguo");  // no grid known → the village secretary
  CHECK(w.photos(tickets[0].id).size() == 1);
  CHECK(w.pending_reports() == 0);
  CHECK(contains(w.last_said(), "已登记 #1【建筑垃圾】韩家村，请 @韩建国"));
}

TEST_CASE("intake: a menu answer by name works too, a digit out of range is not an answer") {
  IntakeWorld w;
  w.post("sim:handefu", "", test::make_jpeg());
  w.clock.advance(2min);
  w.tick();
  w.post("sim:handefu", "99");
  CHECK(w.tickets().empty());
  w.post("sim:handefu", "污水横流");
  REQUIRE(w.tickets().size() == 1);
  CHECK(w.tickets()[0].category == "sewage");
}

TEST_CASE("intake: a menu left unanswered for 2 hours is filed as 其他 and says so") {
  IntakeWorld w;
  w.post("sim:handefu", "", test::make_jpeg());
  w.clock.advance(2min);
  w.tick();
  w.clock.advance(2h - 1s);
  w.tick();
  CHECK(w.tickets().empty());
  w.clock.advance(1s);
  w.tick();
  auto tickets = w.tickets();
  REQUIRE(tickets.size() == 1);
  CHECK(tickets[0].category == "other");
  CHECK(tickets[0].due_at == w.clock.now() - 2h - 2min + std::chrono::days(7));
  CHECK(contains(w.last_said(), "已按【其他】登记"));
}

TEST_CASE("intake: assignee is the grid leader when the grid is known, else the village secretary") {
  const Deployment d = test::demo_deployment();
  CHECK(default_assignee(d, "韩家村", "hanjia-south") == "sim:zhangguilan");
  CHECK(default_assignee(d, "韩家村", "hanjia-north") == "sim:hanxiuying");
  CHECK(default_assignee(d, "韩家村", "") == "sim:hanjianguo");
  CHECK(default_assignee(d, "李庄村", "") == "sim:liweidong");
  CHECK(default_assignee(d, "没有的村", "") == "");

  IntakeWorld w;
  w.post("sim:licuihua", "老磨坊旁边有人烧垃圾，烟很大", "", "g-lizhuang");
  REQUIRE(w.tickets().size() == 1);
  CHECK(w.tickets()[0].category == "burning");
  CHECK(w.tickets()[0].assignee_id == "sim:wanggang");
}

TEST_CASE("intake: ticket, audit row and reply are written in the caller's one transaction") {
  IntakeWorld w;
  // The same as a crash between filing and the inbox's "done": nothing may remain.
  ChatEvent e = w.event("sim:handefu", kReport);
  REQUIRE_THROWS(w.db().transaction([&] {
    w.route(e);
    throw std::runtime_error("crash before commit");
  }));
  CHECK(w.tickets().empty());
  CHECK(w.said().empty());
  CHECK(w.db().query_int64("SELECT COUNT(*) FROM ticket_events") == 0);

  w.handle(e);
  REQUIRE(w.tickets().size() == 1);
  auto audit = w.audit(w.tickets()[0].id);
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].action == "created");
  CHECK(audit[0].to_status == "assigned");
  CHECK(audit[0].actor_id == "sim:handefu");
  CHECK(audit[0].source_event_id == e.event_id);
  CHECK(w.said().size() == 1);
}

TEST_CASE("intake: a photo that is not an image still files the report and asks for a new photo") {
  IntakeWorld w;
  w.post("sim:handefu", kReport, "this is not a picture at all, just text");
  REQUIRE(w.tickets().size() == 1);
  CHECK(w.photos(w.tickets()[0].id).empty());
  CHECK(contains(w.last_said(), "已登记 #1"));
  CHECK(contains(w.last_said(), "照片未能识别（格式不支持），请用手机相机拍一张再发送。"));
}

TEST_CASE("intake: chit-chat in the group files nothing and says nothing") {
  IntakeWorld w;
  w.post("sim:liufang", "收到，谢谢");
  CHECK(w.tickets().empty());
  CHECK(w.said().empty());
  CHECK(w.pending_reports() == 0);
}

TEST_CASE("intake: a message in a group the deployment does not know is ignored") {
  IntakeWorld w;
  w.post("sim:handefu", kReport, "", "g-nowhere");
  CHECK(w.tickets().empty());
  CHECK(w.said().empty());
}
