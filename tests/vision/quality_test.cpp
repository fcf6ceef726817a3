// Blurry, dark and overexposed photos are flagged; re-sent copies of one photo hash alike.
#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "images.h"
#include "vision/photo.h"

using namespace paike;
using namespace paike::vision;

namespace {

PhotoFacts facts_of(const cv::Mat& image, int quality = 92) {
  VisionOptions options;
  options.blur_faces = false;
  auto result = process_photo(test::encode(image, ".jpg", quality), options);
  REQUIRE(result.ok());
  return result->facts;
}

const char* kScenes[] = {"building.jpg", "home.jpg",  "fruits.jpg", "baboon.jpg",      "leuvenA.jpg",
                         "graf1.jpg",    "aero1.jpg", "messi5.jpg", "box_in_scene.jpg"};

}  // namespace

TEST_CASE("sharp, well-lit photos are not flagged") {
  for (const char* name : kScenes) {
    INFO(name);
    PhotoFacts facts = facts_of(test::load_data(name));
    CHECK_FALSE(facts.blurry);
    CHECK_FALSE(facts.too_dark);
    CHECK_FALSE(facts.overexposed);
    CHECK_FALSE(photo_quality_reply(facts));
  }
}

TEST_CASE("out-of-focus photos are flagged blurry and asked for again") {
  PhotoFacts defocus = facts_of(test::load_data("text_defocus.jpg"));
  CHECK(defocus.blurry);
  REQUIRE(photo_quality_reply(defocus));
  CHECK(*photo_quality_reply(defocus) == "照片有些模糊，方便的话请再拍一张");
  for (const char* name : kScenes) {
    INFO(name);
    cv::Mat blurred;
    cv::GaussianBlur(test::load_data(name), blurred, cv::Size(), 5);
    CHECK(facts_of(blurred).blurry);
  }
}

TEST_CASE("blur is judged the same at phone resolution as at small resolution") {
  cv::Mat big, blurred;
  cv::resize(test::load_data("building.jpg"), big, cv::Size(3472, 2400), 0, 0, cv::INTER_LINEAR);
  cv::GaussianBlur(big, blurred, cv::Size(), 16);
  CHECK(facts_of(blurred).blurry);
}

TEST_CASE("dark and overexposed photos are flagged") {
  cv::Mat image = test::load_data("building.jpg"), dark, bright;
  image.convertTo(dark, -1, 0.12, 0);
  image.convertTo(bright, -1, 0.15, 225);
  PhotoFacts dark_facts = facts_of(dark), bright_facts = facts_of(bright);
  CHECK(dark_facts.too_dark);
  CHECK_FALSE(dark_facts.blurry);
  CHECK(bright_facts.overexposed);
  CHECK(dark_facts.brightness < 40);
  CHECK(bright_facts.brightness > 235);
}

TEST_CASE("pHash: a re-encoded, resized copy is a near duplicate, other photos are far") {
  std::vector<uint64_t> hashes;
  for (const char* name : kScenes) {
    INFO(name);
    cv::Mat image = test::load_data(name), smaller;
    uint64_t original = facts_of(image).phash;
    cv::resize(image, smaller, cv::Size(), 0.6, 0.6, cv::INTER_AREA);
    CHECK(hamming_distance(original, facts_of(smaller, 40).phash) <= 6);
    cv::Mat brighter;
    image.convertTo(brighter, -1, 1.1, 15);
    CHECK(hamming_distance(original, facts_of(brighter).phash) <= 8);
    hashes.push_back(original);
  }
  for (size_t i = 0; i < hashes.size(); ++i) {
    for (size_t j = i + 1; j < hashes.size(); ++j) {
      INFO(kScenes[i] << " vs " << kScenes[j]);
      CHECK(hamming_distance(hashes[i], hashes[j]) > 12);
    }
  }
}

TEST_CASE("sha256 is of the bytes as received") {
  CHECK(crypto::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  std::string jpeg = test::read_data("home.jpg");
  auto result = process_photo(jpeg, VisionOptions{});
  REQUIRE(result.ok());
  CHECK(result->facts.sha256 == crypto::sha256_hex(jpeg));
}
