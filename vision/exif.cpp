#include "vision/exif.h"

#include <libexif/exif-data.h>

#include <cmath>
#include <memory>

namespace paike::vision {
namespace {

constexpr ExifTag kOffsetTimeOriginal = ExifTag(0x9011);

struct ExifDataDeleter {
  void operator()(ExifData* data) const { exif_data_unref(data); }
};

ExifEntry* entry(ExifData* data, ExifIfd ifd, ExifTag tag, ExifFormat format, unsigned long min_components) {
  ExifEntry* e = exif_content_get_entry(data->ifd[ifd], tag);
  if (!e || e->format != format || e->components < min_components || !e->data) return nullptr;
  if (e->size < e->components * exif_format_get_size(format)) return nullptr;
  return e;
}

std::string ascii(ExifData* data, ExifIfd ifd, ExifTag tag) {
  ExifEntry* e = entry(data, ifd, tag, EXIF_FORMAT_ASCII, 1);
  if (!e) return {};
  std::string out;
  for (unsigned int i = 0; i < e->size && e->data[i] != 0; ++i) {
    char c = char(e->data[i]);
    out += (c >= 0x20 && c < 0x7F) ? c : ' ';
  }
  size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

int read_orientation(ExifData* data) {
  ExifEntry* e = entry(data, EXIF_IFD_0, EXIF_TAG_ORIENTATION, EXIF_FORMAT_SHORT, 1);
  if (!e) return 1;
  int value = exif_get_short(e->data, exif_data_get_byte_order(data));
  return value >= 1 && value <= 8 ? value : 1;
}

std::optional<double> degrees(ExifData* data, ExifTag tag) {
  ExifEntry* e = entry(data, EXIF_IFD_GPS, tag, EXIF_FORMAT_RATIONAL, 3);
  if (!e) return std::nullopt;
  ExifByteOrder order = exif_data_get_byte_order(data);
  double parts[3];
  for (int i = 0; i < 3; ++i) {
    ExifRational r = exif_get_rational(e->data + i * 8, order);
    if (r.denominator == 0) {
      if (r.numerator != 0) return std::nullopt;
      parts[i] = 0;
    } else {
      parts[i] = double(r.numerator) / r.denominator;
    }
  }
  if (parts[1] >= 60 || parts[2] >= 60) return std::nullopt;
  return parts[0] + parts[1] / 60 + parts[2] / 3600;
}

std::optional<GeoPoint> read_gps(ExifData* data) {
  std::string lat_ref = ascii(data, EXIF_IFD_GPS, ExifTag(EXIF_TAG_GPS_LATITUDE_REF));
  std::string lng_ref = ascii(data, EXIF_IFD_GPS, ExifTag(EXIF_TAG_GPS_LONGITUDE_REF));
  auto lat = degrees(data, ExifTag(EXIF_TAG_GPS_LATITUDE));
  auto lng = degrees(data, ExifTag(EXIF_TAG_GPS_LONGITUDE));
  if (!lat || !lng) return std::nullopt;
  if (lat_ref == "S")
    *lat = -*lat;
  else if (lat_ref != "N")
    return std::nullopt;
  if (lng_ref == "W")
    *lng = -*lng;
  else if (lng_ref != "E")
    return std::nullopt;
  if (std::abs(*lat) > 90 || std::abs(*lng) > 180) return std::nullopt;
  if (*lat == 0 && *lng == 0) return std::nullopt;  // "no fix" written as zeros
  return GeoPoint{*lat, *lng};
}

// Parses "NN" at text[at]; -1 when not two digits.
int two_digits(std::string_view text, size_t at) {
  if (at + 2 > text.size() || text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return -1;
  return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

// "+08:00" / "-05:30" → minutes.
std::optional<int> parse_offset(std::string_view text) {
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
  int h = two_digits(text, 1), m = two_digits(text, 4);
  if (h < 0 || h > 14 || m < 0 || m > 59) return std::nullopt;
  return (text[0] == '-' ? -1 : 1) * (h * 60 + m);
}

// "YYYY:MM:DD HH:MM:SS" in local time at `offset_minutes` → UTC.
std::optional<TimePoint> parse_exif_time(std::string_view text, int offset_minutes) {
  if (text.size() < 19 || text[4] != ':' || text[7] != ':' || text[10] != ' ' || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  int c = two_digits(text, 0), y = two_digits(text, 2), mo = two_digits(text, 5), d = two_digits(text, 8);
  int h = two_digits(text, 11), mi = two_digits(text, 14), s = two_digits(text, 17);
  if (c < 19 || y < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year(c * 100 + y), std::chrono::month(unsigned(std::max(mo, 0))),
                                   std::chrono::day(unsigned(std::max(d, 0)))};
  if (!date.ok()) return std::nullopt;
  return TimePoint(std::chrono::sys_days(date).time_since_epoch()) + std::chrono::hours(h) +
         std::chrono::minutes(mi - offset_minutes) + std::chrono::seconds(s);
}

std::optional<TimePoint> read_taken_at(ExifData* data, int default_offset) {
  std::string text = ascii(data, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL);
  if (text.empty()) text = ascii(data, EXIF_IFD_0, EXIF_TAG_DATE_TIME);
  int offset = parse_offset(ascii(data, EXIF_IFD_EXIF, kOffsetTimeOriginal)).value_or(default_offset);
  return parse_exif_time(text, offset);
}

std::string read_camera(ExifData* data) {
  std::string make = ascii(data, EXIF_IFD_0, EXIF_TAG_MAKE);
  std::string model = ascii(data, EXIF_IFD_0, EXIF_TAG_MODEL);
  std::string camera;
  if (!make.empty() && model.compare(0, make.size(), make) != 0) camera = make;  // "Canon Canon EOS" → once
  if (!model.empty()) camera += (camera.empty() ? "" : " ") + model;
  if (camera.size() > 64) camera.resize(64);
  return camera;
}

}  // namespace

ExifFacts read_exif(std::string_view app1, int default_utc_offset_minutes) {
  ExifFacts facts;
  if (app1.size() < 14 || app1.size() > 0xFFFF) return facts;
  std::unique_ptr<ExifData, ExifDataDeleter> data(exif_data_new());
  if (!data) return facts;
  // Read only: do not "repair" entries to the spec, keep unknown tags (OffsetTimeOriginal).
  exif_data_unset_option(data.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_unset_option(data.get(), EXIF_DATA_OPTION_IGNORE_UNKNOWN_TAGS);
  exif_data_load_data(data.get(), reinterpret_cast<const unsigned char*>(app1.data()), unsigned(app1.size()));
  facts.orientation = read_orientation(data.get());
  facts.gps = read_gps(data.get());
  facts.taken_at = read_taken_at(data.get(), default_utc_offset_minutes);
  facts.camera = read_camera(data.get());
  return facts;
}

}  // namespace paike::vision
