// Does the after-photo of `#12 已整改` show the place of the report? (issue 6 "After-photo
// check") Every before × after pair goes through vision's same-place test; the best pair
// speaks for the ticket, so one good after-photo among several is enough. Reads the private
// originals from the photo store; no database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/vision_options.h"
#include "handlers/lifecycle/lifecycle.h"
#include "storage/photo_store.h"

namespace paike {

// nullopt when there is nothing to compare (no before-photo, or no pair could be read).
std::optional<AfterPhotoCheck> check_after_photos(const PhotoStore& store,
                                                  const std::vector<std::string>& before_sha256s,
                                                  const std::vector<std::string>& after_sha256s,
                                                  const VisionOptions& options);

}  // namespace paike
