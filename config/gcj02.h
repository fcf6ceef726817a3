// GCJ-02 ↔ WGS-84. Chinese phones and map apps (Amap, Tencent, WeChat location shares) give
// GCJ-02, the obfuscated datum required in mainland China; GPS chips and photo EXIF give
// WGS-84. Pure functions, thread-safe. Outside mainland China both datums coincide and the
// point is returned unchanged. Accuracy of the inverse: better than 1e-6 degrees (~0.1 m).
#pragma once

#include "config/deployment.h"
#include "config/geo.h"

namespace paike {

bool outside_china(GeoPoint point);
GeoPoint wgs84_to_gcj02(GeoPoint point);
GeoPoint gcj02_to_wgs84(GeoPoint point);
// The point given in `from`, expressed in `to`.
GeoPoint convert_datum(GeoPoint point, Datum from, Datum to);

}  // namespace paike
