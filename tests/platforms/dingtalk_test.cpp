#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/dingtalk_platform.h"
#include "bot/platforms/dingtalk/verify.h"
#include "tests/platforms/helpers.h"

using namespace paike;
using nlohmann::json;

namespace {

const int64_t kDingtalkNow = 1763800000;

DingtalkPlatform make_dingtalk() {
  DingtalkSettings s{"appkey", "appsecret", "http://127.0.0.1:1", std::chrono::hours(1), {}};
  return DingtalkPlatform(s, PlatformRoster("dingtalk", test::platform_deployment()));
}

// Shape: DingTalk docs, enterprise robot receives a message (HTTP callback).
json robot_message(const std::string& msg_id, const std::string& type) {
  json m{{"msgId", msg_id}, {"conversationId", "cid_hanjia"}, {"conversationType", "2"}, {"senderStaffId", "staff_x"},
         {"senderNick", "王大爷"}, {"chatbotUserId", "bot_1"}, {"msgtype", type}, {"createAt", kDingtalkNow * 1000},
         {"sessionWebhook", "http://127.0.0.1:1/robot/sendBySession?session=s"},
         {"sessionWebhookExpiredTime", (kDingtalkNow + 3600) * 1000}};
  return m;
}

// Signed with DingTalk's algorithm: sign = base64(HMAC-SHA256(secret, ts + "\n" + secret)).
WebhookRequest signed_dingtalk_request(const json& body, int64_t ts_ms = kDingtalkNow * 1000) {
  std::string t = std::to_string(ts_ms);
  return test::post(body.dump(), {{"timestamp", t}, {"sign", dingtalk::sign(t, "appsecret")}});
}

}  // namespace

TEST_CASE("platform: dingtalk: signed text message accepted and parsed with mentions") {
  auto p = make_dingtalk();
  auto m = robot_message("msg1", "text");
  m["text"] = {{"content", "@韩德福 村口垃圾"}};
  m["atUsers"] = json::array({{{"dingtalkId", "bot_1"}}, {{"dingtalkId", "$:x"}, {"staffId", "staff_handefu"}}});
  auto outcome = p.accept_webhook(signed_dingtalk_request(m), test::at_seconds(kDingtalkNow));
  REQUIRE(outcome.events.size() == 1);
  CHECK(outcome.events[0].group_id == "cid_hanjia");
  auto e = p.parse_event(outcome.events[0].payload);
  REQUIRE(e.ok());
  CHECK(e->text == "@韩德福 村口垃圾");
  CHECK(e->user_name == "王大爷");
  CHECK(e->mentions == std::vector<std::string>{"sim:handefu"});
}

TEST_CASE("platform: dingtalk: forged sign, stale timestamp, replay, malformed body") {
  auto p = make_dingtalk();
  auto m = robot_message("msg2", "text");
  auto forged = signed_dingtalk_request(m);
  forged.headers["sign"] = dingtalk::sign(forged.headers["timestamp"], "wrong");
  CHECK(p.accept_webhook(forged, test::at_seconds(kDingtalkNow)).status == 401);
  CHECK(p.accept_webhook(signed_dingtalk_request(m, (kDingtalkNow - 3601) * 1000), test::at_seconds(kDingtalkNow)).status == 401);
  CHECK(p.accept_webhook(signed_dingtalk_request(m), test::at_seconds(kDingtalkNow)).events.size() == 1);
  CHECK(p.accept_webhook(signed_dingtalk_request(m), test::at_seconds(kDingtalkNow)).events.empty());
  std::string t = std::to_string(kDingtalkNow * 1000);
  CHECK(p.accept_webhook(test::post("[1,2", {{"timestamp", t}, {"sign", dingtalk::sign(t, "appsecret")}}),
                         test::at_seconds(kDingtalkNow)).status == 400);
}

TEST_CASE("platform: dingtalk: picture and richText carry downloadCodes, other types ignored") {
  auto p = make_dingtalk();
  auto pic = robot_message("m", "picture");
  pic["content"] = {{"downloadCode", "dc1"}};
  CHECK(p.parse_event(pic.dump())->images.at(0).media_ref == "dc1");
  auto rich = robot_message("m", "richText");
  rich["content"] = {{"richText", json::array({{{"text", "垃圾"}}, {{"downloadCode", "dc2"}, {"type", "picture"}}})}};
  auto r = p.parse_event(rich.dump());
  REQUIRE(r.ok());
  CHECK(r->text == "垃圾");
  CHECK(r->images.at(0).media_ref == "dc2");
  CHECK(p.parse_event(robot_message("m", "audio").dump()).error().code == "ignored");
}
