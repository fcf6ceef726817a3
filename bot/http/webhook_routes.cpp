// The ack path: verify and parse (the platform), one inbox insert, answer. All processing
// happens later in the inbox worker, so the platform gets its answer within milliseconds.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "bot/http/fair_slots.h"
#include "bot/http/guarded_server.h"
#include "bot/http/responses.h"
#include "bot/http/routes.h"
#include "bot/platforms/sim/parse.h"
#include "storage/chat_key.h"
#include "storage/database.h"

namespace paike::http {

namespace {

WebhookRequest to_webhook_request(const httplib::Request& req, std::string body) {
  WebhookRequest out;
  out.method = req.method;
  out.body = std::move(body);
  for (const auto& [name, value] : req.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    out.headers[lower] = value;
  }
  for (const auto& [name, value] : req.params) out.query[name] = value;
  return out;
}

// A body this large (a simulator photo sent inline) takes a few copies of itself to verify
// and store. Reading such requests two at a time, in the order they came, bounds the memory
// a burst of photos can take, whatever http_threads is; small events never wait for them.
constexpr size_t kLargeBody = 256 * 1024;
constexpr int kLargeBodiesAtOnce = 2;
constexpr std::chrono::milliseconds kSlotGrace{2000};
// How much of a chunked body past max_body is read (and dropped) before the connection is cut.
constexpr size_t kDrainPastLimit = 1 << 20;

// The route reads the body itself, rather than httplib before routing: so that a large body
// is read only once it has a slot, and into one buffer of its announced length plus the
// parser's padding (no reallocation as it grows, no padded copy to parse it). nullopt when
// the read failed (httplib has then set the status: 413 over max_body_bytes with a length,
// 400), or a chunked body went past max_body_bytes: then the status is 413 here, set while
// reading, before more than the limit is held.
std::optional<std::string> read_body(const httplib::Request& req, httplib::Response& res,
                                     const httplib::ContentReader& reader, size_t max_body_bytes) {
  std::string body;
  const auto announced = req.get_header_value<uint64_t>("Content-Length");
  body.reserve(std::min<uint64_t>(announced, max_body_bytes) + sim::kBodyPadding);
  bool too_large = false;
  size_t discarded = 0;
  const bool read = reader([&](const char* data, size_t length) {
    if (too_large || body.size() + length > max_body_bytes) {
      // Past the limit nothing more is kept. A little more is read and dropped, so that a
      // sender a little over the limit reads its 413 instead of a reset connection.
      too_large = true;
      discarded += length;
      return discarded <= kDrainPastLimit;
    }
    body.append(data, length);
    return true;
  });
  if (too_large) {
    send_error(res, 413, "the request body is larger than this server accepts");
    close_after_answer(res);  // the rest of the body is never read
    return std::nullopt;
  }
  if (!read) return std::nullopt;
  return body;
}

}  // namespace

void add_webhook_routes(httplib::Server& server, AppServices& s) {
  // The enabled platform the path names, or nullptr after answering 404.
  auto enabled_platform = [&s](const httplib::Request& req, httplib::Response& res) -> Platform* {
    const std::string name = req.matches[1];
    auto platform = s.platforms.find(name);
    if (platform != s.platforms.end()) return platform->second;
    send_error(res, 404, "platform '" + name + "' is not enabled in this deployment");
    return nullptr;
  };
  auto handle = [&s](Platform& platform, const httplib::Request& req, std::string body, httplib::Response& res) {
    const std::string name = req.matches[1];
    const TimePoint now = s.clock.now();
    WebhookOutcome outcome = platform.accept_webhook(to_webhook_request(req, std::move(body)), now);
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
        entries.push_back({name, e.event_id, chat_key(e.group_id, e.direct), e.user_id, now, std::move(e.payload)});
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
    } catch (const DatabaseError& e) {
      // Not stored, so not acknowledged: the platform will deliver it again.
      spdlog::error("webhook {}: cannot store events: {}", name, e.what());
      const bool disk_full = is_disk_full(e);
      send_error(res, 503,
                 disk_full ? "the server's disk is full; the event was not stored, please retry later"
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
  auto large_bodies = std::make_shared<FairSlots>(kLargeBodiesAtOnce);
  server.Post(R"(/webhook/([a-z0-9_]+))",
              [&s, enabled_platform, handle, large_bodies](const httplib::Request& req, httplib::Response& res,
                                                           const httplib::ContentReader& reader) {
                Platform* platform = enabled_platform(req, res);  // before any of the body is read or waited for
                if (!platform) {
                  close_after_answer(res);
                  return;
                }
                const bool large =
                    req.get_header_value<uint64_t>("Content-Length") >= kLargeBody || !req.has_header("Content-Length");
                if (large) {
                  // Platforms' events are small (they send media as keys to download); large bodies are
                  // the simulator's inline photos. Waiting for a slot holds a thread, so they take the
                  // ordinary routes' threads: a flood of them leaves the reserved ones to events.
                  if (!take_ordinary_thread()) {
                    answer_busy(res);
                    return;
                  }
                  large_bodies->acquire();
                  // The wait did not read the client; from now its body must come at pace, or it loses
                  // the slot within kSlotGrace (two slow senders held up every photo for 24 s).
                  restart_body_pace(kSlotGrace);
                }
                struct Release {
                  FairSlots* slots;
                  ~Release() {
                    if (slots) slots->release();
                  }
                } release{large ? large_bodies.get() : nullptr};
                auto body = read_body(req, res, reader, s.deployment.server.max_body_bytes);
                if (body) handle(*platform, req, std::move(*body), res);
              });
  // URL-verification handshakes (WeCom echostr)
  server.Get(R"(/webhook/([a-z0-9_]+))",
             [enabled_platform, handle](const httplib::Request& req, httplib::Response& res) {
               if (Platform* platform = enabled_platform(req, res)) handle(*platform, req, req.body, res);
             });
}

}  // namespace paike::http
