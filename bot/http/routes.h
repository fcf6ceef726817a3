// Route groups of the HTTP server; each adds its handlers to the server.
#pragma once

#include <httplib.h>

#include "bot/app_services.h"

namespace paike::http {

void add_webhook_routes(httplib::Server& server, AppServices& services);  // POST /webhook/<platform>
void add_api_routes(httplib::Server& server, AppServices& services);      // /api/v1/tickets…
void add_photo_routes(httplib::Server& server, AppServices& services);    // /photos/<sha256>.jpg
void add_health_routes(httplib::Server& server, AppServices& services);   // /healthz, /metrics
void add_sim_routes(httplib::Server& server, AppServices& services);      // /sim, /sim/api/…
void add_ledger_routes(httplib::Server& server, AppServices& services);   // /, /tickets/…, /stats, /export.*
void add_open311_routes(httplib::Server& server, AppServices& services);  // /open311/v2/…

}  // namespace paike::http
