#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>

#include <nlohmann/json.hpp>

#include "bot/platforms/onebot/onebot_platform.h"
#include "bot/platforms/onebot/parse.h"
#include "bot/platforms/onebot/verify.h"
#include "bot/platforms/onebot/wire.h"
#include "bot/platforms/text_parts.h"
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
  return json{{"time", time},           {"self_id", 999},
              {"post_type", "message"}, {"message_type", "group"},
              {"message_id", id},       {"group_id", 123456},
              {"user_id", 20002},       {"sender", {{"nickname", "老王"}, {"card", ""}}},
              {"message", message}};
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
  CHECK_FALSE(outcome.events[0].direct);
  auto e = p.parse_event(outcome.events[0].payload);
  REQUIRE(e.ok());
  CHECK(e->text == "垃圾堆");  // the space after the @ trimmed
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
  CHECK(p.accept_webhook(signed_onebot_request(group_message(4, "hi", kOnebotNow - 3600)), test::at_seconds(kOnebotNow))
            .status == 401);
  CHECK(p.accept_webhook(signed_onebot_request(body), test::at_seconds(kOnebotNow)).events.size() == 1);
  CHECK(p.accept_webhook(signed_onebot_request(body), test::at_seconds(kOnebotNow)).events.empty());
  CHECK(p.accept_webhook(test::post("{", {{"x-signature", onebot::signature("obsecret", "{")}}),
                         test::at_seconds(kOnebotNow))
            .status == 400);
  json meta{{"time", kOnebotNow}, {"self_id", 999}, {"post_type", "meta_event"}, {"meta_event_type", "heartbeat"}};
  CHECK(p.accept_webhook(signed_onebot_request(meta), test::at_seconds(kOnebotNow)).events.empty());
  auto own = group_message(5, "hi");
  own["user_id"] = 999;
  CHECK(p.parse_event(own.dump()).error().code == ErrorCode::ignored);
}

