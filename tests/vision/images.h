// Test images for vision/ tests: loading the sample photos, encoding, and building JPEGs
// with an EXIF block written by libexif.
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace paike::vision::test {

std::string read_data(const std::string& name);  // tests/data/vision/<name>
cv::Mat load_data(const std::string& name);      // decoded BGR
std::string encode(const cv::Mat& image, const std::string& ext = ".jpg", int quality = 95);
cv::Mat decode(std::string_view bytes);

struct ExifSpec {
  std::optional<int> orientation;
  std::optional<double> lat, lng;  // written as D/M/S rationals with N/S, E/W refs
  std::string taken;               // "YYYY:MM:DD HH:MM:SS"
  std::string offset;              // OffsetTimeOriginal, e.g. "+09:00"
  std::string make, model;
};
// APP1 payload ("Exif\0\0" + TIFF), written by libexif.
std::string make_exif(const ExifSpec& spec);
// Inserts an APP1 segment with `payload` right after the JPEG's SOI.
std::string splice_app1(const std::string& jpeg, const std::string& payload);
// True when the JPEG has any APPn segment other than JFIF (APP0), or a COM segment.
bool has_metadata(std::string_view jpeg);

}  // namespace paike::vision::test
