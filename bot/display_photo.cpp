#include "bot/display_photo.h"

#include <spdlog/spdlog.h>

#include "vision/photo.h"

namespace paike {

// Two callers racing here both make the copy; the store's atomic, idempotent put keeps one.
std::optional<std::string> display_photo(PhotoStore& photos, const std::string& sha256, const VisionOptions& options) {
  if (auto bytes = photos.read(sha256, PhotoVariant::display)) return bytes;
  auto original = photos.read(sha256, PhotoVariant::original);
  if (!original) return std::nullopt;
  auto copy = vision::make_display_copy(*original, options);
  if (!copy) {
    spdlog::error("photo {}: cannot make the display copy: {}", sha256, copy.error().message);
    return std::nullopt;
  }
  if (!photos.put(sha256, PhotoVariant::display, *copy)) return std::nullopt;
  return std::string(*copy);
}

}  // namespace paike
