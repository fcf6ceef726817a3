// The per-photo pipeline: bytes in, facts and safe public copies out. Pure functions: no
// database, no network, no shared mutable state; safe to call from many threads at once.
// Never throws for any input; refusals are Result errors (codes in vision/errors.h).
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "config/digest.h"
#include "config/geo.h"
#include "config/result.h"
#include "config/time.h"
#include "config/vision_options.h"
#include "vision/errors.h"
#include "vision/phash.h"
#include "vision/sniff.h"

namespace paike::vision {

struct PhotoFacts {
  ImageFormat format = ImageFormat::unknown;
  int width = 0;  // upright, after EXIF orientation, full size (from the header)
  int height = 0;
  std::string sha256;                 // lowercase hex of the bytes as received
  uint64_t phash = 0;                 // 64-bit DCT perceptual hash of the upright image (vision/phash.h)
  int orientation = 1;                // EXIF orientation 1–8 as found
  std::optional<GeoPoint> gps;        // EXIF GPS, WGS-84
  std::optional<TimePoint> taken_at;  // EXIF DateTimeOriginal; camera-local, read at
                                      // OffsetTimeOriginal or options.exif_utc_offset_minutes
  std::string camera;                 // EXIF Make + Model
  double sharpness = 0;               // variance of the Laplacian at options.analysis_size
  double brightness = 0;              // mean luma, 0–255
  bool blurry = false;
  bool too_dark = false;
  bool overexposed = false;
};

// The intake step's result: the facts, and the photo itself at display size for the public
// copies, so that they need no second decode.
struct ProcessedPhoto {
  PhotoFacts facts;
  cv::Mat display;  // 8-bit BGR, upright, long edge ≤ display_size; faces NOT yet pixelated:
                    // private, never to be shown or stored as it is
};

// The copies anyone may see: upright, faces pixelated when options.blur_faces, no metadata
// at all (no EXIF, no GPS, no comments).
struct PublicCopies {
  std::string display_jpeg;    // long edge ≤ display_size
  std::string thumbnail_jpeg;  // long edge ≤ thumbnail_size, cut from the display copy
  int faces_blurred = 0;       // -1 when blurring was on but the cascade failed to load
};

// The intake step. Checks the header first and fails ("empty", "unsupported_format",
// "truncated", "corrupt", "too_large", "too_small") without ever decoding an image over
// options.max_pixels. JPEGs are decoded once, at the smallest DCT scale that still covers
// display_size (a 12 MP photo at 1/2); quality and pHash are measured on a grey copy at
// analysis_size cut from that.
Result<ProcessedPhoto> process_photo(std::string_view bytes, const VisionOptions& options);

// The public copies from intake's display-size pixels: one face scan, two encodes. Apart from
// process_photo because the face scan costs more than the rest of intake together: the bot
// files the ticket and answers first, and the copies are made after (bot/public_photos.h).
// Errors only from the encoder ("corrupt") or memory ("too_large").
Result<PublicCopies> make_public_copies(cv::Mat display, const VisionOptions& options);

// The same from the original bytes, when intake's pixels are gone (a restart, a backlog):
// decodes at display size with process_photo's checks and errors.
Result<PublicCopies> make_public_copies(std::string_view bytes, const VisionOptions& options);

}  // namespace paike::vision
