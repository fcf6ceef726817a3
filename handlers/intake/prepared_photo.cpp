#include "handlers/intake/prepared_photo.h"

#include <spdlog/spdlog.h>

#include "vision/photo.h"

namespace paike {

std::vector<PreparedPhoto> prepare_photos(const ChatEvent& event, const VisionOptions& options, PhotoStore& store,
                                          TimePoint now) {
  std::vector<PreparedPhoto> prepared;
  for (const auto& image : event.images) {
    PreparedPhoto photo;
    if (image.data.empty()) {
      photo.error_code = image.fetch_error.empty() ? "empty" : "download_failed";
      prepared.push_back(std::move(photo));
      continue;
    }
    auto processed = vision::process_photo(image.data, options);
    if (!processed) {
      spdlog::info("event {}: photo refused: {}", event.event_id, processed.error().message);
      photo.error_code = std::string(error_name(processed.error().code));
      prepared.push_back(std::move(photo));
      continue;
    }
    const auto& facts = processed->facts;
    // The public copies are made after the event is handled (bot/public_photos.h), from
    // photo.display.
    if (!store.put(facts.sha256, PhotoVariant::original, image.data)) {
      spdlog::error("event {}: cannot store photo {}", event.event_id, facts.sha256);
      photo.error_code = "store_failed";
      prepared.push_back(std::move(photo));
      continue;
    }
    PhotoRecord record;
    record.sha256 = facts.sha256;
    record.format = std::string(vision::format_name(facts.format));
    record.width = facts.width;
    record.height = facts.height;
    record.phash = facts.phash;
    record.gps = facts.gps;
    record.taken_at = facts.taken_at;
    record.camera = facts.camera;
    record.sharpness = facts.sharpness;
    record.brightness = facts.brightness;
    record.created_at = now;
    photo.record = std::move(record);
    photo.blurry = facts.blurry;
    photo.too_dark = facts.too_dark || facts.overexposed;
    photo.display = std::move(processed->display);
    prepared.push_back(std::move(photo));
  }
  return prepared;
}

}  // namespace paike
