// bench_digest: how long the township digest, the month's ranking and the ledger's first
// page take on a big ledger, on SQLite or on PostgreSQL.
//
// Fills a fresh database — SQLite in a temp dir (or --dir DIR to keep it), or the PostgreSQL
// database --url names (its current schema; filled only when it has no tickets yet, so a
// second run reuses the first's) — with 1,000,000 tickets (--tickets N) over two years for
// 300 villages — about 1,400 a day, 96% closed after 20–150% of their time, 4% never closed
// (so ~45,000 open, ~40,000 overdue: a harsh case), 0.5% relapsed — in multi-row INSERTs, then
// times build_digest for the last day (the 08:00 digest, a Monday so the week summary is in
// it), build_ranking for the last full month, and search_ledger's first page (50 newest)
// under the web ledger's usual filters. Prints median and slowest of 7 runs each. Goals:
// digest and ranking under 200 ms on SQLite over 1 M tickets, under 1 s on PostgreSQL over
// 10 M; the ledger's first page under 100 ms.
//
//   build/bench/bench_digest [--tickets N] [--dir DIR | --url URL]
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "handlers/digest/digest.h"
#include "handlers/digest/ranking.h"
#include "storage/database.h"
#include "storage/ledger_query.h"

using namespace paike;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

Deployment township(int villages) {
  Deployment d;
  d.township = "基准镇";
  for (int i = 1; i <= villages; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "第%03d村", i);
    Grid g;
    g.grid_id = "g" + std::to_string(i);
    g.name = "全村";
    g.village = name;
    d.grids.push_back(g);
    d.schedule.digest.households[name] = 200 + i % 300;
  }
  const std::vector<std::pair<std::string, int>> categories = {
      {"household_waste", 1}, {"construction_waste", 3}, {"stacks", 3}, {"sewage", 3},
      {"facility", 7},        {"illegal_building", 15},  {"burning", 0}};
  for (const auto& [code, days] : categories) {
    Category c;
    c.code = code;
    c.name = code;
    c.deadline = days ? Duration(std::chrono::days(days)) : Duration(std::chrono::hours(4));
    d.categories.push_back(c);
  }
  return d;
}

// One multi-row INSERT of `rows` tickets: a round trip per 500 tickets instead of per ticket,
// which is what filling 10 M rows on PostgreSQL takes minutes rather than an hour for.
constexpr int kTicketColumns = 14;
std::string insert_tickets_sql(int rows) {
  std::string sql =
      "INSERT INTO tickets (id, status, category, village, grid_id, location_source, text, reporter_id, "
      "reporter_name, filer_id, assignee_id, platform, group_id, source_event_id, source_message_id, created_at, "
      "due_at, closed_at) VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r ? ", " : "";
    sql += "(?, ?, ?, ?, ?, 'group', '垃圾堆', ?, '村民', ?, ?, 'sim', ?, ?, ?, ?, ?, ?)";
  }
  return sql;
}

