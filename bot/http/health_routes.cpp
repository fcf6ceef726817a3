// GET /healthz (database and outbox health) and GET /metrics (Prometheus text format).
#include "bot/http/responses.h"
#include "bot/http/routes.h"
#include "storage/inbox.h"
#include "storage/outbox.h"

namespace paike::http {

void add_health_routes(httplib::Server& server, AppServices& s) {
  server.Get("/healthz", [&s](const httplib::Request&, httplib::Response& res) {
    try {
      auto db = s.pool.acquire();
      Outbox outbox(*db);
      send_json(res, 200, {{"ok", true},
                           {"db", "ok"},
                           {"inbox_pending", Inbox(*db).count_pending()},
                           {"outbox_pending", outbox.count("pending")},
                           {"outbox_failed", outbox.count("failed")}});
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
    SQLite::Statement q(db->sql(), "SELECT status, COUNT(*) FROM tickets GROUP BY status");
    while (q.executeStep()) {
      out += "paike_tickets{status=\"" + q.getColumn(0).getString() + "\"} " + std::to_string(q.getColumn(1).getInt64()) + "\n";
    }
    metric("paike_inbox_pending", "Events waiting for the worker.", "gauge");
    out += "paike_inbox_pending " + std::to_string(Inbox(*db).count_pending()) + "\n";
    metric("paike_outbox_messages", "Outbox messages by state.", "gauge");
    Outbox outbox(*db);
    for (const char* state : {"pending", "sent", "failed"}) {
      out += std::string("paike_outbox_messages{state=\"") + state + "\"} " + std::to_string(outbox.count(state)) + "\n";
    }
    res.set_content(out, "text/plain; version=0.0.4");
  });
}

}  // namespace paike::http
