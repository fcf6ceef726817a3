// The chaos run (issues 10 and 26): starts the real paike (`paike demo`, or `paike serve
// --config` for a deployment with the flood limits raised) — one instance on SQLite, or
// several sharing one PostgreSQL database and one data dir — streams simulator events (text
// reports, photo reports, commands, repeated event_ids) from several sender threads at full
// speed to the instances in turn, kills an instance with SIGKILL at random moments (every
// --sigterm-every'th stop is a SIGTERM that must exit 0) and restarts it, optionally stops
// the PostgreSQL server under load (every instance must answer 503 with a JSON reason while
// it is away) and starts it again, then moves the simulator clock across a digest and the
// reminder ladder on every instance, waits until everything is handled and checks the
// database: every acknowledged event handled exactly once, no duplicate ticket or outbox
// message, every message sent, each digest and reminder step once, consistent audit trails,
// PRAGMA integrity_check ok on SQLite. Prints the figures; exit 0 only when nothing was lost
// or doubled.
//
//   chaos_driver --paike build/paike [--events 10000] [--kills 50] [--seed 1] [--senders 4]
//                [--sigterm-every 10] [--keep] [--data DIR] [--config tests/chaos/paike.yaml]
//                [--clock-hours 24]
//                [--storage-url URL --instances 2 [--stop-instance K] [--restart-postgres N]
//                 [--postgres-down 3]]
//
// With --storage-url (a PostgreSQL URL that may create schemas; scripts/with-postgres gives
// PAIKE_TEST_POSTGRES) the run gets a schema of its own, passed to paike as
// PAIKE_DATABASE_URL, so --config must say `storage: {backend: postgresql, url:
// ${PAIKE_DATABASE_URL}}` (tests/chaos/paike-postgresql.yaml). --restart-postgres needs
// PAIKE_TEST_POSTGRES_BIN and PAIKE_TEST_POSTGRES_DIR too.
//
// The stream is chaos_events, the server processes paike_process, the PostgreSQL side
// postgres_server, the verdict chaos_checks.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "chaos/chaos_checks.h"
#include "chaos/chaos_events.h"
#include "chaos/paike_process.h"
#include "chaos/postgres_server.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace paike::chaos;

namespace {

struct Options {
  std::string paike;
  int events = 10000;
  int kills = 50;
  unsigned seed = 1;
  int senders = 4;
  int sigterm_every = 10;  // every n-th stop is a graceful SIGTERM (0: never)
  bool keep = false;
  std::string data;         // an existing data dir to go on with (e.g. a kept run); default: a fresh temp dir
  std::string config;       // a paike.yaml with `simulator: true`; default: the built-in demo
  int clock_hours = 24;     // after the stream, the clocks move this far in 6 h steps (digest, reminders)
  std::string storage_url;  // PostgreSQL: the server to make the run's schema on; empty: SQLite
  int instances = 1;
  int postgres_restarts = 0;
  int postgres_down_seconds = 3;
  int stop_instance = 0;  // the instance (from 1) every stop hits; 0: each in turn
};

// The instances of the run, killed when it gives up, so none outlives it.
std::vector<std::unique_ptr<PaikeProcess>> servers;

[[noreturn]] void die(const std::string& why) {
  std::cerr << "chaos: " << why << "\n";
  for (auto& s : servers) s->stop(SIGKILL);
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--paike")
      o.paike = value();
    else if (a == "--events")
      o.events = std::stoi(value());
    else if (a == "--kills")
      o.kills = std::stoi(value());
    else if (a == "--seed")
      o.seed = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--senders")
      o.senders = std::stoi(value());
    else if (a == "--sigterm-every")
      o.sigterm_every = std::stoi(value());
    else if (a == "--keep")
      o.keep = true;
    else if (a == "--data")
      o.data = value();
    else if (a == "--config")
      o.config = value();
    else if (a == "--clock-hours")
      o.clock_hours = std::stoi(value());
    else if (a == "--storage-url")
      o.storage_url = value();
    else if (a == "--instances")
      o.instances = std::stoi(value());
    else if (a == "--restart-postgres")
      o.postgres_restarts = std::stoi(value());
    else if (a == "--postgres-down")
      o.postgres_down_seconds = std::stoi(value());
    else if (a == "--stop-instance")
      o.stop_instance = std::stoi(value());
    else
      die("unknown argument " + a);
  }
  if (o.paike.empty()) die("usage: chaos_driver --paike PATH [--events N] [--kills K] [--seed S] [--senders T]");
  if (o.instances < 1) die("--instances must be at least 1");
  if (o.stop_instance < 0 || o.stop_instance > o.instances) die("--stop-instance names no instance");
  if (o.storage_url.empty() && (o.instances > 1 || o.postgres_restarts > 0)) {
    die("--instances above 1 and --restart-postgres need --storage-url (several instances share PostgreSQL only)");
  }
  if (!o.storage_url.empty() && o.config.empty()) die("--storage-url needs a --config with a postgresql storage:");
  return o;
}

