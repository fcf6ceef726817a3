// fit_within and fit_within_fast: the size they promise, and pixels close to a plain area
// average, whatever the factor and however the size divides.
#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "images.h"
#include "vision/load.h"

using namespace paike;
using namespace paike::vision;

namespace {

// Mean absolute difference per pixel from OpenCV's area average to the same size.
double off_area_average(const cv::Mat& image, const cv::Mat& resized) {
  cv::Mat reference;
  cv::resize(image, reference, resized.size(), 0, 0, cv::INTER_AREA);
  return cv::norm(reference, resized, cv::NORM_L1) / double(resized.total() * resized.channels());
}

}  // namespace

TEST_CASE("fit_within_fast keeps the aspect and comes close to an area average at any factor") {
  cv::Mat scene = test::load_data("leuvenA.jpg"), grey;
  cv::cvtColor(scene, grey, cv::COLOR_BGR2GRAY);
  struct Case {
    cv::Size from;
    int long_edge;
    cv::Size to;
  };
  const Case cases[] = {
      {{1280, 960}, 480, {480, 360}},     // 2.67×: a whole 2× first, then bilinear
      {{1281, 961}, 480, {480, 360}},     // sizes the factor does not divide
      {{4000, 3000}, 480, {480, 360}},    // 8.3×
      {{960, 1280}, 320, {240, 320}},     // portrait, exactly 4×
      {{1600, 1200}, 1280, {1280, 960}},  // less than 2×: bilinear alone
  };
  for (const auto& c : cases) {
    cv::Mat image;
    cv::resize(grey, image, c.from, 0, 0, cv::INTER_CUBIC);
    INFO(c.from << " to " << c.long_edge);
    cv::Mat fast = fit_within_fast(image, c.long_edge);
    CHECK(fast.size() == c.to);
    CHECK(off_area_average(image, fast) < 3);  // nearest-neighbour picking is 6 off
    CHECK(fit_within(image, c.long_edge).size() == c.to);
  }
}

TEST_CASE("an image that already fits is returned as it is") {
  cv::Mat image(300, 400, CV_8UC3, cv::Scalar(10, 20, 30));
  CHECK(fit_within_fast(image, 400).data == image.data);
  CHECK(fit_within(image, 1280).data == image.data);
}
