#include "bot/public_photos.h"

#include <sched.h>
#include <spdlog/spdlog.h>

#include "vision/photo.h"

namespace paike {

std::optional<std::string> public_photo(PhotoStore& photos, const std::string& sha256, PhotoVariant variant,
                                        const VisionOptions& options) {
  if (auto bytes = photos.read(sha256, variant)) return bytes;
  auto original = photos.read(sha256, PhotoVariant::original);
  if (!original) return std::nullopt;
  auto copies = vision::make_public_copies(*original, options);
  if (!copies) {
    spdlog::error("photo {}: cannot make the public copies: {}", sha256, copies.error().message);
    return std::nullopt;
  }
  if (copies->faces_blurred < 0) spdlog::error("photo {}: face detector not loaded; faces not pixelated", sha256);
  if (!photos.put(sha256, PhotoVariant::display, copies->display_jpeg) ||
      !photos.put(sha256, PhotoVariant::thumbnail, copies->thumbnail_jpeg)) {
    return std::nullopt;
  }
  return variant == PhotoVariant::thumbnail ? std::move(copies->thumbnail_jpeg) : std::move(copies->display_jpeg);
}

PublicPhotoMaker::PublicPhotoMaker(PhotoStore& photos, const VisionOptions& options, bool idle_priority)
    : photos_(photos), options_(options), idle_priority_(idle_priority), loop_("public photos", [this] { drain(); }) {}

PublicPhotoMaker::~PublicPhotoMaker() { stop(); }

void PublicPhotoMaker::add(const std::vector<std::string>& sha256s) {
  if (sha256s.empty()) return;
  {
    std::lock_guard lock(mutex_);
    queued_.insert(queued_.end(), sha256s.begin(), sha256s.end());
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
    std::string sha256;
    {
      std::lock_guard lock(mutex_);
      if (queued_.empty()) return;
      sha256 = std::move(queued_.front());
      queued_.pop_front();
    }
    public_photo(photos_, sha256, PhotoVariant::thumbnail, options_);
  }
}

}  // namespace paike
