// JSON answers for the HTTP routes: every error is a status plus {"error": reason}.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

namespace paike::http {

inline void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

inline void send_error(httplib::Response& res, int status, const std::string& reason) {
  send_json(res, status, {{"error", reason}});
}

}  // namespace paike::http
