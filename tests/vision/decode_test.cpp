// The codecs paike decodes with (libjpeg-turbo, libpng, libwebp; vision/decode.cpp) give the
// same pixels as OpenCV's imgcodecs, the reference here, for every kind of file a phone or a
// chat app sends.
#include <catch2/catch.hpp>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "images.h"
#include "vision/decode.h"
#include "vision/sniff.h"

using namespace paike;
using namespace paike::vision;

namespace {

cv::Mat decoded(const std::string& bytes, int min_long_edge = 100000) {
  auto header = read_header(bytes);
  REQUIRE(header.ok());
  auto image = decode_upright(bytes, *header, 1, min_long_edge);
  INFO((image.ok() ? std::string() : image.error().message));
  REQUIRE(image.ok());
  return *image;
}

double mean_difference(const cv::Mat& a, const cv::Mat& b) {
  REQUIRE(a.size() == b.size());
  REQUIRE(a.type() == b.type());
  return cv::norm(a, b, cv::NORM_L1) / double(a.total() * a.channels());
}

std::string encode_with(const cv::Mat& image, const std::string& ext, std::vector<int> params) {
  std::vector<uchar> out;
  REQUIRE(cv::imencode(ext, image, out, params));
  return std::string(out.begin(), out.end());
}

}  // namespace

TEST_CASE("JPEG, baseline, progressive and grey, decodes as OpenCV decodes it, at full and reduced size") {
  const cv::Mat photo = test::load_data("leuvenA.jpg");
  cv::Mat grey;
  cv::cvtColor(photo, grey, cv::COLOR_BGR2GRAY);
  const std::string files[] = {encode_with(photo, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 90}),
                               encode_with(photo, ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1}),
                               encode_with(grey, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 90})};
  for (const auto& jpeg : files) {
    const cv::Mat reference = cv::imdecode(cv::Mat(1, int(jpeg.size()), CV_8UC1, const_cast<char*>(jpeg.data())),
                                           cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
    CHECK(mean_difference(decoded(jpeg), reference) < 0.5);
    const cv::Mat half_reference = cv::imdecode(cv::Mat(1, int(jpeg.size()), CV_8UC1, const_cast<char*>(jpeg.data())),
                                                cv::IMREAD_REDUCED_COLOR_2 | cv::IMREAD_IGNORE_ORIENTATION);
    const cv::Mat half = decoded(jpeg, 300);  // 751 px wide: 1/2 still covers 300 px
    CHECK(half.cols == 376);
    CHECK(mean_difference(half, half_reference) < 0.5);
  }
}

TEST_CASE("PNG of any depth and colour type decodes to its pixels, transparency shows on white") {
  const cv::Mat photo = test::load_data("home.jpg");
  CHECK(mean_difference(decoded(test::encode(photo, ".png")), photo) == 0);
  cv::Mat deep;
  photo.convertTo(deep, CV_16UC3, 257);
  CHECK(mean_difference(decoded(test::encode(deep, ".png")), photo) < 0.5);
  cv::Mat grey, grey_bgr;
  cv::cvtColor(photo, grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(grey, grey_bgr, cv::COLOR_GRAY2BGR);
  CHECK(mean_difference(decoded(test::encode(grey, ".png")), grey_bgr) == 0);

  cv::Mat with_alpha;
  cv::cvtColor(photo, with_alpha, cv::COLOR_BGR2BGRA);
  with_alpha(cv::Rect(0, 0, 100, 50)).setTo(cv::Scalar(0, 0, 0, 0));  // a transparent corner
  const cv::Mat shown = decoded(test::encode(with_alpha, ".png"));
  CHECK(shown.at<cv::Vec3b>(10, 10) == cv::Vec3b(255, 255, 255));
  CHECK(mean_difference(shown(cv::Rect(0, 100, photo.cols, 200)), photo(cv::Rect(0, 100, photo.cols, 200))) == 0);
}

TEST_CASE("WebP, lossless and lossy, decodes as OpenCV decodes it") {
  const cv::Mat photo = test::load_data("fruits.jpg");
  CHECK(mean_difference(decoded(encode_with(photo, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101})), photo) == 0);
  const std::string lossy = encode_with(photo, ".webp", {cv::IMWRITE_WEBP_QUALITY, 80});
  CHECK(mean_difference(decoded(lossy), test::decode(lossy)) < 0.5);
}

TEST_CASE("a JPEG whose data is damaged after the header still decodes, as every viewer shows it") {
  std::string jpeg = test::encode(test::load_data("home.jpg"), ".jpg", 90);
  for (size_t i = jpeg.size() / 2; i < jpeg.size() / 2 + 64; ++i) jpeg[i] = char(0x55);
  const cv::Mat image = decoded(jpeg);
  CHECK(image.size() == cv::Size(512, 384));
}
