// A small offline map for the ticket page: the village's grid polygons from grids.geojson
// drawn as SVG, the ticket's grid highlighted, its point as a dot. No tiles, no network.
#pragma once

#include <optional>
#include <string>

#include "config/deployment.h"

namespace paike::web {

// Empty when the village has no grid boundaries to draw.
std::string grid_map_svg(const Deployment& deployment, const std::string& village, const std::string& grid_id,
                         const std::optional<GeoPoint>& point);

}  // namespace paike::web
