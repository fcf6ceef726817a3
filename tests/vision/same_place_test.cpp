// After-photo check: the same place (other viewpoint, other light, rubbish gone) versus a
// different place. Measured as precision over a small set of real and synthetic pairs.
#include <catch2/catch.hpp>
#include <iostream>
#include <opencv2/imgproc.hpp>
#include <random>

#include "images.h"
#include "vision/same_place.h"

using namespace paike;
using namespace paike::vision;

namespace {

// A "rubbish heap": a cluster of random coloured blobs over the lower middle of the photo.
cv::Mat with_heap(const cv::Mat& scene, unsigned seed) {
  cv::Mat out = scene.clone();
  std::mt19937 random(seed);
  cv::Point centre(scene.cols / 2, scene.rows * 2 / 3);
  for (int i = 0; i < 40; ++i) {
    cv::Point p = centre + cv::Point(int(random() % (scene.cols / 3)) - scene.cols / 6,
                                     int(random() % (scene.rows / 5)) - scene.rows / 10);
    cv::circle(out, p, 6 + int(random() % 18), cv::Scalar(random() % 256, random() % 256, random() % 256), cv::FILLED);
  }
  return out;
}

// The same place photographed again: a few degrees of perspective, other exposure.
cv::Mat revisit(const cv::Mat& scene, double shift, double gain, double bias) {
  float w = float(scene.cols), h = float(scene.rows), d = float(shift);
  cv::Point2f from[] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  cv::Point2f to[] = {{d * w, 0.5f * d * h}, {w * (1 - 0.5f * d), 0}, {w, h * (1 - d)}, {0.5f * d * w, h}};
  cv::Mat warped, lit;
  cv::warpPerspective(scene, warped, cv::getPerspectiveTransform(from, to), scene.size(), cv::INTER_LINEAR,
                      cv::BORDER_REFLECT);
  warped.convertTo(lit, -1, gain, bias);
  return lit;
}

struct Pair {
  std::string name;
  cv::Mat before, after;
  bool same;
};

std::vector<Pair> pairs() {
  std::vector<Pair> out;
  auto real = [&](const char* a, const char* b) {
    out.push_back({std::string(a) + "/" + b, test::load_data(a), test::load_data(b), true});
  };
  real("graf1.jpg", "graf3.jpg");
  real("leuvenA.jpg", "leuvenB.jpg");
  real("aero1.jpg", "aero3.jpg");
  real("box.jpg", "box_in_scene.jpg");
  const char* scenes[] = {"building.jpg", "home.jpg",    "fruits.jpg", "messi5.jpg",
                          "graf1.jpg",    "leuvenA.jpg", "aero3.jpg"};
  unsigned seed = 1;
  std::vector<cv::Mat> befores, afters;
  for (const char* name : scenes) {
    cv::Mat scene = test::load_data(name);
    befores.push_back(with_heap(scene, seed++));
    afters.push_back(revisit(scene, 0.04 + 0.02 * (seed % 3), 0.7 + 0.1 * (seed % 5), 10.0 * (seed % 4)));
    out.push_back({std::string(name) + " heap removed", befores.back(), afters.back(), true});
  }
  for (size_t i = 0; i < befores.size(); ++i) {
    for (size_t j = 0; j < afters.size(); ++j) {
      if (i != j && (i + j) % 2 == 1)
        out.push_back({std::string(scenes[i]) + " vs " + scenes[j], befores[i], afters[j], false});
    }
  }
  return out;
}

}  // namespace

TEST_CASE("after-photo of the same place vs a different place: precision on a small set") {
  int said_same = 0, said_same_right = 0, said_different = 0, said_different_right = 0, same_total = 0,
      different_total = 0;
  for (const Pair& pair : pairs()) {
    SamePlace result = same_place_score(pair.before, pair.after);
    INFO(pair.name << ": inliers " << result.inliers << " matches " << result.matches << " score " << result.score
                   << " " << verdict_name(result.verdict));
    (pair.same ? same_total : different_total)++;
    if (result.verdict == PlaceVerdict::same) {
      ++said_same;
      said_same_right += pair.same;
    }
    if (result.verdict == PlaceVerdict::different) {
      ++said_different;
      said_different_right += !pair.same;
    }
    CHECK(result.score >= 0);
    CHECK(result.score <= 1);
    // Passing off another place as the fix is the failure that matters most. A false
    // "different" only keeps the ticket 待核验 for a person, so it is measured, not forbidden
    // (aero1/aero3, a big aerial viewpoint change, is such a hard case for ORB).
    if (!pair.same) CHECK(result.verdict != PlaceVerdict::same);
    if (pair.same && result.verdict != PlaceVerdict::same)
      std::cout << "same-place miss: " << pair.name << " inliers " << result.inliers << "\n";
  }
  std::cout << "same-place: " << same_total << " same pairs, " << different_total << " different pairs; said same "
            << said_same << " (" << said_same_right << " right), said different " << said_different << " ("
            << said_different_right << " right)\n";
  CHECK(said_same_right == said_same);                     // precision of "same" 100 %
  CHECK(said_different_right * 10 >= said_different * 9);  // precision of "different" ≥ 90 %
  CHECK(said_same_right * 4 >= same_total * 3);            // recall of "same" ≥ 75 %
  CHECK(said_different_right * 4 >= different_total * 3);
}

TEST_CASE("same-place check from bytes refuses bad input with a reason") {
  VisionOptions options;
  auto ok = same_place_score(test::read_data("graf1.jpg"), test::read_data("graf3.jpg"), options);
  REQUIRE(ok.ok());
  CHECK(ok->verdict == PlaceVerdict::same);
  auto bad = same_place_score(test::read_data("graf1.jpg"), "not a photo", options);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::unsupported_format);
}

TEST_CASE("a textureless pair is unsure, never a confident verdict") {
  cv::Mat grey(300, 400, CV_8UC3, cv::Scalar(128, 128, 128));
  CHECK(same_place_score(grey, grey).verdict == PlaceVerdict::unsure);
}
