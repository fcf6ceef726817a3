#include "vision/same_place.h"

#include <cmath>
#include <new>
#include <opencv2/calib3d.hpp>
#include <opencv2/features2d.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "vision/load.h"

namespace paike::vision {
namespace {

constexpr int kWorkLongEdge = 800;
constexpr int kFeatures = 2000;
constexpr int kMinKeypoints = 50;
constexpr float kRatio = 0.8f;
constexpr double kRansacPixels = 6.0;
// Inlier counts: random matches between unrelated photos rarely leave more than ~10
// consistent with one homography; a real revisit of a place leaves dozens.
constexpr int kSameInliers = 25;
constexpr int kDifferentInliers = 12;

cv::Mat work_grey(const cv::Mat& image) {
  cv::Mat grey;
  if (image.channels() == 3)
    cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  else if (image.channels() == 4)
    cv::cvtColor(image, grey, cv::COLOR_BGRA2GRAY);
  else
    grey = image;
  return fit_within(grey, kWorkLongEdge);
}

// A homography that folds, collapses or blows up the image is no camera motion.
bool plausible(const cv::Mat& h) {
  if (h.empty()) return false;
  double det = h.at<double>(0, 0) * h.at<double>(1, 1) - h.at<double>(0, 1) * h.at<double>(1, 0);
  return std::isfinite(det) && det > 0.1 && det < 10;
}

}  // namespace

std::string_view verdict_name(PlaceVerdict verdict) {
  switch (verdict) {
    case PlaceVerdict::same:
      return "same";
    case PlaceVerdict::different:
      return "different";
    case PlaceVerdict::unsure:
      break;
  }
  return "unsure";
}

SamePlace same_place_score(const cv::Mat& before, const cv::Mat& after) {
  SamePlace result;
  if (before.empty() || after.empty() || before.depth() != CV_8U || after.depth() != CV_8U) return result;
  cv::Ptr<cv::ORB> orb = cv::ORB::create(kFeatures);
  std::vector<cv::KeyPoint> kp1, kp2;
  cv::Mat d1, d2;
  orb->detectAndCompute(work_grey(before), cv::noArray(), kp1, d1);
  orb->detectAndCompute(work_grey(after), cv::noArray(), kp2, d2);
  if (int(kp1.size()) < kMinKeypoints || int(kp2.size()) < kMinKeypoints) return result;

  std::vector<std::vector<cv::DMatch>> knn;
  cv::BFMatcher(cv::NORM_HAMMING).knnMatch(d1, d2, knn, 2);
  std::vector<cv::Point2f> p1, p2;
  for (const auto& pair : knn) {
    if (pair.size() == 2 && pair[0].distance < kRatio * pair[1].distance) {
      p1.push_back(kp1[pair[0].queryIdx].pt);
      p2.push_back(kp2[pair[0].trainIdx].pt);
    }
  }
  result.matches = int(p1.size());
  if (p1.size() >= 4) {
    std::vector<uchar> mask;
    cv::Mat h = cv::findHomography(p1, p2, cv::RANSAC, kRansacPixels, mask);
    if (plausible(h)) result.inliers = cv::countNonZero(mask);
  }
  result.score = 1 - std::exp(-result.inliers / 15.0);
  if (result.inliers >= kSameInliers)
    result.verdict = PlaceVerdict::same;
  else if (result.inliers < kDifferentInliers)
    result.verdict = PlaceVerdict::different;
  return result;
}

Result<SamePlace> same_place_score(std::string_view before_bytes, std::string_view after_bytes,
                                   const VisionOptions& options) {
  auto before = load_image(before_bytes, options, kWorkLongEdge);
  if (!before) return before.error();
  auto after = load_image(after_bytes, options, kWorkLongEdge);
  if (!after) return after.error();
  try {
    return same_place_score(before->upright, after->upright);
  } catch (const cv::Exception& e) {
    return make_error(ErrorCode::corrupt, std::string("feature matching failed: ") + e.what());
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::too_large, "out of memory while matching");
  }
}

}  // namespace paike::vision
