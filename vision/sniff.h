// Format detection and header dimensions, read from the bytes without decoding any pixels.
// Pure functions over the input; safe from any thread. Never reads outside `bytes`.
#pragma once

#include <cstdint>
#include <string_view>

#include "config/result.h"

namespace paike::vision {

enum class ImageFormat { unknown, jpeg, png, webp };

std::string_view format_name(ImageFormat format);
// Detects the format from the first bytes, never from a file name.
ImageFormat sniff_format(std::string_view bytes);

struct ImageHeader {
  ImageFormat format = ImageFormat::unknown;
  int width = 0;  // as stored, before EXIF orientation
  int height = 0;
  std::string_view exif;  // JPEG only: the APP1 payload from "Exif\0\0" on, a view into the input
  int64_t pixels() const { return int64_t(width) * height; }
};

// Reads the stored dimensions: JPEG SOFn, PNG IHDR, WebP VP8/VP8L/VP8X. Also checks that
// the container is complete (JPEG has an EOI after its scan, PNG has IEND, WebP's RIFF
// size fits the bytes). Errors: "empty", "unsupported_format", "truncated", "corrupt".
Result<ImageHeader> read_header(std::string_view bytes);

}  // namespace paike::vision
