#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "bot/platforms/wecom/parse.h"
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

WecomSettings wecom_settings(const std::string& api_base = "http://127.0.0.1:1") {
  WecomSettings s;
  s.corp_id = kCorp;
  s.token = kToken;
  s.aes_key = kKey;
  s.secret = "secret";
  s.api_base = api_base;
  return s;
}

WecomPlatform make_wecom(WecomSettings s = wecom_settings()) {
  return WecomPlatform(s, PlatformRoster("wecom", test::platform_deployment()));
}

// A fixture copied from WeCom's docs (tests/data/platforms/wecom; each names its source).
std::string doc_fixture(const std::string& name) {
  std::ifstream in(std::string(PAIKE_TEST_DATA) + "/platforms/wecom/" + name, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), {}};
}

// The intelligent robot's JSON envelope ({"encrypt"}), encrypted with receive id "".
WebhookRequest robot_callback(const std::string& inner, const std::string& nonce, int64_t ts = kWecomNow) {
  std::string enc = wecom::encrypt(kKey, inner, "");
  std::string t = std::to_string(ts);
  return test::post(
      nlohmann::json{{"encrypt", enc}}.dump(), {},
      {{"msg_signature", wecom::msg_signature(kToken, t, nonce, enc)}, {"timestamp", t}, {"nonce", nonce}});
}

int64_t wecom_unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

EnvLookup wecom_env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& n) -> std::optional<std::string> {
    auto it = vars.find(n);
    return it == vars.end() ? std::nullopt : std::optional(it->second);
  };
}

void reply_json(httplib::Response& res, const nlohmann::json& body) {
  res.set_content(body.dump(), "application/json");
}

// Encrypted and signed with WeCom's own algorithm, XML envelope as the callback sends it.
WebhookRequest callback(const std::string& inner, const std::string& nonce, int64_t ts = kWecomNow,
                        const std::string& receive_id = kCorp) {
  std::string enc = wecom::encrypt(kKey, inner, receive_id);
  std::string t = std::to_string(ts);
  return test::post(
      "<xml><ToUserName><![CDATA[" + kCorp + "]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>", {},
      {{"msg_signature", wecom::msg_signature(kToken, t, nonce, enc)}, {"timestamp", t}, {"nonce", nonce}});
}

std::string text_xml(const std::string& id, const std::string& content) {
  return "<xml><ToUserName>" + kCorp +
         "</ToUserName><FromUserName>HanDeFu</FromUserName><CreateTime>1409659589"
         "</CreateTime><MsgType>text</MsgType><Content><![CDATA[" +
         content + "]]></Content><MsgId>" + id + "</MsgId><AgentID>1</AgentID></xml>";
}

}  // namespace

TEST_CASE("platform: wecom: official URL-check vector answered with the decrypted echostr") {
  // Vector: WeCom official C++/Python samples (issue 8).
  auto p = make_wecom();
  WebhookRequest req{
      "GET",
      "",
      {},
      {{"msg_signature", "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"},
       {"timestamp", "1409659589"},
       {"nonce", "263014780"},
       {"echostr", "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ=="}}};
  auto outcome = p.accept_webhook(req, test::at_seconds(kWecomNow));
  CHECK(outcome.status == 200);
  CHECK(outcome.body == "1616140317555161061");
  req.query["msg_signature"] = std::string(40, 'a');
  CHECK(p.accept_webhook(req, test::at_seconds(kWecomNow)).status == 401);
}

