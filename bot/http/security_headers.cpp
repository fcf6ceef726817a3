#include "bot/http/responses.h"

namespace paike::http {

namespace {

constexpr const char* kHtmlPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void add_if_missing(httplib::Response& res, const char* name, const char* value) {
  if (!res.has_header(name)) res.set_header(name, value);
}

}  // namespace

void add_security_headers(httplib::Response& res) {
  add_if_missing(res, "X-Content-Type-Options", "nosniff");
  add_if_missing(res, "X-Frame-Options", "DENY");
  add_if_missing(res, "Referrer-Policy", "same-origin");
  if (res.get_header_value("Content-Type").rfind("text/html", 0) == 0) {
    add_if_missing(res, "Content-Security-Policy", kHtmlPolicy);
  }
}

}  // namespace paike::http
