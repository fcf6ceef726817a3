// Slow clients cannot take the server off the air (bot/http/guarded_server.h). Over the real
// server on a loopback port, with raw sockets that send as an attacker would: headers a line
// at a time, bodies a few bytes at a time, or many connections from one address. Each case
// failed on httplib's own connection handling (a thread per connection, timeouts per read).
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "tests/bot/ledger_fixture.h"
#include "tests/support/raw_http.h"
#include "tests/support/wait_until.h"

using namespace paike;
using namespace paike::test;
using namespace std::chrono_literals;

namespace {

using Steady = std::chrono::steady_clock;

// The status of a fresh client's request, and how long it took; -1 when it got no answer.
struct Timed {
  int status;
  std::chrono::milliseconds took;
};
Timed timed_get(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  const auto started = Steady::now();
  auto res = client.Get(path.c_str());
  return {res ? res->status : -1, std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - started)};
}
Timed timed_post(int port, const std::string& path, const std::string& body) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  const auto started = Steady::now();
  auto res = client.Post(path.c_str(), body, "application/json");
  return {res ? res->status : -1, std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - started)};
}

}  // namespace

TEST_CASE(
    "slow clients: 70 connections dripping their headers hold no thread, and are closed after request_head_seconds") {
  LedgerFixture f([](Deployment& d) {
    d.server.http_threads = 8;
    d.limits.request_head_seconds = 3;
    d.limits.connections_per_client = 0;  // no cap: the threads alone are under test here
  });
  const int port = f.app->port();
  std::vector<std::unique_ptr<RawConnection>> drippers;
  for (int i = 0; i < 70; ++i) {
    drippers.push_back(std::make_unique<RawConnection>(port));
    // Half of them first send a whole request, then drip the next one (keep-alive).
    if (i % 2 == 1) {
      REQUIRE(drippers.back()->send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
      REQUIRE(drippers.back()->receive().find(" 200 ") != std::string::npos);
    }
    REQUIRE(drippers.back()->send_bytes("POST /webhook/sim HTTP/1.1\r\n"));
  }
  for (int second = 0; second < 2; ++second) {
    std::this_thread::sleep_for(1s);
    for (auto& d : drippers) d->send_bytes("X-Slow-" + std::to_string(second) + ": 1\r\n");
    // Meanwhile the server answers others at once: health, and a platform's webhook.
    const Timed health = timed_get(port, "/healthz");
    CHECK(health.status == 200);
    CHECK(health.took < 1s);
    const Timed webhook = timed_post(port, "/webhook/sim", sim_report("while-dripping-" + std::to_string(second)));
    CHECK(webhook.status == 200);
    CHECK(webhook.took < 1s);
  }
  // Their headers are not in 3 s after they began: every dripper is cut, while still sending.
  for (auto& d : drippers) d->send_bytes("X-Slow-2: 1\r\n");
  int closed = 0;
  for (auto& d : drippers) closed += d->closed_within(3s) ? 1 : 0;
  CHECK(closed == 70);
}

TEST_CASE("slow clients: one address holds at most connections_per_client connections, and others are still served") {
  LedgerFixture f([](Deployment& d) { d.limits.connections_per_client = 4; });
  const int port = f.app->port();
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 4; ++i) idle.push_back(std::make_unique<RawConnection>(port, "127.0.0.7"));
  REQUIRE(wait_until([&] { return f.app->open_connections() == 4; }));

  RawConnection fifth(port, "127.0.0.7");
  const std::string refused = fifth.receive();
  CHECK(refused.find("HTTP/1.1 503 ") == 0);
  CHECK(refused.find("Retry-After: 5") != std::string::npos);
  CHECK(fifth.closed_within(2s));

  // Another address is served as usual.
  RawConnection other(port, "127.0.0.8");
  REQUIRE(other.send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK(other.receive().find("HTTP/1.1 200 ") == 0);

  // Once one of the four closes, the address may open another.
  idle.pop_back();
  REQUIRE(wait_until([&] { return f.app->open_connections() <= 4; }));
  RawConnection again(port, "127.0.0.7");
  REQUIRE(again.send_bytes("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK(again.receive().find("HTTP/1.1 200 ") == 0);
}

TEST_CASE("slow clients: a body slower than upload_bytes_per_second is cut after the grace, and one at pace is taken") {
  LedgerFixture f([](Deployment& d) {
    d.limits.request_head_seconds = 2;
    d.limits.upload_bytes_per_second = 8 * 1024;
  });
  const int port = f.app->port();
  const std::string body = sim_report("at-pace", std::string(24 * 1024, '\x42'));

  RawConnection slow(port);
  REQUIRE(
      slow.send_bytes("POST /webhook/sim HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n"));
  const auto started = Steady::now();
  bool cut = false;
  for (size_t sent = 0; sent + 100 < body.size() && !cut; sent += 100) {  // 100 bytes a second
    cut = !slow.send_bytes(body.substr(sent, 100)) || slow.closed_within(1s);
  }
  CHECK(cut);
  CHECK(Steady::now() - started < 5s);

  // 16 KB a second, twice the pace: it arrives whole, in about two seconds.
  RawConnection steady(port);
  REQUIRE(
      steady.send_bytes("POST /webhook/sim HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n"));
  for (size_t sent = 0; sent < body.size(); sent += 1600) {
    REQUIRE(steady.send_bytes(body.substr(sent, 1600)));
    std::this_thread::sleep_for(100ms);
  }
  CHECK(steady.receive().find("HTTP/1.1 200 ") == 0);
}

TEST_CASE("slow clients: two slow senders holding the large-body slots lose them and a photo webhook goes through") {
  LedgerFixture f;
  const int port = f.app->port();
  // Two bodies over the large-body size (256 KB) that hardly come: each takes a slot.
  std::vector<std::unique_ptr<RawConnection>> holders;
  for (int i = 0; i < 2; ++i) {
    holders.push_back(std::make_unique<RawConnection>(port));
    REQUIRE(holders.back()->send_bytes(
        "POST /webhook/sim HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 307200\r\n\r\n{"));
  }
  std::this_thread::sleep_for(200ms);  // both hold their slots now
  std::atomic<bool> photo_done = false;
  auto trickle = std::async(std::launch::async, [&holders, &photo_done] {
    for (int i = 0; i < 120 && !photo_done; ++i) {  // 24 bytes a second, for at most 30 s
      for (auto& h : holders) h->send_bytes("\"x\":1,");
      std::this_thread::sleep_for(250ms);
    }
  });
  // A real photo report (400 KB) waits for a slot: the holders lose theirs within the grace.
  const Timed photo =
      timed_post(port, "/webhook/sim", sim_report("photo-after-holders", std::string(300 * 1024, '\x42')));
  photo_done = true;
  INFO("the photo took " << photo.took.count() << " ms");
  CHECK(photo.status == 200);
  CHECK(photo.took < 6s);
  for (auto& h : holders) CHECK(h->closed_within(1s));
  trickle.get();
}

TEST_CASE("slow clients: ordinary routes leave the reserved threads to /healthz and the webhooks") {
  LedgerFixture f([](Deployment& d) {
    d.server.http_threads = 8;  // 2 reserved, 6 for ordinary routes
    d.limits.request_head_seconds = 8;
  });
  const int port = f.app->port();
  // Ten form posts whose bodies have not come yet: each holds a thread while it may still come.
  std::vector<std::unique_ptr<RawConnection>> forms;
  for (int i = 0; i < 10; ++i) {
    forms.push_back(std::make_unique<RawConnection>(port));
    REQUIRE(forms.back()->send_bytes(
        "POST /ledger/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 5000\r\n\r\n"));
  }
  int busy = 0;
  for (auto& form : forms) busy += form->receive(300ms).find("HTTP/1.1 503 ") == 0 ? 1 : 0;
  CHECK(busy == 4);
  const Timed health = timed_get(port, "/healthz");
  CHECK(health.status == 200);
  CHECK(health.took < 1s);
  const Timed webhook = timed_post(port, "/webhook/sim", sim_report("while-forms-wait"));
  CHECK(webhook.status == 200);
  CHECK(webhook.took < 1s);
  const Timed ledger = timed_get(port, "/ledger");
  CHECK(ledger.status == 503);
}
