// widen_listen_backlog: a server that is busy (not accepting for a moment) still completes
// the handshakes of a burst of new connections, instead of dropping them past 5.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <vector>

#include "bot/http/listen_backlog.h"

using paike::http::widen_listen_backlog;

namespace {

constexpr int kBurst = 64;

// Opens kBurst connections at once to a server that does not accept, waits 300 ms (the
// kernel's first SYN retry comes after 1 s) and counts the handshakes that completed.
int connections_completed(int port) {
  std::vector<int> fds;
  for (int i = 0; i < kBurst; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);  // EINPROGRESS
    fds.push_back(fd);
  }
  usleep(300 * 1000);
  int completed = 0;
  for (int fd : fds) {
    pollfd p{fd, POLLOUT, 0};
    int error = 0;
    socklen_t length = sizeof error;
    if (poll(&p, 1, 0) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0) ++completed;
    close(fd);
  }
  return completed;
}

}  // namespace

TEST_CASE("listen backlog: httplib's own 5 drops most of a burst of 64 new connections, the widened one none") {
  httplib::Server narrow;
  const int narrow_port = narrow.bind_to_any_port("127.0.0.1");  // bound and listening, never accepting
  REQUIRE(narrow_port > 0);
  CHECK(connections_completed(narrow_port) < 16);

  httplib::Server wide;
  const int wide_port = wide.bind_to_any_port("127.0.0.1");
  REQUIRE(wide_port > 0);
  REQUIRE(widen_listen_backlog(wide_port, 511));
  CHECK(connections_completed(wide_port) == kBurst);
}

TEST_CASE("listen backlog: no listening socket on the port is reported, not ignored") {
  httplib::Server server;
  const int port = server.bind_to_any_port("127.0.0.1");
  REQUIRE(port > 0);
  CHECK_FALSE(widen_listen_backlog(port == 65535 ? 65534 : port + 1, 511));
}
