// The simulator page shows a villager's posted photo through /sim/api/posts/N/image. Post ids
// are sequential and the page is open to whoever reaches the demo: it must serve the public
// copy (no EXIF, no GPS), never the original as posted, before and after the worker stored it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "config/base64.h"
#include "tests/bot/ledger_fixture.h"
#include "tests/vision/images.h"

using namespace paike;
using nlohmann::json;

TEST_CASE("sim: a posted photo is shown as its public copy, without the GPS position it was taken at") {
  test::LedgerFixture f;
  vision::test::ExifSpec spec;
  spec.lat = 36.6512;
  spec.lng = 117.1201;
  spec.make = "HUAWEI";
  const std::string original = vision::test::splice_app1(test::make_jpeg(1600, 1200, 5), vision::test::make_exif(spec));
  REQUIRE(vision::test::has_metadata(original));
  json report{{"event_id", "gps1"},
              {"group_id", "g-hanjia"},
              {"user_id", "sim:handefu"},
              {"text", "南河桥边的垃圾堆了好几天了"},
              {"image_b64", base64_encode(original)}};
  auto posted = f.http->Post("/webhook/sim", report.dump(), "application/json");
  REQUIRE(posted);
  REQUIRE(posted->status < 300);

  auto posts = f.http->Get("/sim/api/posts?group_id=g-hanjia");
  REQUIRE(posts);
  json list = json::parse(posts->body);
  REQUIRE(list.size() == 1);
  const std::string path = "/sim/api/posts/" + std::to_string(list[0]["id"].get<long long>()) + "/image";
  // Right away (the worker may not have run) and once more (the stored copy, if it has).
  for (int i = 0; i < 2; ++i) {
    auto image = f.http->Get(path);
    REQUIRE(image);
    REQUIRE(image->status == 200);
    CHECK(image->get_header_value("Content-Type") == "image/jpeg");
    CHECK(image->body != original);
    CHECK_FALSE(vision::test::has_metadata(image->body));
    CHECK(image->body.find("HUAWEI") == std::string::npos);
  }
}
