#include "config/gcj02.h"

#include <cmath>

namespace paike {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSemiMajor = 6378245.0;  // Krasovsky 1940, as GCJ-02 uses
constexpr double kEccentricity2 = 0.00669342162296594323;

double offset_lat(double x, double y) {
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double offset_lng(double x, double y) {
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

// The GCJ-02 displacement at a WGS-84 point, in degrees.
GeoPoint delta(GeoPoint p) {
  double d_lat = offset_lat(p.lng - 105.0, p.lat - 35.0);
  double d_lng = offset_lng(p.lng - 105.0, p.lat - 35.0);
  const double rad_lat = p.lat / 180.0 * kPi;
  double magic = std::sin(rad_lat);
  magic = 1 - kEccentricity2 * magic * magic;
  const double sqrt_magic = std::sqrt(magic);
  d_lat = (d_lat * 180.0) / ((kSemiMajor * (1 - kEccentricity2)) / (magic * sqrt_magic) * kPi);
  d_lng = (d_lng * 180.0) / (kSemiMajor / sqrt_magic * std::cos(rad_lat) * kPi);
  return {d_lat, d_lng};
}

}  // namespace

bool outside_china(GeoPoint p) {
  return !std::isfinite(p.lat) || !std::isfinite(p.lng) || p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 ||
         p.lat > 55.8271;
}

GeoPoint wgs84_to_gcj02(GeoPoint p) {
  if (outside_china(p)) return p;
  GeoPoint d = delta(p);
  return {p.lat + d.lat, p.lng + d.lng};
}

GeoPoint gcj02_to_wgs84(GeoPoint p) {
  if (outside_china(p)) return p;
  // Fixed-point iteration: find w with wgs84_to_gcj02(w) == p.
  GeoPoint w = p;
  for (int i = 0; i < 10; ++i) {
    GeoPoint g = wgs84_to_gcj02(w);
    const double e_lat = g.lat - p.lat, e_lng = g.lng - p.lng;
    w.lat -= e_lat;
    w.lng -= e_lng;
    if (std::fabs(e_lat) < 1e-9 && std::fabs(e_lng) < 1e-9) break;
  }
  return w;
}

GeoPoint convert_datum(GeoPoint p, Datum from, Datum to) {
  if (from == to) return p;
  return from == Datum::gcj02 ? gcj02_to_wgs84(p) : wgs84_to_gcj02(p);
}

}  // namespace paike
