// A photo that cannot be used is refused with a reason, before any decoding, and never crashes.
#include <catch2/catch.hpp>
#include <random>

#include "images.h"
#include "vision/errors.h"
#include "vision/photo.h"

using namespace paike;
using namespace paike::vision;

namespace {

VisionOptions options() {
  VisionOptions o;
  o.blur_faces = false;
  return o;
}

std::string refusal(std::string_view bytes) {
  auto result = process_photo(bytes, options());
  return result.ok() ? "ok" : std::string(error_name(result.error().code));
}

std::string be32(uint32_t v) { return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }

// A PNG whose IHDR claims width×height, followed by a tiny IDAT and IEND (CRCs left zero).
std::string fake_png(uint32_t width, uint32_t height) {
  std::string png = "\x89PNG\r\n\x1A\n";
  png += be32(13) + "IHDR" + be32(width) + be32(height) + std::string("\x08\x02\x00\x00\x00", 5) + be32(0);
  png += be32(2) + "IDAT" + std::string("\x78\x9C", 2) + be32(0);
  png += be32(0) + "IEND" + be32(0xAE426082);
  return png;
}

}  // namespace

TEST_CASE("zero bytes are refused as empty") { CHECK(refusal("") == "empty"); }

TEST_CASE("a truncated JPEG (upload cut off) is refused as truncated") {
  std::string jpeg = test::read_data("messi5.jpg");
  REQUIRE(refusal(jpeg) == "ok");
  CHECK(refusal(jpeg.substr(0, jpeg.size() / 2)) == "truncated");
  CHECK(refusal(jpeg.substr(0, jpeg.size() - 2)) == "truncated");
  CHECK(refusal(jpeg.substr(0, 100)) == "truncated");
  CHECK(refusal(jpeg.substr(0, 3)) == "truncated");
}

TEST_CASE("a PNG claiming 100000x100000 is refused as too large without decoding") {
  CHECK(refusal(fake_png(100000, 100000)) == "too_large");
  CHECK(refusal(fake_png(0xFFFFFFFF, 0xFFFFFFFF)) == "corrupt");
  auto header = read_header(fake_png(100000, 100000));
  REQUIRE(header.ok());
  CHECK(header->width == 100000);
}

TEST_CASE("a JPEG whose SOF claims 60000x60000 is refused as too large") {
  std::string jpeg = test::read_data("home.jpg");
  size_t sof = jpeg.find("\xFF\xC0");
  REQUIRE(sof != std::string::npos);
  jpeg[sof + 5] = char(0xEA);
  jpeg[sof + 6] = char(0x60);  // height 60000
  jpeg[sof + 7] = char(0xEA);
  jpeg[sof + 8] = char(0x60);  // width 60000
  CHECK(refusal(jpeg) == "too_large");
}

TEST_CASE("GIF, SVG, HEIC-like and text named .jpg are refused as unsupported") {
  CHECK(refusal(std::string("GIF89a\x01\x00\x01\x00\x80\x00\x00", 13)) == "unsupported_format");
  CHECK(refusal("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>") ==
        "unsupported_format");
  CHECK(refusal(std::string("\x00\x00\x00\x18"
                            "ftypheic",
                            12)) == "unsupported_format");
  CHECK(refusal("垃圾堆在村口，照片.jpg 发不上来") == "unsupported_format");
}

TEST_CASE("a 1x1 image is refused as too small, 32 px is accepted") {
  cv::Mat pixel(1, 1, CV_8UC3, cv::Scalar(10, 200, 30));
  CHECK(refusal(test::encode(pixel, ".jpg")) == "too_small");
  CHECK(refusal(test::encode(pixel, ".png")) == "too_small");
  cv::Mat small(32, 40, CV_8UC3, cv::Scalar(10, 200, 30));
  CHECK(refusal(test::encode(small, ".jpg")) == "ok");
}

TEST_CASE("a JPEG with a 60 KB garbage EXIF block is processed with no EXIF facts") {
  std::mt19937 random(7);
  std::string garbage = std::string("Exif\0\0", 6);
  while (garbage.size() < 60000) garbage += char(random());
  auto result = process_photo(test::splice_app1(test::read_data("home.jpg"), garbage), options());
  REQUIRE(result.ok());
  CHECK(result->facts.orientation >= 1);
  CHECK(result->facts.orientation <= 8);
  CHECK(result->facts.width * result->facts.height == 512 * 384);
}

