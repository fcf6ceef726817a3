// Small pieces for the server-rendered ledger pages: escaping, URL encoding and the page
// shell (phone-friendly, one stylesheet from this server, no script or font from outside).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "config/deployment.h"

namespace paike::web {

// Escapes & < > " ' for text and attribute values.
std::string esc(std::string_view text);
// Percent-encodes everything but unreserved characters (RFC 3986).
std::string url_encode(std::string_view text);
// "a=1&b=x" from the non-empty values, in key order.
std::string query_string(const std::map<std::string, std::string>& params);

struct Viewer {
  std::string user_id;
  std::string name;
  std::string role_name;
  std::string csrf_token;
};

// The whole page: <head>, the top bar with the viewer and a logout form, then `body`; its
// words from the deployment's wording (area web.page).
std::string page(const Deployment& deployment, std::string_view title, const Viewer* viewer, std::string_view body);
// A hidden input with the session's CSRF token, for every form that changes something.
std::string csrf_field(const Viewer& viewer);

}  // namespace paike::web
