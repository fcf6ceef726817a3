// GuardedServer: httplib's server, serving its connections so that no client can hold them.
//
// httplib 0.11 serves each connection on one of its threads from accept to close, reading
// with a timeout per read only: a client trickling its headers, or a body, or reading its
// answer a byte at a time, keeps a thread as long as it likes, and http_threads such clients
// take the server off the air (66 did). GuardedServer keeps httplib's parsing and routing
// (Server::process_request) and serves the connection itself:
// - a connection without a whole request line and headers waits in the WaitingRoom, with no
//   thread, and is closed if they are not all in within limits.head_time;
// - while a thread serves a request, its bytes both ways keep pace (Connection's Pace: at
//   least body_bytes_per_second after a grace of head_time), or the connection is cut;
// - one client address holds at most connections_per_client connections (0: no cap), all of
//   them at most max_connections; a connection over either gets a 503 and is closed;
// - ordinary routes (ledger, API, simulator) take at most threads − reserved_threads
//   threads (take_ordinary_thread), so /healthz and the webhooks always find one.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>

#include "bot/http/connection.h"
#include "bot/http/waiting_room.h"

namespace paike::http {

struct ConnectionLimits {
  int threads = 64;
  int reserved_threads = 8;
  std::chrono::milliseconds head_time{10'000};
  std::chrono::milliseconds keep_alive{5'000};
  size_t body_bytes_per_second = 32 * 1024;
  int connections_per_client = 64;
  // Sockets beyond 1023 cannot be waited on with select(), which httplib's library build uses.
  int max_connections = 768;
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits);
  ~GuardedServer() override;

  // Connections open now, waiting ones included (tests, metrics).
  int open_connections() { return clients_.open(); }
  size_t waiting_connections() { return room_.waiting(); }

 private:
  class Queue;
  friend class RequestScope;
  friend bool take_ordinary_thread();
  // Called by httplib's accept loop, on a pool thread, for each new connection.
  bool process_and_close_socket(socket_t sock) override;
  // Serves requests while they are in, then parks the connection or closes it.
  void serve(std::unique_ptr<Connection> connection, SteadyTime head_started);
  void shut_down();

  const ConnectionLimits limits_;
  ClientTally clients_;
  httplib::ThreadPool pool_;
  WaitingRoom room_;
  std::atomic<int> ordinary_in_flight_{0};
  std::mutex serving_mutex_;
  std::set<int> serving_;  // sockets a thread is serving now: stop cuts their reads short
  std::once_flag shut_down_;
};

// For the request being served on this thread. Outside a GuardedServer's request (a plain
// httplib server in a test), both do nothing.
//
// The body is read from now on, with `grace` before its pace counts: after the route made it
// wait for a slot (the webhooks' large bodies), so that the wait does not count against the
// client, and a slow sender holding a slot loses it within `grace`.
void restart_body_pace(std::chrono::milliseconds grace);
// Takes one of the threads ordinary routes may use, for the rest of this request; false when
// only the reserved ones are left (answer 503).
bool take_ordinary_thread();
// Answers with "Connection: close" and closes the connection after the answer: for a request
// whose body was left unread, which must not be taken for the next request.
void close_after_answer(httplib::Response& res);
// 503 with Retry-After, the body unread (after take_ordinary_thread said no).
void answer_busy(httplib::Response& res);

}  // namespace paike::http
