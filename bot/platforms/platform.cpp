#include "bot/platforms/platform.h"

#include <spdlog/spdlog.h>

namespace paike {

std::optional<std::string> Platform::attached_photo(const OutgoingMessage& message) const {
  if (message.image_sha256.empty()) return std::nullopt;
  auto bytes = photo_loader_ ? photo_loader_(message.image_sha256) : std::nullopt;
  if (!bytes || bytes->empty()) {
    spdlog::warn("{}: photo {} not available; sending the text only", name(), message.image_sha256);
    return std::nullopt;
  }
  return bytes;
}

}  // namespace paike
