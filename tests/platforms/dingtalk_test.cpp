#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "bot/platforms/dingtalk/dingtalk_platform.h"
#include "bot/platforms/dingtalk/verify.h"
#include "bot/platforms/text_parts.h"
#include "tests/platforms/helpers.h"

using namespace paike;
using nlohmann::json;

namespace {

const int64_t kDingtalkNow = 1763800000;

DingtalkPlatform make_dingtalk(const std::string& api_base = "http://127.0.0.1:1") {
  DingtalkSettings s{"appkey", "appsecret", api_base, std::chrono::hours(1), {}};
  s.oapi_base = api_base;
  return DingtalkPlatform(s, PlatformRoster("dingtalk", test::platform_deployment()));
}

// Shape: DingTalk docs, enterprise robot receives a message (HTTP callback).
json robot_message(const std::string& msg_id, const std::string& type) {
  json m{{"msgId", msg_id},
         {"conversationId", "cid_hanjia"},
         {"conversationType", "2"},
         {"senderStaffId", "staff_x"},
         {"senderNick", "王大爷"},
         {"chatbotUserId", "bot_1"},
         {"msgtype", type},
         {"createAt", kDingtalkNow * 1000},
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
  CHECK(p.accept_webhook(signed_dingtalk_request(m, (kDingtalkNow - 3601) * 1000), test::at_seconds(kDingtalkNow))
            .status == 401);
  CHECK(p.accept_webhook(signed_dingtalk_request(m), test::at_seconds(kDingtalkNow)).events.size() == 1);
  CHECK(p.accept_webhook(signed_dingtalk_request(m), test::at_seconds(kDingtalkNow)).events.empty());
  std::string t = std::to_string(kDingtalkNow * 1000);
  CHECK(p.accept_webhook(test::post("[1,2", {{"timestamp", t}, {"sign", dingtalk::sign(t, "appsecret")}}),
                         test::at_seconds(kDingtalkNow))
            .status == 400);
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
  CHECK(p.parse_event(robot_message("m", "file").dump()).error().code == ErrorCode::ignored);
}

namespace {

// A fixture from tests/data/platforms/dingtalk/: {"_source": where it was copied from, "payload": the callback body}.
json dingtalk_fixture(const std::string& name) {
  std::ifstream in(std::string(PAIKE_TEST_DATA) + "/platforms/dingtalk/" + name);
  json fixture = json::parse(in, nullptr, false);
  REQUIRE(fixture.is_object());
  REQUIRE(fixture.contains("_source"));
  return fixture["payload"];
}

const int64_t kDocCreateAt = 1613630252678;  // createAt of the docs' example

// Signed as DingTalk signs the callback (its timestamp header: the docs' createAt), accepted, parsed.
Result<ChatEvent> accept_and_parse(DingtalkPlatform& p, const std::string& fixture) {
  auto outcome = p.accept_webhook(signed_dingtalk_request(dingtalk_fixture(fixture), kDocCreateAt),
                                  test::at_seconds(kDocCreateAt / 1000));
  REQUIRE(outcome.status < 300);
  REQUIRE(outcome.events.size() == 1);
  auto e = p.parse_event(outcome.events[0].payload);
  if (e) {  // the inbox keeps the chat parse_event names
    CHECK(outcome.events[0].group_id == e->group_id);
    CHECK(outcome.events[0].direct == e->direct);
  }
  return e;
}

}  // namespace

TEST_CASE(
    "platform: dingtalk fixtures: the docs' text example, @bot, @person, picture, richText, voice, private chat") {
  auto p = make_dingtalk();
  auto doc = accept_and_parse(p, "text_doc_example.json");
  REQUIRE(doc.ok());
  CHECK(doc->text == "你好");  // the space DingTalk leaves where the robot's @ was is gone
  CHECK(doc->group_id == "xxx");
  CHECK_FALSE(doc->direct);
  CHECK(doc->user_id == "user123");
  CHECK(doc->user_name == "杨xx");
  CHECK(doc->mentions == std::vector<std::string>{"xxx"});

  // Issue 23 item 5: "@拍客 #12 已整改" reaches the command parser as "#12 已整改", no mention.
  auto bot = accept_and_parse(p, "text_at_bot.json");
  REQUIRE(bot.ok());
  CHECK(bot->text == "#12 已整改");
  CHECK(bot->mentions.empty());

  auto person = accept_and_parse(p, "text_at_person.json");
  REQUIRE(person.ok());
  CHECK(person->text == "@韩德福 村口垃圾堆了三天");
  CHECK(person->mentions == std::vector<std::string>{"sim:handefu"});

  auto picture = accept_and_parse(p, "picture.json");
  REQUIRE(picture.ok());
  REQUIRE(picture->images.size() == 1);
  CHECK(picture->images[0].media_ref == "mIofN681YE3f/+m+NntqpaXxxxx");

  auto rich = accept_and_parse(p, "rich_text.json");
  REQUIRE(rich.ok());
  CHECK(rich->text == "村口垃圾\n堆了三天");
  REQUIRE(rich->images.size() == 1);
  CHECK(rich->images[0].media_ref == "mIofN681YE3fRich1");

  auto voice = accept_and_parse(p, "audio_private.json");
  REQUIRE(voice.ok());
  REQUIRE(voice->voice);
  CHECK(voice->voice->transcript == "村口垃圾堆了三天没人清");
  CHECK(voice->voice->media_ref == "dc_audio_001");
  CHECK(voice->text == "村口垃圾堆了三天没人清");
  CHECK(voice->direct);
  CHECK(voice->group_id == "sim:handefu");

  auto dm = accept_and_parse(p, "text_private.json");
  REQUIRE(dm.ok());
  CHECK(dm->direct);
  CHECK(dm->group_id == "sim:handefu");
  CHECK(dm->text == "帮助");
}

TEST_CASE("platform: dingtalk: a voice note without recognition is still a voice note, not ignored") {
  auto p = make_dingtalk();
  auto m = robot_message("v1", "audio");
  m["conversationType"] = "1";
  m["content"] = {{"duration", 3000}, {"downloadCode", "dc_v"}};
  auto e = p.parse_event(m.dump());
  REQUIRE(e.ok());
  REQUIRE(e->voice);
  CHECK(e->voice->transcript.empty());
  CHECK(e->voice->media_ref == "dc_v");
  CHECK(e->text.empty());
}

namespace {

// The new API as DingTalk documents it: accessToken, then the robot send APIs with the token
// header; groupMessages/send refuses a msgParam over 15000 bytes ("长度不超过15000字节").
void serve_robot(test::FakeApi& api, json user_send_answer = json::object()) {
  api.post("/v1.0/oauth2/accessToken", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"accessToken":"tok","expireIn":7200})", "application/json");
  });
  auto send = [](const httplib::Request& req, httplib::Response& res, const json& answer) {
    json body = json::parse(req.body, nullptr, false);
    if (req.get_header_value("x-acs-dingtalk-access-token") != "tok" || !body.is_object() ||
        body.value("msgParam", std::string()).size() > 15000) {
      res.status = 400;
      res.set_content(R"({"code":"InvalidParameter","message":"msgParam too long"})", "application/json");
      return;
    }
    res.set_content(answer.dump(), "application/json");
  };
  api.post("/v1.0/robot/groupMessages/send", [send](const httplib::Request& req, httplib::Response& res) {
    send(req, res, json{{"processQueryKey", "pqk"}});
  });
  api.post("/v1.0/robot/oToMessages/batchSend",
           [send, user_send_answer](const httplib::Request& req, httplib::Response& res) {
             json answer = user_send_answer;
             if (answer.empty())
               answer = {{"processQueryKey", "pqk-dm"},
                         {"invalidStaffIdList", json::array()},
                         {"flowControlledStaffIdList", json::array()}};
             send(req, res, answer);
           });
}

}  // namespace

