// The chaos run (issue 10): starts the real `paike demo` on a temp data dir, streams
// simulator events (text reports, photo reports, commands, repeated event_ids) from several
// sender threads at full speed, kills the server with SIGKILL at random moments (every
// --sigterm-every'th stop is a SIGTERM that must exit 0), restarts it each time, then waits
// until everything is handled and checks the database: every acknowledged event handled
// exactly once, no duplicate ticket or outbox message, consistent audit trails,
// PRAGMA integrity_check ok. Prints the figures; exit 0 only when nothing was lost or doubled.
//
//   chaos_driver --paike build/paike [--events 10000] [--kills 50] [--seed 1] [--senders 4]
//                [--sigterm-every 10] [--keep] [--data DIR]
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "config/base64.h"
#include "support/jpeg.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  std::string paike;
  int events = 10000;
  int kills = 50;
  unsigned seed = 1;
  int senders = 4;
  int sigterm_every = 10;  // every n-th stop is a graceful SIGTERM (0: never)
  bool keep = false;
  std::string data;  // an existing data dir to go on with (e.g. a kept run); default: a fresh temp dir
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
    if (a == "--paike") o.paike = value();
    else if (a == "--events") o.events = std::stoi(value());
    else if (a == "--kills") o.kills = std::stoi(value());
    else if (a == "--seed") o.seed = static_cast<unsigned>(std::stoul(value()));
    else if (a == "--senders") o.senders = std::stoi(value());
    else if (a == "--sigterm-every") o.sigterm_every = std::stoi(value());
    else if (a == "--keep") o.keep = true;
    else if (a == "--data") o.data = value();
    else die("unknown argument " + a);
  }
  if (o.paike.empty()) die("usage: chaos_driver --paike PATH [--events N] [--kills K] [--seed S] [--senders T]");
  return o;
}

// ---- the event stream -------------------------------------------------------------------

struct Village {
  std::string group;
  std::vector<std::string> villagers;
  std::vector<std::string> leaders;
  std::string secretary;
};

// The demo township's roster (config/demo/roster.csv).
const std::vector<Village> kVillages = {
    {"g-hanjia", {"sim:handefu", "sim:liufang", "sim:hanxiaojun"},
     {"sim:hanxiuying", "sim:hanlixin", "sim:zhangguilan"}, "sim:hanjianguo"},
    {"g-lizhuang", {"sim:licuihua", "sim:chenming"}, {"sim:lichunmei", "sim:wanggang"}, "sim:liweidong"},
    {"g-wangjiawan", {"sim:wangyuzhen", "sim:heliang"}, {"sim:wangxiulan", "sim:machao"}, "sim:wangzhiqiang"},
    {"g-dongying", {"sim:wujianjun", "sim:qianli"}, {"sim:wuhong", "sim:zhenglei"}, "sim:wuhai"},
};

const std::vector<std::string> kReports = {
    "南河桥边垃圾堆了好几天", "村口垃圾桶满了", "路边一堆建筑垃圾渣土", "有人在地里烧秸秆",
    "下水道堵了污水横流",   "沟渠里漂着塑料袋", "路灯坏了晚上很黑",   "柴火垛堆在路中间",
    "鸡鸭散养到处是粪",     "农药瓶扔在地头",   "这里有个问题",       "彩钢棚私搭乱建",
};

struct Event {
  std::string id;
  std::string body;
};

std::vector<Event> make_events(const Options& o) {
  std::mt19937 random(o.seed);
  auto pick = [&random](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random); };
  std::vector<std::string> photos;
  for (int i = 0; i < 24; ++i) photos.push_back(paike::base64_encode(paike::test::make_jpeg(320, 240, 1000 + i)));
  std::vector<Event> events;
  events.reserve(o.events);
  for (int i = 0; i < o.events; ++i) {
    const int roll = static_cast<int>(pick(100));
    if (roll < 6 && !events.empty()) {  // a platform delivering the same event twice
      events.push_back(events[pick(events.size())]);
      continue;
    }
    const Village& v = kVillages[pick(kVillages.size())];
    nlohmann::json e{{"event_id", "chaos-" + std::to_string(o.seed) + "-" + std::to_string(i)}, {"group_id", v.group}};
    const std::string ticket = "#" + std::to_string(1 + pick(std::max(1, i / 8)));
    if (roll < 40) {
      e["user_id"] = v.villagers[pick(v.villagers.size())];
      e["text"] = kReports[pick(kReports.size())] + "（" + std::to_string(i) + "）";
    } else if (roll < 60) {
      e["user_id"] = v.villagers[pick(v.villagers.size())];
      e["text"] = kReports[pick(kReports.size())];
      e["image_b64"] = photos[pick(photos.size())];
    } else if (roll < 68) {
      e["user_id"] = v.villagers[pick(v.villagers.size())];
      e["image_b64"] = photos[pick(photos.size())];
    } else if (roll < 76) {
      e["user_id"] = v.leaders[pick(v.leaders.size())];
      e["text"] = ticket + " 已整改";
      if (pick(2)) e["image_b64"] = photos[pick(photos.size())];
    } else if (roll < 82) {
      e["user_id"] = v.secretary;
      e["text"] = ticket + (pick(2) ? " 确认" : " 退回 没有清理干净");
    } else if (roll < 88) {
      e["user_id"] = v.villagers[pick(v.villagers.size())];
      e["text"] = std::to_string(1 + pick(9));  // an answer to the category menu
    } else {
      static const std::vector<std::string> kAsk = {"我的", "逾期", "帮助", "#1 进度"};
      e["user_id"] = pick(2) ? v.leaders[0] : v.villagers[0];
      e["text"] = kAsk[pick(kAsk.size())];
    }
    events.push_back({e["event_id"].get<std::string>(), e.dump()});
  }
  return events;
}

