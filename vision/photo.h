// The per-photo pipeline: bytes in, facts and safe public copies out. Pure functions: no
// database, no network, no shared state; safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "config/geo.h"
#include "config/result.h"
#include "config/time.h"
#include "config/vision_options.h"

namespace paike::vision {

enum class ImageFormat { unknown, jpeg, png, webp };

std::string_view format_name(ImageFormat format);
// Detects the format from the first bytes, never from a file name.
ImageFormat sniff_format(std::string_view bytes);

struct PhotoFacts {
  ImageFormat format = ImageFormat::unknown;
  int width = 0;   // upright, after EXIF orientation
  int height = 0;
  std::string sha256;  // lowercase hex of the bytes as received
  uint64_t phash = 0;  // 64-bit DCT perceptual hash of the upright image
  int orientation = 1; // EXIF orientation 1–8 as found
  std::optional<GeoPoint> gps;         // EXIF GPS, WGS-84
  std::optional<TimePoint> taken_at;   // EXIF DateTimeOriginal (local time of the camera, read as deployment-local)
  std::string camera;                  // EXIF Make + Model
  double sharpness = 0;   // variance of the Laplacian on the reduced image
  double brightness = 0;  // mean luma, 0–255
  bool blurry = false;
  bool too_dark = false;
  bool overexposed = false;
};

struct ProcessedPhoto {
  PhotoFacts facts;
  std::string display_jpeg;    // long edge ≤ display_size, upright, no metadata
  std::string thumbnail_jpeg;  // long edge ≤ thumbnail_size, upright, no metadata
};

// Fails with a reason (code "unsupported_format", "too_large", "corrupt", "empty") without
// ever decoding an image over options.max_pixels.
Result<ProcessedPhoto> process_photo(std::string_view bytes, const VisionOptions& options);

// Lowercase hex SHA-256.
std::string sha256_hex(std::string_view bytes);

}  // namespace paike::vision
