// The ack path: verify and parse (the platform), one inbox insert, answer. All processing
// happens later in the inbox worker, so the platform gets its answer within milliseconds.
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <semaphore>

#include "bot/http/responses.h"
#include "bot/http/routes.h"

namespace paike::http {

namespace {

WebhookRequest to_webhook_request(const httplib::Request& req) {
  WebhookRequest out;
  out.method = req.method;
  out.body = req.body;
  for (const auto& [name, value] : req.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    out.headers[lower] = value;
  }
  for (const auto& [name, value] : req.params) out.query[name] = value;
  return out;
}

// A body this large (a simulator photo sent inline) takes several copies of itself to verify
// and store. Holding such requests to two at a time bounds the memory a burst of photos can
// take, whatever http_threads is; small events never wait for them.
constexpr size_t kLargeBody = 256 * 1024;
constexpr std::ptrdiff_t kLargeBodiesAtOnce = 2;

}  // namespace

void add_webhook_routes(httplib::Server& server, AppServices& s) {
  auto large_bodies = std::make_shared<std::counting_semaphore<kLargeBodiesAtOnce>>(kLargeBodiesAtOnce);
  auto handle = [&s, large_bodies](const httplib::Request& req, httplib::Response& res) {
    const bool large = req.body.size() >= kLargeBody;
    if (large) large_bodies->acquire();
    struct Release {
      std::counting_semaphore<kLargeBodiesAtOnce>* semaphore;
      ~Release() {
        if (semaphore) semaphore->release();
      }
    } release{large ? large_bodies.get() : nullptr};
    const std::string name = req.matches[1];
    auto platform = s.platforms.find(name);
    if (platform == s.platforms.end()) {
      send_error(res, 404, "platform '" + name + "' is not enabled in this deployment");
      return;
    }
    const TimePoint now = s.clock.now();
    WebhookOutcome outcome = platform->second->accept_webhook(to_webhook_request(req), now);
    if (outcome.status >= 400) {
      ++s.metrics.webhook_refused;
      spdlog::info("webhook {}: refused with {}", name, outcome.status);  // never log the body
      res.status = outcome.status;
      res.set_content(outcome.body, outcome.content_type);
      return;
    }
    try {
      std::vector<InboxEntry> entries;
      for (auto& e : outcome.events) {
        entries.push_back({name, e.event_id, e.group_id, e.user_id, now, std::move(e.payload)});
      }
      const std::vector<bool> stored = s.inbox_commits.store(std::move(entries));
      for (size_t i = 0; i < stored.size(); ++i) {
        const auto& e = outcome.events[i];
        if (stored[i]) {
          ++s.metrics.webhook_accepted;
          s.metrics.count_event(name);
          spdlog::debug("event {}: accepted from {}/{}", e.event_id, name, e.group_id);
        } else {
          ++s.metrics.webhook_duplicates;
          spdlog::info("event {}: duplicate, already in the inbox", e.event_id);
        }
      }
    } catch (const SQLite::Exception& e) {
      // Not stored, so not acknowledged: the platform will deliver it again.
      spdlog::error("webhook {}: cannot store events: {}", name, e.what());
      const bool disk_full = (e.getErrorCode() & 0xff) == SQLITE_FULL;
      send_error(res, 503, disk_full ? "the server's disk is full; the event was not stored, please retry later"
                                     : "cannot store the event right now; please retry");
      return;
    } catch (const std::exception& e) {
      spdlog::error("webhook {}: cannot store events: {}", name, e.what());
      send_error(res, 503, "cannot store the event right now; please retry");
      return;
    }
    if (!outcome.events.empty()) s.wake_inbox();
    res.status = outcome.status;
    res.set_content(outcome.body, outcome.content_type);
  };
  server.Post(R"(/webhook/([a-z0-9_]+))", handle);
  server.Get(R"(/webhook/([a-z0-9_]+))", handle);  // URL-verification handshakes (WeCom echostr)
}

}  // namespace paike::http
