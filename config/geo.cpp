#include "config/geo.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace paike {

bool contains(const Polygon& polygon, GeoPoint p) {
  bool inside = false;
  for (const auto& ring : polygon.rings) {
    const std::size_t n = ring.size();
    if (n < 3) continue;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
      const GeoPoint& a = ring[i];
      const GeoPoint& b = ring[j];
      if ((a.lat > p.lat) != (b.lat > p.lat) && p.lng < (b.lng - a.lng) * (p.lat - a.lat) / (b.lat - a.lat) + a.lng) {
        inside = !inside;
      }
    }
  }
  return inside;
}

double distance_m(GeoPoint a, GeoPoint b) {
  constexpr double kEarthRadius = 6371000.0, kRad = M_PI / 180.0;
  const double dlat = (b.lat - a.lat) * kRad, dlng = (b.lng - a.lng) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlng / 2) * std::sin(dlng / 2);
  return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace paike
