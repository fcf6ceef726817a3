// The read API (bearer token): GET /api/v1/tickets and GET /api/v1/tickets/{id}.
#include <openssl/crypto.h>

#include "bot/http/responses.h"
#include "bot/http/routes.h"
#include "bot/ticket_json.h"
#include "storage/ticket_repo.h"
#include "storage/voice_notes.h"

namespace paike::http {

bool is_api_token(const std::string& token, const Deployment& d) {
  for (const auto& expected : d.api_tokens) {
    // Constant time, so the token cannot be guessed byte by byte from response times.
    if (expected.size() == token.size() && CRYPTO_memcmp(expected.data(), token.data(), token.size()) == 0) return true;
  }
  return false;
}

namespace {

bool authorized(const httplib::Request& req, const Deployment& d) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.compare(0, prefix.size(), prefix) != 0) return false;
  return is_api_token(header.substr(prefix.size()), d);
}

std::optional<long long> parse_int(const std::string& text) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

}  // namespace

void add_api_routes(httplib::Server& server, AppServices& s) {
  server.Get("/api/v1/tickets", [&s](const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, s.deployment)) return send_error(res, 401, "missing or wrong bearer token");
    TicketFilter filter;
    filter.now = s.clock.now();
    if (req.has_param("status") && !req.get_param_value("status").empty()) {
      filter.status = parse_status(req.get_param_value("status"));
      if (!filter.status) {
        return send_error(res, 400, "unknown status; use assigned, rectified, closed, withdrawn or merged");
      }
    }
    filter.village = req.get_param_value("village");
    filter.grid_id = req.get_param_value("grid_id");
    filter.category = req.get_param_value("category");
    const std::string overdue = req.get_param_value("overdue");
    filter.overdue_only = overdue == "1" || overdue == "true";
    if (req.has_param("limit")) {
      auto limit = parse_int(req.get_param_value("limit"));
      if (!limit || *limit < 1 || *limit > 500) return send_error(res, 400, "limit must be 1 to 500");
      filter.limit = static_cast<int>(*limit);
    }
    if (req.has_param("after")) {
      auto after = parse_int(req.get_param_value("after"));
      if (!after) return send_error(res, 400, "after must be a ticket id");
      filter.after_id = *after;
    }
    auto db = s.pool.acquire();
    TicketRepo repo(*db);
    auto tickets = repo.list(filter);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& t : tickets) list.push_back(ticket_json(t, repo.photos(t.id), s.deployment, filter.now));
    nlohmann::json next =
        static_cast<int>(tickets.size()) == filter.limit ? nlohmann::json(tickets.back().id) : nlohmann::json(nullptr);
    send_json(res, 200, {{"tickets", list}, {"next", next}});
  });

  server.Get(R"(/api/v1/tickets/(\d{1,12}))", [&s](const httplib::Request& req, httplib::Response& res) {
    if (!authorized(req, s.deployment)) return send_error(res, 401, "missing or wrong bearer token");
    auto db = s.pool.acquire();
    TicketRepo repo(*db);
    auto ticket = repo.get(std::stoll(req.matches[1]));
    if (!ticket) return send_error(res, 404, "no such ticket");
    auto body = ticket_json(*ticket, repo.photos(ticket->id), s.deployment, s.clock.now());
    body["events"] = nlohmann::json::array();
    for (const auto& e : repo.events(ticket->id)) body["events"].push_back(audit_event_json(e, s.deployment));
    // Added with voice notes (not in "photos", whose entries are a contract): the audio itself
    // is served to signed-in ledger users only, at `url`.
    body["voices"] = nlohmann::json::array();
    for (const auto& v : TicketVoices(*db).of(ticket->id)) {
      body["voices"].push_back({{"sha256", v.sha256},
                                {"format", v.format},
                                {"bytes", v.bytes},
                                {"transcript", v.transcript},
                                {"added_at", format_iso8601(v.added_at, s.deployment.time_zone)},
                                {"url", "/tickets/" + std::to_string(ticket->id) + "/voices/" + v.sha256}});
    }
    send_json(res, 200, body);
  });
}

}  // namespace paike::http
