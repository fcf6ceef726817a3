// Polls `done` every 10 ms for up to 5 s: for tests that wait on another thread's progress.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace paike::test {

inline bool wait_until(const std::function<bool()>& done) {
  for (int i = 0; i < 500 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return done();
}

}  // namespace paike::test
