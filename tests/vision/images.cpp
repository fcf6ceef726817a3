#include "images.h"

#include <libexif/exif-data.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <sstream>
#include <vector>

namespace paike::vision::test {

std::string read_data(const std::string& name) {
  std::ifstream in(std::string(PAIKE_TEST_DATA) + "/vision/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

cv::Mat load_data(const std::string& name) { return decode(read_data(name)); }

std::string encode(const cv::Mat& image, const std::string& ext, int quality) {
  std::vector<uchar> out;
  std::vector<int> params;
  if (ext == ".jpg") params = {cv::IMWRITE_JPEG_QUALITY, quality};
  if (ext == ".webp") params = {cv::IMWRITE_WEBP_QUALITY, quality};
  cv::imencode(ext, image, out, params);
  return std::string(out.begin(), out.end());
}

cv::Mat decode(std::string_view bytes) {
  cv::Mat buffer(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
  return cv::imdecode(buffer, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
}

namespace {

constexpr ExifByteOrder kOrder = EXIF_BYTE_ORDER_INTEL;

ExifEntry* add(ExifData* data, ExifIfd ifd, int tag, ExifFormat format, unsigned long components) {
  ExifMem* mem = exif_mem_new_default();
  ExifEntry* e = exif_entry_new_mem(mem);
  unsigned int size = exif_format_get_size(format) * components;
  e->data = static_cast<unsigned char*>(exif_mem_alloc(mem, size));
  e->size = size;
  e->tag = ExifTag(tag);
  e->format = format;
  e->components = components;
  exif_content_add_entry(data->ifd[ifd], e);
  exif_entry_unref(e);
  exif_mem_unref(mem);
  return e;
}

void add_ascii(ExifData* data, ExifIfd ifd, int tag, const std::string& text) {
  ExifEntry* e = add(data, ifd, tag, EXIF_FORMAT_ASCII, text.size() + 1);
  std::copy(text.begin(), text.end(), e->data);
  e->data[text.size()] = 0;
}

void add_dms(ExifData* data, int tag, double degrees) {
  ExifEntry* e = add(data, EXIF_IFD_GPS, tag, EXIF_FORMAT_RATIONAL, 3);
  double d = std::floor(degrees), m = std::floor((degrees - d) * 60), s = ((degrees - d) * 60 - m) * 60;
  exif_set_rational(e->data, kOrder, {ExifLong(d), 1});
  exif_set_rational(e->data + 8, kOrder, {ExifLong(m), 1});
  exif_set_rational(e->data + 16, kOrder, {ExifLong(std::lround(s * 1000)), 1000});
}

}  // namespace

std::string make_exif(const ExifSpec& spec) {
  ExifData* data = exif_data_new();
  exif_data_unset_option(data, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_set_byte_order(data, kOrder);
  if (spec.orientation)
    exif_set_short(add(data, EXIF_IFD_0, EXIF_TAG_ORIENTATION, EXIF_FORMAT_SHORT, 1)->data, kOrder,
                   ExifShort(*spec.orientation));
  if (!spec.make.empty()) add_ascii(data, EXIF_IFD_0, EXIF_TAG_MAKE, spec.make);
  if (!spec.model.empty()) add_ascii(data, EXIF_IFD_0, EXIF_TAG_MODEL, spec.model);
  if (!spec.taken.empty()) add_ascii(data, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, spec.taken);
  if (!spec.offset.empty()) add_ascii(data, EXIF_IFD_EXIF, 0x9011, spec.offset);
  if (spec.lat && spec.lng) {
    add_ascii(data, EXIF_IFD_GPS, EXIF_TAG_GPS_LATITUDE_REF, *spec.lat < 0 ? "S" : "N");
    add_dms(data, EXIF_TAG_GPS_LATITUDE, std::abs(*spec.lat));
    add_ascii(data, EXIF_IFD_GPS, EXIF_TAG_GPS_LONGITUDE_REF, *spec.lng < 0 ? "W" : "E");
    add_dms(data, EXIF_TAG_GPS_LONGITUDE, std::abs(*spec.lng));
  }
  unsigned char* buffer = nullptr;
  unsigned int size = 0;
  exif_data_save_data(data, &buffer, &size);
  std::string out(reinterpret_cast<char*>(buffer), size);
  free(buffer);
  exif_data_unref(data);
  return out;
}

std::string splice_app1(const std::string& jpeg, const std::string& payload) {
  size_t length = payload.size() + 2;
  std::string segment = "\xFF\xE1";
  segment += char(length >> 8);
  segment += char(length & 0xFF);
  return jpeg.substr(0, 2) + segment + payload + jpeg.substr(2);
}

bool has_metadata(std::string_view jpeg) {
  size_t at = 2;
  while (at + 4 <= jpeg.size() && uint8_t(jpeg[at]) == 0xFF) {
    uint8_t marker = uint8_t(jpeg[at + 1]);
    if (marker == 0xDA) return false;
    if ((marker >= 0xE1 && marker <= 0xEF) || marker == 0xFE) return true;
    at += 2 + ((uint8_t(jpeg[at + 2]) << 8) | uint8_t(jpeg[at + 3]));
  }
  return false;
}

}  // namespace paike::vision::test
