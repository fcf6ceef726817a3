// Reduced-size decoding and EXIF orientation. Pure functions; safe from any thread.
// Callers must have checked the header (read_header + pixel limit) first: decode_upright
// trusts `header` for its size choice and never decodes larger than that.
#pragma once

#include <opencv2/core.hpp>
#include <string_view>

#include "config/result.h"
#include "vision/sniff.h"

namespace paike::vision {

// The JPEG DCT scale denominator (1, 2, 4 or 8) giving the smallest decode whose long edge is
// still ≥ min_long_edge (or 8 when even 1/8 is larger). Always 1 for PNG and WebP.
int reduction_for(const ImageHeader& header, int min_long_edge);

// Decodes to 8-bit BGR at 1/reduction_for(...) size, ignoring OpenCV's own EXIF handling,
// then turns it upright per `orientation` (1–8; anything else is treated as 1).
// Error "corrupt" when the codec cannot produce an image; "unsupported_format" for a CMYK JPEG.
// PNG transparency is shown on white.
Result<cv::Mat> decode_upright(std::string_view bytes, const ImageHeader& header, int orientation, int min_long_edge);

// EXIF orientation 1–8 → upright image (2/4 mirror, 3 rotates 180°, 5/7 transpose, 6/8 rotate 90°).
cv::Mat apply_orientation(const cv::Mat& stored, int orientation);

}  // namespace paike::vision
