// Claims on inbox events and outbox messages (storage/claim.h): with several instances on one
// PostgreSQL database each event and message is worked on by one instance, a chat's stay in
// order, and what a dead instance held is taken over when its lease runs out. On SQLite one
// instance holds the data dir, so a claim is just the oldest pending row, with no write.
#include <catch2/catch.hpp>

#include "storage/inbox.h"
#include "storage/outbox.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

namespace paike {
namespace {

constexpr TimePoint kNow{Duration(1'800'000'000)};

Claim claim_by(const std::string& instance, TimePoint now = kNow) {
  return Claim{instance, now, now + std::chrono::seconds(60)};
}

void store_event(Database& db, const std::string& event_id, const std::string& chat) {
  db.transaction([&] { Inbox(db).insert({"sim", event_id, chat, "u", kNow, "{}"}); });
}

OutgoingMessage message_to(const std::string& chat, const std::string& text) {
  OutgoingMessage m;
  m.platform = "sim";
  m.group_id = chat;
  m.text = text;
  return m;
}

}  // namespace

TEST_CASE("claims: two instances take different events, and a chat's later event waits for its earlier one") {
  test::TempDir dir;
  auto a = Database::open(test::test_storage(dir.path()));
  auto b = Database::open(test::test_storage(dir.path()));
  REQUIRE(a);
  REQUIRE(b);
  store_event(**a, "e1", "g1");
  store_event(**a, "e2", "g1");
  store_event(**a, "e3", "g2");
  Inbox at_a(**a), at_b(**b);
  auto first = at_a.claim_next(claim_by("a"));
  REQUIRE(first);
  CHECK(first->event_id == "e1");
  if (!test::testing_on_postgresql()) {
    // One instance: the oldest pending event, whoever asks, and nothing is written.
    CHECK(at_b.claim_next(claim_by("b"))->event_id == "e1");
    CHECK(at_b.still_claimed(first->id, "b"));
    return;
  }
  auto second = at_b.claim_next(claim_by("b"));
  REQUIRE(second);
  CHECK(second->event_id == "e3");              // e2 waits behind e1 of its chat
  CHECK_FALSE(at_b.claim_next(claim_by("c")));  // a third instance finds nothing free
  CHECK(at_a.still_claimed(first->id, "a"));
  CHECK_FALSE(at_b.still_claimed(first->id, "b"));
  (*a)->transaction([&] { at_a.mark_done(first->id, kNow); });
  auto third = at_b.claim_next(claim_by("b"));
  REQUIRE(third);
  CHECK(third->event_id == "e2");
  CHECK_FALSE(at_a.still_claimed(first->id, "a"));  // done: nobody's any more
}

TEST_CASE("claims: an event whose instance died is taken over when the lease runs out, at once by its restart") {
  test::TempDir dir;
  auto a = Database::open(test::test_storage(dir.path()));
  auto b = Database::open(test::test_storage(dir.path()));
  REQUIRE(a);
  REQUIRE(b);
  store_event(**a, "e1", "g1");
  store_event(**a, "e2", "g2");
  Inbox at_a(**a), at_b(**b);
  const auto held = at_a.claim_next(claim_by("a"));
  REQUIRE(held);
  if (!test::testing_on_postgresql()) {
    at_a.release_claims_of("a");  // harmless with nothing leased
    CHECK(at_a.claim_next(claim_by("a"))->id == held->id);
    return;
  }
  REQUIRE(at_b.claim_next(claim_by("b"))->event_id == "e2");
  CHECK_FALSE(at_b.claim_next(claim_by("c", kNow + std::chrono::seconds(59))));
  // "a" died holding e1: after the lease "b" takes it, and "a"'s late commit is refused.
  (*b)->transaction([&] { at_b.mark_done(at_b.find("sim", "e2")->id, kNow); });
  auto taken = at_b.claim_next(claim_by("b", kNow + std::chrono::seconds(61)));
  REQUIRE(taken);
  CHECK(taken->id == held->id);
  CHECK(at_b.still_claimed(held->id, "b"));
  CHECK_FALSE(at_a.still_claimed(held->id, "a"));
  // "b" restarts: what it held is free again at once, for anyone.
  at_b.release_claims_of("b");
  auto again = at_a.claim_next(claim_by("c", kNow + std::chrono::seconds(62)));
  REQUIRE(again);
  CHECK(again->id == held->id);
}

TEST_CASE("claims: each outbox message is sent by one instance, a chat's messages in order, a retry is free again") {
  test::TempDir dir;
  auto a = Database::open(test::test_storage(dir.path()));
  auto b = Database::open(test::test_storage(dir.path()));
  REQUIRE(a);
  REQUIRE(b);
  Outbox at_a(**a), at_b(**b);
  int64_t m1 = 0, m3 = 0;
  (*a)->transaction([&] {
    m1 = at_a.enqueue(message_to("g1", "一"), kNow);
    at_a.enqueue(message_to("g1", "二"), kNow);
    m3 = at_a.enqueue(message_to("g2", "三"), kNow);
  });
  auto rows_a = at_a.claim_due(kNow, 10, claim_by("a"));
  REQUIRE(rows_a.size() == 2);  // the head of each chat
  CHECK(rows_a[0].id == m1);
  CHECK(rows_a[1].id == m3);
  auto rows_b = at_b.claim_due(kNow, 10, claim_by("b"));
  if (!test::testing_on_postgresql()) {
    CHECK(rows_b.size() == 2);  // one instance: no leases
    return;
  }
  CHECK(rows_b.empty());
  at_a.mark_sent(m1, kNow, "pm-1");
  rows_b = at_b.claim_due(kNow, 10, claim_by("b"));
  REQUIRE(rows_b.size() == 1);  // g1's second message; g2's head is still "a"'s
  CHECK(rows_b[0].message.text == "二");
  at_a.mark_retry(m3, kNow, "busy");  // a retry is anyone's again
  rows_b = at_b.claim_due(kNow, 10, claim_by("b"));
  REQUIRE(rows_b.size() == 2);
  CHECK(rows_b[1].id == m3);
}

}  // namespace paike
