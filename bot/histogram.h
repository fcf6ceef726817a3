// A Prometheus histogram with fixed buckets (seconds), safe to observe from many threads.
#pragma once

#include <atomic>
#include <string>
#include <vector>

namespace paike {

class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void observe(double seconds);
  // The text exposition lines for `name` with an optional label set such as `route="/"`.
  std::string render(const std::string& name) const;

 private:
  std::vector<double> bounds_;
  std::vector<std::atomic<long long>> counts_;  // per bucket (not cumulative), last is +Inf
  std::atomic<long long> count_{0};
  std::atomic<long long> sum_micros_{0};
};

}  // namespace paike
