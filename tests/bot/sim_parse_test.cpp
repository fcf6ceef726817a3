// The simulator's webhook body (DESIGN.md "Simulator") → ChatEvent, and every 400 reason.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/platforms/sim/parse.h"
#include "config/base64.h"
#include "handlers/chat_event.h"

using namespace paike;
using nlohmann::json;

namespace {

json minimal() { return {{"event_id", "e1"}, {"group_id", "g-hanjia"}, {"user_id", "sim:handefu"}}; }

std::string reason_for(const std::string& body) {
  auto parsed = sim::validate_body(body);
  REQUIRE_FALSE(parsed);
  CHECK_FALSE(sim::parse_body(body));
  return std::string(error_name(parsed.error().code)) + ": " + parsed.error().message;
}

std::string reason_for(const json& body) { return reason_for(body.dump()); }

}  // namespace

TEST_CASE("sim body: every field of a full message is read") {
  json body = minimal();
  body["user_name"] = "韩德福";
  body["time"] = "2026-11-22T08:00:00+08:00";
  body["text"] = "南河桥边上一大堆垃圾";
  body["image_b64"] = base64_encode("\xff\xd8 not really a jpeg");
  body["location"] = {{"lat", 36.62}, {"lng", 117}};  // an integer is a number too
  body["reply_to"] = "m-17";
  body["mentions"] = {"sim:zhangguilan", 7, "sim:liufang"};
  auto e = sim::parse_body(body.dump());
  REQUIRE(e);
  CHECK(e->platform == "sim");
  CHECK(e->event_id == "e1");
  CHECK(e->message_id == "e1");
  CHECK(e->group_id == "g-hanjia");
  CHECK_FALSE(e->direct);
  CHECK(e->user_id == "sim:handefu");
  CHECK(e->user_name == "韩德福");
  CHECK(e->text == "南河桥边上一大堆垃圾");
  CHECK(e->reply_to == "m-17");
  REQUIRE(e->sent_at);
  CHECK(*e->sent_at == *parse_iso8601("2026-11-22T00:00:00Z"));
  REQUIRE(e->location);
  CHECK(e->location->lat == Approx(36.62));
  CHECK(e->location->lng == 117.0);
  CHECK(e->mentions == std::vector<std::string>{"sim:zhangguilan", "sim:liufang"});
  REQUIRE(e->images.size() == 1);
  CHECK(e->images[0].data == "\xff\xd8 not really a jpeg");

  // The ack path checks the same body but leaves the image to the worker.
  auto checked = sim::validate_body(body.dump());
  REQUIRE(checked);
  CHECK(checked->event_id == "e1");
  CHECK(checked->images.empty());
}

TEST_CASE("sim body: a private chat, group_id dm:<user>, is a direct chat with that user") {
  json body = minimal();
  body["group_id"] = "dm:sim:handefu";
  for (auto e : {sim::parse_body(body.dump()), sim::validate_body(body.dump())}) {
    REQUIRE(e);
    CHECK(e->direct);
    CHECK(e->group_id == "sim:handefu");
    // Stored and listed back to the simulator under the name it was posted with.
    CHECK(chat_key(*e) == "dm:sim:handefu");
  }
}

TEST_CASE("sim body: optional fields may be absent or null, a data URL and bad base64 are read as such") {
  auto bare = sim::parse_body(minimal().dump());
  REQUIRE(bare);
  CHECK(bare->text.empty());
  CHECK_FALSE(bare->location);
  CHECK_FALSE(bare->sent_at);
  CHECK(bare->images.empty());

  json nulls = minimal();
  for (const char* key : {"user_name", "time", "text", "image_b64", "reply_to", "location", "mentions"})
    nulls[key] = nullptr;
  CHECK(sim::parse_body(nulls.dump()));

  json data_url = minimal();
  data_url["image_b64"] = "data:image/jpeg;base64," + base64_encode("photo bytes");
  CHECK(sim::parse_body(data_url.dump())->images.at(0).data == "photo bytes");

  json not_base64 = minimal();
  not_base64["image_b64"] = "%%% not base64 %%%";
  auto bad_image = sim::parse_body(not_base64.dump());
  REQUIRE(bad_image);  // still filed from its words
  CHECK(bad_image->images.at(0).data.empty());
  CHECK(bad_image->images.at(0).fetch_error == "image_b64 is not valid base64");
}

