// Tunables of the photo pipeline (vision/), filled from the deployment's `photos:` section.
#pragma once

#include <cstdint>

namespace paike {

struct VisionOptions {
  int64_t max_pixels = 50'000'000;  // refuse larger images before decoding (decompression bombs)
  int display_size = 1280;          // long edge of the public copy
  int thumbnail_size = 320;         // long edge of the thumbnail
  int jpeg_quality = 85;
  double min_sharpness = 60;        // variance of Laplacian below this: "blurry"
  double min_brightness = 40;       // mean luma below this: "too dark"
  double max_brightness = 235;      // mean luma above this: "overexposed"
  bool blur_faces = true;           // in the public copies
};

}  // namespace paike
