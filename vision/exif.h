// EXIF facts of a JPEG: orientation, GPS, time taken, camera. Built on libexif; every value
// is range-checked, and anything missing, malformed or hostile simply yields "not known".
// Pure function, no shared state: safe from any thread. Never fails, never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "config/geo.h"
#include "config/time.h"

namespace paike::vision {

struct ExifFacts {
  int orientation = 1;                // 1–8; 1 when absent or out of range
  std::optional<GeoPoint> gps;        // WGS-84 decimal degrees; absent for 0,0 or out of range
  std::optional<TimePoint> taken_at;  // DateTimeOriginal (or DateTime), as UTC
  std::string camera;                 // "Make Model", printable ASCII, ≤ 64 chars
};

// `app1` is the APP1 payload starting with "Exif\0\0" (ImageHeader::exif); empty → defaults.
// The camera clock has no zone unless OffsetTimeOriginal says so; otherwise
// `default_utc_offset_minutes` (the deployment's zone, +480 for China) is assumed.
ExifFacts read_exif(std::string_view app1, int default_utc_offset_minutes);

}  // namespace paike::vision
