#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bot/platforms/onebot/onebot_platform.h"
#include "bot/platforms/onebot/parse.h"
#include "bot/platforms/onebot/verify.h"
#include "tests/platforms/helpers.h"

using namespace paike;
using nlohmann::json;

namespace {

const int64_t kOnebotNow = 1763800000;

OnebotPlatform make_onebot(const std::string& base = "http://127.0.0.1:1") {
  OnebotSettings s{"obsecret", "obtoken", base, std::chrono::minutes(10), {}};
  return OnebotPlatform(s, PlatformRoster("onebot", test::platform_deployment()));
}

// Shape: OneBot v11 spec, event/message.md (group message).
json group_message(int64_t id, const json& message, int64_t time = kOnebotNow) {
  return json{{"time", time}, {"self_id", 999}, {"post_type", "message"}, {"message_type", "group"},
              {"message_id", id}, {"group_id", 123456}, {"user_id", 20002},
              {"sender", {{"nickname", "老王"}, {"card", ""}}}, {"message", message}};
}

// Signed as OneBot implementations do: X-Signature: sha1=hex(HMAC-SHA1(secret, body)).
WebhookRequest signed_onebot_request(const json& body) {
  return test::post(body.dump(), {{"x-signature", onebot::signature("obsecret", body.dump())}, {"x-self-id", "999"}});
}

}  // namespace

TEST_CASE("platform: onebot: signed array-format group message accepted and parsed") {
  auto p = make_onebot();
  json msg = json::array({{{"type", "reply"}, {"data", {{"id", "55"}}}},
                          {{"type", "at"}, {"data", {{"qq", "10001"}}}},
                          {{"type", "text"}, {"data", {{"text", " 垃圾堆"}}}},
                          {{"type", "image"}, {"data", {{"file", "a.jpg"}, {"url", "http://x/a.jpg"}}}}});
  auto outcome = p.accept_webhook(signed_onebot_request(group_message(1, msg)), test::at_seconds(kOnebotNow));
  REQUIRE(outcome.events.size() == 1);
  CHECK(outcome.events[0].group_id == "123456");
  auto e = p.parse_event(outcome.events[0].payload);
  REQUIRE(e.ok());
  CHECK(e->text == " 垃圾堆");
  CHECK(e->mentions == std::vector<std::string>{"sim:handefu"});
  CHECK(e->reply_to == "55");
  CHECK(e->images.at(0).media_ref == "http://x/a.jpg");
  CHECK(e->user_name == "老王");
}

TEST_CASE("platform: onebot: CQ-string format with escapes and location") {
  auto segs = onebot::parse_cq_string("a&#91;b[CQ:at,qq=10001]c[CQ:image,file=f.jpg,url=http://x/f?a=1&amp;b=2]");
  REQUIRE(segs.size() == 4);
  CHECK(segs[0].data["text"] == "a[b");
  CHECK(segs[3].data["url"] == "http://x/f?a=1&b=2");
  auto p = make_onebot();
  auto e = p.parse_event(group_message(2, "看这里[CQ:location,lat=36.6,lon=117.0,title=南河桥]").dump());
  REQUIRE(e.ok());
  CHECK(e->location->lat == Approx(36.6));
}

TEST_CASE("platform: onebot: forged signature, stale time, replay, malformed, own and meta events") {
  auto p = make_onebot();
  auto body = group_message(3, "hi");
  auto forged = signed_onebot_request(body);
  forged.headers["x-signature"] = "sha1=" + std::string(40, '0');
  CHECK(p.accept_webhook(forged, test::at_seconds(kOnebotNow)).status == 401);
  CHECK(p.accept_webhook(signed_onebot_request(group_message(4, "hi", kOnebotNow - 3600)), test::at_seconds(kOnebotNow)).status == 401);
  CHECK(p.accept_webhook(signed_onebot_request(body), test::at_seconds(kOnebotNow)).events.size() == 1);
  CHECK(p.accept_webhook(signed_onebot_request(body), test::at_seconds(kOnebotNow)).events.empty());
  CHECK(p.accept_webhook(test::post("{", {{"x-signature", onebot::signature("obsecret", "{")}}), test::at_seconds(kOnebotNow)).status == 400);
  json meta{{"time", kOnebotNow}, {"self_id", 999}, {"post_type", "meta_event"}, {"meta_event_type", "heartbeat"}};
  CHECK(p.accept_webhook(signed_onebot_request(meta), test::at_seconds(kOnebotNow)).events.empty());
  auto own = group_message(5, "hi");
  own["user_id"] = 999;
  CHECK(p.parse_event(own.dump()).error().code == "ignored");
}
