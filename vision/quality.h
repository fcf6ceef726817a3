// Photo quality measures on an already reduced image. Pure functions; safe from any thread.
#pragma once

#include <opencv2/core.hpp>

#include "config/vision_options.h"

namespace paike::vision {

struct Quality {
  double sharpness = 0;   // variance of the Laplacian of the grey image
  double brightness = 0;  // mean luma, 0–255
  bool blurry = false;
  bool too_dark = false;
  bool overexposed = false;
};

// `grey` is 8-bit single channel. Sharpness depends on scale, so callers pass the image at
// a fixed analysis size (VisionOptions::analysis_size on the long edge) to make the
// thresholds mean the same for every input resolution.
Quality measure_quality(const cv::Mat& grey, const VisionOptions& options);

}  // namespace paike::vision
