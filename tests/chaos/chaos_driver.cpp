// The chaos run (issue 10): starts the real paike (`paike demo`, or `paike serve --config`
// for a deployment with the flood limits raised) on a temp data dir, streams
// simulator events (text reports, photo reports, commands, repeated event_ids) from several
// sender threads at full speed, kills the server with SIGKILL at random moments (every
// --sigterm-every'th stop is a SIGTERM that must exit 0), restarts it each time, then waits
// until everything is handled and checks the database: every acknowledged event handled
// exactly once, no duplicate ticket or outbox message, consistent audit trails,
// PRAGMA integrity_check ok. Prints the figures; exit 0 only when nothing was lost or doubled.
//
//   chaos_driver --paike build/paike [--events 10000] [--kills 50] [--seed 1] [--senders 4]
//                [--sigterm-every 10] [--keep] [--data DIR] [--config tests/chaos/paike.yaml]
//
// The stream is chaos_events, the server process paike_process, the verdict chaos_checks.
#include <SQLiteCpp/SQLiteCpp.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "chaos/chaos_checks.h"
#include "chaos/chaos_events.h"
#include "chaos/paike_process.h"

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
  std::string data;    // an existing data dir to go on with (e.g. a kept run); default: a fresh temp dir
  std::string config;  // a paike.yaml with `simulator: true`; default: the built-in demo
};

[[noreturn]] void die(const std::string& why) {
  std::cerr << "chaos: " << why << "\n";
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
    else
      die("unknown argument " + a);
  }
  if (o.paike.empty()) die("usage: chaos_driver --paike PATH [--events N] [--kills K] [--seed S] [--senders T]");
  return o;
}

// One chaos run: the stream, the stops, the wait for idle, the checks and the report.
int run(const Options& o) {
  const auto started = Clock::now();
  std::string pattern = (fs::temp_directory_path() / "paike-chaos-XXXXXX").string();
  const fs::path data = o.data.empty() ? fs::path(::mkdtemp(pattern.data())) : fs::path(o.data);
  const int port = free_port();
  const std::vector<Event> events = make_events(o.events, o.seed);

  PaikeProcess server(o.paike, o.config, data, port);
  server.start();

  // Senders: each takes the next event and posts it until it is acknowledged, as a platform
  // retries an unacknowledged webhook.
  std::atomic<size_t> next{0};
  std::atomic<long long> acked_posts{0}, retries{0};
  std::mutex acked_mutex;
  std::set<std::string> acked;
  std::atomic<bool> refused{false};
  std::vector<std::thread> senders;
  for (int t = 0; t < o.senders; ++t) {
    senders.emplace_back([&] {
      httplib::Client client("127.0.0.1", port);
      client.set_connection_timeout(1, 0);
      client.set_read_timeout(30, 0);
      for (size_t i = next++; i < events.size(); i = next++) {
        for (;;) {
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
          ++retries;
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
      }
    });
  }

  // Stops at random moments spread over the stream.
  std::mt19937 random(o.seed * 7919u);
  int kills = 0, graceful = 0, graceful_failures = 0;
  for (int k = 0; k < o.kills; ++k) {
    const size_t at = events.size() * (k + 1) / (o.kills + 1);
    while (acked_posts.load() < static_cast<long long>(at) && next.load() < events.size() && !refused) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 40)(random)));
    const bool term = o.sigterm_every > 0 && (k + 1) % o.sigterm_every == 0;
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
  }
  for (auto& s : senders) s.join();
  if (refused) die("the server refused an event; see above");

  // Idle: the inbox drained, then the demo clock moved past every stitching window so the
  // half-finished reports are filed, then nothing pending for two seconds.
  httplib::Client client("127.0.0.1", port);
  auto wait_until = [&](auto done, int seconds) {
    const auto deadline = Clock::now() + std::chrono::seconds(seconds);
    while (!done()) {
      if (Clock::now() > deadline) die("the server did not become idle within " + std::to_string(seconds) + " s");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  };
  const fs::path db_file = data / "paike.db";
  // The worker may be far behind the senders: wait as long as it makes progress.
  for (long long pending = counts(db_file).inbox_pending, stalled = 0; pending > 0;) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    const long long now = counts(db_file).inbox_pending;
    stalled = now < pending ? 0 : stalled + 1;
    if (stalled > 120) die("the inbox worker made no progress for 120 s with " + std::to_string(now) + " pending");
    pending = now;
  }
  client.Post("/sim/api/clock", std::string(R"({"advance":"3h"})"), "application/json");
  Counts last{-1, -1, -1};
  auto stable_since = Clock::now();
  wait_until(
      [&] {
        const Counts now = counts(db_file);
        if (!(now == last)) {
          last = now;
          stable_since = Clock::now();
        }
        return now.inbox_pending == 0 && now.drafts == 0 && now.outbox_pending == 0 &&
               Clock::now() - stable_since > std::chrono::seconds(2);
      },
      300);
  const int final_status = server.stop(SIGTERM);
  if (!WIFEXITED(final_status) || WEXITSTATUS(final_status) != 0) ++graceful_failures;
  ++graceful;

  const Findings f = check(data, acked);
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  SQLite::Database db(db_file.string(), SQLite::OPEN_READONLY);
  std::printf("chaos run: %zu events sent (%zu distinct ids), %lld posts acknowledged, %lld retried posts\n",
              events.size(), acked.size(), acked_posts.load(), retries.load());
  std::printf("  kills survived (SIGKILL): %d, graceful stops (SIGTERM, exit 0): %d of %d\n", kills,
              graceful - graceful_failures, graceful);
  std::printf("  tickets: %lld, outbox messages: %lld, audit rows: %lld\n", scalar(db, "SELECT COUNT(*) FROM tickets"),
              scalar(db, "SELECT COUNT(*) FROM outbox"), scalar(db, "SELECT COUNT(*) FROM ticket_events"));
  std::printf("  lost: %lld (acknowledged but not in the inbox), not handled: %lld\n", f.lost, f.not_done);
  std::printf("  duplicates: %lld tickets, %lld changes, %lld messages\n", f.duplicate_tickets, f.duplicate_changes,
              f.duplicate_messages);
  std::printf(
      "  unsent messages: %lld, tickets without a message: %lld, bad audit trails: %lld, missing photos: %lld\n",
      f.unsent_messages, f.tickets_without_message, f.bad_trails, f.missing_photos);
  std::printf("  integrity_check: %s\n  time: %.1f s\n", f.integrity.c_str(), seconds);
  for (const auto& e : f.examples) std::printf("  e.g. %s\n", e.c_str());
  const bool passed = f.passed() && graceful_failures == 0;
  std::printf("%s\n", passed ? "PASSED" : "FAILED");
  if (o.keep || !o.data.empty() || !passed) {
    std::printf("  data kept in %s\n", data.c_str());
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
