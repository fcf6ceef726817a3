// Does an after-photo show the same place as the before-photo? ORB features, Lowe's ratio
// test and a RANSAC homography: a real scene seen again (other viewpoint, other light, the
// rubbish gone) keeps many geometrically consistent matches on what did not change; two
// different places keep only the handful RANSAC finds in noise. Pure functions; safe from
// any thread.
#pragma once

#include <opencv2/core.hpp>
#include <string_view>

#include "config/result.h"
#include "config/vision_options.h"

namespace paike::vision {

enum class PlaceVerdict { same, different, unsure };

std::string_view verdict_name(PlaceVerdict verdict);  // "same", "different", "unsure"

struct SamePlace {
  double score = 0;  // 0–1, grows with the number of RANSAC inliers
  PlaceVerdict verdict = PlaceVerdict::unsure;
  int matches = 0;  // after the ratio test
  int inliers = 0;  // consistent with one plausible homography
};

// Both images 8-bit, grey or BGR, any size (reduced internally to ≤ 800 px). A pair where
// either image has too little texture to judge (fewer than 50 features) is "unsure".
SamePlace same_place_score(const cv::Mat& before, const cv::Mat& after);

// From untrusted bytes: the checks and refusals of load_image (errors.h codes) for either.
Result<SamePlace> same_place_score(std::string_view before_bytes, std::string_view after_bytes,
                                   const VisionOptions& options);

}  // namespace paike::vision