TEST_CASE(
    "platform: wecom: encrypted XML text accepted, forged, stale, replayed, wrong receive id, malformed refused") {
  auto p = make_wecom();
  auto req = callback(text_xml("1001", "河道有漂浮物"), "n1");
  auto outcome = p.accept_webhook(req, test::at_seconds(kWecomNow));
  REQUIRE(outcome.events.size() == 1);
  auto e = p.parse_event(outcome.events[0].payload);
  REQUIRE(e.ok());
  CHECK(e->text == "河道有漂浮物");
  CHECK(e->user_id == "sim:handefu");
  CHECK(e->direct);
  CHECK(e->group_id == "sim:handefu");
  CHECK(p.accept_webhook(req, test::at_seconds(kWecomNow)).events.empty());  // replay
  auto forged = callback(text_xml("1002", "x"), "n2");
  forged.query["msg_signature"] = wecom::msg_signature("other", forged.query["timestamp"], "n2", "x");
  CHECK(p.accept_webhook(forged, test::at_seconds(kWecomNow)).status == 401);
  CHECK(p.accept_webhook(callback(text_xml("1003", "x"), "n3", kWecomNow - 7200), test::at_seconds(kWecomNow)).status ==
        401);
  CHECK(p.accept_webhook(callback(text_xml("1004", "x"), "n4", kWecomNow, "wx_other_corp"), test::at_seconds(kWecomNow))
            .status == 403);
  CHECK(p.accept_webhook(test::post("<xml><Encrypt>"), test::at_seconds(kWecomNow)).status == 400);
}

TEST_CASE("platform: wecom: image, location, JSON robot message, events ignored") {
  auto p = make_wecom();
  auto img = p.parse_event(
      "<xml><FromUserName>u</FromUserName><MsgType>image</MsgType><MediaId>mid</MediaId><MsgId>1</MsgId></xml>");
  CHECK(img->images.at(0).media_ref == "mid");
  auto loc = p.parse_event(
      "<xml><FromUserName>u</FromUserName><MsgType>location</MsgType><Location_X>36.6</Location_X>"
      "<Location_Y>117.0</Location_Y><Label>南河桥</Label><MsgId>2</MsgId></xml>");
  CHECK(loc->location->lng == Approx(117.0));
  auto robot = p.parse_event(
      R"({"msgid":"m1","chatid":"wrkSFf","chattype":"group","from":{"userid":"HanDeFu"},"msgtype":"text","text":{"content":"垃圾"}})");
  CHECK(robot->group_id == "wrkSFf");
  CHECK(p.parse_event("<xml><FromUserName>u</FromUserName><MsgType>event</MsgType><Event>enter_agent</Event></xml>")
            .error()
            .code == ErrorCode::ignored);
}

TEST_CASE(
    "platform: wecom: the intelligent robot's URL check (receive id \"\") is answered, with or without a corp id") {
  // 回调和回复的加解密方案 (document/path/101033): 企业内部智能机器人场景中，ReceiveId为"".
  std::string enc = wecom::encrypt(kKey, "1616140317555161061", "");
  std::string ts = std::to_string(kWecomNow);
  WebhookRequest req{"GET",
                     "",
                     {},
                     {{"msg_signature", wecom::msg_signature(kToken, ts, "n1", enc)},
                      {"timestamp", ts},
                      {"nonce", "n1"},
                      {"echostr", enc}}};
  auto app = make_wecom();
  auto outcome = app.accept_webhook(req, test::at_seconds(kWecomNow));
  CHECK(outcome.status == 200);
  CHECK(outcome.body == "1616140317555161061");
  auto robot_only = wecom_settings();
  robot_only.corp_id.clear();
  robot_only.secret.clear();
  auto robot = make_wecom(robot_only);
  CHECK(robot.accept_webhook(req, test::at_seconds(kWecomNow)).body == "1616140317555161061");
  // Without a corp id, an app's XML callback (receive id = some corp) is still refused.
  CHECK(robot.accept_webhook(callback(text_xml("9", "x"), "n9"), test::at_seconds(kWecomNow)).status == 403);
}

