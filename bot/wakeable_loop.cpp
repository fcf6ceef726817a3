#include "bot/wakeable_loop.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

namespace paike {

WakeableLoop::WakeableLoop(std::string name, std::function<void()> body, std::chrono::milliseconds period)
    : name_(std::move(name)), body_(std::move(body)), period_(period) {}

WakeableLoop::~WakeableLoop() { stop(); }

void WakeableLoop::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void WakeableLoop::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WakeableLoop::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

bool WakeableLoop::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void WakeableLoop::run() {
  // The loop's name on its thread (at most 15 bytes), so top -H and perf tell them apart.
  pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      // The period bounds how long time-driven work waits when nobody wakes the loop.
      cv_.wait_for(lock, period_, [this] { return stopping_ || woken_; });
      if (stopping_) return;
      woken_ = false;
    }
    try {
      body_();
    } catch (const std::exception& e) {
      spdlog::error("{}: {}", name_, e.what());
    }
  }
}

}  // namespace paike
