#include "vision/faces.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <vector>

#include "vision/load.h"

namespace paike::vision {
namespace {

// The detector's cost grows with the area it scans and the number of scales it tries. At 400 px
// and a 1.25 step it costs half of 480 px at 1.2 (bench/photo) and still finds faces of 6% of
// the long edge (≥ 77 px in the 1280 px display copy; smaller ones are hardly recognisable).
constexpr int kDetectLongEdge = 400;
constexpr double kScaleStep = 1.25;

cv::CascadeClassifier* detector(const std::string& path) {
  thread_local std::string loaded_path;
  thread_local cv::CascadeClassifier classifier;
  thread_local bool ok = false;
  if (loaded_path != path) {
    loaded_path = path;
    try {
      ok = classifier.load(path);
    } catch (const cv::Exception&) {
      ok = false;
    }
  }
  return ok ? &classifier : nullptr;
}

void pixelate(cv::Mat& bgr, cv::Rect area) {
  area &= cv::Rect(0, 0, bgr.cols, bgr.rows);
  if (area.width < 2 || area.height < 2) return;
  cv::Mat roi = bgr(area);
  cv::Mat tiny;
  cv::resize(roi, tiny, cv::Size(6, 6), 0, 0, cv::INTER_AREA);
  cv::resize(tiny, roi, roi.size(), 0, 0, cv::INTER_NEAREST);
}

}  // namespace

int blur_faces(cv::Mat& bgr, const std::string& cascade_path) {
  cv::CascadeClassifier* classifier = detector(cascade_path);
  if (!classifier) return -1;
  if (bgr.empty()) return 0;
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  cv::Mat small = fit_within_fast(grey, kDetectLongEdge);  // grey itself when it fits
  const double scale = double(small.cols) / bgr.cols;
  cv::equalizeHist(small, small);
  std::vector<cv::Rect> faces;
  classifier->detectMultiScale(small, faces, kScaleStep, 4, 0, cv::Size(20, 20));
  for (const cv::Rect& face : faces) {
    double margin = 0.2 * face.width;
    cv::Rect area(int((face.x - margin) / scale), int((face.y - margin) / scale),
                  int((face.width + 2 * margin) / scale), int((face.height + 2 * margin) / scale));
    pixelate(bgr, area);
  }
  return int(faces.size());
}

}  // namespace paike::vision