void fill(Database& db, const Deployment& d, int tickets, TimePoint end) {
  std::mt19937_64 random(42);
  const auto span = std::chrono::days(730);
  const TimePoint start = end - span;
  std::uniform_int_distribution<long long> when(0, Duration(span).count());
  std::uniform_int_distribution<size_t> village(0, d.grids.size() - 1), category(0, d.categories.size() - 1);
  std::uniform_real_distribution<double> unit(0, 1);
  constexpr int kBatch = 500, kBatchesPerTransaction = 400;
  auto seconds = [](TimePoint t) { return static_cast<int64_t>(t.time_since_epoch().count()); };
  const auto fill_started = Clock::now();
  for (int first = 0; first < tickets;) {
    db.transaction([&] {
      Statement full(db, insert_tickets_sql(kBatch));
      Statement relapse(db,
                        "INSERT INTO followups (ticket_id, closed_at, asked_at, answered_at, answered_by, outcome) "
                        "VALUES (?, ?, ?, ?, 'bench', 'relapse')");
      struct Relapse {
        int64_t ticket, closed_at, answered_at;
      };
      std::vector<Relapse> relapses;
      for (int b = 0; b < kBatchesPerTransaction && first < tickets; ++b) {
        const int rows = std::min(kBatch, tickets - first);
        std::optional<Statement> partial;
        if (rows < kBatch) partial.emplace(db, insert_tickets_sql(rows));
        Statement& q = partial ? *partial : full;
        for (int r = 0; r < rows; ++r) {
          const int i = first + r;
          const Grid& g = d.grids[village(random)];
          const Category& c = d.categories[category(random)];
          const TimePoint created = start + Duration(when(random));
          const TimePoint due = created + c.deadline;
          const double roll = unit(random);
          int64_t closed_at = 0;  // 0: still open
          if (roll < 0.96) {
            const TimePoint closed =
                created + Duration(static_cast<long long>(c.deadline.count() * (0.2 + 1.3 * unit(random))));
            if (closed <= end) closed_at = seconds(closed);
          }
          const int64_t ticket = i + 1;
          const std::string id = std::to_string(i);
          const int p = r * kTicketColumns;
          q.bind(p + 1, ticket);
          q.bind(p + 2, closed_at ? "closed" : "assigned");
          q.bind(p + 3, c.code);
          q.bind(p + 4, g.village);
          q.bind(p + 5, g.grid_id);
          q.bind(p + 6, "u" + std::to_string(i % 5000));
          q.bind(p + 7, "u" + std::to_string(i % 5000));
          q.bind(p + 8, "leader-" + g.grid_id);
          q.bind(p + 9, "group-" + g.grid_id);
          q.bind(p + 10, "e" + id);
          q.bind(p + 11, "m" + id);
          q.bind(p + 12, seconds(created));
          q.bind(p + 13, seconds(due));
          if (closed_at)
            q.bind(p + 14, closed_at);
          else
            q.bind(p + 14);
          if (closed_at && roll < 0.005) {
            const int64_t answered = closed_at + 7 * 86400;
            if (answered < seconds(end)) relapses.push_back({ticket, closed_at, answered});
          }
        }
        q.exec();
        q.reset();
        // After their tickets: PostgreSQL checks each foreign key at once.
        for (const auto& r : relapses) {
          relapse.bind(1, r.ticket);
          relapse.bind(2, r.closed_at);
          relapse.bind(3, r.answered_at);
          relapse.bind(4, r.answered_at);
          relapse.exec();
          relapse.reset();
        }
        relapses.clear();
        first += rows;
      }
    });
    if (tickets >= 1'000'000 && first % 1'000'000 == 0) {
      std::printf("  %d tickets in %.0f s\n", first, ms_since(fill_started) / 1000);
      std::fflush(stdout);
    }
  }
}

template <typename F>
void time_it(const char* what, double goal_ms, F&& run) {
  std::vector<double> runs;
  for (int i = 0; i < 7; ++i) {
    const auto start = Clock::now();
    run();
    runs.push_back(ms_since(start));
  }
  std::sort(runs.begin(), runs.end());
  std::printf("%-44s median %7.1f ms   slowest %7.1f ms   (goal < %.0f ms)\n", what, runs[runs.size() / 2], runs.back(),
              goal_ms);
}

// The ledger's first page under the filters a clerk or a village cadre uses most.
void time_ledger(Database& db, const Deployment& d, TimePoint now, double goal_ms) {
  const std::string village = d.grids.front().village;
  struct Case {
    const char* what;
    LedgerQuery query;
  };
  std::vector<Case> cases;
  auto add = [&](const char* what, auto&& set) {
    LedgerQuery q;
    q.now = now;
    set(q);
    cases.push_back({what, q});
  };
  add("ledger: a village cadre's own village", [&](LedgerQuery& q) { q.scope = std::vector<std::string>{village}; });
  add("ledger: one village, open", [&](LedgerQuery& q) {
    q.village = village;
    q.status = "open";
  });
  add("ledger: one village, last 30 days", [&](LedgerQuery& q) {
    q.village = village;
    q.created_from = now - std::chrono::days(30);
    q.created_to = now;
  });
  add("ledger: township, overdue, one category", [&](LedgerQuery& q) {
    q.overdue_only = true;
    q.category = "facility";
  });
  add("ledger: township, open, due soonest", [&](LedgerQuery& q) {
    q.status = "open";
    q.sort = LedgerSort::due_soonest;
  });
  add("ledger: township, last 7 days", [&](LedgerQuery& q) {
    q.created_from = now - std::chrono::days(7);
    q.created_to = now;
  });
  add("ledger: township, no filter", [](LedgerQuery&) {});
  for (const auto& c : cases) {
    LedgerPage page;
    time_it(c.what, goal_ms, [&] { page = search_ledger(db, c.query); });
    std::printf("  %lld matching, %zu on the page\n", static_cast<long long>(page.total), page.tickets.size());
  }
}

}  // namespace