// Issue 23 item 7: a DM went to groupMessages/send with the stored chat name as the chat and failed for good.
TEST_CASE("platform: dingtalk: a private reply goes to oToMessages/batchSend with the user's DingTalk id") {
  test::FakeApi api;
  serve_robot(api);
  auto p = make_dingtalk(api.base());
  OutgoingMessage m;
  m.platform = "dingtalk";
  m.group_id = "sim:handefu";
  m.direct = true;
  m.text = "您的登录链接：https://paike.example.cn/login/abc";
  SendFailure failure;
  auto receipt = p.send(m, failure);
  REQUIRE(receipt);
  CHECK(receipt->platform_message_id == "pqk-dm");
  REQUIRE(api.count("/v1.0/robot/oToMessages/batchSend") == 1);
  CHECK(api.count("/v1.0/robot/groupMessages/send") == 0);
  for (const auto& r : api.requests()) {
    if (r.path != "/v1.0/robot/oToMessages/batchSend") continue;
    json body = json::parse(r.body);
    CHECK(body["robotCode"] == "appkey");
    CHECK(body["userIds"] == json::array({"staff_handefu"}));
    CHECK(body["msgKey"] == "sampleText");
    CHECK(json::parse(body["msgParam"].get<std::string>())["content"] == m.text);
  }
}

TEST_CASE("platform: dingtalk: batchSend's invalid user is a permanent failure, a flow-controlled one is retried") {
  {
    test::FakeApi api;
    serve_robot(api, {{"processQueryKey", "k"}, {"invalidStaffIdList", {"staff_handefu"}}});
    auto p = make_dingtalk(api.base());
    OutgoingMessage m{"dingtalk", "sim:handefu", true, "你好", {}, "", "", "", std::nullopt};
    SendFailure failure;
    CHECK_FALSE(p.send(m, failure));
    CHECK_FALSE(failure.retryable);
  }
  {
    test::FakeApi api;
    serve_robot(api, {{"processQueryKey", "k"}, {"flowControlledStaffIdList", {"staff_handefu"}}});
    auto p = make_dingtalk(api.base());
    OutgoingMessage m{"dingtalk", "sim:handefu", true, "你好", {}, "", "", "", std::nullopt};
    SendFailure failure;
    CHECK_FALSE(p.send(m, failure));
    CHECK(failure.retryable);
  }
}

