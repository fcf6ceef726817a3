// JSON answers for the HTTP routes: every error is a status plus {"error": reason}.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "config/deployment.h"

namespace paike::http {

inline void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  // Bytes that are not UTF-8 (a ticket stored before clean_text, a platform's odd name) become
  // U+FFFD instead of an exception and a 500 for the whole answer; control characters are
  // escaped (\u0001) by the writer.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

// One of the deployment's api_tokens (read API bearer, Open311 api_key); constant-time.
bool is_api_token(const std::string& token, const Deployment& deployment);

// On every response, errors included: no MIME sniffing, no framing, no referrer to other
// sites; HTML also gets a Content-Security-Policy that allows only this server's own
// scripts, styles and images (no inline script or style anywhere). Headers a route set itself
// are kept.
void add_security_headers(httplib::Response& res);

inline void send_error(httplib::Response& res, int status, const std::string& reason) {
  send_json(res, status, {{"error", reason}});
}

}  // namespace paike::http