TEST_CASE(
    "platform: wecom: the docs' intelligent-robot payloads: text, @-mention of the robot, quote, image, mixed, voice, "
    "event") {
  auto s = wecom_settings();
  s.bot_name = "RobotA";
  auto p = make_wecom(s);
  auto accept = [&](const std::string& name, const std::string& nonce) {
    auto outcome = p.accept_webhook(robot_callback(doc_fixture(name), nonce), test::at_seconds(kWecomNow));
    CHECK(outcome.status == 200);
    return outcome;
  };
  auto text = accept("robot_text.json", "t1");
  REQUIRE(text.events.size() == 1);
  auto e = p.parse_event(text.events[0].payload);
  REQUIRE(e.ok());
  CHECK(e->group_id == "CHATID");
  CHECK_FALSE(e->direct);
  CHECK(e->user_id == "USERID");
  CHECK(e->text == "hello robot");  // "@RobotA " is the robot itself
  CHECK(e->mentions.empty());
  CHECK(e->reply_to.empty());  // the quote carries no message id

  auto image = accept("robot_image.json", "t2");
  REQUIRE(image.events.size() == 1);
  auto i = p.parse_event(image.events[0].payload);
  CHECK(i->direct);
  CHECK(i->group_id == "USERID");
  REQUIRE(i->images.size() == 1);
  CHECK(i->images[0].media_ref.starts_with("https://ww-aibot-img-1258476243.cos.ap-guangzhou.myqcloud.com/"));

  // Without PAIKE_WECOM_BOT_NAME the leading "@…" of a group text is the robot.
  auto unnamed = make_wecom();
  auto mixed =
      unnamed.accept_webhook(robot_callback(doc_fixture("robot_mixed.json"), "t3"), test::at_seconds(kWecomNow));
  REQUIRE(mixed.events.size() == 1);
  auto m = unnamed.parse_event(mixed.events[0].payload);
  CHECK(m->text == "这是今日的测试情况");
  CHECK(m->images.size() == 1);

  auto voice = accept("robot_voice.json", "t4");
  REQUIRE(voice.events.size() == 1);
  auto v = p.parse_event(voice.events[0].payload);
  REQUIRE(v->voice);
  CHECK(v->voice->transcript == "这是语音转成文本的内容");
  CHECK(v->text == "这是语音转成文本的内容");
  CHECK(v->voice->media_ref.empty());
  CHECK(p.fetch_voice(*v->voice).error().code == ErrorCode::no_media);

  CHECK(accept("robot_enter_chat.json", "t5").events.empty());
}

TEST_CASE("platform: wecom: the docs' app XML payloads: text, image, voice, location (private chats)") {
  auto p = make_wecom();
  auto parse = [&](const std::string& name, const std::string& nonce) {
    auto outcome = p.accept_webhook(callback(doc_fixture(name), nonce), test::at_seconds(kWecomNow));
    REQUIRE(outcome.events.size() == 1);
    auto e = p.parse_event(outcome.events[0].payload);
    REQUIRE(e.ok());
    CHECK(e->direct);
    CHECK(e->group_id == "fromUser");
    return *e;
  };
  // The docs' examples share one MsgId: new ones each time, else the replay guard drops them.
  auto renumber = [](std::string xml, const std::string& id) {
    auto at = xml.find("1234567890123456");
    return xml.replace(at, 16, id);
  };
  CHECK(parse("app_text.xml", "x1").text == "this is a test");
  auto image =
      p.accept_webhook(callback(renumber(doc_fixture("app_image.xml"), "2000"), "x2"), test::at_seconds(kWecomNow));
  REQUIRE(image.events.size() == 1);
  CHECK(p.parse_event(image.events[0].payload)->images.at(0).media_ref == "media_id");
  auto voice_outcome =
      p.accept_webhook(callback(renumber(doc_fixture("app_voice.xml"), "2001"), "x3"), test::at_seconds(kWecomNow));
  REQUIRE(voice_outcome.events.size() == 1);
  auto voice = p.parse_event(voice_outcome.events[0].payload);
  REQUIRE(voice->voice);
  CHECK(voice->voice->media_ref == "media_id");
  CHECK(voice->voice->format == "Format");
  CHECK(voice->voice->transcript.empty());
  CHECK(voice->text.empty());
  auto loc_outcome =
      p.accept_webhook(callback(renumber(doc_fixture("app_location.xml"), "2002"), "x4"), test::at_seconds(kWecomNow));
  REQUIRE(loc_outcome.events.size() == 1);
  auto loc = p.parse_event(loc_outcome.events[0].payload);
  CHECK(loc->location->lat == Approx(23.134521));
  CHECK(loc->text == "位置信息");
  // Where a Recognition is given (the 公众号 format), it is the transcript and the text.
  auto recognised = p.parse_event(
      "<xml><FromUserName>u</FromUserName><MsgType>voice</MsgType><MediaId>m</MediaId>"
      "<Format>amr</Format><Recognition>河边有垃圾</Recognition><MsgId>3</MsgId></xml>");
  CHECK(recognised->voice->transcript == "河边有垃圾");
  CHECK(recognised->text == "河边有垃圾");
}

