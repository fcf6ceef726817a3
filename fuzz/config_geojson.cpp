// Grid boundaries: the GeoJSON loader on hostile bytes, and point-in-polygon over what loads.
#include <string_view>

#include "config/geo.h"
#include "config/load.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace paike;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  ConfigProblems problems;
  auto grids = parse_grids(input, "grids.geojson", problems);
  for (const auto& grid : grids) (void)contains(grid.boundary, GeoPoint{36.62, 117.01});
  return 0;
}
