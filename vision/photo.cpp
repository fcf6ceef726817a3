#include "vision/photo.h"

#include <turbojpeg.h>

#include <algorithm>
#include <memory>
#include <new>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "vision/faces.h"
#include "vision/load.h"
#include "vision/quality.h"

namespace paike::vision {
namespace {

// A bare JFIF: no EXIF, no GPS, no comments. 4:2:0, as cameras and chat apps send.
std::optional<std::string> encode_jpeg(const cv::Mat& bgr, int quality) {
  std::unique_ptr<void, int (*)(tjhandle)> handle(tjInitCompress(), tjDestroy);
  tjhandle tj = handle.get();
  if (!tj || bgr.empty() || bgr.type() != CV_8UC3) return std::nullopt;
  unsigned char* out = nullptr;
  unsigned long size = 0;
  const int rc =
      tjCompress2(tj, bgr.data, bgr.cols, int(bgr.step), bgr.rows, TJPF_BGR, &out, &size, TJSAMP_420, quality, 0);
  std::optional<std::string> jpeg;
  if (rc == 0) jpeg.emplace(reinterpret_cast<const char*>(out), size);
  tjFree(out);
  return jpeg;
}

void fill_quality(PhotoFacts& facts, const Quality& q) {
  facts.sharpness = q.sharpness;
  facts.brightness = q.brightness;
  facts.blurry = q.blurry;
  facts.too_dark = q.too_dark;
  facts.overexposed = q.overexposed;
}

Result<ProcessedPhoto> process(std::string_view bytes, const VisionOptions& options) {
  auto loaded = load_image(bytes, options, options.display_size);
  if (!loaded) return loaded.error();
  ProcessedPhoto result;
  PhotoFacts& facts = result.facts;
  facts.format = loaded->header.format;
  bool swapped = loaded->exif.orientation >= 5;
  facts.width = swapped ? loaded->header.height : loaded->header.width;
  facts.height = swapped ? loaded->header.width : loaded->header.height;
  facts.sha256 = crypto::sha256_hex(bytes);
  facts.orientation = loaded->exif.orientation;
  facts.gps = loaded->exif.gps;
  facts.taken_at = loaded->exif.taken_at;
  facts.camera = std::move(loaded->exif.camera);

  result.display = fit_within_fast(loaded->upright, options.display_size);
  loaded->upright.release();
  // Quality and pHash see the photo as taken, at a fixed size so the thresholds hold for any
  // camera; grey first, so only one channel is resized. The fast resize: the general area
  // average from 1280 to 480 px was an eighth of a photo report's CPU.
  cv::Mat grey;
  cv::cvtColor(result.display, grey, cv::COLOR_BGR2GRAY);
  grey = fit_within_fast(grey, options.analysis_size);
  facts.phash = phash(grey);
  fill_quality(facts, measure_quality(grey, options));
  return result;
}

Result<PublicCopies> copies_of(cv::Mat display, const VisionOptions& options) {
  PublicCopies copies;
  // One face scan serves both copies: the thumbnail is cut from the pixelated display copy.
  if (options.blur_faces) copies.faces_blurred = blur_faces(display, options.face_cascade);
  auto display_jpeg = encode_jpeg(display, options.jpeg_quality);
  auto thumbnail_jpeg = encode_jpeg(fit_within(display, options.thumbnail_size), options.jpeg_quality);
  if (!display_jpeg || !thumbnail_jpeg) return make_error(ErrorCode::corrupt, "the JPEG encoder failed");
  copies.display_jpeg = std::move(*display_jpeg);
  copies.thumbnail_jpeg = std::move(*thumbnail_jpeg);
  return copies;
}

Result<PublicCopies> copies_from_bytes(std::string_view bytes, const VisionOptions& options) {
  auto loaded = load_image(bytes, options, options.display_size);
  if (!loaded) return loaded.error();
  cv::Mat display = fit_within_fast(loaded->upright, options.display_size);
  loaded->upright.release();
  return copies_of(std::move(display), options);
}

template <typename F>
auto guarded(F&& step) -> decltype(step()) {
  try {
    return step();
  } catch (const cv::Exception& e) {
    return make_error(ErrorCode::corrupt, std::string("image processing failed: ") + e.what());
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::too_large, "out of memory while processing the image");
  }
}

}  // namespace

Result<ProcessedPhoto> process_photo(std::string_view bytes, const VisionOptions& options) {
  return guarded([&] { return process(bytes, options); });
}

Result<PublicCopies> make_public_copies(cv::Mat display, const VisionOptions& options) {
  if (display.empty() || display.type() != CV_8UC3)
    return make_error(ErrorCode::corrupt, "no display-size pixels to copy");
  // Pixelating writes into the pixels: work on our own copy when the caller still shares them.
  if (!display.u || display.u->refcount > 1) display = display.clone();
  return guarded([&] { return copies_of(std::move(display), options); });
}

Result<PublicCopies> make_public_copies(std::string_view bytes, const VisionOptions& options) {
  return guarded([&] { return copies_from_bytes(bytes, options); });
}

}  // namespace paike::vision