TEST_CASE("sim body: each kind of bad body has its reason") {
  CHECK(reason_for(std::string("{\"event_id\": \"e1\", ")) == "bad_json: the body is not valid JSON");
  CHECK(reason_for(std::string("")) == "bad_json: the body is not valid JSON");
  CHECK(reason_for(minimal().dump() + " {}") == "bad_json: the body is not valid JSON");
  CHECK(reason_for(std::string("{\"event_id\": \"\xff\xfe\"}")) == "bad_json: the body is not valid JSON");
  CHECK(reason_for(std::string(2000, '[') + std::string(2000, ']')) == "bad_json: the body is not valid JSON");
  CHECK(reason_for(json::array({minimal()})) == "bad_json: the body must be a JSON object");

  for (const char* key : {"event_id", "group_id", "user_id"}) {
    json missing = minimal(), empty = minimal(), number = minimal();
    missing.erase(key);
    empty[key] = "";
    number[key] = 12;
    const std::string reason = std::string("missing_field: missing or empty string field '") + key + "'";
    CHECK(reason_for(missing) == reason);
    CHECK(reason_for(empty) == reason);
    CHECK(reason_for(number) == reason);
  }
  for (const char* key : {"user_name", "time", "text", "image_b64", "reply_to"}) {
    json wrong = minimal();
    wrong[key] = json::object();
    CHECK(reason_for(wrong) == std::string("bad_field: '") + key + "' must be a string");
  }
  json time = minimal();
  time["time"] = "yesterday";
  CHECK(reason_for(time).starts_with("bad_field: 'time' must be ISO 8601"));
  time["time"] = "";
  CHECK(reason_for(time).starts_with("bad_field: 'time' must be ISO 8601"));

  for (json location : {json("36.6,117.0"), json{{"lat", 36.6}}, json{{"lat", "36.6"}, {"lng", 117.0}}}) {
    json body = minimal();
    body["location"] = location;
    CHECK(reason_for(body) == "bad_field: 'location' must be {\"lat\": number, \"lng\": number}");
  }
  json far = minimal();
  far["location"] = {{"lat", 91}, {"lng", 117}};
  CHECK(reason_for(far) == "bad_field: 'location' is outside [-90,90]×[-180,180]");

  json mentions = minimal();
  mentions["mentions"] = "sim:zhangguilan";
  CHECK(reason_for(mentions) == "bad_field: 'mentions' must be a list of user ids");
}

TEST_CASE("sim body: a photo of megabytes inline is read whole, and the next small body still parses") {
  std::string photo(3 * 1024 * 1024, '\0');
  for (size_t i = 0; i < photo.size(); ++i) photo[i] = char(i * 2654435761u >> 13);
  json body = minimal();
  body["image_b64"] = base64_encode(photo);
  body["text"] = "大图";
  auto big = sim::parse_body(body.dump());
  REQUIRE(big);
  CHECK(big->images.at(0).data == photo);
  CHECK(big->text == "大图");

  json small = minimal();
  small["text"] = "小图";
  CHECK(sim::parse_body(small.dump())->text == "小图");
}

TEST_CASE("sim body: a body with the parser's padding spare is read in place, and what lies past its end is ignored") {
  // A truncated body whose spare capacity holds the rest of a valid one: were the bytes past
  // size() read as the body, it would parse.
  const std::string whole = minimal().dump();
  std::string cut = whole;
  cut.reserve(whole.size() + sim::kBodyPadding);
  cut.resize(whole.size() - 1);
  REQUIRE(cut.capacity() - cut.size() >= sim::kBodyPadding);
  CHECK(reason_for(cut) == "bad_json: the body is not valid JSON");

  std::string padded = whole;
  padded.reserve(whole.size() + sim::kBodyPadding);
  auto in_place = sim::validate_body(padded);
  REQUIRE(in_place);
  CHECK(in_place->event_id == "e1");
  CHECK(in_place->group_id == "g-hanjia");
}

TEST_CASE("sim body: a voice note's transcript is its text, its audio decoded by the worker's parse only") {
  json body = minimal();
  body["voice"] = {
      {"transcript", "南河桥边上一大堆垃圾"}, {"audio_b64", base64_encode("#!AMR\n...")}, {"format", "amr"}};
  auto e = sim::parse_body(body.dump());
  REQUIRE(e);
  REQUIRE(e->voice);
  CHECK(e->text == "南河桥边上一大堆垃圾");
  CHECK(e->voice->transcript == "南河桥边上一大堆垃圾");
  CHECK(e->voice->format == "amr");
  CHECK(e->voice->data == "#!AMR\n...");
  CHECK(e->voice->media_ref.empty());
  auto checked = sim::validate_body(body.dump());
  REQUIRE(checked);
  REQUIRE(checked->voice);
  CHECK(checked->voice->data.empty());  // the ack path does not decode it

  // Typed words beside it stay the text; an empty voice is still a voice note; bad base64 drops the audio only.
  body["text"] = "韩家村南河桥";
  CHECK(sim::parse_body(body.dump())->text == "韩家村南河桥");
  json bare = minimal();
  bare["voice"] = json::object();
  auto empty = sim::parse_body(bare.dump());
  REQUIRE(empty);
  CHECK(empty->voice);
  CHECK(empty->text.empty());
  bare["voice"] = {{"audio_b64", "%%% not base64"}, {"transcript", "垃圾"}};
  auto bad_audio = sim::parse_body(bare.dump());
  REQUIRE(bad_audio);
  CHECK(bad_audio->voice->data.empty());
  CHECK(bad_audio->text == "垃圾");
}

TEST_CASE("sim body: a malformed voice field has its reason") {
  json body = minimal();
  body["voice"] = "语音";
  CHECK(reason_for(body).find("bad_field: 'voice' must be {") == 0);
  body["voice"] = {{"transcript", 7}};
  CHECK(reason_for(body) == "bad_field: 'voice.transcript' must be a string");
  body["voice"] = {{"audio_b64", json::array()}};
  CHECK(reason_for(body) == "bad_field: 'voice.audio_b64' must be a string");
  body["voice"] = {{"format", false}};
  CHECK(reason_for(body) == "bad_field: 'voice.format' must be a string");
}
