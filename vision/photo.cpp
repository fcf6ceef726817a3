#include "vision/photo.h"

#include <openssl/evp.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace paike::vision {

std::string_view format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::jpeg: return "jpeg";
    case ImageFormat::png: return "png";
    case ImageFormat::webp: return "webp";
    case ImageFormat::unknown: break;
  }
  return "unknown";
}

ImageFormat sniff_format(std::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return ImageFormat::jpeg;
  if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1A\n") return ImageFormat::png;
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return ImageFormat::webp;
  return ImageFormat::unknown;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

namespace {

std::string encode_jpeg(const cv::Mat& image, int long_edge, int quality) {
  cv::Mat resized = image;
  int longest = std::max(image.cols, image.rows);
  if (longest > long_edge) {
    double scale = double(long_edge) / longest;
    cv::resize(image, resized, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  std::vector<uchar> out;
  cv::imencode(".jpg", resized, out, {cv::IMWRITE_JPEG_QUALITY, quality});
  return std::string(out.begin(), out.end());
}

}  // namespace

Result<ProcessedPhoto> process_photo(std::string_view bytes, const VisionOptions& options) {
  if (bytes.empty()) return make_error("empty", "no image bytes");
  ProcessedPhoto result;
  result.facts.format = sniff_format(bytes);
  if (result.facts.format == ImageFormat::unknown) {
    return make_error("unsupported_format", "not a JPEG, PNG or WebP image");
  }
  result.facts.sha256 = sha256_hex(bytes);
  cv::Mat image;
  try {
    cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
    image = cv::imdecode(buffer, cv::IMREAD_COLOR);
  } catch (const cv::Exception&) {
    image.release();
  }
  if (image.empty()) return make_error("corrupt", "the image could not be decoded");
  if (int64_t(image.cols) * image.rows > options.max_pixels) {
    return make_error("too_large", "the image has more pixels than allowed");
  }
  result.facts.width = image.cols;
  result.facts.height = image.rows;
  result.display_jpeg = encode_jpeg(image, options.display_size, options.jpeg_quality);
  result.thumbnail_jpeg = encode_jpeg(image, options.thumbnail_size, options.jpeg_quality);
  return result;
}

}  // namespace paike::vision
