#include "storage/inbox_group_commit.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "storage/inbox.h"
#include "storage/write_lock.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

using namespace paike;

namespace {

InboxEntry sim_event(const std::string& event_id) {
  return {"sim", event_id, "g-hanjia", "sim:handefu", TimePoint(Duration(1'795'300'000)), "{\"text\":\"垃圾\"}"};
}

int64_t inbox_rows(DatabasePool& pool) {
  auto db = pool.acquire();
  return db->query_int64("SELECT COUNT(*) FROM inbox");
}

}  // namespace

TEST_CASE("webhook threads storing at once each get their own answer and every event is stored once") {
  test::TempDir dir;
  const StorageTarget target = test::test_storage(dir.path());
  REQUIRE(Database::open(target));
  DatabasePool pool(target, DatabaseOptions{});
  InboxGroupCommit commits(pool);
  constexpr int kThreads = 12, kCalls = 40;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        const std::string id = "e-" + std::to_string(t) + "-" + std::to_string(i);
        // Each call carries a new event and, after the first, the previous one again.
        std::vector<InboxEntry> entries{sim_event(id)};
        if (i > 0) entries.push_back(sim_event("e-" + std::to_string(t) + "-" + std::to_string(i - 1)));
        const auto stored = commits.store(std::move(entries));
        if (stored.size() != (i > 0 ? 2u : 1u) || !stored[0] || (i > 0 && stored[1])) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(wrong == 0);
  CHECK(inbox_rows(pool) == kThreads * kCalls);
  auto db = pool.acquire();
  CHECK(Inbox(*db).find("sim", "e-7-39").has_value());
}

TEST_CASE("when the shared commit fails every caller hears it, nothing is stored, and the next commit works") {
  test::TempDir dir;
  const StorageTarget target = test::test_storage(dir.path());
  REQUIRE(Database::open(target));
  DatabasePool pool(target, DatabaseOptions{});
  InboxGroupCommit commits(pool);
  REQUIRE(commits.store({sim_event("before")}) == std::vector<bool>{true});
  {
    auto db = pool.acquire();
    db->exec("ALTER TABLE inbox RENAME TO inbox_away");
  }
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      try {
        commits.store({sim_event("lost-" + std::to_string(t))});
      } catch (const DatabaseError&) {
        ++refused;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(refused == 4);
  {
    auto db = pool.acquire();
    db->exec("ALTER TABLE inbox_away RENAME TO inbox");
  }
  CHECK(inbox_rows(pool) == 1);
  CHECK(commits.store({sim_event("after"), sim_event("before")}) == std::vector<bool>{true, false});
  CHECK(inbox_rows(pool) == 2);
}

TEST_CASE("connections to one file share a write lock, other files have their own", "[sqlite]") {
  test::TempDir dir;
  const auto a = write_lock_for(dir / "a.db");
  CHECK(write_lock_for(dir / "." / "a.db") == a);
  CHECK(write_lock_for(dir / "b.db") != a);
}

TEST_CASE("writers on separate connections to one database take turns without a busy error") {
  test::TempDir dir;
  const StorageTarget target = test::test_storage(dir.path());
  REQUIRE(Database::open(target));
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto db = Database::open(target);
      if (!db) {
        ++failed;
        return;
      }
      Inbox inbox(**db);
      for (int i = 0; i < 25; ++i) {
        try {
          (*db)->transaction([&] {
            inbox.insert({"sim", std::to_string(t) + "-" + std::to_string(i), "g", "u", {}, "{}"});
          });
        } catch (const DatabaseError&) {
          ++failed;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failed == 0);
  CHECK((*Database::open(target))->query_int64("SELECT COUNT(*) FROM inbox") == 100);
}
