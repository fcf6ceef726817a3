// Public copies come out upright for all 8 EXIF orientations and carry no metadata.
#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "images.h"
#include "vision/photo.h"

using namespace paike;
using namespace paike::vision;

namespace {

constexpr int kW = 160, kH = 120;  // upright size
const cv::Vec3b kTopLeft(0, 0, 255), kTopRight(0, 255, 0), kBottomLeft(255, 0, 0), kBottomRight(0, 255, 255);

cv::Vec3b upright_pixel(int y, int x) {
  bool top = y < kH / 2, left = x < kW / 2;
  return top ? (left ? kTopLeft : kTopRight) : (left ? kBottomLeft : kBottomRight);
}

// The stored image for an orientation, built from the EXIF definitions of where the
// 0th row and 0th column of the stored image lie in the visual (upright) image.
cv::Mat stored_for(int orientation) {
  bool swap = orientation >= 5;
  cv::Mat stored(swap ? kW : kH, swap ? kH : kW, CV_8UC3);
  for (int r = 0; r < stored.rows; ++r) {
    for (int c = 0; c < stored.cols; ++c) {
      int y = r, x = c;
      switch (orientation) {
        case 2:
          x = kW - 1 - c;
          break;
        case 3:
          y = kH - 1 - r;
          x = kW - 1 - c;
          break;
        case 4:
          y = kH - 1 - r;
          break;
        case 5:
          x = r;
          y = c;
          break;  // row 0 = left side, column 0 = top
        case 6:
          x = kW - 1 - r;
          y = c;
          break;  // row 0 = right side, column 0 = top
        case 7:
          x = kW - 1 - r;
          y = kH - 1 - c;
          break;  // row 0 = right side, column 0 = bottom
        case 8:
          x = r;
          y = kH - 1 - c;
          break;  // row 0 = left side, column 0 = bottom
        default:
          break;
      }
      stored.at<cv::Vec3b>(r, c) = upright_pixel(y, x);
    }
  }
  return stored;
}

void check_upright(const std::string& jpeg) {
  cv::Mat image = test::decode(jpeg);
  REQUIRE(image.cols * kH == image.rows * kW);
  auto near = [&](double fy, double fx, cv::Vec3b want) {
    cv::Vec3b got = image.at<cv::Vec3b>(int(fy * image.rows), int(fx * image.cols));
    for (int i = 0; i < 3; ++i) CHECK(std::abs(int(got[i]) - int(want[i])) < 60);
  };
  near(0.25, 0.25, kTopLeft);
  near(0.25, 0.75, kTopRight);
  near(0.75, 0.25, kBottomLeft);
  near(0.75, 0.75, kBottomRight);
}

}  // namespace

TEST_CASE("thumbnail and display copy are upright for EXIF orientations 1-8") {
  VisionOptions options;
  options.thumbnail_size = 80;
  for (int orientation = 1; orientation <= 8; ++orientation) {
    INFO("orientation " << orientation);
    test::ExifSpec spec;
    spec.orientation = orientation;
    spec.lat = 36.6;
    spec.lng = 117.0;
    std::string jpeg = test::splice_app1(test::encode(stored_for(orientation)), test::make_exif(spec));
    auto result = process_photo(jpeg, options);
    REQUIRE(result.ok());
    CHECK(result->facts.orientation == orientation);
    CHECK(result->facts.width == kW);
    CHECK(result->facts.height == kH);
    auto copies = make_public_copies(jpeg, options);
    REQUIRE(copies.ok());
    check_upright(copies->display_jpeg);
    check_upright(copies->thumbnail_jpeg);
    CHECK(test::decode(copies->thumbnail_jpeg).cols == 80);
    CHECK_FALSE(test::has_metadata(copies->display_jpeg));
    CHECK_FALSE(test::has_metadata(copies->thumbnail_jpeg));
    CHECK(copies->display_jpeg.find("Exif") == std::string::npos);
  }
}