// What happens at one moment of the stream.
struct Disruption {
  double at;  // the share of the stream acknowledged before it
  enum Kind { stop_instance, restart_postgres } kind;
};

std::vector<Disruption> plan(const Options& o) {
  std::vector<Disruption> out;
  for (int k = 0; k < o.kills; ++k) out.push_back({double(k + 1) / (o.kills + 1), Disruption::stop_instance});
  for (int k = 0; k < o.postgres_restarts; ++k) {
    // Half a slot later than a kill at the same share, so the two never coincide.
    out.push_back({(k + 1.5) / (o.postgres_restarts + 1.5), Disruption::restart_postgres});
  }
  std::stable_sort(out.begin(), out.end(), [](const Disruption& a, const Disruption& b) { return a.at < b.at; });
  return out;
}

// A simulator event nobody else sends, to see what an instance answers.
std::string probe_event(const std::string& id) {
  return nlohmann::json{{"event_id", id}, {"group_id", "g-hanjia"}, {"user_id", "sim:handefu"}, {"text", "#1 进度"}}
      .dump();
}

// One chaos run: the stream, the stops, the clocks, the wait for idle, the checks and the report.
int run(const Options& o) {
  const auto started = Clock::now();
  std::string pattern = (fs::temp_directory_path() / "paike-chaos-XXXXXX").string();
  const fs::path data = o.data.empty() ? fs::path(::mkdtemp(pattern.data())) : fs::path(o.data);
  const std::vector<Event> events = make_events(o.events, o.seed);

  // PostgreSQL: a schema of the run's own, named to be found again in a kept run.
  std::unique_ptr<PostgresServer> postgres;
  paike::StorageTarget target = paike::StorageTarget::sqlite(data / "paike.db");
  if (!o.storage_url.empty()) {
    postgres = std::make_unique<PostgresServer>(o.storage_url, "chaos_" + std::to_string(::getpid()));
    ::setenv("PAIKE_DATABASE_URL", postgres->url().c_str(), 1);
    target = paike::StorageTarget::postgresql(postgres->url());
  }

  // The instances share the data dir (the photos; on PostgreSQL nothing else is kept there).
  for (int n = 0; n < o.instances; ++n) {
    const std::string log = o.instances == 1 ? "server.log" : "server-" + std::to_string(n + 1) + ".log";
    servers.push_back(std::make_unique<PaikeProcess>(o.paike, o.config, data, free_port(), log));
  }
  for (auto& s : servers) s->start();

  // Each instance's simulator clock lives in its memory: a restarted one is moved forward
  // again by what the others were moved, so that all of them keep one time.
  std::chrono::minutes clock_offset{0};
  auto move_clock = [](PaikeProcess& server, std::chrono::minutes by) {
    if (by.count() == 0) return true;
    httplib::Client client("127.0.0.1", server.port());
    const std::string body = nlohmann::json{{"advance", std::to_string(by.count()) + "m"}}.dump();
    auto res = client.Post("/sim/api/clock", body, "application/json");
    return res && res->status == 200;
  };

  // Senders: each takes the next event and posts it until it is acknowledged, as a platform
  // retries an unacknowledged webhook. Event i goes to instance i % n first; a retry goes to
  // the next one, as a load balancer in front of them would send it.
  std::atomic<size_t> next{0};
  std::atomic<long long> acked_posts{0}, retries{0}, unavailable_answers{0};
  std::mutex acked_mutex;
  std::set<std::string> acked;
  std::atomic<bool> refused{false};
  std::vector<int> ports;
  for (auto& s : servers) ports.push_back(s->port());
  std::vector<std::thread> senders;
  for (int t = 0; t < o.senders; ++t) {
    senders.emplace_back([&] {
      std::vector<std::unique_ptr<httplib::Client>> clients;
      for (int port : ports) {
        clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", port));
        clients.back()->set_connection_timeout(1, 0);
        clients.back()->set_read_timeout(30, 0);
      }
      for (size_t i = next++; i < events.size(); i = next++) {
        for (size_t attempt = 0;; ++attempt) {
          auto& client = *clients[(i + attempt) % clients.size()];
          auto res = client.Post("/webhook/sim", events[i].body, "application/json");
          if (res && res->status == 200) {
            ++acked_posts;
            std::lock_guard lock(acked_mutex);
            acked.insert(events[i].id);
            break;
          }
          if (res && res->status < 500) {  // the stream itself is wrong: stop, do not spin
            std::cerr << "chaos: event " << events[i].id << " refused with " << res->status << ": " << res->body
                      << "\n";
            refused = true;
            return;
          }
          if (res && res->status == 503) ++unavailable_answers;
          ++retries;
          std::this_thread::sleep_for(std::chrono::milliseconds(res ? 50 : 10));
        }
      }
    });
  }

  // Stops and PostgreSQL restarts at random moments spread over the stream.
  std::mt19937 random(o.seed * 7919u);
  int kills = 0, graceful = 0, graceful_failures = 0, stops = 0, postgres_restarts = 0, probes = 0;
  std::vector<std::string> probe_failures;
  for (const Disruption& d : plan(o)) {
    const auto at = static_cast<long long>(events.size() * d.at);
    while (acked_posts.load() < at && next.load() < events.size() && !refused) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 40)(random)));
    if (d.kind == Disruption::restart_postgres) {
      postgres->stop_server();
      // While it is away every instance refuses to acknowledge, with a reason a platform logs.
      for (auto& s : servers) {
        httplib::Client client("127.0.0.1", s->port());
        client.set_read_timeout(30, 0);
        const std::string id = "probe-" + std::to_string(postgres_restarts) + "-" + std::to_string(s->port());
        auto res = client.Post("/webhook/sim", probe_event(id), "application/json");
        ++probes;
        const auto body = res ? nlohmann::json::parse(res->body, nullptr, false) : nlohmann::json();
        if (!res || res->status != 503 || !body.is_object() || !body.contains("error")) {
          probe_failures.push_back(
              "port " + std::to_string(s->port()) + " answered " +
              (res ? std::to_string(res->status) + " " + res->body.substr(0, 200) : std::string("nothing")) +
              " while PostgreSQL was away");
        }
      }
      std::this_thread::sleep_for(std::chrono::seconds(o.postgres_down_seconds));
      postgres->start_server();
      ++postgres_restarts;
      continue;
    }
    // One instance at a time: the one named, or each in turn.
    PaikeProcess& server = *servers[o.stop_instance ? o.stop_instance - 1 : stops % servers.size()];
    ++stops;
    const bool term = o.sigterm_every > 0 && stops % o.sigterm_every == 0;
    const int status = server.stop(term ? SIGTERM : SIGKILL);
    if (term) {
      ++graceful;
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        ++graceful_failures;
        std::cerr << "chaos: SIGTERM did not end paike with exit code 0 (wait status " << status << ")\n";
      }
    } else {
      ++kills;
    }
    server.start();
    if (!move_clock(server, clock_offset)) die("a restarted instance did not take the clock");
  }
  for (auto& s : senders) s.join();
  if (refused) die("the server refused an event; see above");

  // Idle: the inbox drained, then the clocks moved past every stitching window so the
  // half-finished reports are filed, then across a digest and the reminder ladder, then
  // nothing pending for two seconds.
  auto db = paike::Database::open(target, paike::DatabaseOptions{.read_only = true});
  if (!db) die(db.error().message);
  // A PostgreSQL just restarted may refuse a moment longer: that is "not idle yet".
  auto now_counts = [&]() -> std::optional<Counts> {
    try {
      return counts(**db);
    } catch (const paike::DatabaseError& e) {
      std::cerr << "chaos: " << e.what() << "\n";
      return std::nullopt;
    }
  };
  // The workers may be far behind the senders: wait as long as they make progress.
  auto drain_inbox = [&] {
    long long pending = LLONG_MAX, stalled = 0;
    for (;;) {
      const auto c = now_counts();
      const long long now = c ? c->inbox_pending : pending;
      if (now == 0) return;
      stalled = now < pending ? 0 : stalled + 1;
      if (stalled > 120) die("the inbox workers made no progress for 120 s with " + std::to_string(now) + " pending");
      pending = now;
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
  };
  auto wait_idle = [&](int seconds) {
    const auto deadline = Clock::now() + std::chrono::seconds(seconds);
    std::optional<Counts> last;
    auto stable_since = Clock::now();
    for (;;) {
      const auto now = now_counts();
      if (!now || !last || !(*now == *last)) {
        last = now;
        stable_since = Clock::now();
      } else if (now->inbox_pending == 0 && now->drafts == 0 && now->outbox_pending == 0 &&
                 Clock::now() - stable_since > std::chrono::seconds(2)) {
        return;
      }
      if (Clock::now() > deadline) die("the servers did not become idle within " + std::to_string(seconds) + " s");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  };
  auto advance = [&](std::chrono::minutes by) {
    for (auto& s : servers) {
      if (!move_clock(*s, by)) die("an instance did not take the clock");
    }
    clock_offset += by;
  };
  drain_inbox();
  advance(std::chrono::hours(3));
  wait_idle(300);
  for (int hours = 0; hours < o.clock_hours; hours += 6) {
    advance(std::chrono::hours(std::min(6, o.clock_hours - hours)));
    wait_idle(300);
  }
  for (auto& s : servers) {
    const int final_status = s->stop(SIGTERM);
    if (!WIFEXITED(final_status) || WEXITSTATUS(final_status) != 0) ++graceful_failures;
    ++graceful;
  }

  std::vector<fs::path> logs;
  for (const auto& s : servers) logs.push_back(s->log_path());
  const Findings f = check(**db, data / "photos", acked, logs);
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf(
      "chaos run: %zu events sent (%zu distinct ids) to %d instance(s) on %s, %lld posts acknowledged, %lld "
      "retried posts (%lld answered 503)\n",
      events.size(), acked.size(), o.instances, target.describe().c_str(), acked_posts.load(), retries.load(),
      unavailable_answers.load());
  std::printf("  kills survived (SIGKILL): %d, graceful stops (SIGTERM, exit 0): %d of %d\n", kills,
              graceful - graceful_failures, graceful);
  if (postgres) {
    std::printf("  PostgreSQL restarts under load: %d (%d s away each), probes answered 503 with a reason: %d of %d\n",
                postgres_restarts, o.postgres_down_seconds, probes - static_cast<int>(probe_failures.size()), probes);
  }
  std::printf("  tickets: %lld, outbox messages: %lld, audit rows: %lld\n",
              static_cast<long long>((*db)->query_int64("SELECT COUNT(*) FROM tickets")),
              static_cast<long long>((*db)->query_int64("SELECT COUNT(*) FROM outbox")),
              static_cast<long long>((*db)->query_int64("SELECT COUNT(*) FROM ticket_events")));
  std::printf("  lost: %lld (acknowledged but not in the inbox), not handled: %lld\n", f.lost, f.not_done);
  std::printf("  duplicates: %lld tickets, %lld changes, %lld messages\n", f.duplicate_tickets, f.duplicate_changes,
              f.duplicate_messages);
  std::printf("  deliveries (senders' log): %lld, of them repeated: %lld; sent rows without a logged delivery: %lld\n",
              f.deliveries, f.duplicate_deliveries, f.sent_unlogged);
  std::printf("  clocks moved %lld h: digests %lld (%lld doubled), reminder steps %lld (%lld doubled)\n",
              static_cast<long long>(clock_offset.count() / 60), f.digests, f.duplicate_digests, f.reminders,
              f.duplicate_reminders);
  std::printf(
      "  unsent messages: %lld, tickets without a message: %lld, bad audit trails: %lld, missing photos: %lld\n",
      f.unsent_messages, f.tickets_without_message, f.bad_trails, f.missing_photos);
  std::printf("  integrity_check: %s\n  time: %.1f s\n", f.integrity.c_str(), seconds);
  for (const auto& e : f.examples) std::printf("  e.g. %s\n", e.c_str());
  for (const auto& e : probe_failures) std::printf("  e.g. %s\n", e.c_str());
  // Moving the clocks a day must have sent a digest and reminded someone: else the
  // once-only checks above held for nothing.
  const bool clock_work = o.clock_hours < 24 || (f.digests > 0 && f.reminders > 0);
  if (!clock_work) std::printf("  the clocks moved a day but no digest or no reminder was sent\n");
  const bool passed = f.passed() && graceful_failures == 0 && probe_failures.empty() && clock_work;
  std::printf("%s\n", passed ? "PASSED" : "FAILED");
  db->reset();
  if (o.keep || !o.data.empty() || !passed) {
    std::printf("  data kept in %s%s\n", data.c_str(),
                postgres ? (", PostgreSQL schema " + postgres->schema()).c_str() : "");
    if (postgres) postgres->keep();
  } else {
    fs::remove_all(data);
  }
  return passed ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  const Options o = parse(argc, argv);
  try {
    return run(o);
  } catch (const std::exception& e) {
    die(e.what());
  }
}
