// paike_http_request_seconds over the real server: its sum is the time the requests took.
// httplib calls the logger (where a request is observed) also for requests it refuses before
// routing (a malformed request line: 400), where the pre-routing handler that starts the
// clock never ran; such a request must not be observed with a clock from some other time.
#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <thread>

#include "tests/bot/ledger_fixture.h"
#include "tests/support/raw_http.h"

using namespace paike;
using namespace paike::test;

namespace {

double metric_value(const std::string& metrics, const std::string& name) {
  std::smatch m;
  REQUIRE(std::regex_search(metrics, m, std::regex("\n" + name + " ([0-9.e+-]+)\n")));
  return std::stod(m[1]);
}

}  // namespace

TEST_CASE("metrics: the request histogram's sum is the requests' own time, also after refused requests") {
  LedgerFixture f;
  const int port = f.app->port();
  // Refused before routing, on fresh server threads.
  for (int i = 0; i < 8; ++i)
    CHECK(test::raw_exchange(port, "NOT A REQUEST LINE\r\n\r\n").find(" 400 ") != std::string::npos);

  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) {
    auto res = f.http->Get("/healthz");
    REQUIRE(res);
  }
  // httplib observes a request after its response is written, and each request here has its
  // own connection (and maybe server thread): /metrics can be served before the last /healthz
  // is observed, so ask until all 20 are counted.
  std::string metrics;
  double count = 0;
  for (int attempt = 0; attempt < 100 && count < 20; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto res = f.http->Get("/metrics");
    REQUIRE(res);
    metrics = res->body;
    count = metric_value(metrics, "paike_http_request_seconds_count");
  }
  const double measured = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double sum = metric_value(metrics, "paike_http_request_seconds_sum");
  INFO(metrics.substr(metrics.find("paike_http_request_seconds")));
  CHECK(count >= 20);
  // The server's part of the 20 requests and of the /metrics requests before the last, all
  // inside the client's own time: never more than that.
  CHECK(sum <= measured + 1.0);
}
