// Where a message's problem is: a shared location or EXIF point inside a grid, else a
// landmark, alias or grid name in the text, also when written by ear (longest match wins; a landmark in several
// villages is settled by the village named in the text, then the group's village), else a
// village name, else the group's village. Immutable after construction; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/deployment.h"
#include "handlers/tagging/homophone.h"
#include "handlers/tagging/normalize.h"
#include "storage/ticket.h"

namespace paike::tagging {

struct Place {
  std::string village;
  std::optional<std::string> grid_id;
  LocationSource source = LocationSource::group;
  std::string landmark;
  std::optional<GeoPoint> point;  // WGS-84
  nlohmann::json explain = nlohmann::json::object();
};

class PlaceFinder {
 public:
  // `homophones` must outlive the finder.
  PlaceFinder(const Deployment& deployment, const Normalizer& normalizer, const Homophones& homophones);
  // Points first (shared location in the configured datum; EXIF in WGS-84), then the text.
  Place locate(const NormalizedText& text, const Group* group, std::optional<GeoPoint> shared,
               std::optional<GeoPoint> exif) const;
  // The place named in the text only; nullopt when it names none.
  std::optional<Place> by_name(const NormalizedText& text, const Group* group) const;
  // The grid holding a WGS-84 point.
  const Grid* grid_at(GeoPoint wgs84) const;

 private:
  enum class Kind { landmark, alias, grid, village };
  struct Entry {
    std::string key;        // normalised
    std::string canonical;  // landmark, grid or village name as configured
    Kind kind = Kind::landmark;
    std::vector<size_t> grids;    // indexes into deployment_.grids (empty for villages)
    std::string village;          // for villages
    std::vector<Syllable> sound;  // to find the name written by ear (老魔坊 for 老磨坊)
  };
  void add(std::string key, std::string canonical, Kind kind, std::vector<size_t> grids, std::string village);

  const Deployment& deployment_;
  const Homophones& homophones_;
  std::vector<Entry> entries_;
};

}  // namespace paike::tagging
