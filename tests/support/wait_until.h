// Polls `done` every 10 ms until it holds or `timeout` (5 s unless given) has passed; returns
// its last answer. For tests that wait on another thread's progress.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace paike::test {

inline bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

}  // namespace paike::test
