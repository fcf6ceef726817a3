#include "vision/quality.h"

#include <opencv2/imgproc.hpp>

namespace paike::vision {

Quality measure_quality(const cv::Mat& grey, const VisionOptions& options) {
  Quality q;
  if (grey.empty()) return q;
  cv::Mat laplacian;
  cv::Laplacian(grey, laplacian, CV_32F);
  cv::Scalar mean, stddev;
  cv::meanStdDev(laplacian, mean, stddev);
  q.sharpness = stddev[0] * stddev[0];
  q.brightness = cv::mean(grey)[0];
  q.too_dark = q.brightness < options.min_brightness;
  q.overexposed = q.brightness > options.max_brightness;
  // A dark or blown-out frame has little texture for lighting reasons; report that instead.
  q.blurry = q.sharpness < options.min_sharpness && !q.too_dark && !q.overexposed;
  return q;
}

}  // namespace paike::vision
