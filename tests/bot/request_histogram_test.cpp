// paike_http_request_seconds over the real server: its sum is the time the requests took.
// httplib calls the logger (where a request is observed) also for requests it refuses before
// routing (a malformed request line: 400), where the pre-routing handler that starts the
// clock never ran; such a request must not be observed with a clock from some other time.
#include <catch2/catch.hpp>
#include <chrono>
#include <regex>

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
  const double measured = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  auto res = f.http->Get("/metrics");
  REQUIRE(res);
  const double sum = metric_value(res->body, "paike_http_request_seconds_sum");
  const double count = metric_value(res->body, "paike_http_request_seconds_count");
  INFO(res->body.substr(res->body.find("paike_http_request_seconds")));
  CHECK(count >= 20);
  // The server's part of the 20 requests the client timed (and of the /metrics request itself,
  // well under a second): never more than the client's own time.
  CHECK(sum <= measured + 1.0);
}