int main(int argc, char** argv) {
  int tickets = 1'000'000;
  std::filesystem::path dir;
  std::string url;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    if (name == "--tickets") tickets = std::stoi(argv[i + 1]);
    if (name == "--dir") dir = argv[i + 1];
    if (name == "--url") {
      url = argv[i + 1];
      if (url.empty()) {
        std::fprintf(stderr, "bench_digest: --url is empty (PAIKE_TEST_POSTGRES unset?)\n");
        return 2;
      }
    }
  }
  const bool postgresql = !url.empty();
  const bool temporary = !postgresql && dir.empty();
  if (temporary) dir = std::filesystem::temp_directory_path() / ("paike-bench-digest-" + std::to_string(::getpid()));
  if (!postgresql) std::filesystem::create_directories(dir);
  const auto file = dir / "paike.db";
  const StorageTarget target = postgresql ? StorageTarget::postgresql(url) : StorageTarget::sqlite(file);
  const Deployment d = township(300);
  const LocalDate sent_on = *parse_local_date("2026-11-23");  // a Monday
  const TimePoint end = local_time_on(sent_on, 0, d.time_zone);
  const double goal_ms = postgresql ? 1000 : 200, ledger_goal_ms = 100;

  DatabaseOptions options;
  options.synchronous_full = false;
  auto db = Database::open(target, options);
  if (!db) {
    std::fprintf(stderr, "bench_digest: %s\n", db.error().message.c_str());
    return 1;
  }
  const int64_t present = (*db)->query_int64("SELECT COUNT(*) FROM tickets");
  if (present == 0) {
    const auto start = Clock::now();
    fill(**db, d, tickets, end);
    if (postgresql) {
      // What autovacuum does to a table this size soon after: statistics for the planner,
      // and the visibility map that lets the covering indexes answer without the table.
      const auto vacuum = Clock::now();
      (*db)->exec("VACUUM ANALYZE");
      std::printf("VACUUM ANALYZE in %.1f s\n", ms_since(vacuum) / 1000);
    }
    // PostgreSQL: the tables and indexes of this schema (the database may hold other runs').
    const double mb = postgresql
                          ? (*db)->query_int64(
                                "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
                                "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'") /
                                1e6
                          : std::filesystem::file_size(file) / 1e6;
    std::printf("filled %d tickets, 300 villages, 2 years in %.1f s (%.0f MB) on %s\n", tickets, ms_since(start) / 1000,
                mb, target.describe().c_str());
  } else {
    std::printf("%lld tickets already in %s\n", static_cast<long long>(present), target.describe().c_str());
  }

  Digest digest;
  time_it("daily digest (Monday, with week)", goal_ms, [&] { digest = build_digest(**db, d, sent_on); });
  std::printf("  day %s: new %d, closed %d, open %d, overdue %d\n", format_date(digest.day).c_str(),
              digest.total.new_count, digest.total.closed, digest.total.open, digest.total.overdue);
  Ranking ranking;
  const auto month = std::chrono::year(2026) / std::chrono::October;
  time_it("monthly ranking (October)", goal_ms, [&] { ranking = build_ranking(**db, d, month); });
  std::printf("  流动红旗 %s, score %.1f; last %s, score %.1f\n", ranking.red_flag.c_str(),
              ranking.villages.front().score, ranking.villages.back().village.c_str(), ranking.villages.back().score);
  time_it("digest sent on the 1st (+ranking)", goal_ms,
          [&] { build_digest(**db, d, *parse_local_date("2026-11-01")); });
  time_ledger(**db, d, end, ledger_goal_ms);
  db->reset();
  if (temporary) std::filesystem::remove_all(dir);
  return 0;
}
