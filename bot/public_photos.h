// The public copies of a stored photo (display and thumbnail: re-encoded, no metadata, faces
// pixelated when configured), made together from the private original and kept.
// Intake leaves them out, so a report is filed and answered without waiting for the face
// scan (vision/photo.h); the PublicPhotoMaker makes them soon after, on a thread that runs
// only when a core would otherwise be idle, and public_photo makes any still missing when
// they are first asked for (the /photos route, the platforms posting a photo).
#pragma once

#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bot/wakeable_loop.h"
#include "config/vision_options.h"
#include "storage/photo_store.h"

namespace paike {

// `variant` is PhotoVariant::display or PhotoVariant::thumbnail. Nothing when the original is
// missing or cannot be read as an image. Thread-safe: two callers racing both make the
// copies, and the store's atomic, idempotent put keeps one.
std::optional<std::string> public_photo(PhotoStore& photos, const std::string& sha256, PhotoVariant variant,
                                        const VisionOptions& options);

// Makes the public copies of newly stored photos in the background, lowest CPU priority
// (SCHED_IDLE). The queue lives in memory: after a restart public_photo covers what it lost.
// add()/start()/stop() are thread-safe.
class PublicPhotoMaker {
 public:
  // `idle_priority` false: an ordinary thread (tests, where busy neighbours would starve it).
  PublicPhotoMaker(PhotoStore& photos, const VisionOptions& options, bool idle_priority = true);
  ~PublicPhotoMaker();

  void start() { loop_.start(); }
  void stop() { loop_.stop(); }
  void add(const std::vector<std::string>& sha256s);

 private:
  void drain();

  PhotoStore& photos_;
  const VisionOptions& options_;
  std::mutex mutex_;
  std::deque<std::string> queued_;
  bool idle_priority_;
  WakeableLoop loop_;
};

}  // namespace paike
