#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/feishu_platform.h"
#include "bot/platforms/feishu/verify.h"
#include "tests/platforms/helpers.h"

using namespace paike;
using nlohmann::json;

namespace {

const int64_t kFeishuNow = 1763800000;

FeishuPlatform make_feishu(std::string encrypt_key = "ek") {
  FeishuSettings s{"app", "secret", std::move(encrypt_key), "vtoken", "http://127.0.0.1:1", std::chrono::hours(1), {}};
  return FeishuPlatform(s, PlatformRoster("feishu", test::platform_deployment()));
}

json message_event(const std::string& event_id, const std::string& type, const json& content) {
  // Shape: Feishu docs, im.message.receive_v1 (schema 2.0).
  return json{{"schema", "2.0"},
              {"header", {{"event_id", event_id}, {"event_type", "im.message.receive_v1"}, {"token", "vtoken"},
                          {"create_time", std::to_string(kFeishuNow * 1000)}}},
              {"event", {{"sender", {{"sender_id", {{"open_id", "ou_villager"}}}, {"sender_type", "user"}}},
                         {"message", {{"message_id", "om_1"}, {"chat_id", "oc_hanjia"}, {"chat_type", "group"},
                                      {"message_type", type}, {"content", content.dump()},
                                      {"create_time", std::to_string(kFeishuNow * 1000)}}}}}};
}

// Encrypted and signed exactly as Feishu does: {"encrypt": …} plus X-Lark-* headers.
WebhookRequest signed_feishu_request(const json& event, int64_t ts = kFeishuNow, std::string nonce = "n1") {
  std::string body = json{{"encrypt", feishu::encrypt("ek", event.dump())}}.dump();
  std::string t = std::to_string(ts);
  return test::post(body, {{"x-lark-request-timestamp", t}, {"x-lark-request-nonce", nonce},
                           {"x-lark-signature", feishu::signature(t, nonce, "ek", body)}});
}

}  // namespace

TEST_CASE("platform: feishu: a signed encrypted text message is accepted and parsed") {
  auto p = make_feishu();
  auto event = message_event("ev1", "text", {{"text", "@_user_1 南河桥有垃圾堆"}});
  event["event"]["message"]["mentions"] = json::array({{{"key", "@_user_1"}, {"name", "韩德福"},
                                                        {"id", {{"open_id", "ou_handefu"}}}}});
  auto outcome = p.accept_webhook(signed_feishu_request(event), test::at_seconds(kFeishuNow));
  CHECK(outcome.status == 200);
  REQUIRE(outcome.events.size() == 1);
  CHECK(outcome.events[0].event_id == "ev1");
  CHECK(outcome.events[0].group_id == "oc_hanjia");
  auto parsed = p.parse_event(outcome.events[0].payload);
  REQUIRE(parsed.ok());
  CHECK(parsed->text == "@韩德福 南河桥有垃圾堆");
  CHECK(parsed->mentions == std::vector<std::string>{"sim:handefu"});
  CHECK(parsed->user_id == "ou_villager");
  CHECK(parsed->message_id == "om_1");
}

TEST_CASE("platform: feishu: forged signature, stale timestamp, replay, malformed body") {
  auto p = make_feishu();
  auto req = signed_feishu_request(message_event("ev2", "text", {{"text", "hi"}}));
  auto forged = req;
  forged.headers["x-lark-signature"] = std::string(64, '0');
  CHECK(p.accept_webhook(forged, test::at_seconds(kFeishuNow)).status == 401);
  CHECK(p.accept_webhook(signed_feishu_request(message_event("ev3", "text", {{"text", "hi"}}), kFeishuNow - 7200),
                         test::at_seconds(kFeishuNow)).status == 401);
  CHECK(p.accept_webhook(req, test::at_seconds(kFeishuNow)).events.size() == 1);
  auto again = p.accept_webhook(req, test::at_seconds(kFeishuNow));
  CHECK(again.status == 200);
  CHECK(again.events.empty());
  CHECK(p.accept_webhook(test::post("{not json"), test::at_seconds(kFeishuNow)).status == 400);
  CHECK(p.accept_webhook(test::post(R"({"encrypt":"%%%"})"), test::at_seconds(kFeishuNow)).status == 400);
}

TEST_CASE("platform: feishu: challenge answered after the verification token check") {
  auto plain = make_feishu("");
  auto ok = plain.accept_webhook(test::post(R"({"type":"url_verification","challenge":"c1","token":"vtoken"})"),
                                 test::at_seconds(kFeishuNow));
  CHECK(ok.status == 200);
  CHECK(json::parse(ok.body)["challenge"] == "c1");
  CHECK(plain.accept_webhook(test::post(R"({"type":"url_verification","challenge":"c1","token":"bad"})"),
                             test::at_seconds(kFeishuNow)).status == 401);
  auto encrypted = make_feishu();
  auto body = json{{"encrypt", feishu::encrypt("ek", R"({"type":"url_verification","challenge":"c2","token":"vtoken"})")}};
  CHECK(json::parse(encrypted.accept_webhook(test::post(body.dump()), test::at_seconds(kFeishuNow)).body)["challenge"] == "c2");
}

TEST_CASE("platform: feishu: image, post, location, reply and ignored messages") {
  auto p = make_feishu("");
  auto image = p.parse_event(message_event("e", "image", {{"image_key", "img_1"}}).dump());
  REQUIRE(image.ok());
  CHECK(image->images.at(0).media_ref == "om_1/img_1");
  auto post = p.parse_event(message_event("e", "post", {{"title", "T"}, {"content", json::array({json::array(
      {{{"tag", "text"}, {"text", "垃圾"}}, {{"tag", "img"}, {"image_key", "img_2"}}})})}}).dump());
  REQUIRE(post.ok());
  CHECK(post->text == "T\n垃圾");
  CHECK(post->images.at(0).media_ref == "om_1/img_2");
  auto loc = p.parse_event(message_event("e", "location", {{"name", "南河桥"}, {"latitude", "36.62"}, {"longitude", "117.01"}}).dump());
  REQUIRE(loc.ok());
  CHECK(loc->location->lat == Approx(36.62));
  auto reply = message_event("e", "text", {{"text", "已整改"}});
  reply["event"]["message"]["parent_id"] = "om_0";
  CHECK(p.parse_event(reply.dump())->reply_to == "om_0");
  CHECK(p.parse_event(message_event("e", "sticker", json::object()).dump()).error().code == "ignored");
  auto own = message_event("e", "text", {{"text", "x"}});
  own["event"]["sender"]["sender_type"] = "app";
  CHECK(p.parse_event(own.dump()).error().code == "ignored");
  CHECK(p.parse_event("[]").error().code == "malformed");
}
