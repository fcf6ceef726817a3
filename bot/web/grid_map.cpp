#include "bot/web/grid_map.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "bot/web/html.h"

namespace paike::web {

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

std::string grid_map_svg(const Deployment& d, const std::string& village, const std::string& grid_id,
                         const std::optional<GeoPoint>& point) {
  std::vector<const Grid*> grids;
  for (const auto& g : d.grids) {
    if (g.village == village && !g.boundary.rings.empty()) grids.push_back(&g);
  }
  if (grids.empty()) return {};
  double min_lat = 90, max_lat = -90, min_lng = 180, max_lng = -180;
  auto extend = [&](GeoPoint p) {
    min_lat = std::min(min_lat, p.lat);
    max_lat = std::max(max_lat, p.lat);
    min_lng = std::min(min_lng, p.lng);
    max_lng = std::max(max_lng, p.lng);
  };
  for (const Grid* g : grids) {
    for (const auto& p : g->boundary.rings[0]) extend(p);
  }
  if (point) extend(*point);
  // Equirectangular with cos(latitude): true shape at village scale.
  const double kx = std::cos((min_lat + max_lat) / 2 * M_PI / 180);
  const double w = std::max((max_lng - min_lng) * kx, 1e-6), h = std::max(max_lat - min_lat, 1e-6);
  const double size = 300, pad = 12, scale = (size - 2 * pad) / std::max(w, h);
  const double width = w * scale + 2 * pad, height = h * scale + 2 * pad;
  auto x = [&](GeoPoint p) { return pad + (p.lng - min_lng) * kx * scale; };
  auto y = [&](GeoPoint p) { return pad + (max_lat - p.lat) * scale; };

  std::string svg = "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(width) + " " +
                    num(height) + "\" role=\"img\" aria-label=\"" + esc(d.wording.render("web.ticket.map_label")) +
                    "\">";
  for (const Grid* g : grids) {
    const bool mine = g->grid_id == grid_id;
    svg += "<path class=\"grid" + std::string(mine ? " mine" : "") + "\" d=\"";
    for (const auto& ring : g->boundary.rings) {
      for (size_t i = 0; i < ring.size(); ++i) svg += (i ? "L" : "M") + num(x(ring[i])) + " " + num(y(ring[i]));
      svg += "Z";
    }
    svg += "\"><title>" + esc(g->name) + "</title></path>";
    double cx = 0, cy = 0;
    for (const auto& p : g->boundary.rings[0]) {
      cx += x(p);
      cy += y(p);
    }
    const double n = static_cast<double>(g->boundary.rings[0].size());
    svg += "<text x=\"" + num(cx / n) + "\" y=\"" + num(cy / n) + "\">" + esc(g->name) + "</text>";
  }
  if (point) {
    svg += "<circle class=\"point\" cx=\"" + num(x(*point)) + "\" cy=\"" + num(y(*point)) + "\" r=\"6\"/>";
  }
  return svg + "</svg>";
}

}  // namespace paike::web
