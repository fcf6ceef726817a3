// WaitingRoom: connections waiting for their next request, held without a thread.
//
// httplib gives a connection a thread from accept to close, also while it waits for a request
// or trickles its headers in: 66 clients sending a header line every few seconds held all
// http_threads and took every group off the air. Here one epoll thread watches every
// connection that has no whole request line and headers yet (a new one, or a keep-alive one
// between requests) and hands it to `ready` once they are all in. It closes a connection
// that sends nothing until `idle_until`, or whose headers are not all in `head_time` after
// their first byte. Thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "bot/http/connection.h"

namespace paike::http {

class WaitingRoom {
 public:
  using Ready = std::function<void(std::unique_ptr<Connection>, SteadyTime head_started)>;
  WaitingRoom(Ready ready, std::chrono::milliseconds head_time);
  ~WaitingRoom();
  WaitingRoom(const WaitingRoom&) = delete;
  WaitingRoom& operator=(const WaitingRoom&) = delete;

  // Watches `connection` until its next request's line and headers are in. `head_started`:
  // its head began arriving then (a new connection's clock starts at accept); nullopt: an
  // idle keep-alive connection, whose head clock starts at its first byte. After stop() the
  // connection is closed at once.
  void park(std::unique_ptr<Connection> connection, SteadyTime idle_until, std::optional<SteadyTime> head_started);
  // Closes every waiting connection and stops the thread; later park() calls close theirs.
  void stop();
  size_t waiting();

 private:
  struct Waiting {
    std::unique_ptr<Connection> connection;
    SteadyTime idle_until;
    std::optional<SteadyTime> head_started;
    SteadyTime due(std::chrono::milliseconds head_time) const {
      return head_started ? *head_started + head_time : idle_until;
    }
  };
  void run();
  // Under mutex_: hands over or drops the connection on `fd` if its head is in or it closed.
  void look_at(int fd, std::vector<std::pair<std::unique_ptr<Connection>, SteadyTime>>& ready);

  const Ready ready_;
  const std::chrono::milliseconds head_time_;
  const int epoll_fd_;
  const int wake_fd_;               // an eventfd: stop() wakes the thread through it
  std::mutex mutex_;                // guards waiting_ and stopped_
  std::map<int, Waiting> waiting_;  // by socket
  bool stopped_ = false;
  std::thread thread_;
};

}  // namespace paike::http
