// bench_photo: the per-photo pipeline over 12 MP JPEGs (made from the test photos, upscaled
// with noise so they compress like phone photos). Prints ms per photo (median, p95), photos/s
// and peak RSS for process_photo (the intake step: checks, EXIF, the one decode at display
// size, quality, pHash) and for make_public_copies (the 1280 px copy and the 320 px thumbnail
// with faces pixelated, made after the report is answered) from intake's pixels, as the bot
// does, and from the original bytes (after a restart or a backlog: decodes again),
// each with 4 photos in flight and with 1, and `djpeg -scale 1/8` on the same files beside
// them (the decode limit; one process at a time, so compare it with the 1-in-flight rows).
// Usage: bench_photo [photos=8] [rounds=3] [faces=1] [--keep DIR]   (--keep: leave the photos in DIR)
//        bench_photo --write-sample FILE   (write one such 12 MP photo, e.g. as a webhook load body)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "vision/photo.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string make_photo(const std::string& source, int seed) {
  cv::Mat image = cv::imread(std::string(PAIKE_TEST_DATA) + "/vision/" + source), big, noise(3000, 4000, CV_8UC3);
  cv::resize(image, big, cv::Size(4000, 3000), 0, 0, cv::INTER_CUBIC);
  cv::setRNGSeed(seed);
  cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(6));
  cv::add(big, noise - cv::Scalar::all(0), big);  // sensor-like grain
  std::vector<uchar> out;
  cv::imencode(".jpg", big, out, {cv::IMWRITE_JPEG_QUALITY, 90});
  return std::string(out.begin(), out.end());
}

long peak_rss_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * (v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string keep_dir;
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--write-sample") {
      std::ofstream(args[i + 1], std::ios::binary) << make_photo("leuvenA.jpg", 1);
      return 0;
    }
    if (args[i] == "--keep") {
      keep_dir = args[i + 1];
      args.erase(args.begin() + i, args.begin() + i + 2);
      break;
    }
  }
  int count = args.size() > 0 ? std::atoi(args[0].c_str()) : 8;
  int rounds = args.size() > 1 ? std::atoi(args[1].c_str()) : 3;
  const char* sources[] = {"leuvenA.jpg", "graf1.jpg", "building.jpg", "messi5.jpg", "fruits.jpg", "aero1.jpg"};
  std::vector<std::string> photos, paths;
  if (!keep_dir.empty()) std::filesystem::create_directories(keep_dir);
  for (int i = 0; i < count; ++i) {
    photos.push_back(make_photo(sources[i % 6], i));
    paths.push_back((keep_dir.empty() ? "/tmp/bench_photo_" : keep_dir + "/") + std::to_string(i) + ".jpg");
    std::ofstream(paths.back(), std::ios::binary) << photos.back();
  }
  size_t total_bytes = 0;
  for (const auto& p : photos) total_bytes += p.size();
  std::printf("%d photos, 4000x3000 JPEG q90, %.1f MB average\n", count, total_bytes / 1e6 / count);

  paike::VisionOptions options;
  options.blur_faces = args.size() > 2 ? std::atoi(args[2].c_str()) != 0 : true;
  cv::setNumThreads(1);  // parallelism comes from photos in flight, not inside one photo

  struct Run {
    std::vector<double> times;
    double wall = 0;
  };
  std::atomic<int> failures{0};
  auto run = [&](int in_flight, auto step) {
    Run r;
    std::mutex mutex;
    std::atomic<int> next{0};
    auto start = Clock::now();
    std::vector<std::thread> workers;
    for (int w = 0; w < in_flight; ++w) {
      workers.emplace_back([&] {
        for (int i; (i = next++) < count * rounds;) {
          auto t = Clock::now();
          if (!step(i % count)) ++failures;
          double ms = ms_since(t);
          std::lock_guard lock(mutex);
          r.times.push_back(ms);
        }
      });
    }
    for (auto& w : workers) w.join();
    r.wall = ms_since(start);
    return r;
  };
  std::vector<cv::Mat> displays;  // intake's pixels, as the bot hands them to the photo maker
  for (const auto& p : photos) {
    auto processed = paike::vision::process_photo(p, options);
    if (!processed) return 1;
    displays.push_back(processed->display);
  }
  auto intake = [&](int i) { return paike::vision::process_photo(photos[i], options).ok(); };
  // Shared pixels are cloned first (3.7 MB, under 1 ms); the bot moves them in instead.
  auto copies = [&](int i) { return paike::vision::make_public_copies(displays[i], options).ok(); };
  auto copies_again = [&](int i) {
    return paike::vision::make_public_copies(std::string_view(photos[i]), options).ok();
  };
  std::vector<std::pair<std::string, Run>> rows;
  rows.emplace_back("process_photo, 4 in flight", run(4, intake));
  rows.emplace_back("process_photo, 1 in flight", run(1, intake));
  rows.emplace_back("public copies, 4 in flight", run(4, copies));
  rows.emplace_back("public copies, 1 in flight", run(1, copies));
  rows.emplace_back("copies from original, 1 in flight", run(1, copies_again));

  std::vector<double> djpeg;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& path : paths) {
      auto t = Clock::now();
      if (std::system(("djpeg -scale 1/8 -outfile /dev/null " + path).c_str()) != 0) return 1;
      djpeg.push_back(ms_since(t));
    }
  }
  if (keep_dir.empty()) {
    for (const auto& path : paths) std::remove(path.c_str());
  }

  std::printf("%-34s %10s %10s %10s\n", "", "median ms", "p95 ms", "photos/s");
  for (const auto& [name, r] : rows) {
    std::printf("%-34s %10.1f %10.1f %10.1f\n", name.c_str(), percentile(r.times, 0.5), percentile(r.times, 0.95),
                r.times.size() * 1000.0 / r.wall);
  }
  std::printf("%-34s %10.1f %10.1f\n", "djpeg -scale 1/8, 1 process", percentile(djpeg, 0.5), percentile(djpeg, 0.95));
  std::printf("peak RSS %.1f MB; face blurring %s; failures: %d; hardware threads: %u\n", peak_rss_kb() / 1024.0,
              options.blur_faces ? "on" : "off", failures.load(), std::thread::hardware_concurrency());
  return failures ? 1 : 0;
}
