#include "config/geo.h"

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
      if ((a.lat > p.lat) != (b.lat > p.lat) &&
          p.lng < (b.lng - a.lng) * (p.lat - a.lat) / (b.lat - a.lat) + a.lng) {
        inside = !inside;
      }
    }
  }
  return inside;
}

}  // namespace paike
