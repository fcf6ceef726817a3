#include "bot/histogram.h"

#include <cstdio>

namespace paike {

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)), counts_(bounds_.size() + 1) {}

void Histogram::observe(double seconds) {
  size_t i = 0;
  while (i < bounds_.size() && seconds > bounds_[i]) ++i;
  ++counts_[i];
  ++count_;
  sum_micros_ += static_cast<long long>(seconds * 1e6);
}

std::string Histogram::render(const std::string& name) const {
  std::string out;
  long long cumulative = 0;
  char le[32];
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += counts_[i];
    if (i < bounds_.size())
      std::snprintf(le, sizeof le, "%g", bounds_[i]);
    else
      std::snprintf(le, sizeof le, "+Inf");
    out += name + "_bucket{le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
  }
  char sum[64];
  std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(sum_micros_.load()) / 1e6);
  out += name + "_sum " + sum + "\n" + name + "_count " + std::to_string(count_.load()) + "\n";
  return out;
}

}  // namespace paike
