// find_duplicate's choice among several open tickets with a matching before-photo.
#include "handlers/intake/dedup.h"

#include <catch2/catch.hpp>

#include "storage/photo_repo.h"
#include "storage/ticket_repo.h"
#include "support/temp_dir.h"
#include "support/test_database.h"

using namespace paike;

namespace {

struct DedupWorld {
  test::TempDir dir;
  std::unique_ptr<Database> db = std::move(*Database::open(test::test_storage(dir.path())));

  void photo(const std::string& sha256, uint64_t phash) {
    PhotoRecord record;
    record.sha256 = sha256;
    record.format = "jpeg";
    record.width = 1280;
    record.height = 960;
    record.phash = phash;
    PhotoRepo(*db).upsert(record);
  }

  int64_t ticket(const std::string& grid_id, const std::vector<std::string>& before_photos,
                 TicketStatus status = TicketStatus::assigned) {
    Ticket t;
    t.status = status;
    t.category = "household_waste";
    t.village = "韩家村";
    t.grid_id = grid_id;
    t.reporter_id = "sim:handefu";
    t.platform = "sim";
    t.group_id = "g-hanjia";
    t.source_event_id = "e-" + std::to_string(++tickets);
    const int64_t id = TicketRepo(*db).create(t);
    for (const auto& sha : before_photos) {
      TicketRepo(*db).add_photo({0, id, "before", sha, 1280, 960, TimePoint{}, t.source_event_id});
    }
    return id;
  }

  std::optional<DuplicateMatch> find(const std::string& sha256, const std::optional<std::string>& grid_id = {}) {
    TagResult place;
    place.village = "韩家村";
    place.grid_id = grid_id;
    return find_duplicate(*db, {sha256}, place, PhotoSettings{});
  }

  int tickets = 0;
};

}  // namespace

TEST_CASE("dedup: the oldest open ticket with a matching photo wins, even when a newer one matches closer") {
  DedupWorld w;
  w.photo("a", 0x0F0F'0000'0000'0000);  // 4 bits from the new photo
  w.photo("b", 0x0FFF'0000'0000'0000);  // the new photo itself
  w.photo("c", 0xFFFF'FFFF'0000'0000);  // far from it
  const int64_t closed = w.ticket("hanjia-north", {"b"}, TicketStatus::closed);
  const int64_t unrelated = w.ticket("hanjia-north", {"c"});
  const int64_t oldest = w.ticket("hanjia-north", {"c", "a"});
  const int64_t newer = w.ticket("hanjia-north", {"b"});
  REQUIRE(closed < unrelated);
  REQUIRE(oldest < newer);

  auto match = w.find("b");
  REQUIRE(match);
  CHECK(match->ticket_id == oldest);
  CHECK(match->distance == 4);
}

TEST_CASE("dedup: within the oldest matching ticket the closest photo is reported, another grid never matches") {
  DedupWorld w;
  w.photo("new", 0x00FF);
  w.photo("near", 0x00FE);  // 1 bit
  w.photo("fair", 0x3FFF);  // 6 bits: still the same scene
  w.photo("same", 0x00FF);  // the very same hash, other bytes
  const int64_t south = w.ticket("hanjia-south", {"new"});
  const int64_t north = w.ticket("hanjia-north", {"fair", "near", "same"});
  REQUIRE(south < north);

  auto in_north = w.find("new", std::string("hanjia-north"));
  REQUIRE(in_north);
  CHECK(in_north->ticket_id == north);
  CHECK(in_north->distance == 0);

  auto anywhere = w.find("new");  // the village only: the older ticket, the very photo
  REQUIRE(anywhere);
  CHECK(anywhere->ticket_id == south);
  CHECK(anywhere->distance == 0);

  CHECK_FALSE(w.find("new", std::string("hanjia-east")));
}
