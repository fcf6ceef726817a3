// httplib 0.11 (Debian 12) listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, compiled
// into libcpp-httplib.so, so defining the macro here changes nothing). A burst of new
// connections overflows it: the kernel then drops SYNs (the client retries after 1 s) or the
// handshake's last ACK, and a client that believes it is connected sends its request into
// a connection the server never took, and gets a reset. Platforms open connections in bursts
// when they retry; so did the benchmark's 64 photo uploaders (resets at saturation).
// Calling listen() again on the bound socket sets a new backlog (Linux allows it).
#pragma once

namespace paike::http {

// Finds this process's listening TCP socket on `port` (after httplib's bind_to_port, before
// or after it starts accepting) and sets its backlog. False if there is none.
bool widen_listen_backlog(int port, int backlog);

}  // namespace paike::http
