// Bytes on a new loopback connection, for requests an HTTP client library would not send
// (a malformed request line, a head announcing a body that never comes).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

namespace paike::test {

// One loopback connection held open, for clients that send slowly or keep connections: its
// bytes go out when the test says, and the test sees when the server answers or closes.
// `source` picks the client address (any 127.x.y.z is this machine), so that tests can be
// several clients.
class RawConnection {
 public:
  explicit RawConnection(int port, const char* source = "127.0.0.1") {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in from{};
    from.sin_family = AF_INET;
    REQUIRE(inet_pton(AF_INET, source, &from.sin_addr) == 1);
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  }
  ~RawConnection() { close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // False once the server closed the connection (a send then fails).
  bool send_bytes(const std::string& bytes) {
    return send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  // What the server sent within `timeout`, until it closed or went quiet for that long.
  std::string receive(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    std::string got;
    char buffer[4096];
    pollfd p{fd_, POLLIN, 0};
    while (poll(&p, 1, static_cast<int>(timeout.count())) > 0) {
      const ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      got.append(buffer, static_cast<size_t>(n));
      if (got.find("\r\n\r\n") != std::string::npos) break;
    }
    return got;
  }
  // True when the server closed the connection within `timeout` (answered or not).
  bool closed_within(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!closed_ && std::chrono::steady_clock::now() < deadline) {
      receive(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()) +
              std::chrono::milliseconds(1));
    }
    return closed_;
  }

 private:
  int fd_ = -1;
  bool closed_ = false;
};

// Sends `bytes` and returns the answer's status line and headers (and whatever body came with
// them); the server may keep the connection open, so at most 5 s are waited.
inline std::string raw_exchange(int port, const std::string& bytes) {
  RawConnection connection(port);
  REQUIRE(connection.send_bytes(bytes));
  return connection.receive();
}

}  // namespace paike::test
