#include "vision/photo.h"

#include <algorithm>
#include <new>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <utility>
#include <vector>

#include "vision/faces.h"
#include "vision/load.h"
#include "vision/quality.h"

namespace paike::vision {
namespace {

// cv::imencode writes a bare JFIF: no EXIF, no GPS, no comments.
std::string encode_jpeg(const cv::Mat& image, int quality) {
  std::vector<uchar> out;
  cv::imencode(".jpg", image, out, {cv::IMWRITE_JPEG_QUALITY, quality});
  return std::string(out.begin(), out.end());
}

void fill_quality(PhotoFacts& facts, const Quality& q) {
  facts.sharpness = q.sharpness;
  facts.brightness = q.brightness;
  facts.blurry = q.blurry;
  facts.too_dark = q.too_dark;
  facts.overexposed = q.overexposed;
}

Result<ProcessedPhoto> process(std::string_view bytes, const VisionOptions& options) {
  auto loaded = load_image(bytes, options, std::max(options.thumbnail_size, options.analysis_size));
  if (!loaded) return loaded.error();
  ProcessedPhoto result;
  PhotoFacts& facts = result.facts;
  facts.format = loaded->header.format;
  bool swapped = loaded->exif.orientation >= 5;
  facts.width = swapped ? loaded->header.height : loaded->header.width;
  facts.height = swapped ? loaded->header.width : loaded->header.height;
  facts.sha256 = sha256_hex(bytes);
  facts.orientation = loaded->exif.orientation;
  facts.gps = loaded->exif.gps;
  facts.taken_at = loaded->exif.taken_at;
  facts.camera = std::move(loaded->exif.camera);

  // One small working copy serves every later step; the decode is already about this size.
  cv::Mat working = fit_within(loaded->upright, std::max(options.thumbnail_size, options.analysis_size)), grey;
  loaded->upright.release();
  // Quality and pHash see the photo as taken, before any face is pixelated.
  cv::cvtColor(fit_within(working, options.analysis_size), grey, cv::COLOR_BGR2GRAY);
  facts.phash = phash(grey);
  fill_quality(facts, measure_quality(grey, options));

  // Faces are found on the working copy (vision/faces.cpp scans it at 400 px), then the
  // thumbnail is cut from it.
  if (options.blur_faces) facts.faces_blurred = blur_faces(working, options.face_cascade);
  cv::Mat thumbnail = fit_within(working, options.thumbnail_size);
  result.thumbnail_jpeg = encode_jpeg(thumbnail, options.jpeg_quality);
  return result;
}

Result<std::string> display_copy(std::string_view bytes, const VisionOptions& options) {
  auto loaded = load_image(bytes, options, options.display_size);
  if (!loaded) return loaded.error();
  cv::Mat display = fit_within(loaded->upright, options.display_size);
  loaded->upright.release();
  if (options.blur_faces) blur_faces(display, options.face_cascade);
  return encode_jpeg(display, options.jpeg_quality);
}

template <typename F>
auto guarded(F&& step) -> decltype(step()) {
  try {
    return step();
  } catch (const cv::Exception& e) {
    return make_error("corrupt", std::string("image processing failed: ") + e.what());
  } catch (const std::bad_alloc&) {
    return make_error("too_large", "out of memory while processing the image");
  }
}

}  // namespace

Result<ProcessedPhoto> process_photo(std::string_view bytes, const VisionOptions& options) {
  return guarded([&] { return process(bytes, options); });
}

Result<std::string> make_display_copy(std::string_view bytes, const VisionOptions& options) {
  return guarded([&] { return display_copy(bytes, options); });
}

}  // namespace paike::vision
