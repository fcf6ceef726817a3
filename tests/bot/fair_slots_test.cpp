// FairSlots: the webhook route's slots for large bodies are granted in the order they were
// asked for, and never to more callers at once than there are slots.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "bot/http/fair_slots.h"
#include "support/wait_until.h"

using paike::http::FairSlots;
using paike::test::wait_until;

TEST_CASE("fair slots: waiters get the slot in the order they asked, not in the order they wake") {
  FairSlots slots(1);
  slots.acquire();  // held, so everyone below has to queue
  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> waiters;
  constexpr int kWaiters = 12;
  for (int i = 0; i < kWaiters; ++i) {
    waiters.emplace_back([&, i] {
      slots.acquire();
      {
        std::lock_guard lock(order_mutex);
        order.push_back(i);
      }
      slots.release();
    });
    // The next waiter starts only once this one is in the queue.
    REQUIRE(wait_until([&] { return slots.waiting() == static_cast<size_t>(i + 1); }));
  }
  slots.release();
  for (auto& t : waiters) t.join();
  std::vector<int> expected;
  for (int i = 0; i < kWaiters; ++i) expected.push_back(i);
  CHECK(order == expected);
  CHECK(slots.waiting() == 0);
}

TEST_CASE("fair slots: never more holders than slots, and every caller gets through") {
  constexpr int kSlots = 2;
  FairSlots slots(kSlots);
  std::atomic<int> holding{0};
  std::atomic<int> most{0};
  std::atomic<int> done{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < 8; ++t) {
    callers.emplace_back([&] {
      for (int round = 0; round < 200; ++round) {
        slots.acquire();
        const int now = ++holding;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        // Held a moment, so that the other slot is taken meanwhile and the cap is reached.
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        --holding;
        slots.release();
        ++done;
      }
    });
  }
  for (auto& t : callers) t.join();
  CHECK(done == 8 * 200);
  CHECK(most == kSlots);  // reached, never passed
}

TEST_CASE("fair slots: a free slot is taken at once, and a released one can be taken again") {
  FairSlots slots(2);
  // Taken on another thread, so that a slot that is not granted fails the test instead of
  // hanging it (the slot given back below lets the thread finish).
  auto taken_within_a_second = [&slots] {
    auto taken = std::async(std::launch::async, [&slots] { slots.acquire(); });
    const bool at_once = taken.wait_for(std::chrono::seconds(1)) == std::future_status::ready;
    if (!at_once) slots.release();
    return at_once;
  };
  CHECK(taken_within_a_second());
  CHECK(taken_within_a_second());
  CHECK(slots.waiting() == 0);
  // Both held: a third caller waits.
  auto third = std::async(std::launch::async, [&slots] { slots.acquire(); });
  CHECK(third.wait_for(std::chrono::milliseconds(100)) == std::future_status::timeout);
  CHECK(slots.waiting() == 1);
  slots.release();  // would strand the third caller if the release were lost
  CHECK(third.wait_for(std::chrono::seconds(1)) == std::future_status::ready);
  slots.release();
  slots.release();
  CHECK(taken_within_a_second());
  slots.release();
  CHECK(slots.waiting() == 0);
}
