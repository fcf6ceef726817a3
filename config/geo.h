// Points and polygons in degrees (GeoJSON order: longitude, latitude).
#pragma once

#include <vector>

namespace paike {

struct GeoPoint {
  double lat = 0;
  double lng = 0;
};

// A GeoJSON Polygon: the first ring is the outer boundary, the others are holes.
struct Polygon {
  std::vector<std::vector<GeoPoint>> rings;
};

// Even-odd rule over all rings, so holes are excluded. Points on an edge count as inside
// for at most one of two neighbouring grids (half-open comparisons).
bool contains(const Polygon& polygon, GeoPoint point);

// Great-circle distance in metres (haversine on a 6371 km sphere; ample for a township).
double distance_m(GeoPoint a, GeoPoint b);

}  // namespace paike
