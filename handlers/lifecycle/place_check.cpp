#include "handlers/lifecycle/place_check.h"

#include <spdlog/spdlog.h>

#include "vision/same_place.h"

namespace paike {

namespace {

// same beats unsure beats different: "different" is said only when no pair could be the place.
int rank(vision::PlaceVerdict v) {
  switch (v) {
    case vision::PlaceVerdict::same:
      return 2;
    case vision::PlaceVerdict::unsure:
      return 1;
    case vision::PlaceVerdict::different:
      return 0;
  }
  return 0;
}

}  // namespace

std::optional<AfterPhotoCheck> check_after_photos(const PhotoStore& store,
                                                  const std::vector<std::string>& before_sha256s,
                                                  const std::vector<std::string>& after_sha256s,
                                                  const VisionOptions& options) {
  std::optional<vision::SamePlace> best;
  for (const auto& before_sha : before_sha256s) {
    auto before = store.read(before_sha, PhotoVariant::original);
    if (!before) continue;
    for (const auto& after_sha : after_sha256s) {
      auto after = store.read(after_sha, PhotoVariant::original);
      if (!after) continue;
      auto scored = vision::same_place_score(*before, *after, options);
      if (!scored) {
        spdlog::warn("same-place check {} vs {}: {}", before_sha, after_sha, scored.error().message);
        continue;
      }
      if (!best || rank(scored->verdict) > rank(best->verdict) ||
          (scored->verdict == best->verdict && scored->score > best->score)) {
        best = *scored;
      }
    }
  }
  if (!best) return std::nullopt;
  return AfterPhotoCheck{best->score, std::string(vision::verdict_name(best->verdict))};
}

}  // namespace paike
