// WakeableLoop: the body runs on wake() on a thread carrying the loop's name (top -H, perf),
// and an exception from the body does not end the loop.
#include <pthread.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include "bot/wakeable_loop.h"
#include "support/wait_until.h"

using namespace paike;
using paike::test::wait_until;

TEST_CASE("wakeable loop: the body runs on wake on a thread named after the loop, and survives its exceptions") {
  std::atomic<int> rounds{0};
  std::string thread_name;
  WakeableLoop loop(
      "event lookahead and more",
      [&] {
        char name[16] = {};
        pthread_getname_np(pthread_self(), name, sizeof name);
        thread_name = name;
        if (++rounds == 1) throw std::runtime_error("the first round fails");
      },
      std::chrono::hours(1));  // only wake() runs the body
  loop.start();
  loop.wake();
  REQUIRE(wait_until([&] { return rounds >= 1; }));
  loop.wake();
  REQUIRE(wait_until([&] { return rounds >= 2; }));
  loop.stop();
  CHECK(thread_name == "event lookahead");  // the first 15 bytes: the kernel's limit
}
