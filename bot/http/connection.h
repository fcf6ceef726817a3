// One accepted HTTP connection as GuardedServer serves it: the socket, the peer's address,
// the bytes read ahead of the request being served, and the pace its bytes must keep.
//
// A request's bytes must keep pace: by any moment, `grace` after the request began, at least
// rate × (the time since) bytes must have come (or gone, for the answer). A client that sends a
// header line every few seconds, or a body a few bytes at a time, falls behind within the grace
// and is cut; a slow but real upload (a township office's 4G) keeps far ahead of it. Unlike a
// fixed total deadline, this needs no length known in advance (chunked bodies) and is fair to
// large bodies. Not thread-safe: one thread serves a connection at a time.
#pragma once

#include <httplib.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace paike::http {

using SteadyTime = std::chrono::steady_clock::time_point;

// The pace one direction of a request must keep (see above). rate 0: no pace.
class Pace {
 public:
  Pace() = default;
  Pace(SteadyTime start, std::chrono::milliseconds grace, size_t bytes_per_second)
      : start_(start), grace_(grace), bytes_per_second_(bytes_per_second) {}
  void count(size_t bytes) { bytes_ += bytes; }
  // When the next byte must have come for the pace to hold.
  SteadyTime next_byte_due() const;

 private:
  SteadyTime start_{};
  std::chrono::milliseconds grace_{0};
  size_t bytes_per_second_ = 0;
  size_t bytes_ = 0;
};

// How many connections each client address holds, and all of them together; a Connection
// holds its ClientSlot until it closes. Thread-safe.
class ClientTally {
 public:
  ClientTally(int per_client, int total) : per_client_(per_client), total_(total) {}
  class Slot;
  // A slot for one more connection from `address`, or nullptr when it (or the server) holds
  // its cap. per_client 0: no cap per address.
  std::unique_ptr<Slot> admit(const std::string& address);
  int open();

 private:
  void release(const std::string& address);
  std::mutex mutex_;
  std::map<std::string, int> by_address_;
  int open_ = 0;
  const int per_client_;
  const int total_;
};

class ClientTally::Slot {
 public:
  Slot(ClientTally& tally, std::string address) : tally_(tally), address_(std::move(address)) {}
  ~Slot() { tally_.release(address_); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  ClientTally& tally_;
  std::string address_;
};

struct PeerAddress {
  std::string ip;
  int port = 0;
};
// The remote (peer) or local address of a connected socket; empty ip when unknown.
PeerAddress socket_address(int fd, bool peer);

class Connection {
 public:
  // Takes ownership of `fd` (closed on destruction) and of the client's slot.
  Connection(int fd, PeerAddress peer, std::unique_ptr<ClientTally::Slot> slot);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  int fd() const { return fd_; }
  const PeerAddress& peer() const { return peer_; }
  // True when bytes of a next request were read ahead (pipelined) and wait in the buffer.
  bool has_buffered() const { return begin_ < end_; }
  // How far the next request's line and headers have come, read ahead or in the socket:
  // one non-blocking peek.
  enum class Head {
    none,     // not a byte yet
    partial,  // some bytes, no end of the headers yet
    whole,    // all in (or more than httplib would take, or the client closed after a part)
    closed,   // the client closed, or the socket failed, before sending any of it
  };
  Head head() const;

  // Starts a request: its bytes (both ways) keep pace from `started`.
  void begin_request(SteadyTime started, std::chrono::milliseconds grace, size_t bytes_per_second);
  // The request's body is read from now on, with its own grace (after a wait for a slot
  // during which the client was not read).
  void restart_read_pace(std::chrono::milliseconds grace);
  size_t requests_served() const { return served_; }
  // True once a read or write failed (the client fell behind its pace, timed out or went):
  // whatever httplib answered, the connection is closed, not read on as the next request.
  bool failed() const { return failed_; }
  void end_request() { ++served_; }

  // The request being served, as httplib reads and writes it: reads and writes wait at most
  // the timeout, and never past the pace.
  class Stream;

 private:
  friend class Stream;
  const int fd_;
  const PeerAddress peer_;
  std::unique_ptr<ClientTally::Slot> slot_;
  // Bytes read from the socket and not yet given to httplib ([begin_, end_)): httplib reads
  // a request line byte by byte.
  std::array<char, 4096> buffer_{};
  size_t begin_ = 0;
  size_t end_ = 0;
  Pace read_pace_;
  Pace write_pace_;
  bool writing_ = false;  // the answer's first byte went out: write_pace_ runs
  std::chrono::milliseconds grace_{0};
  size_t bytes_per_second_ = 0;
  size_t served_ = 0;
  bool failed_ = false;
};

class Connection::Stream : public httplib::Stream {
 public:
  Stream(Connection& connection, std::chrono::milliseconds read_timeout, std::chrono::milliseconds write_timeout)
      : c_(connection), read_timeout_(read_timeout), write_timeout_(write_timeout) {}
  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return c_.fd_; }

 private:
  // Waits for `events` on the socket, at most `timeout` and not past `due`.
  bool wait(short events, std::chrono::milliseconds timeout, SteadyTime due) const;
  Connection& c_;
  const std::chrono::milliseconds read_timeout_;
  const std::chrono::milliseconds write_timeout_;
};

}  // namespace paike::http
