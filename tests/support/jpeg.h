// Real JPEG bytes made with OpenCV, so tests need no image files: a textured scene that
// survives re-encoding and decodes like a phone photo would.
#pragma once

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace paike::test {

inline cv::Mat make_scene(int width, int height, int seed) {
  cv::Mat image(height, width, CV_8UC3, cv::Scalar(90, 140, 110));
  cv::RNG rng(seed);
  for (int i = 0; i < 40; ++i) {
    cv::Point a(rng.uniform(0, width), rng.uniform(0, height));
    cv::Point b(rng.uniform(0, width), rng.uniform(0, height));
    cv::rectangle(image, a, b, cv::Scalar(rng.uniform(0, 255), rng.uniform(0, 255), rng.uniform(0, 255)), cv::FILLED);
  }
  return image;
}

inline std::string encode_jpeg(const cv::Mat& image) {
  std::vector<uchar> bytes;
  cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, 90});
  return std::string(bytes.begin(), bytes.end());
}

// Each seed is another place.
inline std::string make_jpeg(int width = 640, int height = 480, int seed = 1) {
  return encode_jpeg(make_scene(width, height, seed));
}

// The place of make_jpeg(width, height, seed) photographed again after the fix: one corner
// cleared, a little brighter, a few pixels to the side.
inline std::string make_jpeg_after(int width = 640, int height = 480, int seed = 1) {
  cv::Mat scene = make_scene(width, height, seed);
  cv::rectangle(scene, cv::Point(0, 0), cv::Point(width / 5, height / 5), cv::Scalar(90, 140, 110), cv::FILLED);
  cv::Mat moved;
  const cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, 6, 0, 1, 4);
  cv::warpAffine(scene, moved, shift, scene.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  moved.convertTo(moved, -1, 1.0, 12);
  return encode_jpeg(moved);
}

// The pixel size of encoded image bytes (empty when they do not decode).
inline cv::Size decode_size(const std::string& bytes) {
  return cv::imdecode(std::vector<uchar>(bytes.begin(), bytes.end()), cv::IMREAD_COLOR).size();
}

}  // namespace paike::test