TEST_CASE("platform: wecom: the robot's own @-mention is cut, other people's stay") {
  CHECK(wecom::strip_bot_mention("@拍客 #12 已整改", "拍客", true) == "#12 已整改");
  CHECK(wecom::strip_bot_mention("@拍客\xE2\x80\x85帮助", "拍客", true) == "帮助");
  CHECK(wecom::strip_bot_mention("@张三 @拍客 河边垃圾", "拍客", true) == "@张三 河边垃圾");
  CHECK(wecom::strip_bot_mention("@拍客队 集合", "拍客", true) == "@拍客队 集合");
  CHECK(wecom::strip_bot_mention("@拍客 #12 已整改", "", true) == "#12 已整改");
  CHECK(wecom::strip_bot_mention("@张三 你好", "", false) == "@张三 你好");  // a single chat has no robot mention
}

TEST_CASE("platform: wecom: replies to a robot chat go through its response_url, once each, within the hour") {
  test::FakeApi api;
  api.post("/cgi-bin/aibot/response", [](const httplib::Request&, httplib::Response& res) {
    reply_json(res, {{"errcode", 0}, {"errmsg", "ok"}});
  });
  auto s = wecom_settings(api.base());
  s.corp_id.clear();  // the intelligent robot alone
  s.window = std::chrono::hours(3);
  auto p = make_wecom(s);
  auto message = [&](const std::string& id, const std::string& code) {
    return nlohmann::json{{"msgid", id},
                          {"aibotid", "AIBOTID"},
                          {"chatid", "wrkHanjia"},
                          {"chattype", "group"},
                          {"from", {{"userid", "HanDeFu"}}},
                          {"msgtype", "text"},
                          {"response_url", api.base() + "/cgi-bin/aibot/response?response_code=" + code},
                          {"text", {{"content", "@拍客 河边垃圾"}}}}
        .dump();
  };
  int64_t now = wecom_unix_now();
  REQUIRE(p.accept_webhook(robot_callback(message("m1", "c1"), "r1", now), test::at_seconds(now)).events.size() == 1);
  REQUIRE(p.accept_webhook(robot_callback(message("m2", "c2"), "r2", now), test::at_seconds(now)).events.size() == 1);
  OutgoingMessage reply{"wecom", "wrkHanjia", false, "已登记 #1，@韩德福 请处理", {"sim:handefu"}, "m2", "", "", 1};
  SendFailure failure;
  REQUIRE(p.send(reply, failure));
  auto sent = api.requests();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].path == "/cgi-bin/aibot/response?response_code=c2");  // the reply to m2 quotes m2
  auto body = nlohmann::json::parse(sent[0].body);
  CHECK(body["msgtype"] == "markdown");
  CHECK(body["markdown"]["content"] == "已登记 #1，@韩德福 请处理");
  reply.text = "第二条";
  reply.reply_to.clear();
  REQUIRE(p.send(reply, failure));
  CHECK(api.requests().back().path == "/cgi-bin/aibot/response?response_code=c1");
  reply.text = "第三条";
  CHECK_FALSE(p.send(reply, failure));  // each response_url answers once
  CHECK_FALSE(failure.retryable);
  CHECK(failure.reason.find("response_url") != std::string::npos);
  // One that came in over an hour ago is no longer used.
  REQUIRE(p.accept_webhook(robot_callback(message("m3", "c3"), "r3", now - 3700), test::at_seconds(now - 3700))
              .events.size() == 1);
  CHECK_FALSE(p.send(reply, failure));
  CHECK(api.requests().size() == 2);
}