TEST_CASE("hostile EXIF: random mutations of a real EXIF block never crash") {
  test::ExifSpec spec;
  spec.orientation = 6;
  spec.lat = 36.62;
  spec.lng = 117.01;
  spec.taken = "2026:11:20 08:30:00";
  spec.make = "HUAWEI";
  spec.model = "P40";
  std::string exif = test::make_exif(spec);
  std::string jpeg = test::encode(cv::Mat(40, 40, CV_8UC3, cv::Scalar(90, 90, 90)));
  std::mt19937 random(11);
  int ok = 0;
  for (int round = 0; round < 300; ++round) {
    std::string mutated = exif;
    for (int flips = 0; flips < 1 + round % 20; ++flips) mutated[6 + random() % (mutated.size() - 6)] = char(random());
    if (round % 7 == 0) mutated.resize(6 + random() % (mutated.size() - 6));
    auto result = process_photo(test::splice_app1(jpeg, mutated), options());
    if (result.ok()) {
      ++ok;
      CHECK(result->facts.orientation >= 1);
      CHECK(result->facts.orientation <= 8);
      if (result->facts.gps) CHECK(std::abs(result->facts.gps->lat) <= 90);
    }
  }
  CHECK(ok == 300);
}

TEST_CASE("damaged JPEG data never crashes: each photo is either read whole or refused with a reply") {
  std::string jpeg = test::read_data("fruits.jpg");
  const auto intact = process_photo(jpeg, options());
  REQUIRE(intact.ok());
  std::mt19937 random(3);
  int refused = 0;
  for (int round = 0; round < 60; ++round) {
    std::string damaged = jpeg;
    for (int flips = 0; flips < 1 + round; ++flips) damaged[2 + random() % (damaged.size() - 2)] = char(random());
    auto result = process_photo(damaged, options());
    if (result.ok()) {
      // Damage the decoder tolerates (in the entropy-coded data) still gives a whole photo.
      CHECK(result->facts.width == intact->facts.width);
      CHECK(result->facts.height == intact->facts.height);
      CHECK(result->facts.sha256 != intact->facts.sha256);
    } else {
      ++refused;
      // A refusal the villager is told about, in Chinese, under a code the bot knows.
      INFO("code " << result.error().code);
      CHECK(photo_error_reply(error_name(result.error().code)) != photo_error_reply("not-a-code"));
    }
  }
  // Up to 60 random bytes in an 80 KB JPEG mostly land in the entropy-coded data, which the
  // decoder reads through; some hit the headers. Both ways were taken.
  CHECK(refused > 0);
  CHECK(refused < 60);
}

TEST_CASE("WebP photos are accepted with their header dimensions") {
  cv::Mat image = test::load_data("home.jpg");
  for (int quality : {80, 101}) {  // 101 = lossless (VP8L)
    std::string webp = test::encode(image, ".webp", quality);
    REQUIRE_FALSE(webp.empty());
    auto header = read_header(webp);
    REQUIRE(header.ok());
    CHECK(header->format == ImageFormat::webp);
    CHECK(header->width == 512);
    CHECK(header->height == 384);
    auto result = process_photo(webp, options());
    REQUIRE(result.ok());
    CHECK(result->facts.format == ImageFormat::webp);
    CHECK(refusal(webp.substr(0, webp.size() - 100)) == "truncated");
  }
}

TEST_CASE("WebP VP8X extended header gives the canvas size") {
  std::string webp = "RIFF" + std::string("\x20\x00\x00\x00", 4) + "WEBPVP8X" + std::string("\x0A\x00\x00\x00", 4);
  webp += std::string("\x00\x00\x00\x00", 4) + std::string("\x7F\x07\x00", 3) + std::string("\x37\x04\x00", 3);
  webp += "VP8 " + std::string(6, '\0');  // the image chunk that follows, cut short
  auto header = read_header(webp);
  REQUIRE(header.ok());
  CHECK(header->width == 1920);
  CHECK(header->height == 1080);
}

// Found by fuzz/image: "RIFF....WEBP" that libwebp rejects made cv::imdecode try its other
// decoders, and GDCM, matching "DICM" at byte 128, aborted the whole process.
TEST_CASE("a WebP header libwebp rejects is refused before any decoder sees it") {
  const std::string bytes = test::read_data("webp_then_dicom.bin");  // the fuzzer's input, as found
  CHECK(refusal(bytes) == "corrupt");
}

TEST_CASE("every refusal has a polite Chinese reply for the chat") {
  for (const char* code : {"empty", "unsupported_format", "too_large", "too_small", "truncated", "corrupt"}) {
    std::string_view reply = photo_error_reply(code);
    CHECK(reply != photo_error_reply("something_else"));
    CHECK(reply.find("照片") != std::string_view::npos);
  }
  CHECK(photo_error_reply("unsupported_format") == "照片未能识别（格式不支持），请重新发送 JPG 或 PNG 照片");
}
