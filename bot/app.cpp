#include "bot/app.h"

#include <malloc.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <opencv2/core.hpp>
#include <thread>

#include "bot/http/body_policy.h"
#include "bot/http/listen_backlog.h"
#include "bot/http/responses.h"
#include "bot/http/routes.h"
#include "bot/platforms/registry.h"
#include "bot/platforms/sim/sim_platform.h"
#include "config/text.h"
#include "storage/inbox.h"
#include "storage/outbox.h"
#include "storage/sent_parts_record.h"

namespace paike {

namespace {
constexpr int kListenBacklog = 511;  // nginx's default; the kernel caps it at net.core.somaxconn

// Stable across restarts of one instance, so that a restarted instance takes back at once what
// it held when it died, and unique among the instances of a deployment.
std::string instance_name(const AppOptions& options) {
  if (!options.instance.empty()) return options.instance;
  if (auto named = options.env("PAIKE_INSTANCE"); named && !named->empty()) return *named;
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "paike");
  return std::string(host) + ":" + (options.port ? std::to_string(options.port) : "pid" + std::to_string(getpid()));
}

// The parts of several-call messages that went out, in the database (bot/platforms/sent_parts.h).
class DatabasePartsStore : public PartsStore {
 public:
  explicit DatabasePartsStore(DatabasePool& pool) : pool_(pool) {}
  std::optional<std::string> find(const std::string& part_key) override {
    auto db = pool_.acquire();
    return SentPartsRecord(*db).find(part_key);
  }
  void keep(const std::string& part_key, const std::string& platform_message_id) override {
    auto db = pool_.acquire();
    SentPartsRecord(*db).keep(part_key, platform_message_id, SystemClock().now());
  }

 private:
  DatabasePool& pool_;
};
}  // namespace

App::App(Deployment deployment, AppOptions options)
    : deployment_(std::move(deployment)), options_(std::move(options)) {}

