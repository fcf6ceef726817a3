#include "storage/database.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include "storage/chat_key.h"
#include "storage/inbox.h"
#include "storage/migrations.h"
#include "storage/outbox.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

using namespace paike;

TEST_CASE("a new database is created at the latest schema version") {
  test::TempDir dir;
  auto db = Database::open(test::test_storage(dir.path()));
  REQUIRE(db);
  CHECK((*db)->schema_version() == Database::latest_schema_version());
}

// support/test_database.h: what every other test here relies on, on either backend.
TEST_CASE("a test's database is on the backend the suite runs on, one per dir, the same again for its dir") {
  test::TempDir one, other;
  auto db = Database::open(test::test_storage(one.path()));
  REQUIRE(db);
  CHECK((*db)->backend() == (test::testing_on_postgresql() ? Backend::postgresql : Backend::sqlite));
  Inbox(**db).insert({"sim", "e1", "g", "u", TimePoint(Duration(1000)), "{}"});
  auto again = Database::open(test::test_storage(one.path()));
  REQUIRE(again);
  CHECK(Inbox(**again).count_pending() == 1);
  auto elsewhere = Database::open(test::test_storage(other.path()));
  REQUIRE(elsewhere);
  CHECK(Inbox(**elsewhere).count_pending() == 0);
}

TEST_CASE("a new SQLite file is in WAL mode with foreign keys and 16 KB pages", "[sqlite]") {
  test::TempDir dir;
  auto db = Database::open(dir / "paike.db");
  REQUIRE(db);
  CHECK((*db)->query_text("PRAGMA journal_mode") == "wal");
  CHECK((*db)->query_int64("PRAGMA foreign_keys") == 1);
  CHECK((*db)->query_int64("PRAGMA page_size") == 16384);
}

TEST_CASE("an older paike refuses a database written by a newer one, with a clear message") {
  test::TempDir dir;
  const StorageTarget target = test::test_storage(dir.path());
  {
    auto db = Database::open(target);
    REQUIRE(db);
    (*db)->exec("INSERT INTO schema_version (version, applied_at) VALUES (999, 0)");
  }
  auto again = Database::open(target);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::schema_too_new);
  CHECK(again.error().message.find("999") != std::string::npos);
}

TEST_CASE("reopening a database migrates nothing twice") {
  test::TempDir dir;
  const StorageTarget target = test::test_storage(dir.path());
  { REQUIRE(Database::open(target)); }
  auto db = Database::open(target);
  REQUIRE(db);
  CHECK((*db)->query_int64("SELECT COUNT(*) FROM schema_version") == Database::latest_schema_version());
}

TEST_CASE("the inbox stores an event once per platform and event id") {
  test::TempDir dir;
  const StorageTarget target = test::test_storage(dir.path());
  auto db = Database::open(target);
  REQUIRE(db);
  Inbox inbox(**db);
  TimePoint t(Duration(1000));
  CHECK(inbox.insert({"sim", "e1", "g", "u", t, "{}"}));
  CHECK_FALSE(inbox.insert({"sim", "e1", "g", "u", t, "{\"other\":1}"}));
  CHECK(inbox.insert({"feishu", "e1", "g", "u", t, "{}"}));
  CHECK(inbox.count_pending() == 2);
  auto first = inbox.next_pending();
  REQUIRE(first);
  CHECK(first->payload == "{}");
  inbox.mark_done(first->id, t);
  CHECK(inbox.count_pending() == 1);
}

TEST_CASE("the worker can read a pending event without its payload, and fetch the payload alone") {
  test::TempDir dir;
  const StorageTarget target = test::test_storage(dir.path());
  auto db = Database::open(target);
  REQUIRE(db);
  Inbox inbox(**db);
  (*db)->transaction([&] { inbox.insert({"sim", "e1", "g", "u", TimePoint(Duration(1000)), "{\"text\":\"hi\"}"}); });
  auto head = inbox.next_pending(Inbox::Payload::skip);
  REQUIRE(head);
  CHECK(head->event_id == "e1");
  CHECK(head->payload.empty());
  CHECK(inbox.payload("sim", head->id) == "{\"text\":\"hi\"}");
  CHECK_FALSE(inbox.payload("feishu", head->id));
  CHECK(inbox.find("sim", "e1")->payload == "{\"text\":\"hi\"}");
}

TEST_CASE("marking a photo report done writes a few pages, not its payload again", "[sqlite]") {
  test::TempDir dir;
  auto db = Database::open(dir / "paike.db");
  REQUIRE(db);
  Inbox inbox(**db);
  const std::string photo_body(400 * 1024, 'A');  // a 300 KB photo as base64
  (*db)->transaction([&] { inbox.insert({"sim", "e1", "g", "u", TimePoint(Duration(1000)), photo_body}); });
  (*db)->exec("PRAGMA wal_checkpoint(TRUNCATE)");
  (*db)->transaction([&] { inbox.mark_done(inbox.next_pending(Inbox::Payload::skip)->id, TimePoint(Duration(2000))); });
  // PRAGMA wal_checkpoint answers (busy, frames in the WAL, frames checkpointed). With the
  // payload in the inbox row, this commit rewrote its 100 overflow pages.
  Statement frames(**db, "PRAGMA wal_checkpoint(PASSIVE)");
  REQUIRE(frames.step());
  CHECK(frames.column(1).int32() <= 8);
  CHECK(inbox.count_pending() == 0);
  CHECK(inbox.find("sim", "e1")->payload == photo_body);
}

