#include <catch2/catch.hpp>

#include "bot/platforms/wecom/verify.h"
#include "bot/platforms/wecom/wecom_platform.h"
#include "tests/platforms/helpers.h"

using namespace paike;

namespace {

// Credentials of the WeCom official callback samples.
const std::string kToken = "QDG6eK";
const std::string kCorp = "wx5823bf96d3bd56c7";
const std::string kKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
const int64_t kWecomNow = 1409659589;

WecomPlatform make_wecom() {
  WecomSettings s;
  s.corp_id = kCorp;
  s.token = kToken;
  s.aes_key = kKey;
  s.secret = "secret";
  s.api_base = "http://127.0.0.1:1";
  return WecomPlatform(s, PlatformRoster("wecom", test::platform_deployment()));
}

// Encrypted and signed with WeCom's own algorithm, XML envelope as the callback sends it.
WebhookRequest callback(const std::string& inner, const std::string& nonce, int64_t ts = kWecomNow,
                        const std::string& receive_id = kCorp) {
  std::string enc = wecom::encrypt(kKey, inner, receive_id);
  std::string t = std::to_string(ts);
  return test::post("<xml><ToUserName><![CDATA[" + kCorp + "]]></ToUserName><Encrypt><![CDATA[" + enc +
                        "]]></Encrypt></xml>",
                    {}, {{"msg_signature", wecom::msg_signature(kToken, t, nonce, enc)}, {"timestamp", t}, {"nonce", nonce}});
}

std::string text_xml(const std::string& id, const std::string& content) {
  return "<xml><ToUserName>" + kCorp + "</ToUserName><FromUserName>HanDeFu</FromUserName><CreateTime>1409659589"
         "</CreateTime><MsgType>text</MsgType><Content><![CDATA[" + content + "]]></Content><MsgId>" + id +
         "</MsgId><AgentID>1</AgentID></xml>";
}

}  // namespace

TEST_CASE("platform: wecom: official URL-check vector answered with the decrypted echostr") {
  // Vector: WeCom official C++/Python samples (issue 8).
  auto p = make_wecom();
  WebhookRequest req{"GET", "", {}, {{"msg_signature", "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"},
      {"timestamp", "1409659589"}, {"nonce", "263014780"},
      {"echostr", "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="}}};
  auto outcome = p.accept_webhook(req, test::at_seconds(kWecomNow));
  CHECK(outcome.status == 200);
  CHECK(outcome.body == "1616140317555161061");
  req.query["msg_signature"] = std::string(40, 'a');
  CHECK(p.accept_webhook(req, test::at_seconds(kWecomNow)).status == 401);
}

TEST_CASE("platform: wecom: encrypted XML text accepted, forged, stale, replayed, wrong receive id, malformed refused") {
  auto p = make_wecom();
  auto req = callback(text_xml("1001", "河道有漂浮物"), "n1");
  auto outcome = p.accept_webhook(req, test::at_seconds(kWecomNow));
  REQUIRE(outcome.events.size() == 1);
  auto e = p.parse_event(outcome.events[0].payload);
  REQUIRE(e.ok());
  CHECK(e->text == "河道有漂浮物");
  CHECK(e->user_id == "sim:handefu");
  CHECK(e->group_id == "dm:sim:handefu");
  CHECK(p.accept_webhook(req, test::at_seconds(kWecomNow)).events.empty());  // replay
  auto forged = callback(text_xml("1002", "x"), "n2");
  forged.query["msg_signature"] = wecom::msg_signature("other", forged.query["timestamp"], "n2", "x");
  CHECK(p.accept_webhook(forged, test::at_seconds(kWecomNow)).status == 401);
  CHECK(p.accept_webhook(callback(text_xml("1003", "x"), "n3", kWecomNow - 7200), test::at_seconds(kWecomNow)).status == 401);
  CHECK(p.accept_webhook(callback(text_xml("1004", "x"), "n4", kWecomNow, "wx_other_corp"), test::at_seconds(kWecomNow)).status == 403);
  CHECK(p.accept_webhook(test::post("<xml><Encrypt>"), test::at_seconds(kWecomNow)).status == 400);
}

TEST_CASE("platform: wecom: image, location, JSON robot message, events ignored") {
  auto p = make_wecom();
  auto img = p.parse_event("<xml><FromUserName>u</FromUserName><MsgType>image</MsgType><MediaId>mid</MediaId><MsgId>1</MsgId></xml>");
  CHECK(img->images.at(0).media_ref == "mid");
  auto loc = p.parse_event("<xml><FromUserName>u</FromUserName><MsgType>location</MsgType><Location_X>36.6</Location_X>"
                           "<Location_Y>117.0</Location_Y><Label>南河桥</Label><MsgId>2</MsgId></xml>");
  CHECK(loc->location->lng == Approx(117.0));
  auto robot = p.parse_event(R"({"msgid":"m1","chatid":"wrkSFf","chattype":"group","from":{"userid":"HanDeFu"},"msgtype":"text","text":{"content":"垃圾"}})");
  CHECK(robot->group_id == "wrkSFf");
  CHECK(p.parse_event("<xml><FromUserName>u</FromUserName><MsgType>event</MsgType><Event>enter_agent</Event></xml>").error().code == "ignored");
  CHECK(p.parse_event("<xml><FromUserName>u</FromUserName><MsgType>voice</MsgType><MsgId>3</MsgId></xml>").error().code == "ignored");
}
