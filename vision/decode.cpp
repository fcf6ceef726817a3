#include "vision/decode.h"

#include <png.h>
#include <turbojpeg.h>
#include <webp/decode.h>

#include <algorithm>
#include <memory>
#include <opencv2/core.hpp>
#include <string>

// The codecs are called directly (libjpeg-turbo, libpng, libwebp) rather than through OpenCV's
// imgcodecs, which links GDAL, GDCM, Poppler and a hundred more libraries into the process:
// 29 MB of its idle RSS for formats paike refuses anyway.
namespace paike::vision {
namespace {

Error corrupt(const std::string& why) {
  return make_error(ErrorCode::corrupt, "the image data could not be decoded: " + why);
}

using TurboJpeg = std::unique_ptr<void, int (*)(tjhandle)>;

Result<cv::Mat> decode_jpeg(std::string_view bytes, const ImageHeader& header, int reduction) {
  // A fresh decompressor each time (microseconds): one that failed on bad data refuses the next.
  TurboJpeg handle(tjInitDecompress(), tjDestroy);
  tjhandle tj = handle.get();
  if (!tj) return corrupt("no JPEG decoder");
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  int width = 0, height = 0, subsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(tj, data, bytes.size(), &width, &height, &subsampling, &colorspace) != 0) {
    return corrupt(tjGetErrorStr2(tj));
  }
  // The pixel limit was checked on read_header's size: decode nothing of another size.
  if (width != header.width || height != header.height) return corrupt("JPEG frames of different sizes");
  // Print files, not photos: no phone or chat app sends them.
  if (colorspace == TJCS_CMYK || colorspace == TJCS_YCCK) {
    return make_error(ErrorCode::unsupported_format, "a CMYK JPEG; please send a photo");
  }
  const tjscalingfactor factor{1, reduction};
  const int w = TJSCALED(width, factor), h = TJSCALED(height, factor);
  cv::Mat image(h, w, CV_8UC3);
  // LIMITSCANS: a progressive JPEG of thousands of scans would take minutes to decode.
  const int rc = tjDecompress2(tj, data, bytes.size(), image.data, w, int(image.step), h, TJPF_BGR, TJFLAG_LIMITSCANS);
  // A warning (damaged but readable data) still gives an image, as every viewer shows it.
  if (rc != 0 && tjGetErrorCode(tj) != TJERR_WARNING) return corrupt(tjGetErrorStr2(tj));
  return image;
}

Result<cv::Mat> decode_png(std::string_view bytes, const ImageHeader& header) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&png, bytes.data(), bytes.size())) return corrupt(png.message);
  if (int64_t(png.width) != header.width || int64_t(png.height) != header.height) {
    png_image_free(&png);
    return corrupt("PNG size differs from its header");
  }
  png.format = PNG_FORMAT_BGR;
  // 16-bit samples are sRGB like 8-bit ones (as every viewer takes them), not linear light.
  png.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
  cv::Mat image(header.height, header.width, CV_8UC3);
  const png_color white{255, 255, 255};  // transparent parts are shown on white
  if (!png_image_finish_read(&png, &white, image.data, png_int_32(image.step), nullptr)) return corrupt(png.message);
  return image;
}

Result<cv::Mat> decode_webp(std::string_view bytes, const ImageHeader& header) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  int width = 0, height = 0;
  if (!WebPGetInfo(data, bytes.size(), &width, &height)) return corrupt("WebP bitstream");
  if (width != header.width || height != header.height) return corrupt("WebP size differs from its header");
  cv::Mat image(height, width, CV_8UC3);
  if (!WebPDecodeBGRInto(data, bytes.size(), image.data, image.total() * image.elemSize(), int(image.step))) {
    return corrupt("WebP bitstream");
  }
  return image;
}

}  // namespace

int reduction_for(const ImageHeader& header, int min_long_edge) {
  if (header.format != ImageFormat::jpeg) return 1;
  int long_edge = std::max(header.width, header.height);
  int reduction = 1;
  // libjpeg scales with ceil(edge / n), so compare the same way.
  while (reduction < 8 && (long_edge + 2 * reduction - 1) / (2 * reduction) >= min_long_edge) reduction *= 2;
  return reduction;
}

Result<cv::Mat> decode_upright(std::string_view bytes, const ImageHeader& header, int orientation, int min_long_edge) {
  Result<cv::Mat> image = corrupt("unsupported format");
  switch (header.format) {
    case ImageFormat::jpeg:
      image = decode_jpeg(bytes, header, reduction_for(header, min_long_edge));
      break;
    case ImageFormat::png:
      image = decode_png(bytes, header);
      break;
    case ImageFormat::webp:
      image = decode_webp(bytes, header);
      break;
    case ImageFormat::unknown:
      break;
  }
  if (!image) return image.error();
  return apply_orientation(*image, orientation);
}

cv::Mat apply_orientation(const cv::Mat& stored, int orientation) {
  cv::Mat out;
  switch (orientation) {
    case 2:
      cv::flip(stored, out, 1);
      break;
    case 3:
      cv::rotate(stored, out, cv::ROTATE_180);
      break;
    case 4:
      cv::flip(stored, out, 0);
      break;
    case 5:
      cv::transpose(stored, out);
      break;
    case 6:
      cv::rotate(stored, out, cv::ROTATE_90_CLOCKWISE);
      break;
    case 7:
      cv::transpose(stored, out);
      cv::flip(out, out, -1);
      break;
    case 8:
      cv::rotate(stored, out, cv::ROTATE_90_COUNTERCLOCKWISE);
      break;
    default:
      out = stored;
      break;
  }
  return out;
}

}  // namespace paike::vision
