#include "vision/decode.h"

#include <algorithm>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace paike::vision {

int reduction_for(const ImageHeader& header, int min_long_edge) {
  if (header.format != ImageFormat::jpeg) return 1;
  int long_edge = std::max(header.width, header.height);
  int reduction = 1;
  // libjpeg scales with ceil(edge / n), so compare the same way.
  while (reduction < 8 && (long_edge + 2 * reduction - 1) / (2 * reduction) >= min_long_edge) reduction *= 2;
  return reduction;
}

Result<cv::Mat> decode_upright(std::string_view bytes, const ImageHeader& header, int orientation, int min_long_edge) {
  int flags = cv::IMREAD_COLOR;
  switch (reduction_for(header, min_long_edge)) {
    case 2: flags = cv::IMREAD_REDUCED_COLOR_2; break;
    case 4: flags = cv::IMREAD_REDUCED_COLOR_4; break;
    case 8: flags = cv::IMREAD_REDUCED_COLOR_8; break;
    default: break;
  }
  cv::Mat image;
  try {
    // imdecode only reads the buffer; the const_cast is for cv::Mat's constructor signature.
    cv::Mat buffer(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
    image = cv::imdecode(buffer, flags | cv::IMREAD_IGNORE_ORIENTATION);
  } catch (const cv::Exception&) {
    image.release();
  }
  if (image.empty() || image.type() != CV_8UC3) return make_error("corrupt", "the image data could not be decoded");
  return apply_orientation(image, orientation);
}

cv::Mat apply_orientation(const cv::Mat& stored, int orientation) {
  cv::Mat out;
  switch (orientation) {
    case 2: cv::flip(stored, out, 1); break;
    case 3: cv::rotate(stored, out, cv::ROTATE_180); break;
    case 4: cv::flip(stored, out, 0); break;
    case 5: cv::transpose(stored, out); break;
    case 6: cv::rotate(stored, out, cv::ROTATE_90_CLOCKWISE); break;
    case 7: cv::transpose(stored, out); cv::flip(out, out, -1); break;
    case 8: cv::rotate(stored, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: out = stored; break;
  }
  return out;
}

}  // namespace paike::vision