TEST_CASE("platform: wecom: private replies go through message/send with the app's agentid, not appchat") {
  test::FakeApi api;
  api.get("/cgi-bin/gettoken", [](const httplib::Request&, httplib::Response& res) {
    reply_json(res, {{"errcode", 0}, {"access_token", "tok"}, {"expires_in", 7200}});
  });
  api.post("/cgi-bin/message/send", [](const httplib::Request&, httplib::Response& res) {
    reply_json(res, {{"errcode", 0}, {"errmsg", "ok"}, {"msgid", "msg1"}});
  });
  auto s = wecom_settings(api.base());
  OutgoingMessage login{"wecom", "sim:handefu", true, "登录链接：https://paike.example/l/abc", {}, "", "",
                        "",      std::nullopt};
  SendFailure failure;
  CHECK_FALSE(make_wecom(s).send(login, failure));  // no agent id: a clear permanent failure
  CHECK_FALSE(failure.retryable);
  CHECK(failure.reason.find("PAIKE_WECOM_AGENT_ID") != std::string::npos);
  s.agent_id = "1000002";
  auto p = make_wecom(s);
  auto receipt = p.send(login, failure);
  REQUIRE(receipt);
  CHECK(receipt->platform_message_id == "msg1");
  CHECK(api.count("/cgi-bin/appchat/send") == 0);
  auto sent = api.requests().back();
  CHECK(sent.path == "/cgi-bin/message/send?access_token=tok");
  auto body = nlohmann::json::parse(sent.body);
  CHECK(body["touser"] == "HanDeFu");
  CHECK(body["agentid"] == 1000002);
  CHECK(body["msgtype"] == "text");
  CHECK(body["text"]["content"] == "登录链接：https://paike.example/l/abc");
}

TEST_CASE("platform: wecom: an image sent to the intelligent robot is decrypted before the photo pipeline") {
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + std::string(1000, 'j') + "\xFF\xD9";
  test::FakeApi api;
  api.get("/aibot-img/1", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(wecom::encrypt_media(kKey, jpeg), "application/octet-stream");
  });
  api.get("/aibot-img/plain",
          [&](const httplib::Request&, httplib::Response& res) { res.set_content(jpeg, "image/jpeg"); });
  auto p = make_wecom(wecom_settings(api.base()));
  auto bytes = p.fetch_media(IncomingImage{"", api.base() + "/aibot-img/1", ""});
  REQUIRE(bytes.ok());
  CHECK(*bytes == jpeg);
  CHECK(p.fetch_media(IncomingImage{"", api.base() + "/aibot-img/plain", ""}).error().code == ErrorCode::decrypt);
}

TEST_CASE("platform: wecom: settings: robot keys alone, the intelligent robot alone, neither") {
  auto d = test::platform_deployment();  // has the group robot:hanjia
  auto robots = wecom_settings_from_env(wecom_env({{"PAIKE_WECOM_ROBOT_KEY_HANJIA", "k1"}}), d);
  REQUIRE(robots.ok());
  CHECK(robots->robot_keys.at("robot:hanjia") == "k1");
  CHECK(robots->corp_id.empty());
  auto robot = wecom_settings_from_env(wecom_env({{"PAIKE_WECOM_ROBOT_KEY", "k"},
                                                  {"PAIKE_WECOM_TOKEN", kToken},
                                                  {"PAIKE_WECOM_AES_KEY", kKey},
                                                  {"PAIKE_WECOM_BOT_NAME", "@拍客"}}),
                                       d);
  REQUIRE(robot.ok());
  CHECK(robot->token == kToken);
  CHECK(robot->bot_name == "拍客");
  Deployment none;
  CHECK(wecom_settings_from_env(wecom_env({{"PAIKE_WECOM_TOKEN", kToken}}), none)
            .error()
            .message.find("PAIKE_WECOM_AES_KEY") != std::string::npos);
  CHECK(wecom_settings_from_env(wecom_env({}), none).error().message.find("PAIKE_WECOM_CORP_ID") != std::string::npos);
  CHECK(wecom_settings_from_env(wecom_env({{"PAIKE_WECOM_CORP_ID", kCorp},
                                           {"PAIKE_WECOM_TOKEN", kToken},
                                           {"PAIKE_WECOM_AES_KEY", kKey},
                                           {"PAIKE_WECOM_SECRET", "s"},
                                           {"PAIKE_WECOM_AGENT_ID", "abc"}}),
                                none)
            .error()
            .code == ErrorCode::bad_env);
}

