// WakeableLoop: one background thread that runs a body after every wake() and at least once
// per period, until stop(). The inbox worker, the outbox sender and the scheduler each own
// one. An exception from the body is logged and the loop goes on (the next round retries).
// start()/stop()/wake()/stopping() are thread-safe; stop() waits for the body in hand.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace paike {

class WakeableLoop {
 public:
  WakeableLoop(std::string name, std::function<void()> body,
               std::chrono::milliseconds period = std::chrono::seconds(1));
  ~WakeableLoop();
  WakeableLoop(const WakeableLoop&) = delete;
  WakeableLoop& operator=(const WakeableLoop&) = delete;

  void start();
  void stop();
  void wake();
  // True once stop() was called: a body that works in batches checks it between batches.
  bool stopping() const;

 private:
  void run();

  std::string name_;
  std::function<void()> body_;
  std::chrono::milliseconds period_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace paike
