// Open311 GeoReport v2 under /open311/v2/: services, requests (GET with filters, POST with
// api_key filing a report as if a villager had posted it) and one request by id; JSON and
// XML. Field names follow the published spec exactly; paike's statuses map to open/closed
// with the detail in status_notes. Errors are [{"code": …, "description": …}] as the spec asks.
#include <pugixml.hpp>

#include <sstream>

#include "bot/http/responses.h"
#include "bot/http/routes.h"
#include "config/text.h"
#include "handlers/intake/open311_report.h"
#include "handlers/intake/replies.h"
#include "handlers/ledger/login_link.h"
#include "handlers/ledger/public_text.h"
#include "handlers/ticket_words.h"
#include "storage/ledger_query.h"
#include "storage/ticket_repo.h"

namespace paike::http {

namespace {

using nlohmann::json;

constexpr int kMaxRequests = 1000;
constexpr size_t kMaxRequestIds = 100;
constexpr auto kDefaultWindow = std::chrono::days(90);  // the spec's default when no dates are given

// A flat array of flat objects as GeoReport XML: <root><item><field>…</field></item></root>.
std::string to_xml(const json& list, const char* root, const char* item) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "utf-8";
  auto top = doc.append_child(root);
  for (const auto& entry : list) {
    auto node = top.append_child(item);
    for (const auto& [key, value] : entry.items()) {
      auto field = node.append_child(key.c_str());
      if (value.is_null()) continue;
      // clean_text: pugixml writes control characters as they are, and one makes the feed invalid XML.
      field.text().set(clean_text(value.is_string() ? value.get<std::string>() : value.dump()).c_str());
    }
  }
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw);
  return out.str();
}

void send_list(httplib::Response& res, int status, const json& list, bool xml, const char* root, const char* item) {
  res.status = status;
  if (xml) {
    res.set_content(to_xml(list, root, item), "text/xml; charset=utf-8");
  } else {
    res.set_content(list.dump(), "application/json; charset=utf-8");
  }
}

void send_311_error(httplib::Response& res, int status, const std::string& description, bool xml) {
  send_list(res, status, json::array({{{"code", status}, {"description", description}}}), xml, "errors", "error");
}

std::string status_notes(const Ticket& t, const Deployment& d) {
  if (t.status == TicketStatus::merged && t.merged_into)
    return d.wording.render("open311.merged_into", {{"ticket", std::to_string(*t.merged_into)}});
  return status_name(d, t.status);
}

json request_json(const Ticket& t, TicketRepo& repo, const Deployment& d) {
  const Category* category = d.find_category(t.category);
  auto events = repo.events(t.id);
  const TimePoint updated = events.empty() ? t.created_at : events.back().at;
  auto photos = repo.photos(t.id);
  json media = photos.empty() ? json(nullptr) : json(ledger_base_url(d) + "/photos/" + photos.front().sha256 + ".jpg");
  return {{"service_request_id", std::to_string(t.id)},
          {"status", is_open(t.status) ? "open" : "closed"},
          {"status_notes", status_notes(t, d)},
          {"service_name", category ? category->name : t.category},
          {"service_code", t.category},
          {"description", public_text(t.text, d)},  // open to anyone: personal data masked
          {"agency_responsible", t.village},
          {"service_notice", nullptr},
          {"requested_datetime", format_iso8601(t.created_at, d.time_zone)},
          {"updated_datetime", format_iso8601(updated, d.time_zone)},
          {"expected_datetime", format_iso8601(t.due_at, d.time_zone)},
          {"address", ticket_place(t, d)},
          {"address_id", nullptr},
          {"zipcode", nullptr},
          {"lat", t.point ? json(t.point->lat) : json(nullptr)},
          {"long", t.point ? json(t.point->lng) : json(nullptr)},
          {"media_url", media}};
}