Result<std::unique_ptr<App>> App::create(Deployment deployment, AppOptions options) {
  // glibc gives each busy thread its own heap, up to 8 per core; with http_threads mostly
  // idle and photo-sized bodies freed on any of them, that kept about 70 MB more resident
  // under a burst of photo webhooks (and was slower). Two heaps serve two cores.
  mallopt(M_ARENA_MAX, 2);
  // OpenCV would spread one face scan over its own pool of normal-priority threads, taking
  // the core the inbox worker needs from the SCHED_IDLE photo maker's work; paike's
  // parallelism is its own threads (webhooks, worker, photo maker).
  cv::setNumThreads(1);
  std::unique_ptr<App> app(new App(std::move(deployment), std::move(options)));
  App& a = *app;
  std::error_code ec;
  std::filesystem::create_directories(a.options_.data_dir, ec);
  if (ec)
    return make_error(ErrorCode::data_dir,
                      "cannot create data dir " + a.options_.data_dir.string() + ": " + ec.message());

  // Two processes on one SQLite data dir would both work the same inbox (issue 26), so one
  // holds it; running several instances is the PostgreSQL backend's, which takes no lock.
  if (a.deployment_.storage.backend == StorageSettings::Backend::sqlite) {
    auto lock = DataDirLock::take(a.options_.data_dir, a.holder_description(a.options_.port, false));
    if (!lock) return lock.error();
    a.data_dir_lock_ = std::move(*lock);
  }

  // Opening once here migrates the schema and surfaces a too-new database before serving.
  auto check = Database::open(a.storage());
  if (!check) return check.error();
  auto checkpointer_db = Database::open(a.storage());
  if (!checkpointer_db) return checkpointer_db.error();
  a.wal_checkpointer_ = std::make_unique<WalCheckpointer>(std::move(*checkpointer_db));
  const DatabaseOptions db_options = a.wal_checkpointer_->options();
  // The worker's and the sender's commits are replayable, so they skip the fsync: the
  // worker's come from an inbox row that is on disk before its 200 (and is marked done in the
  // same commit), the sender's only mark a message sent. A crash of paike loses neither (WAL);
  // a power loss may lose the last second of them (the checkpointer's and every FULL commit's
  // fsync covers all earlier frames), and then those events are handled and their replies
  // sent again. Their fsyncs held the one write lock: e2e 90 -> 104-112 reports/s.
  DatabaseOptions replayable = db_options;
  replayable.synchronous_full = false;
  auto worker_db = Database::open(a.storage(), replayable);
  auto sender_db = Database::open(a.storage(), replayable);
  auto scheduler_db = Database::open(a.storage(), db_options);
  // One photo-preparing look-ahead thread per core (bot/event_lookahead.h).
  std::vector<std::unique_ptr<Database>> lookahead_dbs;
  for (unsigned i = 0; i < std::clamp(std::thread::hardware_concurrency(), 1u, 4u); ++i) {
    auto db = Database::open(a.storage(), db_options);
    if (!db) return db.error();
    lookahead_dbs.push_back(std::move(*db));
  }
  if (!worker_db || !sender_db || !scheduler_db)
    return make_error(ErrorCode::open_failed, "cannot open " + a.storage().describe());

  a.clock_ = a.options_.clock ? a.options_.clock : std::make_shared<OffsetClock>();
  a.pool_ = std::make_unique<DatabasePool>(a.storage(), db_options);
  a.inbox_commits_ = std::make_unique<InboxGroupCommit>(*a.pool_);
  a.photos_ = std::make_unique<PhotoStore>(a.options_.data_dir / "photos");
  a.public_photos_ = std::make_unique<PublicPhotoMaker>(*a.photos_, a.deployment_.photos.vision);
  if (a.deployment_.simulator) a.owned_platforms_.push_back(std::make_unique<SimPlatform>(a.deployment_));
  for (const auto& name : a.deployment_.platforms) {
    auto platform = make_platform(name, a.deployment_, a.options_.env);
    if (!platform) {
      return make_error(platform.error().code, "cannot enable platform " + name + ": " + platform.error().message);
    }
    a.owned_platforms_.push_back(std::move(*platform));
  }
  for (auto& p : a.options_.extra_platforms) a.owned_platforms_.push_back(std::move(p));
  for (auto& p : a.owned_platforms_) {
    a.platforms_[std::string(p->name())] = p.get();
    // Only the public copy is ever posted: re-encoded, without EXIF location.
    p->set_photo_loader([&a](const std::string& sha256) -> std::optional<std::string> {
      if (auto chart = a.photos_->read(sha256, PhotoVariant::chart)) return chart;  // the digest's PNG
      return public_photo(*a.photos_, sha256, PhotoVariant::display, a.deployment_.photos.vision);
    });
  }

  const std::string instance = instance_name(a.options_);
  if (a.deployment_.storage.backend == StorageSettings::Backend::postgresql) {
    // Restarted under its old name, this instance takes back at once what it held when it died.
    Inbox(**worker_db).release_claims_of(instance);
    Outbox(**sender_db).release_claims_of(instance);
    spdlog::info("instance {}: claims on {} hold for {} s", instance, a.storage().describe(),
                 a.deployment_.storage.lease.count());
  }
  auto parts_store = std::make_shared<DatabasePartsStore>(*a.pool_);
  for (auto& p : a.owned_platforms_) p->set_parts_store(parts_store);

  a.handlers_ = std::make_unique<HandlerSet>(a.deployment_, *a.photos_);
  OutboxOptions outbox_options;
  outbox_options.instance = instance;
  outbox_options.lease = a.deployment_.storage.lease;
  a.sender_ = std::make_unique<OutboxSender>(*a.clock_, std::move(*sender_db), a.platforms_, outbox_options);
  a.worker_ = std::make_unique<InboxWorker>(InboxWorkerDeps{
      *a.clock_, std::move(*worker_db), a.platforms_, a.handlers_->router, *a.photos_, a.deployment_.photos.vision,
      [&a] { a.sender_->wake(); }, [&a](double seconds) { a.metrics_.photo_seconds.observe(seconds); },
      a.deployment_.limits, [&a](std::vector<StoredPhoto> photos) { a.public_photos_->add(std::move(photos)); },
      std::move(lookahead_dbs), instance, a.deployment_.storage.lease});
  a.scheduler_ = std::make_unique<Scheduler>(*a.clock_, std::move(*scheduler_db), a.handlers_->scheduled,
                                             [&a] { a.sender_->wake(); });
  a.services_ = std::make_unique<AppServices>(AppServices{
      a.deployment_, *a.clock_, *a.pool_, *a.inbox_commits_, a.platforms_, *a.photos_, a.metrics_,
      [&a] { a.worker_->wake(); }, [&a] { a.scheduler_->wake(); }, [&a] { a.sender_->wake(); }, a.handlers_->tagger});
  return app;
}

App::~App() { stop(); }

std::string App::holder_description(int port, bool bound) const {
  return options_.command + " on " + options_.host + ":" + std::to_string(port) + (bound ? "" : ", starting up");
}

