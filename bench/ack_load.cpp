// bench_ack_load: load for POST /webhook/sim with photo bodies, each request a new event,
// as bench/ack/webhook.lua makes them (the same JSON, a new event_id each time).
// Why not wrk for these: its Lua builds each 2 MB request three times over (the body
// string, wrk.format, wrk's own copy), each in fresh memory: 43 ms of CPU per request, more
// than either server spends, on the same 2 cores. Here every request shares one body: only
// the event id is new, and the body goes out by writev straight from the shared buffer.
// One thread per connection, blocking sockets: a request of MBs is kernel copies, not
// scheduling. A request finishing after the run's end is not counted (as in wrk).
// Usage: bench_ack_load PORT SECONDS CONNECTIONS RATE IMAGE   (RATE 0: as fast as possible)
// Prints one line, as the wrk script does:  RESULT requests= seconds= p50_ms= p99_ms= errors=
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "config/base64.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Body {
  std::string prefix;  // up to the event id
  std::string suffix;  // after it: the other fields and the photo
};

Body make_body(const std::string& image_path) {
  std::ifstream file(image_path, std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  if (!file || bytes.str().empty()) {
    std::cerr << "bench_ack_load: cannot read " << image_path << "\n";
    std::exit(2);
  }
  Body body;
  body.prefix = R"({"event_id":"load-)" + std::to_string(std::time(nullptr)) + "-";
  body.suffix = R"(","group_id":"g-hanjia","user_id":"sim:handefu","user_name":"韩德福",)"
                R"("time":"2026-11-22T08:00:00+08:00","text":"南河桥边的垃圾堆了好几天了，没人清理，味道很大")"
                R"(,"image_b64":")" +
                paike::base64_encode(bytes.str()) + R"("})";
  return body;
}

int connect_to(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  const timeval timeout{5, 0};  // as wrk --timeout 5s
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, std::vector<iovec> parts) {
  size_t first = 0;
  while (first < parts.size()) {
    const ssize_t sent = writev(fd, parts.data() + first, static_cast<int>(parts.size() - first));
    if (sent <= 0) return false;
    for (size_t left = static_cast<size_t>(sent); left > 0;) {
      const size_t used = std::min(left, parts[first].iov_len);
      parts[first].iov_base = static_cast<char*>(parts[first].iov_base) + used;
      parts[first].iov_len -= used;
      left -= used;
      if (parts[first].iov_len == 0) ++first;
    }
    while (first < parts.size() && parts[first].iov_len == 0) ++first;
  }
  return true;
}

// Reads one response; true when its status is 200. Small answers: headers, then
// Content-Length bytes of body. `closing`: the server ends the connection after it.
bool read_response(int fd, std::string& buffer, bool& closing) {
  buffer.clear();
  char chunk[4096];
  size_t header_end = std::string::npos;
  while (header_end == std::string::npos) {
    const ssize_t got = recv(fd, chunk, sizeof chunk, 0);
    if (got <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(got));
    header_end = buffer.find("\r\n\r\n");
  }
  const auto length_at = buffer.find("Content-Length: ");
  const size_t length = length_at < header_end ? std::strtoul(buffer.c_str() + length_at + 16, nullptr, 10) : 0;
  while (buffer.size() < header_end + 4 + length) {
    const ssize_t got = recv(fd, chunk, sizeof chunk, 0);
    if (got <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(got));
  }
  closing = buffer.find("Connection: close") < header_end;
  return buffer.starts_with("HTTP/1.1 200");
}

struct Tally {
  std::mutex mutex;
  std::vector<double> latencies_ms;
  long errors = 0;
};

void run_connection(int id, int connections, int port, const Body& body, Clock::time_point end,
                    Clock::duration interval, Tally& tally) {
  std::vector<double> latencies;
  long errors = 0;
  std::string response;
  int fd = -1;
  // Each connection's schedule is offset by its share of the interval: started together,
  // every connection would send at the same instants, bursts of CONNECTIONS requests.
  auto next = Clock::now() + interval * id / connections;
  for (long n = 0; Clock::now() < end; ++n) {
    if (interval.count() > 0) {
      std::this_thread::sleep_until(next);
      next += interval;
    }
    if (fd < 0 && (fd = connect_to(port)) < 0) {
      ++errors;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    const std::string event_id = std::to_string(id) + "-" + std::to_string(n);
    const size_t length = body.prefix.size() + event_id.size() + body.suffix.size();
    std::string head = "POST /webhook/sim HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                       "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n" +
                       body.prefix + event_id;
    const auto started = Clock::now();
    bool closing = false;
    const bool ok =
        send_all(fd, {{head.data(), head.size()}, {const_cast<char*>(body.suffix.data()), body.suffix.size()}}) &&
        read_response(fd, response, closing);
    if (Clock::now() > end) break;
    if (ok) latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
    if (!ok) ++errors;
    if (!ok || closing) {  // keep-alive limits: a new connection, as any client would
      close(fd);
      fd = -1;
    }
  }
  if (fd >= 0) close(fd);
  std::lock_guard lock(tally.mutex);
  tally.latencies_ms.insert(tally.latencies_ms.end(), latencies.begin(), latencies.end());
  tally.errors += errors;
}

double percentile(std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  return sorted[std::min(sorted.size() - 1, static_cast<size_t>(p / 100 * static_cast<double>(sorted.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: bench_ack_load PORT SECONDS CONNECTIONS RATE IMAGE\n";
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const double seconds = std::atof(argv[2]);
  const int connections = std::max(1, std::atoi(argv[3]));
  const double rate = std::atof(argv[4]);
  const Body body = make_body(argv[5]);
  std::signal(SIGPIPE, SIG_IGN);  // a connection the server closed is an error to count, not the end

  const auto interval =
      rate > 0 ? std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(connections / rate))
               : Clock::duration::zero();
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  Tally tally;
  std::vector<std::thread> threads;
  for (int i = 0; i < connections; ++i) {
    threads.emplace_back(run_connection, i, connections, port, std::cref(body), end, interval, std::ref(tally));
  }
  for (auto& t : threads) t.join();

  std::sort(tally.latencies_ms.begin(), tally.latencies_ms.end());
  // The window the counted requests finished in: the run's length.
  std::printf("RESULT requests=%zu seconds=%.3f p50_ms=%.3f p99_ms=%.3f errors=%ld\n", tally.latencies_ms.size(),
              seconds, percentile(tally.latencies_ms, 50), percentile(tally.latencies_ms, 99), tally.errors);
  return 0;
}
