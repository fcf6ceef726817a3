// `paike migrate` (issue 26) as an operator runs it: the demo township lives a few days on
// SQLite through the real App and the simulator (reports with photos and voice, a rectify, a
// merge into a newer ticket, a close, the overdue ladder, 回头看, points, a login), then the
// real binary copies it into PostgreSQL, twice. Both databases must then hold the same rows
// in every table and answer the ledger's queries alike, and PostgreSQL must go on numbering
// tickets after the copied ones. Needs scripts/with-postgres (label postgresql).
#include <httplib.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "bot/app.h"
#include "config/base64.h"
#include "storage/ledger_query.h"
#include "storage/migrations.h"
#include "storage/sent_parts_record.h"
#include "storage/ticket_repo.h"
#include "storage/web_login_repo.h"
#include "support/demo_deployment.h"
#include "support/jpeg.h"
#include "support/run_process.h"
#include "support/scratch_postgres.h"
#include "support/temp_dir.h"
#include "support/wait_until.h"

using namespace paike;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

test::ProcessResult run_paike(const std::vector<std::string>& args, const test::TempDir& home) {
  std::vector<std::string> argv{PAIKE_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  // Only what is given: no developer's PG* or PAIKE_* variable, no ~/.pgpass.
  return test::run_process(argv, {"PATH=/usr/bin:/bin", "HOME=" + home.path().string()});
}

std::unique_ptr<Database> open_or_fail(const StorageTarget& target, bool read_only = false) {
  DatabaseOptions options;
  options.read_only = read_only;
  auto db = Database::open(target, options);
  INFO((db ? "" : db.error().message));
  REQUIRE(db);
  return std::move(*db);
}

int64_t count_rows(const std::filesystem::path& file, const std::string& sql) {
  return open_or_fail(StorageTarget::sqlite(file), true)->query_int64(sql);
}

class Sim {
 public:
  explicit Sim(int port) : client_("127.0.0.1", port) { client_.set_read_timeout(20, 0); }

  void post(const std::string& group, const std::string& user, const std::string& text, const std::string& jpeg = "",
            const json& voice = nullptr) {
    json body{{"event_id", "m" + std::to_string(++events_)}, {"group_id", group}, {"user_id", user}, {"text", text}};
    if (!jpeg.empty()) body["image_b64"] = base64_encode(jpeg);
    if (!voice.is_null()) body["voice"] = voice;
    auto res = client_.Post("/webhook/sim", body.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  void advance(const std::string& by) {
    auto res = client_.Post("/sim/api/clock", json{{"advance", by}}.dump(), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }

 private:
  httplib::Client client_;
  int events_ = 0;
};

// Waits until `sql` (a count on the SQLite file) is at least `at_least`, the bot's threads
// working in the background.
void wait_for_rows(const std::filesystem::path& file, const std::string& sql, int64_t at_least = 1) {
  const bool reached = test::wait_until([&] { return count_rows(file, sql) >= at_least; }, 30s);
  INFO(sql << " = " << count_rows(file, sql));
  REQUIRE(reached);
}

void wait_until_handled(const std::filesystem::path& file) {
  wait_for_rows(file, "SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END FROM inbox WHERE state = 'pending'");
}

// The demo township after a few days: something in every table of the schema.
void live_a_few_days(const std::filesystem::path& data_dir, TimePoint* now) {
  AppOptions options;
  options.data_dir = data_dir;
  options.port = 0;
  options.clock = std::make_shared<ManualClock>(*parse_iso8601("2026-11-23T10:00:00+08:00"));
  auto created = App::create(test::demo_deployment(), std::move(options));
  REQUIRE(created);
  auto app = std::move(*created);
  REQUIRE(app->start());
  const auto db = data_dir / "paike.db";
  Sim sim(app->port());

  const std::pair<const char*, const char*> reporters[] = {
      {"g-hanjia", "sim:handefu"},     {"g-lizhuang", "sim:licuihua"}, {"g-wangjiawan", "sim:wangyuzhen"},
      {"g-dongying", "sim:wujianjun"}, {"g-hanjia", "sim:liufang"},    {"g-lizhuang", "sim:chenming"},
      {"g-wangjiawan", "sim:heliang"}, {"g-dongying", "sim:qianli"},   {"g-hanjia", "sim:hanxiaojun"},
  };
  int n = 0;
  for (const auto& [group, user] : reporters) {
    const std::string text = "路边垃圾堆了好几天没人管（" + std::to_string(++n) + "）";
    sim.post(group, user, text, n % 2 == 1 ? test::make_jpeg(640, 480, 100 + n) : "");
  }
  // A spoken report with its audio, and a voice note without words (asked to type instead).
  sim.post("g-lizhuang", "sim:lichunmei", "", "",
           json{{"transcript", "村口排水沟堵了"}, {"audio_b64", base64_encode("#!AMR\nvoice")}, {"format", "amr"}});
  sim.post("g-wangjiawan", "sim:machao", "", "", json{{"audio_b64", base64_encode("#!AMR\nmore")}, {"format", "amr"}});
  wait_for_rows(db, "SELECT COUNT(*) FROM tickets", 10);
  wait_until_handled(db);

  auto hanjia_ticket = [&](int nth) {
    return count_rows(
        db, "SELECT id FROM tickets WHERE group_id = 'g-hanjia' ORDER BY id LIMIT 1 OFFSET " + std::to_string(nth));
  };
  const int64_t first = hanjia_ticket(0), second = hanjia_ticket(1), third = hanjia_ticket(2);
  REQUIRE(third > second);
  sim.post("g-hanjia", "sim:hanjianguo", "#" + std::to_string(first) + " 已整改", test::make_jpeg(640, 480, 900));
  // Into the newer ticket: its row comes after the one that names it.
  sim.post("g-hanjia", "sim:hanjianguo", "#" + std::to_string(second) + " 合并 #" + std::to_string(third));
  wait_for_rows(db, "SELECT COUNT(*) FROM tickets WHERE merged_into IS NOT NULL");
  wait_for_rows(db, "SELECT COUNT(*) FROM tickets WHERE status = 'rectified'");

  // The after-photo shows another scene, so a person confirms (no auto-close).
  sim.post("g-hanjia", "sim:hanjianguo", "#" + std::to_string(first) + " 确认");
  wait_for_rows(db, "SELECT COUNT(*) FROM tickets WHERE status = 'closed'");
  sim.advance("25h");  // the deadlines pass: the ladder
  wait_for_rows(db, "SELECT COUNT(*) FROM reminder_steps");
  sim.advance("8d");  // 回头看 and points
  wait_for_rows(db, "SELECT COUNT(*) FROM followups");
  wait_for_rows(db, "SELECT COUNT(*) FROM points");

  // Left waiting when the township moves: a photo without words, a 已整改 without its photo.
  sim.post("g-dongying", "sim:wujianjun", "", test::make_jpeg(640, 480, 777));
  const int64_t lizhuang = count_rows(db, "SELECT MIN(id) FROM tickets WHERE group_id = 'g-lizhuang'");
  sim.post("g-lizhuang", "sim:liweidong", "#" + std::to_string(lizhuang) + " 已整改");
  wait_for_rows(db, "SELECT COUNT(*) FROM pending_reports");
  wait_for_rows(db, "SELECT COUNT(*) FROM closeoff_waits");
  wait_until_handled(db);
  *now = app->clock().now();
  app->stop();

  auto sqlite = open_or_fail(StorageTarget::sqlite(db));
  WebLoginRepo logins(*sqlite);
  sqlite->transaction([&] {
    logins.add_link(std::string(64, 'a'), "sim:hanjianguo", *now, *now + 10min);
    logins.add_session(std::string(64, 'b'), WebSession{"sim:hanjianguo", "csrf", *now + 7 * 24h}, *now);
  });
}

// Every row of `table`, each value written out with the type the SQLite schema declares, in
// primary key order: the same text from both databases when they hold the same rows.
std::vector<std::string> table_rows(Database& db, Database& sqlite, std::string_view table) {
  std::vector<std::string> columns, types, key;
  std::vector<std::pair<int, std::string>> key_order;
  Statement info(sqlite, "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid");
  info.bind(1, table);
  while (info.step()) {
    columns.push_back(info.column(0).text());
    types.push_back(info.column(1).text());
    if (info.column(2).int64() > 0) key_order.emplace_back(info.column(2).int32(), info.column(0).text());
  }
  std::sort(key_order.begin(), key_order.end());
  std::string sql = "SELECT ";
  for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", \"" : "\"") + columns[i] + "\"";
  sql += " FROM " + std::string(table) + " ORDER BY ";
  for (size_t i = 0; i < key_order.size(); ++i) sql += (i ? ", \"" : "\"") + key_order[i].second + "\"";
  std::vector<std::string> rows;
  Statement q(db, sql);
  while (q.step()) {
    std::string row;
    for (size_t i = 0; i < columns.size(); ++i) {
      const Column c = q.column(static_cast<int>(i));
      row += columns[i] + "=";
      if (c.is_null()) {
        row += "NULL";
      } else if (types[i] == "REAL") {
        char text[40];
        std::snprintf(text, sizeof text, "%.17g", c.real());
        row += text;
      } else if (types[i] == "INTEGER") {
        row += std::to_string(c.int64());
      } else {
        row += c.text();
      }
      row += " | ";
    }
    rows.push_back(row);
  }
  return rows;
}

std::string render(const Ticket& t) {
  std::string s = "#" + std::to_string(t.id) + " " + std::string(status_code(t.status)) + " " + t.category + " " +
                  std::to_string(t.category_confidence) + " " + t.village + "/" + t.grid_id + " " +
                  std::string(location_source_code(t.location_source)) + " " + t.landmark + " " + t.text + " " +
                  t.reporter_id + " " + t.reporter_name + " " + t.filer_id + " " + t.assignee_id + " " + t.platform +
                  " " + t.group_id + " " + t.source_event_id + " " + t.source_message_id + " " +
                  std::to_string(t.created_at.time_since_epoch().count()) + " " +
                  std::to_string(t.due_at.time_since_epoch().count());
  if (t.point) s += " @" + std::to_string(t.point->lat) + "," + std::to_string(t.point->lng);
  if (t.closed_at) s += " closed " + std::to_string(t.closed_at->time_since_epoch().count());
  if (t.merged_into) s += " into #" + std::to_string(*t.merged_into);
  return s;
}

std::string render(const LedgerPage& page) {
  std::string s = "total " + std::to_string(page.total) + ";";
  for (const auto& [code, n] : page.counts) s += " " + code + "=" + std::to_string(n);
  for (const auto& t : page.tickets) s += "\n" + render(t);
  return s;
}

std::string render(const AuditEvent& e) {
  std::string s = std::to_string(e.id) + " #" + std::to_string(e.ticket_id) + " " +
                  std::to_string(e.at.time_since_epoch().count()) + " " + e.actor_id + " " + e.action + " " +
                  e.from_status + ">" + e.to_status + " " + e.field + ":" + e.old_value + ">" + e.new_value + " " +
                  e.reason + " " + e.reason_code + " " + e.source_event_id;
  for (const auto& [k, v] : e.reason_params) s += " " + k + "=" + v;
  return s;
}

std::vector<std::string> ledger_answers(Database& db, const std::vector<std::string>& villages, TimePoint now) {
  std::vector<std::string> answers;
  std::vector<LedgerQuery> queries(7);
  queries[0].limit = 0;
  queries[1].status = "open";
  queries[1].sort = LedgerSort::due_soonest;
  queries[2].village = "韩家村";
  queries[2].sort = LedgerSort::village;
  queries[3].overdue_only = true;
  queries[3].sort = LedgerSort::oldest;
  queries[4].text = "垃圾";
  queries[4].limit = 3;
  queries[4].offset = 2;
  queries[5].scope = std::vector<std::string>{"李庄村", "东营村"};
  queries[5].status = "finished";
  queries[6].scope = std::vector<std::string>{};  // a viewer who may see no village
  for (auto& q : queries) {
    q.now = now;
    answers.push_back(render(search_ledger(db, q)));
  }
  for (const auto& f : village_figures(db, villages, now - 30 * 24h, now, now)) {
    answers.push_back(f.village + " open " + std::to_string(f.open) + " overdue " + std::to_string(f.overdue) +
                      " closed " + std::to_string(f.closed) + " on time " + std::to_string(f.closed_on_time) +
                      " hours " + std::to_string(f.avg_close_hours));
  }
  TicketRepo tickets(db);
  for (int64_t id = 1; id <= db.query_int64("SELECT MAX(id) FROM tickets"); ++id) {
    auto t = tickets.get(id);
    answers.push_back(t ? render(*t) : "no #" + std::to_string(id));
    for (const auto& e : tickets.events(id)) answers.push_back(render(e));
    for (const auto& p : tickets.photos(id)) answers.push_back(p.kind + " " + p.sha256 + " " + p.source_event_id);
  }
  return answers;
}

}  // namespace

TEST_CASE("paike migrate: the demo township's SQLite data in PostgreSQL, twice, same rows and ledger, ids go on") {
  test::TempDir dir;
  test::ScratchSchema schema;
  TimePoint now{};
  live_a_few_days(dir / "data", &now);
  const auto file = dir / "data" / "paike.db";
  {
    // The simulator posts each message in one call; a platform that posts a text and its
    // image as two leaves a record of the part that went out.
    auto writer = open_or_fail(StorageTarget::sqlite(file), false);
    SentPartsRecord(*writer).keep("part-of-outbox-1", "om_1", now);
  }

  auto sqlite = open_or_fail(StorageTarget::sqlite(file), true);
  std::map<std::string, int64_t> source_rows;
  for (std::string_view table : schema_tables()) {
    source_rows[std::string(table)] = sqlite->query_int64("SELECT COUNT(*) FROM " + std::string(table));
    INFO("table " << table << " is empty: the test would not show it is copied");
    CHECK(source_rows[std::string(table)] > 0);
  }

  auto first = run_paike({"migrate", "--from", file.string(), "--to", schema.url()}, dir);
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK(first.output.find("tickets: " + std::to_string(source_rows["tickets"]) + " rows copied, 0 already there") !=
        std::string::npos);
  CHECK(first.output.find("every row of the SQLite file is in PostgreSQL") != std::string::npos);
  CHECK(first.output.find((dir / "data" / "photos").string()) != std::string::npos);  // photos stay files

  auto again = run_paike({"migrate", "--from", file.string(), "--to", schema.url()}, dir);
  INFO(again.output);
  REQUIRE(again.exit_code == 0);
  CHECK(again.output.find("done: 0 rows copied") != std::string::npos);
  CHECK(again.output.find("changed since") == std::string::npos);

  auto pg = open_or_fail(StorageTarget::postgresql(schema.url()));
  REQUIRE(pg->backend() == Backend::postgresql);
  for (std::string_view table : schema_tables()) {
    INFO("table " << table);
    const auto expected = table_rows(*sqlite, *sqlite, table);
    const auto copied = table_rows(*pg, *sqlite, table);
    CHECK(copied.size() == expected.size());  // nothing doubled by the second run
    CHECK(copied == expected);
  }
  const auto villages = test::shared_demo_deployment().villages();
  const auto expected = ledger_answers(*sqlite, villages, now);
  const auto answered = ledger_answers(*pg, villages, now);
  REQUIRE(answered.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) CHECK(answered[i] == expected[i]);

  // The next ticket and audit row on PostgreSQL are numbered after the copied ones.
  const int64_t last_ticket = sqlite->query_int64("SELECT MAX(id) FROM tickets");
  const int64_t last_event = sqlite->query_int64("SELECT MAX(id) FROM ticket_events");
  TicketRepo tickets(*pg);
  auto fresh = tickets.get(1);
  REQUIRE(fresh);
  fresh->source_event_id = "after-migrate";
  fresh->merged_into.reset();
  const int64_t id = pg->transaction([&] { return tickets.create(*fresh); });
  CHECK(id == last_ticket + 1);
  AuditEvent created;
  created.ticket_id = id;
  created.at = now;
  created.actor_id = "system";
  created.action = "created";
  CHECK(pg->transaction([&] { return tickets.add_event(created); }) == last_event + 1);
}

TEST_CASE("paike migrate: a row PostgreSQL has changed since the first run is kept, and said") {
  test::TempDir dir;
  test::ScratchSchema schema;
  const auto file = dir / "paike.db";
  TimePoint now = *parse_iso8601("2026-11-23T10:00:00+08:00");
  {
    auto sqlite = open_or_fail(StorageTarget::sqlite(file));
    TicketRepo tickets(*sqlite);
    Ticket t;
    t.category = "household_waste";
    t.village = "韩家村";
    t.text = "南河桥边有一堆垃圾";
    t.reporter_id = t.filer_id = "sim:handefu";
    t.reporter_name = "韩德福";
    t.assignee_id = "sim:zhangguilan";
    t.platform = "sim";
    t.group_id = "g-hanjia";
    t.source_event_id = t.source_message_id = "e1";
    t.created_at = now;
    t.due_at = now + 48h;
    sqlite->transaction([&] { tickets.create(t); });
  }
  REQUIRE(run_paike({"migrate", "--from", file.string(), "--to", schema.url()}, dir).exit_code == 0);
  {
    auto pg = open_or_fail(StorageTarget::postgresql(schema.url()));
    TicketRepo tickets(*pg);
    auto t = tickets.get(1);
    REQUIRE(t);
    t->status = TicketStatus::closed;  // an instance on PostgreSQL went on with it
    t->closed_at = now + 1h;
    pg->transaction([&] { tickets.update(*t); });
  }
  auto again = run_paike({"migrate", "--from", file.string(), "--to", schema.url()}, dir);
  INFO(again.output);
  CHECK(again.exit_code == 0);
  CHECK(again.output.find("tickets: 0 rows copied, 1 already there (1 of them changed since: PostgreSQL's kept)") !=
        std::string::npos);
  auto pg = open_or_fail(StorageTarget::postgresql(schema.url()));
  CHECK(TicketRepo(*pg).get(1)->status == TicketStatus::closed);
}

TEST_CASE("paike migrate: a row PostgreSQL cannot take fails the whole copy, naming table and row, nothing copied") {
  test::TempDir dir;
  test::ScratchSchema schema;
  const auto file = dir / "paike.db";
  {
    auto sqlite = open_or_fail(StorageTarget::sqlite(file));
    sqlite->transaction([&] {
      Statement mark(*sqlite, "INSERT INTO schedule_marks (name, value, at) VALUES ('digest:2026-11-23', 1, 5)");
      REQUIRE(mark.exec() == 1);
      // SQLite keeps a word in an INTEGER column; PostgreSQL's BIGINT does not.
      Statement bad(*sqlite,
                    "INSERT INTO points (user_id, amount, reason, at, source) VALUES ('u', 1, 'r', 'soon', 's')");
      REQUIRE(bad.exec() == 1);
    });
  }
  auto run = run_paike({"migrate", "--from", file.string(), "--to", schema.url()}, dir);
  INFO(run.output);
  CHECK(run.exit_code == 1);
  CHECK(run.output.find("table points, row id 1") != std::string::npos);
  CHECK(run.output.find("nothing was copied") != std::string::npos);
  auto pg = open_or_fail(StorageTarget::postgresql(schema.url()));
  CHECK(pg->query_int64("SELECT COUNT(*) FROM schedule_marks") == 0);  // the table before it too
}

TEST_CASE("paike migrate: a SQLite file of an older paike is migrated first, one of a newer paike refused") {
  test::TempDir dir;
  test::ScratchSchema schema;
  {
    auto db = open_or_fail(StorageTarget::sqlite(dir / "new.db"));
    db->exec("INSERT INTO schema_version (version, applied_at) VALUES (999, 0)");
  }
  auto newer = run_paike({"migrate", "--from", (dir / "new.db").string(), "--to", schema.url()}, dir);
  INFO(newer.output);
  CHECK(newer.exit_code == 1);
  CHECK(newer.output.find("written by a newer paike") != std::string::npos);

  // Every migration but the last, as the paike before it left the file.
  const int latest = Database::latest_schema_version();
  {
    SQLite::Database old((dir / "old.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    old.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (int version = 1; version < latest; ++version) {
      old.exec(std::string(schema_migrations()[version - 1]));
      old.exec("INSERT INTO schema_version (version, applied_at) VALUES (" + std::to_string(version) + ", 0)");
    }
    old.exec("INSERT INTO schedule_marks (name, value, at) VALUES ('points-cursor', 7, 1)");
  }
  auto older = run_paike({"migrate", "--from", (dir / "old.db").string(), "--to", schema.url()}, dir);
  INFO(older.output);
  CHECK(older.exit_code == 0);
  CHECK(older.output.find("was at schema version " + std::to_string(latest - 1) + ", migrated to " +
                          std::to_string(latest) + " first") != std::string::npos);
  CHECK(older.output.find("schedule_marks: 1 rows copied") != std::string::npos);
  CHECK(count_rows(dir / "old.db", "SELECT MAX(version) FROM schema_version") == latest);
}

TEST_CASE("paike migrate: refuses a target that is not PostgreSQL and a missing SQLite file") {
  test::TempDir dir;
  auto not_pg = run_paike({"migrate", "--from", "paike-data/paike.db", "--to", (dir / "other.db").string()}, dir);
  CHECK(not_pg.exit_code == 1);
  CHECK(not_pg.output.find("must be a PostgreSQL URL") != std::string::npos);
  auto missing =
      run_paike({"migrate", "--from", (dir / "nothing.db").string(), "--to", "postgresql://x@127.0.0.1:1/y"}, dir);
  CHECK(missing.exit_code == 1);
  CHECK(missing.output.find("no SQLite database at") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "nothing.db"));
  CHECK(run_paike({"migrate", "--to", "postgresql://x@127.0.0.1:1/y"}, dir).exit_code == 2);
}
