// The public display copy of a stored photo (re-encoded, no metadata, faces pixelated when
// configured). It is made from the private original on first use and kept: most photos are
// only ever seen as thumbnails (vision/photo.h says why). Used by the /photos route and by
// the platforms when they post a photo.
#pragma once

#include <optional>
#include <string>

#include "config/vision_options.h"
#include "storage/photo_store.h"

namespace paike {

std::optional<std::string> display_photo(PhotoStore& photos, const std::string& sha256, const VisionOptions& options);

}  // namespace paike
