// EXIF facts a ticket relies on: where (GPS → place tagging), when (旧照片), which camera.
#include <catch2/catch.hpp>

#include "images.h"
#include "vision/exif.h"
#include "vision/photo.h"

using namespace paike;
using namespace paike::vision;

namespace {

PhotoFacts facts_of(const test::ExifSpec& spec) {
  VisionOptions options;
  options.blur_faces = false;
  std::string jpeg = test::splice_app1(test::read_data("home.jpg"), test::make_exif(spec));
  auto result = process_photo(jpeg, options);
  REQUIRE(result.ok());
  return result->facts;
}

}  // namespace

TEST_CASE("EXIF GPS is read as WGS-84 decimal degrees") {
  test::ExifSpec spec;
  spec.lat = 36.62;
  spec.lng = 117.01;
  PhotoFacts facts = facts_of(spec);
  REQUIRE(facts.gps);
  CHECK(facts.gps->lat == Approx(36.62).margin(1e-6));
  CHECK(facts.gps->lng == Approx(117.01).margin(1e-6));

  spec.lat = -33.8688;  // southern and western hemispheres keep their sign
  spec.lng = -70.5;
  facts = facts_of(spec);
  REQUIRE(facts.gps);
  CHECK(facts.gps->lat == Approx(-33.8688).margin(1e-6));
  CHECK(facts.gps->lng == Approx(-70.5).margin(1e-6));
}

TEST_CASE("EXIF GPS that is zero or out of range is ignored") {
  test::ExifSpec spec;
  spec.lat = 0;
  spec.lng = 0;
  CHECK_FALSE(facts_of(spec).gps);
  spec.lat = 95;
  spec.lng = 117;
  CHECK_FALSE(facts_of(spec).gps);
}

TEST_CASE("a photo without EXIF has no GPS, no time, orientation 1") {
  VisionOptions options;
  auto result = process_photo(test::read_data("home.jpg"), options);
  REQUIRE(result.ok());
  CHECK_FALSE(result->facts.gps);
  CHECK_FALSE(result->facts.taken_at);
  CHECK(result->facts.orientation == 1);
  CHECK(result->facts.camera.empty());
}

TEST_CASE("EXIF time taken is camera-local: +08:00 unless OffsetTimeOriginal says otherwise") {
  test::ExifSpec spec;
  spec.taken = "2026:11:20 08:30:00";
  PhotoFacts facts = facts_of(spec);
  REQUIRE(facts.taken_at);
  CHECK(*facts.taken_at == *parse_iso8601("2026-11-20T00:30:00Z"));

  spec.offset = "+09:00";
  facts = facts_of(spec);
  REQUIRE(facts.taken_at);
  CHECK(*facts.taken_at == *parse_iso8601("2026-11-19T23:30:00Z"));
}

TEST_CASE("malformed EXIF times are ignored") {
  for (const char* bad : {"0000:00:00 00:00:00", "2026:02:30 10:00:00", "2026:11:20 25:00:00", "yesterday", ""}) {
    test::ExifSpec spec;
    spec.taken = bad;
    spec.make = "x";  // keep an EXIF block even when the time is empty
    CHECK_FALSE(facts_of(spec).taken_at);
  }
}

TEST_CASE("camera is Make + Model without repeating the make") {
  test::ExifSpec spec;
  spec.make = "HUAWEI";
  spec.model = "ELS-AN00";
  CHECK(facts_of(spec).camera == "HUAWEI ELS-AN00");
  spec.make = "Canon";
  spec.model = "Canon EOS 80D";
  CHECK(facts_of(spec).camera == "Canon EOS 80D");
}

TEST_CASE("read_exif on nothing or junk gives defaults") {
  CHECK(read_exif("", 480).orientation == 1);
  CHECK_FALSE(read_exif(std::string("Exif\0\0MM\0*garbage", 17), 480).gps);
}
