// bench_digest: how long the township digest takes on a big ledger.
//
// Fills a fresh SQLite database (in a temp dir, or --dir DIR to keep it) with 1,000,000
// tickets over two years for 300 villages — about 1,400 a day, 96% closed after 20–150% of
// their time, 4% never closed (so ~45,000 open, ~40,000 overdue: a harsh case), 0.5% relapsed
// — then times build_digest for the last
// day (the 08:00 digest, a Monday so the week summary is in it) and build_ranking for the
// last full month. Prints median and slowest of 7 runs each. Goal: under 200 ms each.
//
//   build/bench/bench_digest [--tickets N] [--dir DIR]
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

void fill(Database& db, const Deployment& d, int tickets, TimePoint end) {
  std::mt19937_64 random(42);
  const auto span = std::chrono::days(730);
  const TimePoint start = end - span;
  std::uniform_int_distribution<long long> when(0, Duration(span).count());
  std::uniform_int_distribution<size_t> village(0, d.grids.size() - 1), category(0, d.categories.size() - 1);
  std::uniform_real_distribution<double> unit(0, 1);
  db.transaction([&] {
    Statement q(db,
                "INSERT INTO tickets (status, category, village, grid_id, location_source, text, reporter_id, "
                "reporter_name, filer_id, assignee_id, platform, group_id, source_event_id, source_message_id, "
                "created_at, due_at, closed_at) VALUES (?, ?, ?, ?, 'group', '垃圾堆', ?, '村民', ?, ?, 'sim', ?, "
                "?, ?, ?, ?, ?) RETURNING id");
    Statement relapse(db,
                      "INSERT INTO followups (ticket_id, closed_at, asked_at, answered_at, answered_by, outcome) "
                      "VALUES (?, ?, ?, ?, 'bench', 'relapse')");
    for (int i = 0; i < tickets; ++i) {
      const Grid& g = d.grids[village(random)];
      const Category& c = d.categories[category(random)];
      const TimePoint created = start + Duration(when(random));
      const TimePoint due = created + c.deadline;
      const double r = unit(random);
      std::optional<TimePoint> closed;
      if (r < 0.96) {
        closed = created + Duration(static_cast<long long>(c.deadline.count() * (0.2 + 1.3 * unit(random))));
        if (*closed > end) closed.reset();
      }
      const std::string id = std::to_string(i);
      q.bind(1, closed ? "closed" : "assigned");
      q.bind(2, c.code);
      q.bind(3, g.village);
      q.bind(4, g.grid_id);
      q.bind(5, "u" + std::to_string(i % 5000));
      q.bind(6, "u" + std::to_string(i % 5000));
      q.bind(7, "leader-" + g.grid_id);
      q.bind(8, "group-" + g.grid_id);
      q.bind(9, "e" + id);
      q.bind(10, "m" + id);
      q.bind(11, static_cast<int64_t>(created.time_since_epoch().count()));
      q.bind(12, static_cast<int64_t>(due.time_since_epoch().count()));
      if (closed)
        q.bind(13, static_cast<int64_t>(closed->time_since_epoch().count()));
      else
        q.bind(13);
      q.step();
      const int64_t ticket = q.column(0).int64();
      q.reset();
      if (closed && r < 0.005) {
        const auto answered = static_cast<int64_t>((*closed + std::chrono::days(7)).time_since_epoch().count());
        if (answered < end.time_since_epoch().count()) {
          relapse.bind(1, ticket);
          relapse.bind(2, static_cast<int64_t>(closed->time_since_epoch().count()));
          relapse.bind(3, answered);
          relapse.bind(4, answered);
          relapse.exec();
          relapse.reset();
        }
      }
    }
  });
}

template <typename F>
void time_it(const char* what, F&& run) {
  std::vector<double> runs;
  for (int i = 0; i < 7; ++i) {
    const auto start = Clock::now();
    run();
    runs.push_back(ms_since(start));
  }
  std::sort(runs.begin(), runs.end());
  std::printf("%-34s median %7.1f ms   slowest %7.1f ms   (goal < 200 ms)\n", what, runs[runs.size() / 2], runs.back());
}

}  // namespace

int main(int argc, char** argv) {
  int tickets = 1'000'000;
  std::filesystem::path dir;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    if (name == "--tickets") tickets = std::stoi(argv[i + 1]);
    if (name == "--dir") dir = argv[i + 1];
  }
  const bool temporary = dir.empty();
  if (temporary) dir = std::filesystem::temp_directory_path() / ("paike-bench-digest-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "paike.db";
  const Deployment d = township(300);
  const LocalDate sent_on = *parse_local_date("2026-11-23");  // a Monday
  const TimePoint end = local_time_on(sent_on, 0, d.time_zone);

  DatabaseOptions options;
  options.synchronous_full = false;
  auto db = Database::open(file, options);
  if (!db) {
    std::fprintf(stderr, "bench_digest: %s\n", db.error().message.c_str());
    return 1;
  }
  if ((*db)->query_int64("SELECT COUNT(*) FROM tickets") == 0) {
    const auto start = Clock::now();
    fill(**db, d, tickets, end);
    std::printf("filled %d tickets, 300 villages, 2 years in %.1f s (%.0f MB)\n", tickets, ms_since(start) / 1000,
                std::filesystem::file_size(file) / 1e6);
  }

  Digest digest;
  time_it("daily digest (Monday, with week)", [&] { digest = build_digest(**db, d, sent_on); });
  std::printf("  day %s: new %d, closed %d, open %d, overdue %d\n", format_date(digest.day).c_str(),
              digest.total.new_count, digest.total.closed, digest.total.open, digest.total.overdue);
  Ranking ranking;
  const auto month = std::chrono::year(2026) / std::chrono::October;
  time_it("monthly ranking (October)", [&] { ranking = build_ranking(**db, d, month); });
  std::printf("  流动红旗 %s, score %.1f; last %s, score %.1f\n", ranking.red_flag.c_str(),
              ranking.villages.front().score, ranking.villages.back().village.c_str(), ranking.villages.back().score);
  time_it("digest sent on the 1st (+ranking)", [&] { build_digest(**db, d, *parse_local_date("2026-11-01")); });
  db->reset();
  if (temporary) std::filesystem::remove_all(dir);
  return 0;
}
