// Commits leave the WAL checkpoint to the WalCheckpointer's thread (bot/wal_checkpointer.h):
// no commit copies the WAL into the database file, and the checkpointer does soon after.
#include "bot/wal_checkpointer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "support/temp_dir.h"
#include "support/wait_until.h"

using namespace paike;

namespace {

// About 3 WAL frames per commit: a 8 KB blob spills into overflow pages.
void write_blobs(Database& db, int commits) {
  for (int i = 0; i < commits; ++i) {
    db.transaction([&] { db.exec("INSERT INTO blobs (data) VALUES (randomblob(8000))"); });
  }
}

}  // namespace

TEST_CASE("with on_wal_commit set, no commit checkpoints: the WAL grows past SQLite's 1000 frames") {
  test::TempDir dir;
  int most_frames = 0;
  DatabaseOptions options;
  options.on_wal_commit = [&](int frames) { most_frames = std::max(most_frames, frames); };
  auto db = Database::open(dir / "t.db", options);
  REQUIRE(db);
  (*db)->exec("CREATE TABLE blobs (data BLOB)");
  write_blobs(**db, 1000);
  // SQLite's own hook would have checkpointed at 1000 frames and started the WAL over.
  CHECK(most_frames > 2 * WalCheckpointer::kFrames);
}

TEST_CASE("the checkpointer copies the WAL into the database file once it passes 1000 frames") {
  test::TempDir dir;
  const auto file = dir / "t.db";
  auto own = Database::open(file);
  REQUIRE(own);
  WalCheckpointer checkpointer(std::move(*own));
  auto db = Database::open(file, checkpointer.options());
  REQUIRE(db);
  (*db)->exec("CREATE TABLE blobs (data BLOB)");
  write_blobs(**db, 100);  // about 300 frames: under the threshold, and not started yet
  const auto small = std::filesystem::file_size(file);
  checkpointer.start();
  write_blobs(**db, 400);  // past 1000 frames: it is woken
  test::wait_until([&] { return std::filesystem::file_size(file) >= small + 3'000'000; }, std::chrono::seconds(10));
  checkpointer.stop();
  CHECK(std::filesystem::file_size(file) >= small + 3'000'000);  // 400+ blobs of 8 KB now in the file
}
