#include "vision/sniff.h"

#include <webp/decode.h>

#include <string>

namespace paike::vision {
namespace {

uint32_t be16(std::string_view b, size_t at) { return (uint32_t(uint8_t(b[at])) << 8) | uint8_t(b[at + 1]); }
uint32_t be32(std::string_view b, size_t at) { return (be16(b, at) << 16) | be16(b, at + 2); }
uint32_t le16(std::string_view b, size_t at) { return uint32_t(uint8_t(b[at])) | (uint32_t(uint8_t(b[at + 1])) << 8); }
uint32_t le32(std::string_view b, size_t at) { return le16(b, at) | (le16(b, at + 2) << 16); }

Error truncated() { return make_error(ErrorCode::truncated, "the image file is incomplete"); }
Error corrupt(const char* what) {
  return make_error(ErrorCode::corrupt, std::string("the image header is damaged: ") + what);
}

bool is_sof(uint8_t marker) {
  // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

Result<ImageHeader> read_jpeg(std::string_view b) {
  ImageHeader header{ImageFormat::jpeg, 0, 0, {}};
  size_t at = 2;
  while (true) {
    // Markers may be padded with any number of 0xFF fill bytes.
    while (at < b.size() && uint8_t(b[at]) == 0xFF && at + 1 < b.size() && uint8_t(b[at + 1]) == 0xFF) ++at;
    if (at + 4 > b.size()) return truncated();
    if (uint8_t(b[at]) != 0xFF) return corrupt("JPEG marker expected");
    uint8_t marker = uint8_t(b[at + 1]);
    if (marker == 0xD9) return corrupt("JPEG ends before any image data");
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // standalone markers
      at += 2;
      continue;
    }
    size_t length = be16(b, at + 2);
    if (length < 2) return corrupt("JPEG segment length");
    if (at + 2 + length > b.size()) return truncated();
    if (marker == 0xE1 && header.exif.empty() && length >= 8 &&
        b.substr(at + 4, 6) == std::string_view("Exif\0\0", 6)) {
      header.exif = b.substr(at + 4, length - 2);
    }
    if (is_sof(marker)) {
      if (length < 8) return corrupt("JPEG SOF segment");
      header.height = int(be16(b, at + 5));
      header.width = int(be16(b, at + 7));
      if (header.width == 0 || header.height == 0) return corrupt("JPEG without dimensions");
    }
    if (marker == 0xDA) {  // start of scan: entropy-coded data follows
      if (header.width == 0) return corrupt("JPEG scan before frame header");
      // 0xFF 0xD9 cannot occur inside entropy-coded data (0xFF is stuffed), so the image
      // is complete exactly when an EOI follows the first scan.
      std::string_view rest = b.substr(at + 2 + length);
      if (rest.find("\xFF\xD9", 0, 2) == std::string_view::npos) return truncated();
      return header;
    }
    at += 2 + length;
  }
}

Result<ImageHeader> read_png(std::string_view b) {
  if (b.size() < 33) return truncated();
  if (b.substr(12, 4) != "IHDR" || be32(b, 8) != 13) return corrupt("PNG without IHDR");
  uint32_t width = be32(b, 16), height = be32(b, 20);
  if (width == 0 || height == 0) return corrupt("PNG without dimensions");
  if (width > 0x7FFFFFFF || height > 0x7FFFFFFF) return corrupt("PNG dimensions out of range");
  // IEND is the last chunk; tolerate a little trailing junk after it.
  std::string_view tail = b.substr(b.size() > 4096 ? b.size() - 4096 : 0);
  if (tail.rfind("IEND") == std::string_view::npos) return truncated();
  ImageHeader header{ImageFormat::png, int(width), int(height), {}};
  return header;
}

Result<ImageHeader> read_webp(std::string_view b) {
  // Accept exactly what libwebp, which decodes it (vision/decode.cpp), accepts. (OpenCV's
  // imdecode, used before, tried its other decoders on anything else, and GDCM aborted the
  // process on some inputs.)
  constexpr size_t kProbe = 32;
  if (b.size() < kProbe) return truncated();
  uint64_t riff_size = le32(b, 4);
  if (riff_size + 8 > b.size()) return truncated();
  WebPBitstreamFeatures features;
  if (WebPGetFeatures(reinterpret_cast<const uint8_t*>(b.data()), kProbe, &features) != VP8_STATUS_OK) {
    return corrupt("WebP bitstream header");
  }
  if (features.width <= 0 || features.height <= 0) return corrupt("WebP without dimensions");
  return ImageHeader{ImageFormat::webp, features.width, features.height, {}};
}

}  // namespace

std::string_view format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::jpeg:
      return "jpeg";
    case ImageFormat::png:
      return "png";
    case ImageFormat::webp:
      return "webp";
    case ImageFormat::unknown:
      break;
  }
  return "unknown";
}

ImageFormat sniff_format(std::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return ImageFormat::jpeg;
  if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1A\n") return ImageFormat::png;
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP") return ImageFormat::webp;
  return ImageFormat::unknown;
}

Result<ImageHeader> read_header(std::string_view bytes) {
  if (bytes.empty()) return make_error(ErrorCode::empty, "no image bytes");
  switch (sniff_format(bytes)) {
    case ImageFormat::jpeg:
      return read_jpeg(bytes);
    case ImageFormat::png:
      return read_png(bytes);
    case ImageFormat::webp:
      return read_webp(bytes);
    case ImageFormat::unknown:
      break;
  }
  return make_error(ErrorCode::unsupported_format, "not a JPEG, PNG or WebP image");
}

}  // namespace paike::vision
