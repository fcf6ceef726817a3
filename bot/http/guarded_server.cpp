#include "bot/http/guarded_server.h"

#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "bot/http/responses.h"

namespace paike::http {

namespace {

using std::chrono::milliseconds;

// The request served on this thread, for restart_body_pace and take_ordinary_thread.
struct CurrentRequest {
  Connection* connection = nullptr;
  GuardedServer* server = nullptr;
  bool ordinary_thread = false;
  bool close_after = false;
};
thread_local CurrentRequest current;

// Written straight to a connection that is over its cap, before anything was read from it.
void refuse_connection(int fd) {
  static const std::string kBusy = [] {
    const std::string body = R"({"error":"too many connections from this address; retry in a moment"})";
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 5\r\n"
           "Connection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  [[maybe_unused]] auto sent = send(fd, kBusy.data(), kBusy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  shutdown(fd, SHUT_RDWR);
  close(fd);
}

}  // namespace

// The task queue httplib's accept loop hands connections to: paike's own pool, so that the
// waiting room can hand connections back to it. On shutdown the room stops first.
class GuardedServer::Queue : public httplib::TaskQueue {
 public:
  explicit Queue(GuardedServer& server) : server_(server) {}
  void enqueue(std::function<void()> fn) override { server_.pool_.enqueue(std::move(fn)); }
  void shutdown() override { server_.shut_down(); }

 private:
  GuardedServer& server_;
};

// Sets `current` for one request; gives its ordinary thread back when it ends.
class RequestScope {
 public:
  RequestScope(GuardedServer& server, Connection& connection) { current = {&connection, &server, false, false}; }
  ~RequestScope() {
    if (current.ordinary_thread) --current.server->ordinary_in_flight_;
    current = {};
  }
  bool close_after() const { return current.close_after; }
};

GuardedServer::GuardedServer(ConnectionLimits limits)
    : limits_(limits),
      clients_(limits.connections_per_client, limits.max_connections),
      pool_(static_cast<size_t>(limits.threads)),
      room_(
          [this](std::unique_ptr<Connection> connection, SteadyTime head_started) {
            // std::function needs a copyable task: the pool's job owns the connection.
            Connection* c = connection.release();
            pool_.enqueue([this, c, head_started] { serve(std::unique_ptr<Connection>(c), head_started); });
          },
          limits.head_time) {
  new_task_queue = [this] { return new Queue(*this); };
}

GuardedServer::~GuardedServer() { shut_down(); }

void GuardedServer::shut_down() {
  std::call_once(shut_down_, [this] {
    room_.stop();  // no connection comes back to the pool after this
    {
      // A read waiting for a slow client would hold up the stop for its timeout. The answers
      // of requests in hand still go out.
      std::lock_guard lock(serving_mutex_);
      for (int fd : serving_) shutdown(fd, SHUT_RD);
    }
    pool_.shutdown();
  });
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  PeerAddress peer = socket_address(sock, true);
  auto slot = clients_.admit(peer.ip);
  if (!slot) {
    spdlog::warn("connection from {} refused: {} connections open", peer.ip, clients_.open());
    refuse_connection(sock);
    return false;
  }
  serve(std::make_unique<Connection>(sock, std::move(peer), std::move(slot)), std::chrono::steady_clock::now());
  return true;
}

void GuardedServer::serve(std::unique_ptr<Connection> connection, SteadyTime head_started) {
  const auto read_timeout = std::chrono::seconds(read_timeout_sec_) + std::chrono::microseconds(read_timeout_usec_);
  const auto write_timeout = std::chrono::seconds(write_timeout_sec_) + std::chrono::microseconds(write_timeout_usec_);
  const int fd = connection->fd();
  struct Serving {
    GuardedServer& s;
    int fd;
    Serving(GuardedServer& server, int socket) : s(server), fd(socket) {
      std::lock_guard lock(s.serving_mutex_);
      s.serving_.insert(fd);
    }
    ~Serving() {
      std::lock_guard lock(s.serving_mutex_);
      s.serving_.erase(fd);
    }
  } serving(*this, fd);
  while (svr_sock_ != INVALID_SOCKET) {
    const Connection::Head head = connection->head();
    if (head == Connection::Head::closed) return;
    if (head != Connection::Head::whole) {
      const auto now = std::chrono::steady_clock::now();
      if (connection->requests_served() == 0) {
        room_.park(std::move(connection), head_started + limits_.head_time, head_started);
      } else {
        room_.park(std::move(connection), now + limits_.keep_alive, std::nullopt);
      }
      return;
    }
    connection->begin_request(head_started, limits_.head_time, limits_.body_bytes_per_second);
    const bool last = connection->requests_served() + 1 >= keep_alive_max_count_;
    bool closed_by_client = false;
    bool ok;
    bool close_after;
    {
      RequestScope scope(*this, *connection);
      Connection::Stream stream(*connection, std::chrono::duration_cast<milliseconds>(read_timeout),
                                std::chrono::duration_cast<milliseconds>(write_timeout));
      ok = process_request(stream, last, closed_by_client, nullptr);
      close_after = scope.close_after();
    }
    connection->end_request();
    if (!ok || closed_by_client || close_after || last || connection->failed()) return;  // closed as `connection` goes
    // A next request read ahead (pipelined) started with this one's end.
    head_started = std::chrono::steady_clock::now();
  }
}

void restart_body_pace(milliseconds grace) {
  if (current.connection) current.connection->restart_read_pace(grace);
}

bool take_ordinary_thread() {
  if (!current.server || current.ordinary_thread) return true;
  GuardedServer& s = *current.server;
  const int limit = std::max(1, s.limits_.threads - s.limits_.reserved_threads);
  if (s.ordinary_in_flight_.fetch_add(1) >= limit) {
    --s.ordinary_in_flight_;
    return false;
  }
  current.ordinary_thread = true;
  return true;
}

void close_after_answer(httplib::Response& res) {
  res.set_header("Connection", "close");
  current.close_after = true;
}

void answer_busy(httplib::Response& res) {
  send_error(res, 503, "the server is busy; please retry in a moment");
  res.set_header("Retry-After", "5");
  close_after_answer(res);
}

}  // namespace paike::http
