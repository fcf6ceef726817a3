// 64-bit DCT perceptual hash and its distance. Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>

namespace paike::vision {

// grey (8-bit, 1 channel, any size) → 32×32 (area average) → 2-D DCT → the 8×8 lowest
// frequencies without the DC term → bit set where above their median. 0 for an empty image.
// Bit i (LSB first) is coefficient 1 + i in row-major order of the 8×8 block; 63 bits are
// used, bit 63 is always 0.
uint64_t phash(const cv::Mat& grey);

// Number of differing bits, 0–64. Re-encoded or resized copies typically differ by ≤ 6;
// unrelated photos by about 32.
int hamming_distance(uint64_t a, uint64_t b);

}  // namespace paike::vision