TEST_CASE("a database from before the payload table keeps every event's payload", "[sqlite]") {
  test::TempDir dir;
  const auto& migrations = schema_migrations();
  {
    SQLite::Database old((dir / "paike.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    old.exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    for (size_t version = 1; version < migrations.size(); ++version) {
      if (std::string(migrations[version - 1]).find("inbox_payloads") != std::string::npos) break;
      old.exec(std::string(migrations[version - 1]));
      old.exec("INSERT INTO schema_version VALUES (" + std::to_string(version) + ", 0)");
    }
    old.exec(
        "INSERT INTO inbox (platform, event_id, group_id, user_id, received_at, payload) "
        "VALUES ('sim', 'old-1', 'g', 'u', 1000, '{\"text\":\"旧的\"}')");
  }
  auto db = Database::open(dir / "paike.db");
  REQUIRE(db);
  CHECK((*db)->schema_version() == Database::latest_schema_version());
  Inbox inbox(**db);
  auto row = inbox.next_pending();
  REQUIRE(row);
  CHECK(row->event_id == "old-1");
  CHECK(row->payload == "{\"text\":\"旧的\"}");
}

TEST_CASE("the outbox hands out each group's messages in order, and a retry holds the group back") {
  test::TempDir dir;
  const StorageTarget target = test::test_storage(dir.path());
  auto db = Database::open(target);
  REQUIRE(db);
  Outbox outbox(**db);
  TimePoint t(Duration(1000));
  auto message = [](const std::string& group, const std::string& text) {
    OutgoingMessage m;  // by field, so new OutgoingMessage fields do not shift these
    m.platform = "sim";
    m.group_id = group;
    m.text = text;
    return m;
  };
  OutgoingMessage a = message("g1", "first");
  OutgoingMessage b = message("g1", "second");
  OutgoingMessage c = message("g2", "other group");
  auto id_a = outbox.enqueue(a, t);
  outbox.enqueue(b, t);
  outbox.enqueue(c, t);
  auto due = outbox.next_due(t, 10);
  REQUIRE(due.size() == 2);
  CHECK(due[0].message.text == "first");
  CHECK(due[1].message.text == "other group");
  outbox.mark_retry(id_a, t + Duration(60), "503");
  due = outbox.next_due(t + Duration(1), 10);
  REQUIRE(due.size() == 1);  // "second" waits behind "first"
  CHECK(due[0].message.text == "other group");
  outbox.mark_sent(id_a, t + Duration(60), "m-1");
  due = outbox.next_due(t + Duration(61), 10);
  REQUIRE(due.size() == 2);
  CHECK(due[0].message.text == "second");
  CHECK(outbox.list_sent("sim", "g1", 0, 10).size() == 1);
}

// A private chat is in memory a person's id with `direct`, stored as rows written before it was
// (and as the simulator names it): "dm:<id>". A group of the same id is another chat.
TEST_CASE("the outbox stores a private chat as dm:<id> and reads it back as direct") {
  test::TempDir dir;
  const StorageTarget target = test::test_storage(dir.path());
  auto db = Database::open(target);
  REQUIRE(db);
  Outbox outbox(**db);
  TimePoint t(Duration(1000));
  OutgoingMessage private_message;
  private_message.platform = "sim";
  private_message.group_id = "sim:handefu";
  private_message.direct = true;
  private_message.text = "登录链接";
  OutgoingMessage group_message = private_message;
  group_message.direct = false;
  group_message.text = "group";
  const int64_t id = outbox.enqueue(private_message, t);
  const int64_t group_id = outbox.enqueue(group_message, t);
  CHECK((*db)->query_text("SELECT group_id FROM outbox WHERE id = " + std::to_string(id)) == "dm:sim:handefu");
  auto row = outbox.get(id);
  REQUIRE(row);
  CHECK(row->message.direct);
  CHECK(row->message.group_id == "sim:handefu");
  auto group_row = outbox.get(group_id);
  REQUIRE(group_row);
  CHECK_FALSE(group_row->message.direct);
  CHECK(outbox.next_due(t, 10).size() == 2);  // two chats, so neither waits behind the other
  outbox.mark_sent(id, t, "");
  auto listed = outbox.list_sent("sim", "dm:sim:handefu", 0, 10);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].message.text == "登录链接");
}

TEST_CASE("chat_key and chat_from_key are each other's inverse") {
  CHECK(chat_key("sim:handefu", true) == "dm:sim:handefu");
  CHECK(chat_key("g-hanjia", false) == "g-hanjia");
  auto direct = chat_from_key("dm:12345");
  CHECK(direct.direct);
  CHECK(direct.id == "12345");
  auto group = chat_from_key("oc_hanjia");
  CHECK_FALSE(group.direct);
  CHECK(group.id == "oc_hanjia");
}

// The flood guard asks this (Inbox::count_recent) for every event; reading `error` from the table would walk past
// each recent row's payload (a photo is hundreds of KB), so it must be answered from an index.
TEST_CASE("counting the chat's skipped events of the last minute reads an index, not the payloads", "[sqlite]") {
  test::TempDir dir;
  auto db = Database::open(dir / "paike.db");
  REQUIRE(db);
  for (const bool with_user : {false, true}) {
    Statement plan(**db, std::string("EXPLAIN QUERY PLAN SELECT count(*) FROM inbox WHERE platform = ? AND group_id = ?"
                                     " AND received_at >= ? AND id < ?") +
                             (with_user ? " AND user_id = ?" : "") + " AND error = ?");
    std::string detail;
    while (plan.step()) detail += plan.column(3).text() + "\n";
    INFO(detail);
    CHECK(detail.find("COVERING INDEX inbox_skipped_by_group") != std::string::npos);
  }
}
