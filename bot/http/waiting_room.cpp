#include "bot/http/waiting_room.h"

#include <spdlog/spdlog.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace paike::http {

WaitingRoom::WaitingRoom(Ready ready, std::chrono::milliseconds head_time)
    : ready_(std::move(ready)),
      head_time_(head_time),
      epoll_fd_(epoll_create1(EPOLL_CLOEXEC)),
      wake_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  epoll_event e{};
  e.events = EPOLLIN;
  e.data.fd = wake_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &e);
  thread_ = std::thread([this] { run(); });
}

WaitingRoom::~WaitingRoom() {
  stop();
  close(wake_fd_);
  close(epoll_fd_);
}

void WaitingRoom::park(std::unique_ptr<Connection> connection, SteadyTime idle_until,
                       std::optional<SteadyTime> head_started) {
  std::lock_guard lock(mutex_);
  if (stopped_) return;  // closed by the destructor of `connection`
  const int fd = connection->fd();
  // Edge-triggered: woken by new bytes only, so a head trickling in is looked at once per
  // arrival, not again and again while it stays incomplete. Bytes already there count as new.
  epoll_event e{};
  e.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
  e.data.fd = fd;
  if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &e) != 0) {
    spdlog::warn("connection from {}: cannot wait for its next request ({}); closed", connection->peer().ip,
                 std::strerror(errno));
    return;
  }
  waiting_[fd] = Waiting{std::move(connection), idle_until, head_started};
}

void WaitingRoom::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
  }
  const uint64_t one = 1;
  [[maybe_unused]] auto written = write(wake_fd_, &one, sizeof one);
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  waiting_.clear();
}

size_t WaitingRoom::waiting() {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

void WaitingRoom::look_at(int fd, std::vector<std::pair<std::unique_ptr<Connection>, SteadyTime>>& ready) {
  auto it = waiting_.find(fd);
  if (it == waiting_.end()) return;
  Waiting& w = it->second;
  const Connection::Head head = w.connection->head();
  if (head == Connection::Head::none) return;
  if (head != Connection::Head::closed && !w.head_started) w.head_started = std::chrono::steady_clock::now();
  if (head == Connection::Head::partial) return;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  if (head == Connection::Head::whole) ready.emplace_back(std::move(w.connection), *w.head_started);
  waiting_.erase(it);  // a closed one is closed here
}

void WaitingRoom::run() {
  std::vector<epoll_event> events(64);
  for (;;) {
    int timeout_ms = -1;
    {
      std::lock_guard lock(mutex_);
      if (stopped_) return;
      SteadyTime next = SteadyTime::max();
      for (const auto& [fd, w] : waiting_) next = std::min(next, w.due(head_time_));
      if (next != SteadyTime::max()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(next - std::chrono::steady_clock::now());
        timeout_ms = static_cast<int>(std::clamp<int64_t>(left.count() + 1, 0, 60'000));
      }
    }
    const int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), timeout_ms);
    std::vector<std::pair<std::unique_ptr<Connection>, SteadyTime>> ready;
    std::vector<std::unique_ptr<Connection>> expired;  // closed outside the lock
    {
      std::lock_guard lock(mutex_);
      if (stopped_) return;
      for (int i = 0; i < n; ++i) {
        if (events[static_cast<size_t>(i)].data.fd != wake_fd_) look_at(events[static_cast<size_t>(i)].data.fd, ready);
      }
      const auto now = std::chrono::steady_clock::now();
      for (auto it = waiting_.begin(); it != waiting_.end();) {
        if (it->second.due(head_time_) > now) {
          ++it;
          continue;
        }
        epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, it->first, nullptr);
        expired.push_back(std::move(it->second.connection));
        it = waiting_.erase(it);
      }
    }
    for (auto& [connection, head_started] : ready) ready_(std::move(connection), head_started);
  }
}

}  // namespace paike::http
