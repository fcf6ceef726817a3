// The public copies of a stored photo (display and thumbnail: re-encoded, no metadata, faces
// pixelated when configured), made together from the private original and kept.
// Intake leaves them out, so a report is filed and answered without waiting for the face
// scan (vision/photo.h); the PublicPhotoMaker makes them soon after, on a thread that runs
// only when a core would otherwise be idle, and public_photo makes any still missing when
// they are first asked for (the /photos route, the platforms posting a photo).
#pragma once

#include <deque>
#include <mutex>
#include <opencv2/core.hpp>
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

// A newly stored photo whose public copies are due, with intake's display-size pixels while
// they are at hand (vision::ProcessedPhoto::display); empty: decode the original again.
struct StoredPhoto {
  std::string sha256;
  cv::Mat display;
};

// Makes the public copies of newly stored photos in the background, lowest CPU priority
// (SCHED_IDLE). The queue lives in memory: after a restart public_photo covers what it lost.
// It holds the pixels of at most kHeldPixels photos (3.7 MB each at 1280 px); photos queued
// beyond that are decoded again when their turn comes, so a backlog costs CPU, not memory.
// add()/start()/stop() are thread-safe.
class PublicPhotoMaker {
 public:
  // `idle_priority` false: an ordinary thread (tests, where busy neighbours would starve it).
  PublicPhotoMaker(PhotoStore& photos, const VisionOptions& options, bool idle_priority = true);
  ~PublicPhotoMaker();

  void start() { loop_.start(); }
  void stop() { loop_.stop(); }
  void add(std::vector<StoredPhoto> stored);

  static constexpr size_t kHeldPixels = 4;

 private:
  void drain();
  void make(StoredPhoto photo);

  PhotoStore& photos_;
  const VisionOptions& options_;
  std::mutex mutex_;
  std::deque<StoredPhoto> queued_;
  size_t held_pixels_ = 0;  // entries of queued_ with display pixels
  bool idle_priority_;
  WakeableLoop loop_;
};

}  // namespace paike
