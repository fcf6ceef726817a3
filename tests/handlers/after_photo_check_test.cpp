// The after-photo check through chat (issue 6): `#N 已整改` with a photo of the same place
// closes as usual; with a photo of another place the secretary is asked to look and the
// ticket waits for a person instead of closing by itself. Real photos from tests/data/vision.
#include <catch2/catch.hpp>

#include "chat_harness.h"
#include "vision/images.h"

using namespace paike;
using namespace paike::test;
using paike::vision::test::read_data;

namespace {

Post with_photo(const std::string& user, const std::string& text, const std::string& file) {
  Post p{user, text, true};
  p.photo_bytes = read_data(file);
  return p;
}

// The rectify audit row's same-place finding, e.g. "different 0.03".
std::string place_finding(ChatHarness& h, int64_t id) {
  for (const auto& e : h.events(id)) {
    if (e.action == "rectified" && e.field == kSamePlaceField) return e.new_value;
  }
  return "";
}

bool said_mismatch(ChatHarness& h) {
  for (const auto& row : h.said()) {
    if (row.message.text.find("整改照片与原照片地点不符，请核实") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("after-photo of the same place: recorded as same, closes on its own as usual") {
  ChatHarness h(true);
  h.post(with_photo(kReporter, "南河桥边墙上乱贴乱画，还堆了东西", "graf1.jpg"));
  const int64_t id = h.last_ticket()->id;
  h.post(with_photo(kAssignee, "#" + std::to_string(id) + " 已整改", "graf3.jpg"));
  CHECK(h.ticket(id).status == TicketStatus::rectified);
  CHECK(place_finding(h, id).rfind("same ", 0) == 0);
  CHECK_FALSE(said_mismatch(h));
  h.clock().advance(std::chrono::hours(25));
  h.tick();
  CHECK(h.ticket(id).status == TicketStatus::closed);
}

TEST_CASE("after-photo of another place: the secretary is asked, the ticket waits for a person") {
  ChatHarness h(true);
  h.post(with_photo(kReporter, "南河桥边有一堆垃圾", "graf1.jpg"));
  const int64_t id = h.last_ticket()->id;
  h.post(with_photo(kAssignee, "已整改 #" + std::to_string(id), "fruits.jpg"));
  CHECK(h.ticket(id).status == TicketStatus::rectified);
  CHECK(place_finding(h, id).rfind("different ", 0) == 0);
  const auto asked = h.last_said().message;
  CHECK_THAT(asked.text, Catch::Contains("整改照片与原照片地点不符，请核实"));
  CHECK_THAT(asked.text, Catch::Contains("@韩建国"));
  CHECK(asked.mentions == std::vector<std::string>{kSecretary});

  // No automatic close-off, however long nobody answers.
  h.clock().advance(std::chrono::hours(72));
  h.tick();
  CHECK(h.ticket(id).status == TicketStatus::rectified);
  CHECK(h.count_events(id, "auto_closed") == 0);

  // The secretary looked and confirms: closed by a person.
  h.post({kSecretary, "#" + std::to_string(id) + " 确认"});
  CHECK(h.ticket(id).status == TicketStatus::closed);
  CHECK(h.events(id).back().actor_id == kSecretary);
}

TEST_CASE("a second 已整改 after 退回 is judged again: a right photo lifts the hold") {
  ChatHarness h(true);
  h.post(with_photo(kReporter, "南河桥边有一堆垃圾", "graf1.jpg"));
  const int64_t id = h.last_ticket()->id;
  const std::string no = "#" + std::to_string(id);
  h.post(with_photo(kAssignee, no + " 已整改", "fruits.jpg"));
  h.post({kSecretary, no + " 退回 照片不是这里"});
  CHECK(h.ticket(id).status == TicketStatus::assigned);
  h.post(with_photo(kAssignee, no + " 已整改", "graf3.jpg"));
  h.clock().advance(std::chrono::hours(25));
  h.tick();
  CHECK(h.ticket(id).status == TicketStatus::closed);
}