std::optional<double> parse_coordinate(const std::string& text, double limit) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  try {
    size_t used = 0;
    double v = std::stod(text, &used);
    if (used != text.size() || !(v >= -limit && v <= limit)) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

void add_open311_routes(httplib::Server& server, AppServices& s) {
  server.Get(R"(/open311/v2/services\.(json|xml))", [&s](const httplib::Request& req, httplib::Response& res) {
    json list = json::array();
    for (const auto& c : s.deployment.categories) {
      json keywords = json::array();
      for (const auto& k : c.keywords) keywords.push_back(k.word);
      std::string joined;
      for (size_t i = 0; i < c.keywords.size() && i < 8; ++i) joined += (i ? "," : "") + c.keywords[i].word;
      list.push_back(
          {{"service_code", c.code},
           {"service_name", c.name},
           {"description", s.deployment.wording.render(
                               "open311.service_description",
                               {{"category", c.name}, {"deadline", chinese_duration(s.deployment, c.deadline)}})},
           {"metadata", false},
           {"type", "realtime"},
           {"keywords", joined},
           {"group", s.deployment.wording.render("open311.service_group")}});
    }
    send_list(res, 200, list, req.matches[1] == "xml", "services", "service");
  });

  server.Get(R"(/open311/v2/requests\.(json|xml))", [&s](const httplib::Request& req, httplib::Response& res) {
    const bool xml = req.matches[1] == "xml";
    const TimePoint now = s.clock.now();
    auto db = s.pool.acquire();
    TicketRepo repo(*db);
    json list = json::array();
    if (req.has_param("service_request_id")) {
      // Several ids, comma-separated; the other filters do not apply (spec). At most
      // kMaxRequestIds: 4,000 ids made a 2.5 MB answer.
      const auto ids = split(req.get_param_value("service_request_id"), ',');
      if (ids.size() > kMaxRequestIds) {
        return send_311_error(res, 400, "at most " + std::to_string(kMaxRequestIds) + " service_request_id values",
                              xml);
      }
      for (const auto& id : ids) {
        if (id.empty() || id.size() > 12 || id.find_first_not_of("0123456789") != std::string::npos) continue;
        if (auto t = repo.get(std::stoll(id))) list.push_back(request_json(*t, repo, s.deployment));
      }
      return send_list(res, 200, list, xml, "service_requests", "request");
    }
    LedgerQuery q;
    q.now = now;
    q.limit = kMaxRequests;
    q.category = req.get_param_value("service_code");
    if (!q.category.empty() && !s.deployment.find_category(q.category)) {
      return send_311_error(res, 400, "unknown service_code", xml);
    }
    const std::string status = req.get_param_value("status");
    if (status == "open") {
      q.status = "open";
    } else if (status == "closed") {
      q.status = "finished";
    } else if (!status.empty()) {
      return send_311_error(res, 400, "status must be open or closed", xml);
    }
    for (const char* name : {"start_date", "end_date"}) {
      const std::string value = req.get_param_value(name);
      if (value.empty()) continue;
      auto at = parse_iso8601(value);
      if (!at) return send_311_error(res, 400, std::string(name) + " must be ISO 8601 with a time zone", xml);
      if (std::string(name) == "start_date")
        q.created_from = *at;
      else
        q.created_to = *at;
    }
    if (!q.created_from && !q.created_to) q.created_from = now - kDefaultWindow;
    auto page = search_ledger(*db, q);
    for (const auto& t : page.tickets) {
      list.push_back(request_json(t, repo, s.deployment));
    }
    send_list(res, 200, list, xml, "service_requests", "request");
  });

  server.Get(
      R"(/open311/v2/requests/(\d{1,12})\.(json|xml))", [&s](const httplib::Request& req, httplib::Response& res) {
        const bool xml = req.matches[2] == "xml";
        auto db = s.pool.acquire();
        TicketRepo repo(*db);
        auto t = repo.get(std::stoll(req.matches[1]));
        if (!t) return send_311_error(res, 404, "no such service_request_id", xml);
        send_list(res, 200, json::array({request_json(*t, repo, s.deployment)}), xml, "service_requests", "request");
      });

  server.Post(R"(/open311/v2/requests\.(json|xml))", [&s](const httplib::Request& req, httplib::Response& res) {
    const bool xml = req.matches[1] == "xml";
    if (!is_api_token(req.get_param_value("api_key"), s.deployment)) {
      return send_311_error(res, 403, "a valid api_key is required", xml);
    }
    Open311Report report;
    report.service_code = req.get_param_value("service_code");
    if (report.service_code.empty()) return send_311_error(res, 400, "service_code is required", xml);
    report.description = std::string(trim(req.get_param_value("description")));
    if (report.description.empty()) return send_311_error(res, 400, "description is required", xml);
    if (report.description.size() > 4000) return send_311_error(res, 400, "description is too long", xml);
    report.address = std::string(trim(req.get_param_value("address_string")));
    const std::string lat = req.get_param_value("lat"), lng = req.get_param_value("long");
    if (!lat.empty() || !lng.empty()) {
      auto la = parse_coordinate(lat, 90), lo = parse_coordinate(lng, 180);
      if (!la || !lo) return send_311_error(res, 400, "lat and long must be decimal degrees (WGS-84)", xml);
      report.point = GeoPoint{*la, *lo};
    }
    if (!report.point && report.address.empty()) {
      return send_311_error(res, 400, "a location is required: lat and long, or address_string", xml);
    }
    std::string account = req.get_param_value("account_id");
    if (account.empty()) account = req.get_param_value("email");
    if (account.empty()) account = req.get_param_value("device_id");
    report.reporter_id = "open311:" + (account.empty() ? std::string("anonymous") : utf8_truncate(account, 64));
    const std::string name = std::string(trim(req.get_param_value("last_name") + req.get_param_value("first_name")));
    report.reporter_name = name.empty() ? s.deployment.wording.render("open311.reporter") : utf8_truncate(name, 20);
    report.request_key = "open311-" + random_secret().substr(0, 16);
    auto db = s.pool.acquire();
    auto ticket =
        db->transaction([&] { return file_open311_report(report, s.tagger, s.deployment, *db, s.clock.now()); });
    if (!ticket) return send_311_error(res, 400, ticket.error().message, xml);
    s.wake_outbox();
    send_list(res, 200,
              json::array({{{"service_request_id", std::to_string(ticket->id)},
                            {"service_notice", s.deployment.wording.render("open311.filed")},
                            {"account_id", nullptr}}}),
              xml, "service_requests", "request");
  });
}

}  // namespace paike::http