TEST_CASE("platform: dingtalk: a private chat's sessionWebhook answers that chat while it lives") {
  test::FakeApi api;
  serve_robot(api);
  api.post("/session/dm", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"errcode":0,"errmsg":"ok"})", "application/json");
  });
  auto p = make_dingtalk(api.base());
  auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto dm = robot_message("dm1", "text");
  dm["conversationType"] = "1";
  dm["conversationId"] = "cidDm==";
  dm["senderStaffId"] = "staff_handefu";
  dm["text"] = {{"content", "帮助"}};
  dm["createAt"] = now * 1000;
  dm["sessionWebhook"] = api.base() + "/session/dm";
  dm["sessionWebhookExpiredTime"] = (now + 3600) * 1000;
  REQUIRE(p.accept_webhook(signed_dingtalk_request(dm, now * 1000), test::at_seconds(now)).events.size() == 1);
  OutgoingMessage m{"dingtalk", "sim:handefu", true, "帮助内容", {}, "", "", "", std::nullopt};
  SendFailure failure;
  REQUIRE(p.send(m, failure));
  CHECK(api.count("/session/dm") == 1);
  CHECK(api.count("/v1.0/robot/groupMessages/send") == 0);
}

// Issue 23 item 9: msgParam holds at most 15000 bytes; a long digest was refused whole.
TEST_CASE("platform: dingtalk: a long text goes in numbered parts within groupMessages/send's 15000 bytes") {
  test::FakeApi api;
  serve_robot(api);
  auto p = make_dingtalk(api.base());
  OutgoingMessage m;
  m.platform = "dingtalk";
  m.group_id = "cidHanjia==";
  m.text = "待办：\n";
  for (int i = 0; i < 600; ++i) m.text += "#" + std::to_string(i) + " 村口垃圾 \"堆了\" 三天\n";
  REQUIRE(m.text.size() > 15000);
  SendFailure failure;
  REQUIRE(p.send(m, failure));
  auto sent = api.requests();
  std::vector<std::string> contents;
  for (const auto& r : sent) {
    if (r.path != "/v1.0/robot/groupMessages/send") continue;
    json body = json::parse(r.body);
    CHECK(body["msgParam"].get<std::string>().size() <= 15000);
    contents.push_back(json::parse(body["msgParam"].get<std::string>())["content"]);
  }
  REQUIRE(contents.size() >= 2);
  for (size_t i = 0; i < contents.size(); ++i) {
    CHECK(contents[i].find("（" + std::to_string(i + 1) + "/" + std::to_string(contents.size()) + "）") !=
          std::string::npos);
  }
}

// Rate limits come back as HTTP 403 with a Forbidden.AccessDenied.Qps… code (our reading of
// DingTalk's 调用频率限制), not as 429: they were marked failed for good.
TEST_CASE("platform: dingtalk: a rate-limited group send is retried later") {
  test::FakeApi api;
  api.post("/v1.0/oauth2/accessToken", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"accessToken":"tok","expireIn":7200})", "application/json");
  });
  api.post("/v1.0/robot/groupMessages/send", [](const httplib::Request&, httplib::Response& res) {
    res.status = 403;
    res.set_content(R"({"code":"Forbidden.AccessDenied.QpsLimitForApi","message":"qps limit"})", "application/json");
  });
  auto p = make_dingtalk(api.base());
  OutgoingMessage m{"dingtalk", "cidHanjia==", false, "你好", {}, "", "", "", std::nullopt};
  SendFailure failure;
  CHECK_FALSE(p.send(m, failure));
  CHECK(failure.retryable);
  CHECK(failure.retry_after);
}

TEST_CASE("platform: dingtalk check_online: right secret, wrong secret, server out of reach") {
  {
    test::FakeApi api;
    serve_robot(api);
    CHECK(make_dingtalk(api.base()).check_online().empty());
  }
  {
    test::FakeApi api;
    api.post("/v1.0/oauth2/accessToken", [](const httplib::Request&, httplib::Response& res) {
      res.status = 400;
      res.set_content(R"({"code":"invalidClientSecret","message":"无效的clientSecret"})", "application/json");
    });
    auto problems = make_dingtalk(api.base()).check_online();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("PAIKE_DINGTALK_APP_SECRET") != std::string::npos);
    CHECK(problems[0].find("凭证与基础信息") != std::string::npos);
  }
  {
    test::FakeApi api;  // our reading: the org's 服务器出口IP list refuses other servers with this code
    api.post("/v1.0/oauth2/accessToken", [](const httplib::Request&, httplib::Response& res) {
      res.status = 403;
      res.set_content(R"({"code":"Forbidden.AccessDenied.IpNotInWhiteList","message":"ip"})", "application/json");
    });
    auto problems = make_dingtalk(api.base()).check_online();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("服务器出口IP") != std::string::npos);
  }
  {
    auto problems = make_dingtalk("http://127.0.0.1:1").check_online();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("连不上") != std::string::npos);
  }
}
