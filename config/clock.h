// The injected source of "now". Production uses the system clock; tests and the demo's
// simulator move time with ManualClock / OffsetClock so deadlines and reminders can be
// exercised without waiting. All implementations are thread-safe.
#pragma once

#include <atomic>

#include "config/time.h"

namespace paike {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock : public Clock {
 public:
  TimePoint now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock that can be moved forward: the demo's `POST /sim/api/clock`, and tests.
class AdjustableClock : public Clock {
 public:
  virtual void advance(Duration by) = 0;
};

// System time plus an offset that only grows.
class OffsetClock : public AdjustableClock {
 public:
  TimePoint now() const override { return system_.now() + Duration(offset_.load()); }
  void advance(Duration by) override { offset_ += by.count(); }
  Duration offset() const { return Duration(offset_.load()); }

 private:
  SystemClock system_;
  std::atomic<long long> offset_{0};
};

// Stands still until told: for tests.
class ManualClock : public AdjustableClock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(Duration(now_.load())); }
  void set(TimePoint at) { now_ = at.time_since_epoch().count(); }
  void advance(Duration by) override { now_ += by.count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace paike
