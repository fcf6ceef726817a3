// bench_e2e: photo reports end to end against a running paike (scripts/bench runs
// `paike serve --config bench/e2e/paike.yaml`: the demo with the flood limits raised), or
// several instances of one deployment on PostgreSQL (bench/e2e/paike-postgresql.yaml): posts
// N reports (a 1280×960 phone photo as chat apps deliver it, plus a line of text) through
// POST /webhook/sim from 4 senders, the instances in turn, then waits until the inbox is
// drained and every reply is sent (GET /metrics of the first, which counts the shared
// database). Prints reports/s and the servers' CPU seconds per report (from /proc/PID/stat,
// summed over the instances), the tickets made and the servers' RSS (summed).
//   bench_e2e PORT[,PORT…] SERVER_PID[,PID…] [reports=10000] [label]
// The photos are random framings of the test photos under a random 4×4 light pattern and
// grain, so nearly every report is a ticket of its own: of 3,000, about 1 % fall within the
// duplicate distance of an open ticket and are merged, as a real group's repeats would be.
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "config/base64.h"

namespace {

using Clock = std::chrono::steady_clock;

// Photo i: its own framing of source i % 6 (a random crop, mirrored or not) under its own
// random light pattern, plus one of the grain images. The light alone left the pHash within
// the duplicate distance, so nine reports in ten were merged into a few hundred tickets.
std::string make_photo(const std::vector<cv::Mat>& sources, const std::vector<cv::Mat>& grains, int i) {
  cv::RNG rng(20261123 + i);
  const cv::Mat& source = sources[i % sources.size()];
  const double scale = rng.uniform(0.5, 0.85);
  const cv::Size crop(int(source.cols * scale), int(source.rows * scale));
  const cv::Rect frame(rng.uniform(0, source.cols - crop.width + 1), rng.uniform(0, source.rows - crop.height + 1),
                       crop.width, crop.height);
  cv::Mat framed, photo, pattern(4, 4, CV_8UC3), light;
  cv::resize(source(frame), framed, source.size(), 0, 0, cv::INTER_LINEAR);
  if (rng.uniform(0, 2) == 1) cv::flip(framed, framed, 1);
  rng.fill(pattern, cv::RNG::UNIFORM, cv::Scalar::all(0), cv::Scalar::all(90));
  cv::resize(pattern, light, source.size(), 0, 0, cv::INTER_NEAREST);
  cv::addWeighted(framed, 0.7, light, 1.0, -20, photo);
  photo += grains[rng.uniform(0, int(grains.size()))];
  std::vector<uchar> out;
  cv::imencode(".jpg", photo, out, {cv::IMWRITE_JPEG_QUALITY, 85});
  return std::string(out.begin(), out.end());
}

double cpu_seconds(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string content((std::istreambuf_iterator<char>(stat)), {});
  std::istringstream fields(content.substr(content.rfind(')') + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; fields >> field; ++i) {
    if (i == 14) utime = std::atol(field.c_str());
    if (i == 15) {
      stime = std::atol(field.c_str());
      break;
    }
  }
  return double(utime + stime) / sysconf(_SC_CLK_TCK);
}

long status_kb(int pid, const std::string& key) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind(key + ":", 0) == 0) return std::atol(line.c_str() + key.size() + 1);
  }
  return -1;
}

// One value of the Prometheus text, e.g. metric(body, "paike_inbox_pending").
double metric(const std::string& body, const std::string& name) {
  auto at = body.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::atof(body.c_str() + at + name.size() + 2);
}

double tickets(const std::string& body) {
  double total = 0;
  for (size_t at = 0; (at = body.find("\npaike_tickets{", at)) != std::string::npos; ++at) {
    total += std::atof(body.c_str() + body.find("} ", at) + 2);
  }
  return total;
}