TEST_CASE("platform: wecom: texts over 2048 bytes go out in parts, the mention in the first") {
  test::FakeApi api;
  api.post("/cgi-bin/webhook/send", [](const httplib::Request&, httplib::Response& res) {
    reply_json(res, {{"errcode", 0}, {"errmsg", "ok"}});
  });
  WecomSettings s;
  s.robot_keys["robot:hanjia"] = "key1";
  s.api_base = api.base();
  auto p = make_wecom(s);
  std::string digest;
  for (int i = 1; i <= 120; ++i) digest += "#" + std::to_string(i) + " 南河桥下垃圾堆积，待整改\n";
  REQUIRE(digest.size() > 4096);
  SendFailure failure;
  REQUIRE(p.send(OutgoingMessage{"wecom", "robot:hanjia", false, digest, {"sim:handefu"}, "", "", "", std::nullopt},
                 failure));
  auto sent = api.requests();
  REQUIRE(sent.size() >= 2);
  for (size_t i = 0; i < sent.size(); ++i) {
    auto body = nlohmann::json::parse(sent[i].body);
    CHECK(body["text"]["content"].get<std::string>().size() <= 2048);
    CHECK(body["text"]["mentioned_list"] == (i == 0 ? nlohmann::json::array({"HanDeFu"}) : nlohmann::json::array()));
  }
  CHECK(nlohmann::json::parse(sent.back().body)["text"]["content"].get<std::string>().find("#120") !=
        std::string::npos);
}

TEST_CASE(
    "platform: wecom: check-config --online: right secret, wrong secret, untrusted IP, wrong agent id, unreachable") {
  test::FakeApi api;
  api.get("/cgi-bin/gettoken", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_param_value("corpsecret") == "right")
      return reply_json(res, {{"errcode", 0}, {"access_token", "tok"}, {"expires_in", 7200}});
    if (req.get_param_value("corpsecret") == "ip")
      return reply_json(res, {{"errcode", 60020}, {"errmsg", "not allow to access from your ip"}});
    reply_json(res, {{"errcode", 40001}, {"errmsg", "invalid credential"}});
  });
  api.get("/cgi-bin/agent/get", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_param_value("agentid") == "1000002")
      return reply_json(res, {{"errcode", 0}, {"errmsg", "ok"}, {"agentid", 1000002}});
    reply_json(res, {{"errcode", 301002}, {"errmsg", "not allow to operate another agent"}});
  });
  auto check = [&](const std::string& secret, const std::string& agent, const std::string& base) {
    auto s = wecom_settings(base);
    s.secret = secret;
    s.agent_id = agent;
    return make_wecom(s).check_online();
  };
  CHECK(check("right", "1000002", api.base()).empty());
  auto wrong = check("wrong", "1000002", api.base());
  REQUIRE(wrong.size() == 1);
  CHECK(wrong[0].find("Secret 不对") != std::string::npos);
  CHECK(wrong[0].find("PAIKE_WECOM_SECRET") != std::string::npos);
  auto ip = check("ip", "1000002", api.base());
  REQUIRE(ip.size() == 1);
  CHECK(ip[0].find("企业可信IP") != std::string::npos);
  auto agent = check("right", "1000003", api.base());
  REQUIRE(agent.size() == 1);
  CHECK(agent[0].find("PAIKE_WECOM_AGENT_ID") != std::string::npos);
  CHECK(check("right", "", api.base()).at(0).find("没有设置 PAIKE_WECOM_AGENT_ID") != std::string::npos);
  auto down = check("right", "1000002", "http://127.0.0.1:1");
  REQUIRE(down.size() == 1);
  CHECK(down[0].find("连不上企业微信服务器") != std::string::npos);
  WecomSettings robot_only;
  robot_only.robot_keys["robot:hanjia"] = "k";
  CHECK(make_wecom(robot_only).check_online().empty());  // a robot key can only be tried by posting: not done
}
