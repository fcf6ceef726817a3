// What the photo facts change for a report: EXIF GPS places it, a poor or old photo is said
// so politely, and the same problem posted twice stays one ticket.
#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "config/text.h"
#include "intake_world.h"
#include "support/jpeg.h"
#include "vision/images.h"

using namespace paike;
using test::IntakeWorld;
using namespace std::chrono_literals;

namespace {

std::string with_exif(const std::string& jpeg, const vision::test::ExifSpec& spec) {
  return vision::test::splice_app1(jpeg, vision::test::make_exif(spec));
}

// The same scene, re-encoded smaller and at a lower quality: what forwarding does to a photo.
std::string forwarded(const std::string& jpeg) {
  cv::Mat image = vision::test::decode(jpeg), smaller;
  cv::resize(image, smaller, cv::Size(), 0.6, 0.6, cv::INTER_AREA);
  return vision::test::encode(smaller, ".jpg", 70);
}

}  // namespace

TEST_CASE("photo intake: EXIF GPS of the photo places the report in its grid") {
  IntakeWorld w;
  vision::test::ExifSpec spec;
  spec.lat = 36.636;  // inside 韩家村·北片 (demo grids are WGS-84, as EXIF is)
  spec.lng = 117.008;
  w.post("sim:handefu", "这里有一大堆垃圾没人管", with_exif(test::make_jpeg(), spec));
  auto tickets = w.tickets();
  REQUIRE(tickets.size() == 1);
  CHECK(tickets[0].grid_id == "hanjia-north");
  CHECK(tickets[0].location_source == LocationSource::exif);
  REQUIRE(tickets[0].point);
  CHECK(tickets[0].point->lat == Approx(36.636).margin(1e-6));
  CHECK(tickets[0].assignee_id == "sim:hanxiuying");
}

TEST_CASE("photo intake: a blurred photo still files the report and asks for a clearer one") {
  IntakeWorld w;
  cv::Mat image = vision::test::decode(test::make_jpeg()), blurred;
  cv::GaussianBlur(image, blurred, cv::Size(0, 0), 8);
  w.post("sim:handefu", "南河桥边上一大堆垃圾", vision::test::encode(blurred));
  REQUIRE(w.tickets().size() == 1);
  CHECK(w.photos(w.tickets()[0].id).size() == 1);
  CHECK(contains(w.last_said(), "照片有些模糊，方便的话请再拍一张"));
}

TEST_CASE("photo intake: a dark photo gets the dark-photo note, a good photo no note") {
  IntakeWorld w;
  cv::Mat dark = vision::test::decode(test::make_jpeg()) * 0.08;
  w.post("sim:handefu", "南河桥边上一大堆垃圾", vision::test::encode(dark));
  CHECK(contains(w.last_said(), "照片有些暗"));

  w.clock.advance(10min);
  w.post("sim:liufang", "老槐树底下有人倒了建筑垃圾", test::make_jpeg(640, 480, 7));
  CHECK(w.tickets().size() == 2);
  CHECK_FALSE(contains(w.last_said(), "照片有些"));
  CHECK(contains(w.last_said(), "前整改"));
}

TEST_CASE("photo intake: a photo taken more than 7 days before it was sent is flagged 旧照片") {
  IntakeWorld w;
  vision::test::ExifSpec spec;
  spec.taken = "2026:11:02 09:30:00";  // the report is on 11月23日
  w.post("sim:handefu", "南河桥边上一大堆垃圾", with_exif(test::make_jpeg(), spec));
  REQUIRE(w.tickets().size() == 1);
  CHECK(contains(w.last_said(), "照片拍摄于11月2日，已标注“旧照片”。"));
  auto audit = w.audit(w.tickets()[0].id);
  REQUIRE(audit.size() == 2);
  CHECK(audit[1].action == "flagged");
  CHECK(audit[1].new_value == "旧照片");

  spec.taken = "2026:11:20 09:30:00";  // three days: not old
  w.clock.advance(10min);
  w.post("sim:liufang", "老槐树底下有人倒了建筑垃圾", with_exif(test::make_jpeg(640, 480, 9), spec));
  REQUIRE(w.tickets().size() == 2);
  CHECK_FALSE(contains(w.last_said(), "旧照片"));
  CHECK(w.audit(w.tickets()[1].id).size() == 1);
}

TEST_CASE("photo intake: the same photo from someone else is merged into the open ticket") {
  IntakeWorld w;
  const std::string photo = test::make_jpeg();
  w.post("sim:handefu", "南河桥边上一大堆垃圾好几天没人管", photo);
  w.clock.advance(20min);
  w.post("sim:liufang", "南河桥这里垃圾好多，快来管管", photo);
  auto tickets = w.tickets();
  REQUIRE(tickets.size() == 1);
  CHECK(w.last_said() == "已有人反映，已合并到 #1，谢谢您。");
  auto audit = w.audit(1);
  REQUIRE(audit.size() == 2);
  CHECK(audit[1].action == "report_merged");
  CHECK(audit[1].new_value == "sim:liufang");
  CHECK(w.pending_reports() == 0);
}

TEST_CASE("photo intake: a forwarded (re-encoded, smaller) copy of the photo is a duplicate too") {
  IntakeWorld w;
  const std::string photo = test::make_jpeg(1600, 1200);
  w.post("sim:handefu", "南河桥边上一大堆垃圾好几天没人管", photo);
  w.clock.advance(1h);
  w.post("sim:hanxiaojun", "", forwarded(photo));  // photo only: waits for words, then checks
  w.clock.advance(2min);
  w.tick();
  REQUIRE(w.tickets().size() == 1);
  CHECK(w.photos(1).size() == 2);
  CHECK(w.last_said() == "已有人反映，已合并到 #1，谢谢您。");
}

TEST_CASE("photo intake: the reporter posting the same problem again is told it is already filed") {
  IntakeWorld w;
  const std::string photo = test::make_jpeg();
  w.post("sim:handefu", "南河桥边上一大堆垃圾好几天没人管", photo);
  w.clock.advance(1h);
  w.post("sim:handefu", "南河桥的垃圾还没人管", photo);
  REQUIRE(w.tickets().size() == 1);
  CHECK(w.last_said() == "这个问题已登记为 #1，正在整改中，无需重复上报。");
}

TEST_CASE("photo intake: a different photo, another grid, or a closed ticket are not duplicates") {
  IntakeWorld w;
  const std::string photo = test::make_jpeg();
  w.post("sim:handefu", "南河桥边上一大堆垃圾好几天没人管", photo);
  w.clock.advance(10min);
  w.post("sim:liufang", "南河桥边上又有一堆垃圾", test::make_jpeg(640, 480, 2));  // another scene
  CHECK(w.tickets().size() == 2);
  w.clock.advance(10min);
  w.post("sim:liufang", "老槐树底下也有一大堆垃圾", photo);  // the same picture, said to be elsewhere
  CHECK(w.tickets().size() == 3);

  for (auto t : w.tickets()) {
    t.status = TicketStatus::closed;
    TicketRepo(w.db()).update(t);
  }
  w.clock.advance(10min);
  w.post("sim:hanxiaojun", "南河桥边上一大堆垃圾", photo);  // a relapse is a new report
  CHECK(w.tickets().size() == 4);
}
