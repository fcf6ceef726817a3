#include "vision/phash.h"

#include <algorithm>
#include <array>
#include <bit>
#include <opencv2/imgproc.hpp>

namespace paike::vision {

uint64_t phash(const cv::Mat& grey) {
  if (grey.empty()) return 0;
  cv::Mat small, real;
  cv::resize(grey, small, cv::Size(32, 32), 0, 0, cv::INTER_AREA);
  small.convertTo(real, CV_32F);
  cv::Mat spectrum;
  cv::dct(real, spectrum);
  std::array<float, 63> low{};
  for (int i = 1; i < 64; ++i) low[i - 1] = spectrum.at<float>(i / 8, i % 8);
  std::array<float, 63> sorted = low;
  std::nth_element(sorted.begin(), sorted.begin() + 31, sorted.end());
  float median = sorted[31];
  uint64_t hash = 0;
  for (int i = 0; i < 63; ++i) {
    if (low[i] > median) hash |= uint64_t(1) << i;
  }
  return hash;
}

int hamming_distance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

}  // namespace paike::vision
