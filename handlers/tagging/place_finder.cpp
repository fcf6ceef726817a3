#include "handlers/tagging/place_finder.h"

#include <algorithm>

#include "config/gcj02.h"
#include "config/text.h"
#include "handlers/tagging/text_match.h"

namespace paike::tagging {

namespace {

// "1组" and "一组" name the same grid.
std::string with_arabic_digits(std::string_view text) {
  static const std::string_view kDigits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (int d = 0; d < 9 && !replaced; ++d) {
      if (text.substr(i, kDigits[d].size()) == kDigits[d]) {
        out += char('1' + d);
        i += kDigits[d].size();
        replaced = true;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

nlohmann::json point_json(GeoPoint p) { return {{"lat", p.lat}, {"lng", p.lng}}; }

}  // namespace

void PlaceFinder::add(std::string key, std::string canonical, Kind kind, std::vector<size_t> grids,
                      std::string village) {
  if (key.empty()) return;
  for (auto& e : entries_) {
    if (e.key == key && e.kind == kind) {
      for (size_t g : grids) {
        if (std::find(e.grids.begin(), e.grids.end(), g) == e.grids.end()) e.grids.push_back(g);
      }
      return;
    }
  }
  entries_.push_back({std::move(key), std::move(canonical), kind, std::move(grids), std::move(village), {}});
}

PlaceFinder::PlaceFinder(const Deployment& d, const Normalizer& n, const Homophones& homophones)
    : deployment_(d), homophones_(homophones) {
  for (size_t i = 0; i < d.grids.size(); ++i) {
    const Grid& g = d.grids[i];
    for (const auto& lm : g.landmarks) add(n.normalize(lm).text, lm, Kind::landmark, {i}, "");
    add(n.normalize(g.name).text, g.name, Kind::grid, {i}, "");
    add(with_arabic_digits(n.normalize(g.name).text), g.name, Kind::grid, {i}, "");
  }
  for (const auto& v : d.villages()) {
    add(n.normalize(v).text, v, Kind::village, {}, v);
    if (v.size() > 3 && v.compare(v.size() - 3, 3, "村") == 0 && utf8_length(v) >= 3) {
      add(n.normalize(v.substr(0, v.size() - 3)).text, v, Kind::village, {}, v);
    }
  }
  for (const auto& [alias, target] : d.tagging.aliases) {
    const std::string key = n.normalize(target).text;
    std::vector<Entry> targets;
    for (const auto& e : entries_) {
      if (e.key == key) targets.push_back(e);
    }
    for (const auto& t : targets) {
      add(n.normalize(alias).text, t.canonical, t.kind == Kind::village ? Kind::village : Kind::alias, t.grids,
          t.village);
    }
  }
  for (auto& e : entries_) e.sound = homophones_.read(e.key);
}

const Grid* PlaceFinder::grid_at(GeoPoint wgs84) const {
  const GeoPoint p = convert_datum(wgs84, Datum::wgs84, deployment_.tagging.grids_datum);
  for (const auto& g : deployment_.grids) {
    if (contains(g.boundary, p)) return &g;
  }
  return nullptr;
}

std::optional<Place> PlaceFinder::by_name(const NormalizedText& n, const Group* group) const {
  const std::string_view text = n.text;
  struct Hit {
    const Entry* entry;
    Span span;
  };
  std::vector<Hit> hits;
  std::vector<Span> spans;
  for (const auto& e : entries_) {
    for (const Span& s : find_all(text, e.key)) {
      hits.push_back({&e, s});
      spans.push_back(s);
    }
  }
  const std::vector<Syllable> sounds = homophones_.read(text);
  const size_t exact_hits = hits.size();
  for (const auto& e : entries_) {
    for (const Span& s : Homophones::find(sounds, e.sound)) {
      const bool written_as_another =
          std::any_of(hits.begin(), hits.begin() + exact_hits, [&](const Hit& h) { return s.inside(h.span); });
      if (written_as_another) continue;
      hits.push_back({&e, s});
      spans.push_back(s);
    }
  }
  std::erase_if(hits, [&](const Hit& h) { return inside_longer(h.span, spans); });

  std::string named_village;
  for (const auto& h : hits) {
    if (h.entry->kind == Kind::village && named_village.empty()) named_village = h.entry->village;
  }
  const std::string context = !named_village.empty() ? named_village : group ? group->village : "";

  const Hit* best = nullptr;
  std::vector<size_t> best_grids;
  for (const auto& h : hits) {
    if (h.entry->kind == Kind::village) continue;
    std::vector<size_t> in_context;
    for (size_t g : h.entry->grids) {
      if (deployment_.grids[g].village == context) in_context.push_back(g);
    }
    std::vector<size_t> grids = h.entry->grids;
    if (!in_context.empty()) {
      grids = in_context;
    } else if (!context.empty() && h.entry->kind != Kind::landmark) {
      continue;  // an alias or grid name only counts in the village spoken of
    }
    const bool longer = !best || h.span.size() > best->span.size() ||
                        (h.span.size() == best->span.size() && best_grids.size() != 1 && grids.size() == 1);
    if (longer) {
      best = &h;
      best_grids = grids;
    }
  }
  Place place;
  if (best && best_grids.size() == 1) {
    const Grid& g = deployment_.grids[best_grids.front()];
    place.village = g.village;
    place.grid_id = g.grid_id;
    place.source = LocationSource::landmark;
    place.landmark = best->entry->canonical;
    place.explain = {{"matched", std::string(text.substr(best->span.begin, best->span.size()))}};
    return place;
  }
  if (!named_village.empty()) {
    place.village = named_village;
    place.source = LocationSource::village_name;
    if (best) place.explain["ambiguous"] = best->entry->canonical;
    return place;
  }
  if (best) {
    place.source = LocationSource::group;
    place.village = group ? group->village : "";
    place.explain["ambiguous"] = best->entry->canonical;  // a landmark in several villages, none known
    return place;
  }
  return std::nullopt;
}

Place PlaceFinder::locate(const NormalizedText& n, const Group* group, std::optional<GeoPoint> shared,
                          std::optional<GeoPoint> exif) const {
  nlohmann::json tried = nlohmann::json::array();
  auto from_point = [&](GeoPoint wgs84, LocationSource source) -> std::optional<Place> {
    const Grid* g = grid_at(wgs84);
    tried.push_back(
        {{"source", location_source_code(source)}, {"wgs84", point_json(wgs84)}, {"grid", g ? g->grid_id : ""}});
    if (!g) return std::nullopt;
    Place p;
    p.village = g->village;
    p.grid_id = g->grid_id;
    p.source = source;
    p.point = wgs84;
    return p;
  };
  std::optional<Place> found;
  if (shared) {
    found = from_point(convert_datum(*shared, deployment_.tagging.shared_location_datum, Datum::wgs84),
                       LocationSource::gps);
  }
  if (!found && exif) found = from_point(*exif, LocationSource::exif);
  if (!found) found = by_name(n, group);
  if (!found) {
    found = Place{};
    found->village = group ? group->village : "";
    found->source = LocationSource::group;
  }
  if (!tried.empty()) found->explain["points"] = tried;
  found->explain["grids_datum"] = deployment_.tagging.grids_datum == Datum::wgs84 ? "wgs84" : "gcj02";
  return *found;
}

}  // namespace paike::tagging
