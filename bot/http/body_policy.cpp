#include "bot/http/body_policy.h"

#include "config/text.h"

namespace paike::http {

bool is_chunked(const httplib::Request& req) {
  std::string encoding = req.get_header_value("Transfer-Encoding");
  for (char& c : encoding) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return encoding.find("chunked") != std::string::npos;
}

std::optional<BodyRefusal> refuse_body(const httplib::Request& req) {
  const bool chunked = is_chunked(req);
  const bool announced = req.get_header_value<uint64_t>("Content-Length") > 0;
  if (req.method == "GET" || req.method == "HEAD") {
    if (chunked || announced) return BodyRefusal{400, "this route takes no request body"};
    return std::nullopt;
  }
  if (chunked && !(req.method == "POST" && starts_with(req.path, "/webhook/"))) {
    return BodyRefusal{411, "send the request body with a Content-Length"};
  }
  return std::nullopt;
}

}  // namespace paike::http