namespace {

// A fixture from tests/data/platforms/onebot/: {"_source": where it was copied from, "payload": the event}.
json onebot_fixture(const std::string& name) {
  std::ifstream in(std::string(PAIKE_TEST_DATA) + "/platforms/onebot/" + name);
  json fixture = json::parse(in, nullptr, false);
  REQUIRE(fixture.is_object());
  REQUIRE(fixture.contains("_source"));
  return fixture;
}

const int64_t kSpecTime = 1515204254;  // the `time` of the spec's examples

// Through the ack path as the implementation posts it (signed), then parsed.
Result<ChatEvent> accept_and_parse(OnebotPlatform& p, const std::string& fixture, AcceptedEvent* accepted = nullptr) {
  json payload = onebot_fixture(fixture)["payload"];
  auto outcome = p.accept_webhook(signed_onebot_request(payload), test::at_seconds(kSpecTime));
  REQUIRE(outcome.status < 300);
  REQUIRE(outcome.events.size() == 1);
  if (accepted) *accepted = outcome.events[0];
  return p.parse_event(outcome.events[0].payload);
}

void answer(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

// An implementation's HTTP API that wants the access token "obtoken", as NapCat and the spec
// answer: 401 without one, 403 with a wrong one (communication/http.md 响应).
test::FakeApi::Handler with_token(std::function<void(const httplib::Request&, httplib::Response&)> handler) {
  return [handler](const httplib::Request& req, httplib::Response& res) {
    std::string auth = req.get_header_value("Authorization");
    if (auth.empty()) return answer(res, json::object(), 401);
    if (auth != "Bearer obtoken") return answer(res, {{"message", "token verify failed!"}}, 403);
    handler(req, res);
  };
}

}  // namespace

TEST_CASE("platform: onebot: X-Signature in upper-case hex (Lagrange.OneBot's Convert.ToHexString) accepted") {
  auto p = make_onebot();
  auto body = group_message(30, "hi");
  std::string sig = onebot::signature("obsecret", body.dump());
  std::transform(sig.begin() + 5, sig.end(), sig.begin() + 5, [](unsigned char c) { return std::toupper(c); });
  REQUIRE(sig != onebot::signature("obsecret", body.dump()));
  auto outcome = p.accept_webhook(test::post(body.dump(), {{"x-signature", sig}}), test::at_seconds(kOnebotNow));
  CHECK(outcome.status == 204);
  CHECK(outcome.events.size() == 1);
  // Case-insensitive only in the hex: a wrong digest or prefix is still refused.
  sig[6] = sig[6] == 'A' ? 'B' : 'A';
  CHECK(p.accept_webhook(test::post(body.dump(), {{"x-signature", sig}}), test::at_seconds(kOnebotNow)).status == 401);
  CHECK(!onebot::signature_ok("SHA1=" + onebot::signature("obsecret", "x").substr(5), "obsecret", "x"));
  CHECK(!onebot::signature_ok("", "obsecret", "x"));
}

TEST_CASE("platform: onebot: the spec's private message example, string format") {
  auto p = make_onebot();
  AcceptedEvent accepted;
  auto e = accept_and_parse(p, "private_text.json", &accepted);
  REQUIRE(e.ok());
  // The inbox keys it as the parser names it: a private chat with the sender.
  CHECK(accepted.direct);
  CHECK(accepted.group_id == "12345678");
  CHECK(e->direct);
  CHECK(e->group_id == "12345678");
  CHECK(e->text == "你好～");
  CHECK(e->user_name == "小不点");
  CHECK(e->event_id == "10001000:12");
}

TEST_CASE("platform: onebot: the bot's own @ is stripped, in both message formats, and other @ become mentions") {
  auto p = make_onebot();
  auto array = accept_and_parse(p, "group_at_bot_array.json");
  REQUIRE(array.ok());
  CHECK(array->text == "#12 已整改");
  CHECK(array->mentions.empty());
  CHECK(array->user_name == "王村长");  // the group card before the nickname
  auto string = accept_and_parse(p, "group_at_bot_string.json");
  REQUIRE(string.ok());
  CHECK(string->text == "帮助");
  CHECK(string->mentions.empty());
  auto person = accept_and_parse(p, "group_at_person_image.json");
  REQUIRE(person.ok());
  CHECK(person->text == "村口垃圾堆");
  CHECK(person->mentions == std::vector<std::string>{"sim:handefu"});
  CHECK(person->images.at(0).media_ref == "http://baidu.com/1.jpg");
}

TEST_CASE("platform: onebot: the spec's string-format examples: face + image by file name, CQ escapes") {
  auto p = make_onebot();
  auto face = accept_and_parse(p, "group_string_face_image.json");
  REQUIRE(face.ok());
  CHECK(face->text == "看看我刚拍的照片");
  CHECK(face->images.at(0).media_ref == "123.jpg");
  auto escaped = accept_and_parse(p, "group_string_escaped.json");
  REQUIRE(escaped.ok());
  CHECK(escaped->text == "- [x] 使用 `&data` 获取地址");
  auto segs =
      onebot::parse_cq_string(onebot_fixture("group_string_escaped.json")["payload"]["message"].get<std::string>());
  REQUIRE(segs.size() == 2);
  CHECK(segs[1].type == "share");
  CHECK(segs[1].data["title"] == "震惊,小伙睡觉前居然...");
  CHECK(segs[1].data["url"] == "http://baidu.com/?a=1&b=2");
}

TEST_CASE("platform: onebot: record segments are voice notes without a transcript") {
  auto p = make_onebot();
  auto spec = accept_and_parse(p, "group_record.json");
  REQUIRE(spec.ok());
  REQUIRE(spec->voice);
  CHECK(spec->voice->media_ref == "http://baidu.com/1.mp3");
  CHECK(spec->voice->transcript.empty());
  CHECK(spec->voice->format == "mp3");
  CHECK(spec->text.empty());
  auto napcat = accept_and_parse(p, "group_record_napcat.json");
  REQUIRE(napcat.ok());
  REQUIRE(napcat->voice);
  CHECK(napcat->voice->media_ref == "https://grouptalk.c2c.qq.com/?ver=2&rkey=abc");
  CHECK(napcat->voice->format == "amr");
  // A record segment with only a file name: fetched later through get_record.
  auto bare = p.parse_event(group_message(31, "[CQ:record,file=0B38145AA44505000B38145AA4450500.silk]").dump());
  REQUIRE(bare.ok());
  CHECK(bare->voice->media_ref == "0B38145AA44505000B38145AA4450500.silk");
  CHECK(bare->voice->format == "silk");
}

TEST_CASE("platform: onebot: reply and location segments from the spec") {
  auto p = make_onebot();
  auto reply = accept_and_parse(p, "group_reply.json");
  REQUIRE(reply.ok());
  CHECK(reply->reply_to == "123456");
  CHECK(reply->text == "已经清理干净了");
  auto loc = accept_and_parse(p, "group_location.json");
  REQUIRE(loc.ok());
  REQUIRE(loc->location);
  CHECK(loc->location->lat == Approx(39.8969426));
  CHECK(loc->location->lng == Approx(116.3109099));
  CHECK(loc->text == "南河桥");
  // Lagrange.OneBot answers an unknown quoted message with id 0 (ReplySegment.FromEntity).
  json unknown =
      json::array({{{"type", "reply"}, {"data", {{"id", "0"}}}}, {{"type", "text"}, {"data", {{"text", "好"}}}}});
  CHECK(p.parse_event(group_message(32, unknown).dump())->reply_to.empty());
}

TEST_CASE("platform: onebot: the bot's own messages (message_sent) and system notices are not reports") {
  auto p = make_onebot();
  json sent = onebot_fixture("message_sent.json")["payload"];
  auto outcome = p.accept_webhook(signed_onebot_request(sent), test::at_seconds(kSpecTime));
  CHECK(outcome.status == 204);
  CHECK(outcome.events.empty());
  CHECK(p.parse_event(sent.dump()).error().code == ErrorCode::ignored);
  // raw_message stands in when an implementation leaves `message` out.
  json raw = onebot_fixture("private_text.json")["payload"];
  raw.erase("message");
  CHECK(p.parse_event(raw.dump())->text == "你好～");
  auto notice = group_message(33, "管理员已禁止群内匿名聊天");
  notice["sub_type"] = "notice";
  CHECK(p.parse_event(notice.dump()).error().code == ErrorCode::ignored);
}

TEST_CASE("platform: onebot: a long text goes out as numbered send_group_msg parts, and a retry skips sent parts") {
  test::FakeApi api;
  std::atomic<int> calls = 0;
  std::atomic<bool> fail_second = true;
  api.post("/send_group_msg", with_token([&](const httplib::Request&, httplib::Response& res) {
             int n = ++calls;
             if (n == 2 && fail_second.exchange(false)) return answer(res, json::object(), 502);
             answer(res, {{"status", "ok"}, {"retcode", 0}, {"data", {{"message_id", 100 + n}}}});
           }));
  auto p = make_onebot(api.base());
  OutgoingMessage m;
  m.platform = "onebot";
  m.group_id = "123456";
  m.reply_to = "55";
  m.mentions = {"sim:handefu"};
  std::string line(100, 'x');
  for (int i = 0; i < 100; ++i) m.text += "@韩德福 第" + std::to_string(i) + "行" + line + "\n";  // ~11000 characters
  SendFailure failure;
  CHECK_FALSE(p.send(m, failure));
  CHECK(failure.retryable);
  auto receipt = p.send(m, failure);
  REQUIRE(receipt);
  CHECK(receipt->platform_message_id == "101");
  auto requests = api.requests();
  // Part 1, part 2 (failed); then part 2 again and the rest: part 1 is not posted twice.
  REQUIRE(requests.size() >= 4);
  std::vector<json> parts;
  for (size_t i = 0; i < requests.size(); ++i) {
    if (i != 1) parts.push_back(json::parse(requests[i].body));
  }
  CHECK(json::parse(requests[1].body) == parts[1]);
  const std::string count = std::to_string(parts.size());
  std::string all;
  for (size_t i = 0; i < parts.size(); ++i) {
    const json& segments = parts[i]["message"];
    CHECK(parts[i]["group_id"] == 123456);
    std::string text;
    for (const auto& seg : segments) {
      if (seg["type"] == "text") text += seg["data"]["text"].get<std::string>();
    }
    CHECK(text_length(text, TextUnit::utf16_units) <= onebot::kMaxTextUnits);
    CHECK(text.ends_with("（" + std::to_string(i + 1) + "/" + count + "）"));
    all += text;
    // The quote and the @ go with the first part only.
    bool first = i == 0;
    CHECK((segments.at(0)["type"] == "reply") == first);
    CHECK((segments.size() > 1 && segments.at(1)["type"] == "at") == first);
  }
  CHECK(parts[0]["message"][0]["data"]["id"] == "55");
  CHECK(parts[0]["message"][1]["data"]["qq"] == "10001");
  // Every line arrives, in order.
  size_t at = 0;
  for (int i = 0; i < 100; ++i) {
    size_t found = all.find("第" + std::to_string(i) + "行", at);
    REQUIRE(found != std::string::npos);
    at = found;
  }
}

TEST_CASE("platform: onebot: private replies go to send_private_msg with the person's QQ number") {
  test::FakeApi api;
  api.post("/send_private_msg", with_token([](const httplib::Request&, httplib::Response& res) {
             answer(res, {{"status", "ok"}, {"retcode", 0}, {"data", {{"message_id", 7}}}});
           }));
  auto p = make_onebot(api.base());
  OutgoingMessage m;
  m.platform = "onebot";
  m.group_id = "sim:handefu";
  m.direct = true;
  m.text = "登录链接：https://example.org/login?t=1";
  SendFailure failure;
  auto receipt = p.send(m, failure);
  REQUIRE(receipt);
  CHECK(receipt->platform_message_id == "7");
  json body = json::parse(api.requests().at(0).body);
  CHECK(body["user_id"] == 10001);
  CHECK_FALSE(body.contains("group_id"));
  CHECK(body["message"][0]["data"]["text"] == m.text);
}

TEST_CASE("platform: onebot: voice audio from the segment's url, else through get_record") {
  test::FakeApi api;
  api.get("/voice/1.amr",
          [](const httplib::Request&, httplib::Response& res) { res.set_content("#!AMR\nxx", "audio/amr"); });
  api.post("/get_record", with_token([](const httplib::Request& req, httplib::Response& res) {
             json params = json::parse(req.body);
             if (params["file"] != "0B38.silk")
               return answer(res, {{"status", "failed"}, {"retcode", 100}, {"data", nullptr}});
             // NapCat answers with the converted file's base64 (action/file/GetRecord.ts).
             answer(res, {{"status", "ok"},
                          {"retcode", 0},
                          {"data", {{"file", "/tmp/0B38.silk.mp3"}, {"base64", "SUQzBAAAAAAA"}}}});
           }));
  auto p = make_onebot(api.base());
  auto by_url = p.fetch_voice(IncomingVoice{api.base() + "/voice/1.amr", "", "amr", ""});
  REQUIRE(by_url.ok());
  CHECK(*by_url == "#!AMR\nxx");
  auto by_file = p.fetch_voice(IncomingVoice{"0B38.silk", "", "silk", ""});
  REQUIRE(by_file.ok());
  CHECK(*by_file == std::string("ID3\x04\0\0\0\0\0", 9));
  json params = json::parse(api.requests().back().body);
  CHECK(params["out_format"] == "mp3");
  auto missing = p.fetch_voice(IncomingVoice{"gone.silk", "", "silk", ""});
  CHECK_FALSE(missing.ok());
}

TEST_CASE("platform: onebot: check_online calls get_login_info with the access token") {
  test::FakeApi api;
  std::atomic<bool> logged_in = true;
  api.post("/get_login_info", with_token([&](const httplib::Request&, httplib::Response& res) {
             if (!logged_in) return answer(res, {{"status", "failed"}, {"retcode", 1404}, {"data", nullptr}});
             answer(res, {{"status", "ok"}, {"retcode", 0}, {"data", {{"user_id", 10001000}, {"nickname", "拍客"}}}});
           }));
  auto p = make_onebot(api.base());
  CHECK(p.check_online().empty());
  CHECK(api.requests().at(0).headers.at("Authorization") == "Bearer obtoken");

  OnebotSettings wrong{"obsecret", "nottoken", api.base(), std::chrono::minutes(10), {}};
  auto problems = OnebotPlatform(wrong, PlatformRoster("onebot", test::platform_deployment())).check_online();
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("PAIKE_ONEBOT_ACCESS_TOKEN") && Catch::Contains("不一致"));

  OnebotSettings none{"obsecret", "", api.base(), std::chrono::minutes(10), {}};
  problems = OnebotPlatform(none, PlatformRoster("onebot", test::platform_deployment())).check_online();
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("PAIKE_ONEBOT_ACCESS_TOKEN") && Catch::Contains("没有设置"));

  logged_in = false;
  problems = p.check_online();
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("登录"));

  problems = make_onebot("http://127.0.0.1:1").check_online();
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("PAIKE_ONEBOT_API_BASE") && Catch::Contains("http://127.0.0.1:1"));
}
