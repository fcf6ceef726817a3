// Which requests may carry a body, decided from the request line and headers before any of
// the body is read (httplib's pre-routing step). httplib 0.11 checks max_body only against a
// Content-Length: a chunked body would be read whole, however large. So a chunked body is
// taken only by the webhooks (platforms send them; the route counts the bytes as it reads and
// stops at max_body), the other routes — forms and API calls, which always know their
// length — answer 411, and a GET or HEAD announcing a body is refused outright.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

namespace paike::http {

struct BodyRefusal {
  int status;
  std::string reason;
};

std::optional<BodyRefusal> refuse_body(const httplib::Request& req);

// True when the request's body comes chunked (Transfer-Encoding names "chunked").
bool is_chunked(const httplib::Request& req);

}  // namespace paike::http
