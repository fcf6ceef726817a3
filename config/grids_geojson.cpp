// The grids file: a GeoJSON FeatureCollection of Polygons, one feature per grid.
#include <nlohmann/json.hpp>
#include <set>

#include "config/load.h"

namespace paike {

namespace {

using nlohmann::json;

std::string string_property(const json& props, const char* key) {
  auto it = props.find(key);
  return it != props.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Reads one ring; returns false (with a problem) when it is not a closed ring of ≥ 4 positions.
bool read_ring(const json& ring_json, std::vector<GeoPoint>& ring, std::string& why) {
  if (!ring_json.is_array() || ring_json.size() < 4) {
    why = "a ring needs at least 4 positions";
    return false;
  }
  for (const auto& pos : ring_json) {
    if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number()) {
      why = "a position must be [longitude, latitude]";
      return false;
    }
    double lng = pos[0].get<double>(), lat = pos[1].get<double>();
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
      why = "a position is outside [-180,180]×[-90,90]; coordinates are [longitude, latitude]";
      return false;
    }
    ring.push_back({lat, lng});
  }
  if (ring.front().lat != ring.back().lat || ring.front().lng != ring.back().lng) {
    why = "polygon not closed: the last position must repeat the first";
    return false;
  }
  return true;
}

}  // namespace

std::vector<Grid> parse_grids(std::string_view geojson, const std::string& file, ConfigProblems& problems) {
  std::vector<Grid> grids;
  json doc = json::parse(geojson, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    problems.push_back({file, 0, "not valid JSON", "export the grids as GeoJSON (a FeatureCollection)"});
    return grids;
  }
  auto features = doc.find("features");
  if (features == doc.end() || !features->is_array()) {
    problems.push_back({file, 0, "no 'features' array", "the file must be a GeoJSON FeatureCollection"});
    return grids;
  }
  std::set<std::string> seen;
  int index = 0;
  for (const auto& feature : *features) {
    ++index;
    // GeoJSON has no line numbers once parsed; the feature's position names it instead.
    const std::string where = "feature " + std::to_string(index);
    if (!feature.is_object()) {
      problems.push_back({file, 0, where + " is not an object", "each feature is {\"type\":\"Feature\",…}"});
      continue;
    }
    const json props = feature.value("properties", json::object());
    Grid grid;
    grid.grid_id = string_property(props, "grid_id");
    grid.name = string_property(props, "grid");
    grid.village = string_property(props, "village");
    grid.township = string_property(props, "township");
    if (grid.grid_id.empty() || grid.village.empty()) {
      problems.push_back({file, 0, where + " has no grid_id or village property",
                          "every feature needs properties grid_id, grid, village"});
      continue;
    }
    if (!seen.insert(grid.grid_id).second) {
      problems.push_back({file, 0, where + ": duplicate grid_id '" + grid.grid_id + "'", "grid ids must be unique"});
      continue;
    }
    if (auto lm = props.find("landmarks"); lm != props.end() && lm->is_array()) {
      for (const auto& name : *lm) {
        if (name.is_string() && !name.get<std::string>().empty()) grid.landmarks.push_back(name.get<std::string>());
      }
    }
    const json geometry = feature.value("geometry", json::object());
    if (!geometry.is_object() || string_property(geometry, "type") != "Polygon" || !geometry.contains("coordinates") ||
        !geometry["coordinates"].is_array() || geometry["coordinates"].empty()) {
      problems.push_back({file, 0, where + " (" + grid.grid_id + ") has no Polygon geometry",
                          "draw the grid as a Polygon; MultiPolygon is not supported"});
      continue;
    }
    bool good = true;
    for (const auto& ring_json : geometry["coordinates"]) {
      std::vector<GeoPoint> ring;
      std::string why;
      if (!read_ring(ring_json, ring, why)) {
        problems.push_back({file, 0, where + " (" + grid.grid_id + "): " + why,
                            "fix the polygon in a GIS tool (QGIS: Vector ▸ Geometry Tools ▸ Check Validity)"});
        good = false;
        break;
      }
      grid.boundary.rings.push_back(std::move(ring));
    }
    if (good) grids.push_back(std::move(grid));
  }
  if (grids.empty() && problems.empty()) {
    problems.push_back({file, 0, "no grids", "add at least one grid feature"});
  }
  return grids;
}

}  // namespace paike
