#include "config/photo_settings.h"

#include "config/yaml_number.h"

namespace paike {

namespace {

template <typename T>
void read_number(const YAML::Node& section, const char* key, double low, double high, T& out, const std::string& file,
                 ConfigProblems& problems) {
  read_bounded_number(section, "photos", key, low, high, out, file, problems);
}

}  // namespace

PhotoSettings read_photo_settings(const YAML::Node& section, const std::string& file, ConfigProblems& problems) {
  PhotoSettings s;
  if (!section) return s;
  if (!section.IsMap()) {
    problems.push_back({file, yaml_line(section), "'photos' must be a mapping", "e.g. photos: {blur_faces: true}"});
    return s;
  }
  VisionOptions& v = s.vision;
  double megapixels = double(v.max_pixels) / 1e6;
  read_number(section, "max_megapixels", 1, 200, megapixels, file, problems);
  v.max_pixels = static_cast<int64_t>(megapixels * 1e6);
  read_number(section, "min_sharpness", 0, 10000, v.min_sharpness, file, problems);
  read_number(section, "min_brightness", 0, 255, v.min_brightness, file, problems);
  read_number(section, "max_brightness", 0, 255, v.max_brightness, file, problems);
  read_number(section, "duplicate_distance", 0, 32, s.duplicate_max_distance, file, problems);
  read_number(section, "duplicate_radius_m", 0, 100000, s.duplicate_radius_m, file, problems);
  int old_days = 7;
  read_number(section, "old_photo_days", 1, 3650, old_days, file, problems);
  s.old_photo_age = std::chrono::days(old_days);
  if (const YAML::Node blur = section["blur_faces"]) {
    const std::string text = blur.IsScalar() ? blur.Scalar() : "";
    if (text == "true" || text == "yes") {
      v.blur_faces = true;
    } else if (text == "false" || text == "no") {
      v.blur_faces = false;
    } else {
      problems.push_back({file, yaml_line(blur), "bad 'photos.blur_faces'", "true or false"});
    }
  }
  return s;
}

}  // namespace paike
