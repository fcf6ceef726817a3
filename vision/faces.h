// Face pixelation for the public copies, with OpenCV's Haar cascade (Debian's opencv-data).
// Thread-safe: the cascade file is parsed once per calling thread (cv::CascadeClassifier is
// not safe to share) and nothing else is shared. When the cascade file is missing or bad,
// nothing is blurred and blur_faces returns -1 (callers log it; the photo is still served).
#pragma once

#include <opencv2/core.hpp>
#include <string>

namespace paike::vision {

// Detects frontal faces on a ≤ 400 px grey copy of `bgr` and pixelates each (enlarged by a
// margin) in place. Returns the number of faces pixelated, or -1 if the detector could not load.
int blur_faces(cv::Mat& bgr, const std::string& cascade_path);

}  // namespace paike::vision
