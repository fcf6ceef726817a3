// Tunables of the photo pipeline (vision/), filled from the deployment's `photos:` section.
#pragma once

#include <cstdint>
#include <string>

#include "config/time.h"

namespace paike {

struct VisionOptions {
  int64_t max_pixels = 50'000'000;  // refuse larger images before decoding (decompression bombs)
  int min_edge = 32;                // refuse images whose short edge is below this ("too_small")
  int display_size = 1280;          // long edge of the public copy
  int thumbnail_size = 320;         // long edge of the thumbnail
  int analysis_size = 480;          // long edge of the grey image quality and pHash are measured on
                                    // (cut from the one decode, at display size)
  int jpeg_quality = 85;
  double min_sharpness = 60;          // variance of Laplacian (at analysis_size) below this: "blurry"
  double min_brightness = 40;         // mean luma below this: "too dark"
  double max_brightness = 235;        // mean luma above this: "overexposed"
  int exif_utc_offset_minutes = 480;  // camera clocks are local time; +08:00 unless EXIF says otherwise
  bool blur_faces = true;             // in the public copies
  std::string face_cascade = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";
};

// The deployment's `photos:` section (read by config/photo_settings.h): the pipeline's knobs
// plus how intake treats duplicate and old photos.
struct PhotoSettings {
  VisionOptions vision;
  int duplicate_max_distance = 6;                 // pHash bits: re-encoded or resized copies differ by ≤ 6
  double duplicate_radius_m = 200;                // two reports with points further apart are two problems
  Duration old_photo_age = std::chrono::days(7);  // taken longer before it was sent: "旧照片"
};

}  // namespace paike
