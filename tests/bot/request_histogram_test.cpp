// paike_http_request_seconds over the real server: its sum is the time the requests took.
// httplib calls the logger (where a request is observed) also for requests it refuses before
// routing (a malformed request line: 400), where the pre-routing handler that starts the
// clock never ran; such a request must not be observed with a clock from some other time.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <regex>

#include "tests/bot/ledger_fixture.h"

using namespace paike;
using namespace paike::test;

namespace {

// Sends `raw` on a new connection and reads the answer's head (the server keeps the
// connection open; 2 s at most).
std::string raw_request(int port, const std::string& raw) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  timeval timeout{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  REQUIRE(write(fd, raw.data(), raw.size()) == static_cast<ssize_t>(raw.size()));
  std::string answer;
  char buffer[4096];
  for (ssize_t n; answer.find("\r\n\r\n") == std::string::npos && (n = read(fd, buffer, sizeof buffer)) > 0;)
    answer.append(buffer, static_cast<size_t>(n));
  close(fd);
  return answer;
}

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
  for (int i = 0; i < 8; ++i) CHECK(raw_request(port, "NOT A REQUEST LINE\r\n\r\n").find(" 400 ") != std::string::npos);

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
