#include "bot/public_photos.h"

#include <sched.h>
#include <spdlog/spdlog.h>

#include "vision/photo.h"

namespace paike {

namespace {

// Writes both copies; false (logged) when they could not be made or written.
bool store_copies(PhotoStore& photos, const std::string& sha256, const Result<vision::PublicCopies>& copies) {
  if (!copies) {
    spdlog::error("photo {}: cannot make the public copies: {}", sha256, copies.error().message);
    return false;
  }
  if (copies->faces_blurred < 0) spdlog::error("photo {}: face detector not loaded; faces not pixelated", sha256);
  return photos.put(sha256, PhotoVariant::display, copies->display_jpeg) &&
         photos.put(sha256, PhotoVariant::thumbnail, copies->thumbnail_jpeg);
}

}  // namespace

std::optional<std::string> public_photo(PhotoStore& photos, const std::string& sha256, PhotoVariant variant,
                                        const VisionOptions& options) {
  if (auto bytes = photos.read(sha256, variant)) return bytes;
  auto original = photos.read(sha256, PhotoVariant::original);
  if (!original) return std::nullopt;
  auto copies = vision::make_public_copies(std::string_view(*original), options);
  if (!store_copies(photos, sha256, copies)) return std::nullopt;
  return variant == PhotoVariant::thumbnail ? std::move(copies->thumbnail_jpeg) : std::move(copies->display_jpeg);
}

PublicPhotoMaker::PublicPhotoMaker(PhotoStore& photos, const VisionOptions& options, bool idle_priority)
    : photos_(photos), options_(options), idle_priority_(idle_priority), loop_("public photos", [this] { drain(); }) {}

PublicPhotoMaker::~PublicPhotoMaker() { stop(); }

void PublicPhotoMaker::add(std::vector<StoredPhoto> stored) {
  if (stored.empty()) return;
  {
    std::lock_guard lock(mutex_);
    for (auto& photo : stored) {
      if (!photo.display.empty() && held_pixels_ >= kHeldPixels) photo.display.release();
      if (!photo.display.empty()) ++held_pixels_;
      queued_.push_back(std::move(photo));
    }
  }
  loop_.wake();
}

void PublicPhotoMaker::drain() {
  if (idle_priority_) {
    // Linux applies a scheduling policy to the calling thread only: this loop's thread.
    sched_param none{};
    if (sched_setscheduler(0, SCHED_IDLE, &none) != 0) spdlog::debug("public photos: SCHED_IDLE not available");
    idle_priority_ = false;  // set once
  }
  while (!loop_.stopping()) {
    StoredPhoto photo;
    {
      std::lock_guard lock(mutex_);
      if (queued_.empty()) return;
      photo = std::move(queued_.front());
      queued_.pop_front();
      if (!photo.display.empty()) --held_pixels_;
    }
    make(std::move(photo));
  }
}

void PublicPhotoMaker::make(StoredPhoto photo) {
  // A photo sent again, or asked for on the /photos route meanwhile, has its copies already.
  if (photos_.find(photo.sha256, PhotoVariant::thumbnail)) return;
  if (photo.display.empty()) {
    public_photo(photos_, photo.sha256, PhotoVariant::thumbnail, options_);
    return;
  }
  store_copies(photos_, photo.sha256, vision::make_public_copies(std::move(photo.display), options_));
}

}  // namespace paike
