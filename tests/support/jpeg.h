// Real JPEG bytes made with OpenCV, so tests need no image files: a textured scene that
// survives re-encoding and decodes like a phone photo would.
#pragma once

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace paike::test {

inline std::string make_jpeg(int width = 640, int height = 480, int seed = 1) {
  cv::Mat image(height, width, CV_8UC3, cv::Scalar(90, 140, 110));
  cv::RNG rng(seed);
  for (int i = 0; i < 40; ++i) {
    cv::Point a(rng.uniform(0, width), rng.uniform(0, height));
    cv::Point b(rng.uniform(0, width), rng.uniform(0, height));
    cv::rectangle(image, a, b, cv::Scalar(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)), cv::FILLED);
  }
  std::vector<uchar> bytes;
  cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, 90});
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace paike::test