// "18183,18185" → {18183, 18185}.
std::vector<int> numbers(const std::string& list) {
  std::vector<int> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) out.push_back(std::atoi(item.c_str()));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_e2e PORT[,PORT…] SERVER_PID[,PID…] [reports=10000] [label]\n");
    return 2;
  }
  const std::vector<int> ports = numbers(argv[1]), pids = numbers(argv[2]);
  if (ports.empty() || ports.size() != pids.size()) {
    std::fprintf(stderr, "bench_e2e: as many PIDs as ports\n");
    return 2;
  }
  const int port = ports.front();
  const int reports = argc > 3 ? std::atoi(argv[3]) : 10000;
  const std::string label = argc > 4 ? argv[4] : "end to end (all replies sent)";
  auto all_cpu = [&] {
    double total = 0;
    for (int pid : pids) total += cpu_seconds(pid);
    return total;
  };
  auto all_rss_kb = [&] {
    long total = 0;
    for (int pid : pids) total += status_kb(pid, "VmRSS");
    return total;
  };
  const char* groups[] = {"g-hanjia", "g-lizhuang", "g-wangjiawan", "g-dongying"};
  const char* texts[] = {"路边垃圾堆了好几天了", "这里有建筑垃圾没人清理", "污水横流，味道很大", "柴草乱堆乱放"};

  std::vector<cv::Mat> sources;
  for (const char* name : {"leuvenA.jpg", "graf1.jpg", "building.jpg", "fruits.jpg", "aero1.jpg", "home.jpg"}) {
    cv::Mat image = cv::imread(std::string(PAIKE_TEST_DATA) + "/vision/" + name), sized;
    cv::resize(image, sized, cv::Size(1280, 960), 0, 0, cv::INTER_CUBIC);
    sources.push_back(sized);
  }
  // Grain drawn once and shared: filling 1280×960 with normal noise per photo was half of
  // the minutes spent making 10 000 photos. They are made on all cores, before the clock.
  std::vector<cv::Mat> grains(16);
  cv::RNG grain_rng(20261124);
  for (auto& grain : grains) {
    grain.create(sources[0].size(), CV_8UC3);
    grain_rng.fill(grain, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(4));
  }
  std::vector<std::string> bodies(reports);
  std::atomic<size_t> bytes{0};
  const std::string run = std::to_string(std::time(nullptr));
  std::atomic<int> next_body{0};
  std::vector<std::thread> makers;
  for (unsigned t = 0; t < std::max(1u, std::thread::hardware_concurrency()); ++t) {
    makers.emplace_back([&] {
      for (int i; (i = next_body++) < reports;) {
        std::string photo = make_photo(sources, grains, i);
        bytes += photo.size();
        nlohmann::json event = {{"event_id", "e2e-" + run + "-" + std::to_string(i)},
                                {"group_id", groups[i % 4]},
                                {"user_id", "sim:bench-" + std::to_string(i % 997)},
                                {"user_name", "村民" + std::to_string(i % 997)},
                                {"text", texts[(i / 4) % 4]},
                                {"image_b64", paike::base64_encode(photo)}};
        bodies[i] = event.dump();
      }
    });
  }
  for (auto& maker : makers) maker.join();

  httplib::Client status("127.0.0.1", port);
  auto before = status.Get("/metrics");
  if (!before || before->status != 200) {
    std::fprintf(stderr, "no paike at 127.0.0.1:%d\n", port);
    return 1;
  }
  const double tickets_before = tickets(before->body);
  const double cpu_before = all_cpu();
  const auto start = Clock::now();
  std::atomic<int> next{0}, refused{0};
  std::vector<std::thread> senders;
  for (int s = 0; s < 4; ++s) {
    senders.emplace_back([&] {
      std::vector<std::unique_ptr<httplib::Client>> clients;
      for (int p : ports) {
        clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", p));
        clients.back()->set_keep_alive(true);
      }
      for (int i; (i = next++) < reports;) {
        auto res = clients[i % clients.size()]->Post("/webhook/sim", bodies[i], "application/json");
        if (!res || res->status != 200) ++refused;
      }
    });
  }
  for (auto& s : senders) s.join();
  const double post_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  long peak_rss_kb = 0;
  std::string last;
  for (;;) {
    peak_rss_kb = std::max(peak_rss_kb, all_rss_kb());
    auto res = status.Get("/metrics");
    if (res && res->status == 200) {
      last = res->body;
      if (metric(last, "paike_inbox_pending") == 0 && metric(last, "paike_outbox_depth") == 0) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = all_cpu() - cpu_before;
  std::printf("%d photo reports, 1280x960 JPEG, %.0f KB average; posted in %.1f s, %d refused\n", reports,
              bytes.load() / 1024.0 / reports, post_seconds, refused.load());
  std::printf("%-34s %12s %14s %10s %14s\n", "", "reports/s", "CPU s/report", "tickets", "server RSS MB");
  std::printf("%-34s %12.1f %14.4f %10.0f %14.1f\n", label.c_str(), reports / seconds, cpu / reports,
              tickets(last) - tickets_before, peak_rss_kb / 1024.0);
  std::printf("RESULT reports_per_s=%.2f cpu_s_per_report=%.5f\n", reports / seconds, cpu / reports);
  return refused ? 1 : 0;
}
