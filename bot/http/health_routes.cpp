// GET /healthz (database and outbox health) and GET /metrics (Prometheus text format).
#include "bot/http/responses.h"
#include "bot/http/routes.h"
#include "storage/inbox.h"
#include "storage/outbox.h"
#include "storage/ticket_repo.h"

namespace paike::http {

void add_health_routes(httplib::Server& server, AppServices& s) {
  server.Get("/healthz", [&s](const httplib::Request&, httplib::Response& res) {
    try {
      auto db = s.pool.acquire();
      Outbox outbox(*db);
      // Whether the file answers, and whether a webhook could store its event now: a
      // database that reads but cannot be written answers every event with 503.
      std::string db_state = db->answers() ? "ok" : "no answer";
      if (auto why = db->why_unwritable()) db_state = *why;
      const long long failed = outbox.count("failed");
      // Oldest pending message: a stuck sender shows as a growing age.
      const auto oldest = outbox.oldest_pending();
      const long long oldest_age =
          oldest ? std::chrono::duration_cast<std::chrono::seconds>(s.clock.now() - *oldest).count() : 0;
      const bool healthy = db_state == "ok" && oldest_age < 600;
      send_json(res, healthy ? 200 : 503,
                {{"ok", healthy},
                 {"outbox_oldest_pending_seconds", oldest_age},
                 {"db", db_state},
                 {"inbox_pending", Inbox(*db).count_pending()},
                 {"outbox_pending", outbox.count("pending")},
                 {"outbox_failed", failed}});
    } catch (const std::exception& e) {
      send_json(res, 503, {{"ok", false}, {"db", e.what()}});
    }
  });

  server.Get("/metrics", [&s](const httplib::Request&, httplib::Response& res) {
    auto db = s.pool.acquire();
    std::string out;
    auto metric = [&out](const std::string& name, const std::string& help, const std::string& type) {
      out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
    };
    metric("paike_webhook_events_total", "Webhook events by outcome.", "counter");
    out += "paike_webhook_events_total{outcome=\"accepted\"} " + std::to_string(s.metrics.webhook_accepted) + "\n";
    out += "paike_webhook_events_total{outcome=\"duplicate\"} " + std::to_string(s.metrics.webhook_duplicates) + "\n";
    out += "paike_webhook_events_total{outcome=\"refused\"} " + std::to_string(s.metrics.webhook_refused) + "\n";
    metric("paike_tickets", "Tickets by status.", "gauge");
    for (const auto& [status, count] : TicketRepo(*db).count_by_status()) {
      out += "paike_tickets{status=\"" + status + "\"} " + std::to_string(count) + "\n";
    }
    metric("paike_events_received_total", "Chat events accepted, by platform.", "counter");
    for (const auto& [platform, count] : s.metrics.events()) {
      out += "paike_events_received_total{platform=\"" + platform + "\"} " + std::to_string(count) + "\n";
    }
    metric("paike_tickets_overdue", "Open tickets past their deadline.", "gauge");
    out += "paike_tickets_overdue " + std::to_string(TicketRepo(*db).count_overdue(s.clock.now())) + "\n";
    metric("paike_inbox_pending", "Events waiting for the worker.", "gauge");
    out += "paike_inbox_pending " + std::to_string(Inbox(*db).count_pending()) + "\n";
    metric("paike_outbox_messages", "Outbox messages by state.", "gauge");
    Outbox outbox(*db);
    for (const char* state : {"pending", "sent", "failed"}) {
      out +=
          std::string("paike_outbox_messages{state=\"") + state + "\"} " + std::to_string(outbox.count(state)) + "\n";
    }
    metric("paike_outbox_depth", "Messages waiting to be sent.", "gauge");
    out += "paike_outbox_depth " + std::to_string(outbox.count("pending")) + "\n";
    metric("paike_outbox_failures", "Messages the sender gave up on.", "gauge");
    out += "paike_outbox_failures " + std::to_string(outbox.count("failed")) + "\n";
    metric("paike_photo_pipeline_seconds", "Time to check, decode and store the photos of one event.", "histogram");
    out += s.metrics.photo_seconds.render("paike_photo_pipeline_seconds");
    metric("paike_http_request_seconds", "HTTP request latency.", "histogram");
    out += s.metrics.http_seconds.render("paike_http_request_seconds");
    res.set_content(out, "text/plain; version=0.0.4");
  });
}

}  // namespace paike::http