// ---- the server process -----------------------------------------------------------------

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("cannot find a free port");
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

class Server {
 public:
  Server(std::string binary, fs::path data, int port) : binary_(std::move(binary)), data_(std::move(data)), port_(port) {}

  void start() {
    pid_ = ::fork();
    if (pid_ < 0) die("fork failed");
    if (pid_ == 0) {
      int log = ::open((data_ / "server.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(log, 1);
      ::dup2(log, 2);
      const std::string port = std::to_string(port_);
      ::execl(binary_.c_str(), binary_.c_str(), "demo", "--port", port.c_str(), "--data", data_.c_str(), nullptr);
      _exit(127);
    }
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(0, 200000);
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (Clock::now() < deadline) {
      if (auto res = client.Get("/healthz")) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) die("paike exited at start-up; see " + (data_ / "server.log").string());
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    die("paike did not answer /healthz within 60 s");
  }

  // Sends `signal` and reaps the process; returns its wait status. A process that has not
  // ended 30 s after SIGTERM is killed and reported as a failed graceful stop.
  int stop(int signal) {
    ::kill(pid_, signal);
    int status = 0;
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (Clock::now() > deadline) {
        std::cerr << "chaos: paike did not exit within 30 s of signal " << signal << "\n";
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        status = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    pid_ = -1;
    return status;
  }

 private:
  std::string binary_;
  fs::path data_;
  int port_;
  pid_t pid_ = -1;
};

// ---- the checks -------------------------------------------------------------------------

struct Counts {
  long long inbox_pending = 0, drafts = 0, outbox_pending = 0;
  bool operator==(const Counts&) const = default;
};

Counts counts(const fs::path& db_file) {
  SQLite::Database db(db_file.string(), SQLite::OPEN_READONLY);
  db.setBusyTimeout(5000);
  Counts c;
  c.inbox_pending = db.execAndGet("SELECT COUNT(*) FROM inbox WHERE state = 'pending'").getInt64();
  c.drafts = db.execAndGet("SELECT COUNT(*) FROM pending_reports").getInt64();
  c.outbox_pending = db.execAndGet("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").getInt64();
  return c;
}

long long scalar(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt64(); }

struct Findings {
  long long lost = 0, not_done = 0, unacked_stored = 0, duplicate_tickets = 0, duplicate_changes = 0,
            duplicate_messages = 0, unsent_messages = 0, tickets_without_message = 0, bad_trails = 0,
            missing_photos = 0;
  std::string integrity;
  std::vector<std::string> examples;
  void note(const std::string& what) {
    if (examples.size() < 10) examples.push_back(what);
  }
};

Findings check(const fs::path& data, const std::set<std::string>& acked) {
  Findings f;
  SQLite::Database db((data / "paike.db").string(), SQLite::OPEN_READONLY);
  f.integrity = db.execAndGet("PRAGMA integrity_check").getString();

  std::map<std::string, std::string> inbox;
  SQLite::Statement rows(db, "SELECT event_id, state FROM inbox WHERE platform = 'sim'");
  while (rows.executeStep()) inbox[rows.getColumn(0).getString()] = rows.getColumn(1).getString();
  for (const auto& id : acked) {
    auto it = inbox.find(id);
    if (it == inbox.end()) {
      ++f.lost;
      f.note("acknowledged event " + id + " is not in the inbox");
    } else if (it->second != "done") {
      ++f.not_done;
      f.note("event " + id + " is " + it->second);
    }
  }
  for (const auto& [id, state] : inbox) {
    if (!acked.count(id)) ++f.unacked_stored;  // stored just before a kill: fine, the sender retried
  }
  auto groups = [&](const std::string& sql, long long& counter, const std::string& what) {
    SQLite::Statement q(db, sql);
    while (q.executeStep()) {
      counter += q.getColumn(0).getInt64() - 1;
      f.note(what + ": " + q.getColumn(1).getString());
    }
  };
  groups("SELECT COUNT(*), source_event_id FROM ticket_events WHERE action = 'created' "
         "GROUP BY source_event_id HAVING COUNT(*) > 1",
         f.duplicate_tickets, "two tickets from one event");
  groups("SELECT COUNT(*), source_event_id || ' ' || action || ' #' || ticket_id FROM ticket_events "
         "WHERE COALESCE(source_event_id, '') <> '' AND action NOT IN ('reminded', 'followup_asked') "
         "GROUP BY source_event_id, ticket_id, action HAVING COUNT(*) > 1",
         f.duplicate_changes, "one event applied twice");
  groups("SELECT COUNT(*), group_id || ' re ' || reply_to || ': ' || text FROM outbox WHERE reply_to IS NOT NULL "
         "GROUP BY platform, group_id, reply_to, text, COALESCE(ticket_id, 0) HAVING COUNT(*) > 1",
         f.duplicate_messages, "message sent twice");
  f.unsent_messages = scalar(db, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'");
  f.tickets_without_message = scalar(db, "SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS "
                                         "(SELECT 1 FROM outbox o WHERE o.ticket_id = t.id)");

  // Audit trail: starts with "created", every state change starts where the last one ended,
  // and the trail ends in the ticket's status.
  SQLite::Statement trail(db, "SELECT t.id, t.status, e.action, e.from_status, e.to_status FROM tickets t "
                              "LEFT JOIN ticket_events e ON e.ticket_id = t.id ORDER BY t.id, e.id");
  int64_t current = -1;
  std::string status, ticket_status;
  bool ok = true, first = true;
  auto finish = [&] {
    if (current < 0) return;
    if (!ok || status != ticket_status) {
      ++f.bad_trails;
      f.note("ticket #" + std::to_string(current) + " audit trail ends in '" + status + "', ticket is '" +
             ticket_status + "'");
    }
  };
  while (trail.executeStep()) {
    const int64_t id = trail.getColumn(0).getInt64();
    if (id != current) {
      finish();
      current = id;
      ticket_status = trail.getColumn(1).getString();
      status.clear();
      ok = true;
      first = true;
    }
    const std::string action = trail.getColumn(2).isNull() ? "" : trail.getColumn(2).getString();
    if (first && action != "created") ok = false;
    first = false;
    if (!trail.getColumn(4).isNull()) {
      if (!trail.getColumn(3).isNull() && trail.getColumn(3).getString() != status) ok = false;
      status = trail.getColumn(4).getString();
    }
  }
  finish();

  SQLite::Statement photos(db, "SELECT DISTINCT sha256 FROM ticket_photos");
  while (photos.executeStep()) {
    const std::string sha = photos.getColumn(0).getString();
    if (!fs::exists(data / "photos" / "originals" / sha.substr(0, 2) / sha)) {
      ++f.missing_photos;
      f.note("photo " + sha + " is in the database but not on disk");
    }
  }
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  const Options o = parse(argc, argv);
  const auto started = Clock::now();
  std::string pattern = (fs::temp_directory_path() / "paike-chaos-XXXXXX").string();
  const fs::path data = o.data.empty() ? fs::path(::mkdtemp(pattern.data())) : fs::path(o.data);
  const int port = free_port();
  const std::vector<Event> events = make_events(o);

  Server server(o.paike, data, port);
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
            std::cerr << "chaos: event " << events[i].id << " refused with " << res->status << ": " << res->body << "\n";
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
  wait_until([&] {
    const Counts now = counts(db_file);
    if (!(now == last)) {
      last = now;
      stable_since = Clock::now();
    }
    return now.inbox_pending == 0 && now.drafts == 0 && now.outbox_pending == 0 &&
           Clock::now() - stable_since > std::chrono::seconds(2);
  }, 300);
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
  std::printf("  unsent messages: %lld, tickets without a message: %lld, bad audit trails: %lld, missing photos: %lld\n",
              f.unsent_messages, f.tickets_without_message, f.bad_trails, f.missing_photos);
  std::printf("  integrity_check: %s\n  time: %.1f s\n", f.integrity.c_str(), seconds);
  for (const auto& e : f.examples) std::printf("  e.g. %s\n", e.c_str());
  const bool passed = f.lost == 0 && f.not_done == 0 && f.duplicate_tickets == 0 && f.duplicate_changes == 0 &&
                      f.duplicate_messages == 0 && f.unsent_messages == 0 && f.tickets_without_message == 0 &&
                      f.bad_trails == 0 && f.missing_photos == 0 && f.integrity == "ok" && graceful_failures == 0;
  std::printf("%s\n", passed ? "PASSED" : "FAILED");
  if (o.keep || !o.data.empty() || !passed) {
    std::printf("  data kept in %s\n", data.c_str());
  } else {
    fs::remove_all(data);
  }
  return passed ? 0 : 1;
}