Result<int> App::start() {
  const LimitSettings& limits = deployment_.limits;
  http::ConnectionLimits connections;
  connections.threads = deployment_.server.http_threads;
  connections.reserved_threads = std::max(2, connections.threads / 8);
  connections.head_time = std::chrono::seconds(limits.request_head_seconds);
  connections.keep_alive = std::chrono::seconds(limits.keep_alive_seconds);
  connections.body_bytes_per_second = limits.upload_bytes_per_second;
  connections.connections_per_client = limits.connections_per_client;
  server_ = std::make_unique<http::GuardedServer>(connections);
  auto& server = *server_;
  server.set_payload_max_length(deployment_.server.max_body_bytes);
  // httplib writes an answer's headers and body separately; with Nagle on, the body waits for
  // the client's delayed ACK (40 ms) whenever the client pipelines or keeps the line busy.
  server.set_tcp_nodelay(true);
  server.set_read_timeout(30, 0);
  server.set_write_timeout(30, 0);
  server.set_keep_alive_max_count(static_cast<size_t>(limits.keep_alive_requests));
  // Every error answer is JSON with a reason, including the ones httplib makes itself
  // (413 for a body over the limit, 404 for an unknown route).
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const char* reason = res.status == 413   ? "the request body is larger than this server accepts"
                         : res.status == 404 ? "no such route"
                                             : "the request could not be handled";
    http::send_error(res, res.status, reason);
  });
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      spdlog::error("{} {}: {}", req.method, req.path, e.what());
    } catch (...) {
      spdlog::error("{} {}: unknown exception", req.method, req.path);
    }
    http::send_error(res, 500, "internal error; the request was not applied");
  });
  // Request latency: the same worker thread runs a request from routing to logging. httplib
  // also logs requests it refused before routing (a malformed request line): their clock never
  // started, so they are not observed (an unset start read as the boot time: days per request).
  static thread_local std::optional<std::chrono::steady_clock::time_point> request_started;
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    request_started = std::chrono::steady_clock::now();
    // The last threads are kept for /healthz and the webhooks (platforms retry a 503).
    const bool reserved_route = req.path == "/healthz" || req.path == "/metrics" || starts_with(req.path, "/webhook/");
    if (!reserved_route && !http::take_ordinary_thread()) {
      http::answer_busy(res);  // its body is not read
      return httplib::Server::HandlerResponse::Handled;
    }
    if (auto refusal = http::refuse_body(req)) {
      http::send_error(res, refusal->status, refusal->reason);
      http::close_after_answer(res);  // the unread body must not be taken for the next request
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_post_routing_handler(
      [](const httplib::Request&, httplib::Response& res) { http::add_security_headers(res); });
  server.set_logger([this](const httplib::Request&, const httplib::Response&) {
    if (!request_started) return;
    metrics_.http_seconds.observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - *request_started).count());
    request_started.reset();
  });
  http::add_webhook_routes(server, *services_);
  http::add_api_routes(server, *services_);
  http::add_photo_routes(server, *services_);
  http::add_health_routes(server, *services_);
  http::add_sim_routes(server, *services_);
  http::add_ledger_routes(server, *services_);
  http::add_open311_routes(server, *services_);

  if (options_.port == 0) {
    port_ = server.bind_to_any_port(options_.host);
  } else {
    port_ = server.bind_to_port(options_.host, options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    return make_error(ErrorCode::bind_failed, "cannot listen on " + options_.host + ":" +
                                                  std::to_string(options_.port) + " (in use? try --port)");
  }
  if (data_dir_lock_) {
    if (auto described = data_dir_lock_->describe(holder_description(port_, true)); !described) {
      spdlog::warn("{}", described.error().message);  // the lock itself is still held
    }
  }
  // httplib's own backlog is 5: a burst of new connections would be dropped or reset.
  if (!http::widen_listen_backlog(port_, kListenBacklog)) {
    spdlog::warn("port {}: cannot widen the listen backlog; a burst of new connections may be dropped", port_);
  }
  // Login links point at the address actually bound unless the operator set public_url
  // (behind nginx). Set before the worker thread starts, which reads it.
  if (deployment_.server.public_url.empty()) {
    deployment_.server.public_url = "http://" + options_.host + ":" + std::to_string(port_);
  }
  wal_checkpointer_->start();  // also when the workers are off: the webhooks still commit
  if (options_.run_workers) {
    worker_->start();
    scheduler_->start();
    sender_->start();
    public_photos_->start();
    worker_->wake();     // events accepted before a restart are handled now
    scheduler_->wake();  // and what fell due while down is caught up
  }
  server_thread_ = std::thread([this] { server_->listen_after_bind(); });
  // httplib's stop() before its accept loop has begun is lost, and the loop then runs for
  // ever: an App stopped right after it started would hang its stop(). Wait for the loop.
  for (int i = 0; i < 5000 && !server_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  started_ = true;
  spdlog::info("paike listening on http://{}:{} (data in {})", options_.host, port_, options_.data_dir.string());
  return port_;
}

void App::stop() {
  if (!started_) return;
  started_ = false;
  server_->stop();
  if (server_thread_.joinable()) server_thread_.join();
  if (options_.run_workers) {
    worker_->stop();
    scheduler_->stop();
    sender_->stop();
    public_photos_->stop();
  }
  wal_checkpointer_->stop();
  spdlog::info("paike stopped");
}

}  // namespace paike