TEST_CASE("a 12 MP photo gives a display copy of 1280 px and a thumbnail of 320 px") {
  cv::Mat big;
  cv::resize(test::load_data("leuvenA.jpg"), big, cv::Size(4000, 3000));
  test::ExifSpec spec;
  spec.orientation = 6;
  std::string jpeg = test::splice_app1(test::encode(big, ".jpg", 85), test::make_exif(spec));
  auto result = process_photo(jpeg, VisionOptions{});
  REQUIRE(result.ok());
  CHECK(result->facts.width == 3000);
  CHECK(result->facts.height == 4000);
  auto copies = make_public_copies(jpeg, VisionOptions{});
  REQUIRE(copies.ok());
  cv::Mat display = test::decode(copies->display_jpeg), thumb = test::decode(copies->thumbnail_jpeg);
  CHECK(display.rows == 1280);
  CHECK(display.cols == 960);
  CHECK(thumb.rows == 320);
  CHECK(thumb.cols == 240);
}

TEST_CASE("faces in the public copies are pixelated when blurring is on") {
  std::string jpeg = test::read_data("messi5.jpg");
  VisionOptions options;
  auto blurred = make_public_copies(jpeg, options);
  REQUIRE(blurred.ok());
  CHECK(blurred->faces_blurred >= 1);
  options.blur_faces = false;
  auto plain = make_public_copies(jpeg, options);
  REQUIRE(plain.ok());
  CHECK(plain->faces_blurred == 0);
  CHECK(blurred->display_jpeg != plain->display_jpeg);
  CHECK(blurred->thumbnail_jpeg != plain->thumbnail_jpeg);
  // Intake never touches the public copies, so blurring does not change what it finds.
  auto facts_plain = process_photo(jpeg, options);
  options.blur_faces = true;
  auto facts_blurred = process_photo(jpeg, options);
  REQUIRE(facts_plain.ok());
  REQUIRE(facts_blurred.ok());
  CHECK(facts_plain->facts.phash == facts_blurred->facts.phash);
  options.face_cascade = "/nonexistent.xml";
  auto missing = make_public_copies(jpeg, options);
  REQUIRE(missing.ok());
  CHECK(missing->faces_blurred == -1);
}

TEST_CASE("the public copies from intake's pixels are the copies from the original, faces pixelated") {
  std::string jpeg = test::read_data("messi5.jpg");
  VisionOptions options;
  auto intake = process_photo(jpeg, options);
  REQUIRE(intake.ok());
  const cv::Mat before = intake->display.clone();
  auto from_pixels = make_public_copies(intake->display, options);
  auto from_original = make_public_copies(std::string_view(jpeg), options);
  REQUIRE(from_pixels.ok());
  REQUIRE(from_original.ok());
  CHECK(from_pixels->faces_blurred >= 1);
  CHECK(from_pixels->faces_blurred == from_original->faces_blurred);
  CHECK(from_pixels->display_jpeg == from_original->display_jpeg);
  CHECK(from_pixels->thumbnail_jpeg == from_original->thumbnail_jpeg);
  // The caller's pixels are not pixelated behind its back: the copies worked on their own.
  CHECK(cv::norm(intake->display, before, cv::NORM_INF) == 0);
  CHECK_FALSE(make_public_copies(cv::Mat(), options).ok());
}

TEST_CASE("intake keeps a 12 MP photo's pixels upright at display size") {
  cv::Mat big;
  cv::resize(test::load_data("leuvenA.jpg"), big, cv::Size(4000, 3000));
  test::ExifSpec spec;
  spec.orientation = 6;
  auto intake = process_photo(test::splice_app1(test::encode(big, ".jpg", 85), test::make_exif(spec)), VisionOptions{});
  REQUIRE(intake.ok());
  CHECK(intake->display.size() == cv::Size(960, 1280));
  CHECK(intake->display.type() == CV_8UC3);
}
