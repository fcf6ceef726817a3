// The photo step of intake, run before the handler's transaction: each posted image is
// checked and decoded (vision/), its files written to the photo store and its facts kept
// for the handler. CPU-heavy and file-writing work stays outside the database lock.
#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/vision_options.h"
#include "handlers/chat_event.h"
#include "storage/photo_repo.h"
#include "storage/photo_store.h"

namespace paike {

struct PreparedPhoto {
  std::optional<PhotoRecord> record;  // set when the photo was read and stored
  std::string error_code;             // set when it was not: "unsupported_format", "corrupt", "download_failed", …
  bool blurry = false;
  bool too_dark = false;
  cv::Mat display;  // the decoded photo for its public copies (vision::ProcessedPhoto::display)
};

// Thread-safe (PhotoStore writes are atomic and idempotent). Never throws on bad bytes.
std::vector<PreparedPhoto> prepare_photos(const ChatEvent& event, const VisionOptions& options, PhotoStore& store,
                                          TimePoint now);

}  // namespace paike
