#include "bot/http/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace paike::http {

namespace {

using std::chrono::milliseconds;

// The most of a waiting request peeked at to find the end of its headers; httplib refuses
// longer heads itself (414, 400), so a head that fills this is handed over as it is.
constexpr size_t kHeadPeek = 16 * 1024;

}  // namespace

SteadyTime Pace::next_byte_due() const {
  if (bytes_per_second_ == 0) return SteadyTime::max();
  return start_ + grace_ + std::chrono::microseconds(bytes_ * 1'000'000 / bytes_per_second_);
}

std::unique_ptr<ClientTally::Slot> ClientTally::admit(const std::string& address) {
  std::lock_guard lock(mutex_);
  if (open_ >= total_) return nullptr;
  int& mine = by_address_[address];
  if (per_client_ > 0 && mine >= per_client_) return nullptr;
  ++mine;
  ++open_;
  return std::make_unique<Slot>(*this, address);
}

int ClientTally::open() {
  std::lock_guard lock(mutex_);
  return open_;
}

void ClientTally::release(const std::string& address) {
  std::lock_guard lock(mutex_);
  --open_;
  auto it = by_address_.find(address);
  if (it != by_address_.end() && --it->second <= 0) by_address_.erase(it);
}

PeerAddress socket_address(int fd, bool peer) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  const int rc = peer ? getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length)
                      : getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  if (rc != 0) return {};
  char text[INET6_ADDRSTRLEN] = {};
  PeerAddress out;
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<sockaddr_in*>(&address);
    inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    out.port = ntohs(v4->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<sockaddr_in6*>(&address);
    inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    out.port = ntohs(v6->sin6_port);
  }
  out.ip = text;
  return out;
}

Connection::Connection(int fd, PeerAddress peer, std::unique_ptr<ClientTally::Slot> slot)
    : fd_(fd), peer_(std::move(peer)), slot_(std::move(slot)) {}

Connection::~Connection() {
  shutdown(fd_, SHUT_RDWR);
  close(fd_);
}

Connection::Head Connection::head() const {
  const size_t ahead = end_ - begin_;
  const std::string_view buffered(buffer_.data() + begin_, ahead);
  if (buffered.find("\r\n\r\n") != std::string_view::npos) return Head::whole;
  // The head may straddle the buffer and the socket: peek at the socket's part after ours.
  // On the stack: this runs before every request.
  std::array<char, sizeof buffer_ + kHeadPeek> head;
  std::memcpy(head.data(), buffered.data(), ahead);
  const ssize_t n = recv(fd_, head.data() + ahead, kHeadPeek, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return ahead == 0 ? Head::none : Head::partial;
  // Closed after a partial head: httplib answers or drops it.
  if (n <= 0) return ahead == 0 ? Head::closed : Head::whole;
  const std::string_view peeked(head.data(), ahead + static_cast<size_t>(n));
  const bool whole = peeked.find("\r\n\r\n") != std::string_view::npos || static_cast<size_t>(n) == kHeadPeek;
  return whole ? Head::whole : Head::partial;
}

void Connection::begin_request(SteadyTime started, milliseconds grace, size_t bytes_per_second) {
  grace_ = grace;
  bytes_per_second_ = bytes_per_second;
  read_pace_ = Pace(started, grace, bytes_per_second);
  writing_ = false;
}

void Connection::restart_read_pace(milliseconds grace) {
  read_pace_ = Pace(std::chrono::steady_clock::now(), grace, bytes_per_second_);
}

bool Connection::Stream::wait(short events, milliseconds timeout, SteadyTime due) const {
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= due) return false;
    const auto left = std::chrono::duration_cast<milliseconds>(due - now) + milliseconds(1);
    const auto wait_for = std::min(timeout, left);
    pollfd p{c_.fd_, events, 0};
    const int rc = poll(&p, 1, static_cast<int>(wait_for.count()));
    if (rc > 0) return true;  // ready, or an error the next recv/send reports
    if (rc < 0 && errno == EINTR) continue;
    if (rc < 0 || wait_for == timeout) return false;  // the read/write timeout, not the pace
  }
}

bool Connection::Stream::is_readable() const {
  return c_.has_buffered() || wait(POLLIN, read_timeout_, c_.read_pace_.next_byte_due());
}

bool Connection::Stream::is_writable() const {
  const SteadyTime due = c_.writing_ ? c_.write_pace_.next_byte_due() : SteadyTime::max();
  return wait(POLLOUT, write_timeout_, due);
}

ssize_t Connection::Stream::read(char* ptr, size_t size) {
  if (!c_.has_buffered()) {
    if (!is_readable()) {
      c_.failed_ = true;
      return -1;
    }
    if (size >= c_.buffer_.size()) {  // a body's large read: straight into httplib's buffer
      const ssize_t n = recv(c_.fd_, ptr, size, 0);
      if (n > 0) c_.read_pace_.count(static_cast<size_t>(n));
      if (n <= 0) c_.failed_ = true;
      return n;
    }
    const ssize_t n = recv(c_.fd_, c_.buffer_.data(), c_.buffer_.size(), 0);
    if (n <= 0) {
      c_.failed_ = true;
      return n;
    }
    c_.read_pace_.count(static_cast<size_t>(n));
    c_.begin_ = 0;
    c_.end_ = static_cast<size_t>(n);
  }
  const size_t n = std::min(size, c_.end_ - c_.begin_);
  std::memcpy(ptr, c_.buffer_.data() + c_.begin_, n);
  c_.begin_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t Connection::Stream::write(const char* ptr, size_t size) {
  if (!c_.writing_) {
    c_.writing_ = true;
    c_.write_pace_ = Pace(std::chrono::steady_clock::now(), c_.grace_, c_.bytes_per_second_);
  }
  if (!is_writable()) {
    c_.failed_ = true;
    return -1;
  }
  const ssize_t n = send(c_.fd_, ptr, size, MSG_NOSIGNAL);
  if (n > 0) c_.write_pace_.count(static_cast<size_t>(n));
  if (n < 0) c_.failed_ = true;
  return n;
}

void Connection::Stream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = c_.peer_.ip;
  port = c_.peer_.port;
}

void Connection::Stream::get_local_ip_and_port(std::string& ip, int& port) const {
  const PeerAddress local = socket_address(c_.fd_, false);
  ip = local.ip;
  port = local.port;
}

}  // namespace paike::http
