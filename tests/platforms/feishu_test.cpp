#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/feishu_platform.h"
#include "bot/platforms/feishu/verify.h"
#include "tests/platforms/helpers.h"

using namespace paike;
using nlohmann::json;

namespace {

const int64_t kFeishuNow = 1763800000;

FeishuPlatform make_feishu(std::string encrypt_key = "ek") {
  FeishuSettings s{"app", "secret", std::move(encrypt_key), "vtoken", "http://127.0.0.1:1", std::chrono::hours(1),
                   {},    "ou_bot"};
  return FeishuPlatform(s, PlatformRoster("feishu", test::platform_deployment()));
}

json message_event(const std::string& event_id, const std::string& type, const json& content) {
  // Shape: Feishu docs, im.message.receive_v1 (schema 2.0).
  return json{{"schema", "2.0"},
              {"header",
               {{"event_id", event_id},
                {"event_type", "im.message.receive_v1"},
                {"token", "vtoken"},
                {"create_time", std::to_string(kFeishuNow * 1000)}}},
              {"event",
               {{"sender", {{"sender_id", {{"open_id", "ou_villager"}}}, {"sender_type", "user"}}},
                {"message",
                 {{"message_id", "om_1"},
                  {"chat_id", "oc_hanjia"},
                  {"chat_type", "group"},
                  {"message_type", type},
                  {"content", content.dump()},
                  {"create_time", std::to_string(kFeishuNow * 1000)}}}}}};
}

// Encrypted and signed exactly as Feishu does: {"encrypt": …} plus X-Lark-* headers.
WebhookRequest signed_feishu_request(const json& event, int64_t ts = kFeishuNow, std::string nonce = "n1") {
  std::string body = json{{"encrypt", feishu::encrypt("ek", event.dump())}}.dump();
  std::string t = std::to_string(ts);
  return test::post(body, {{"x-lark-request-timestamp", t},
                           {"x-lark-request-nonce", nonce},
                           {"x-lark-signature", feishu::signature(t, nonce, "ek", body)}});
}

}  // namespace

TEST_CASE("platform: feishu: a signed encrypted text message is accepted and parsed") {
  auto p = make_feishu();
  auto event = message_event("ev1", "text", {{"text", "@_user_1 南河桥有垃圾堆"}});
  event["event"]["message"]["mentions"] =
      json::array({{{"key", "@_user_1"}, {"name", "韩德福"}, {"id", {{"open_id", "ou_handefu"}}}}});
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
                         test::at_seconds(kFeishuNow))
            .status == 401);
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
  CHECK(plain
            .accept_webhook(test::post(R"({"type":"url_verification","challenge":"c1","token":"bad"})"),
                            test::at_seconds(kFeishuNow))
            .status == 401);
  auto encrypted = make_feishu();
  auto body =
      json{{"encrypt", feishu::encrypt("ek", R"({"type":"url_verification","challenge":"c2","token":"vtoken"})")}};
  CHECK(json::parse(
            encrypted.accept_webhook(test::post(body.dump()), test::at_seconds(kFeishuNow)).body)["challenge"] == "c2");
}

TEST_CASE("platform: feishu: image, post, location, reply and ignored messages") {
  auto p = make_feishu("");
  auto image = p.parse_event(message_event("e", "image", {{"image_key", "img_1"}}).dump());
  REQUIRE(image.ok());
  CHECK(image->images.at(0).media_ref == "om_1/img_1");
  auto post =
      p.parse_event(message_event("e", "post",
                                  {{"title", "T"},
                                   {"content", json::array({json::array({{{"tag", "text"}, {"text", "垃圾"}},
                                                                         {{"tag", "img"}, {"image_key", "img_2"}}})})}})
                        .dump());
  REQUIRE(post.ok());
  CHECK(post->text == "T\n垃圾");
  CHECK(post->images.at(0).media_ref == "om_1/img_2");
  auto loc = p.parse_event(
      message_event("e", "location", {{"name", "南河桥"}, {"latitude", "36.62"}, {"longitude", "117.01"}}).dump());
  REQUIRE(loc.ok());
  CHECK(loc->location->lat == Approx(36.62));
  auto reply = message_event("e", "text", {{"text", "已整改"}});
  reply["event"]["message"]["parent_id"] = "om_0";
  CHECK(p.parse_event(reply.dump())->reply_to == "om_0");
  CHECK(p.parse_event(message_event("e", "sticker", json::object()).dump()).error().code == ErrorCode::ignored);
  auto own = message_event("e", "text", {{"text", "x"}});
  own["event"]["sender"]["sender_type"] = "app";
  CHECK(p.parse_event(own.dump()).error().code == ErrorCode::ignored);
  CHECK(p.parse_event("[]").error().code == ErrorCode::malformed);
}

namespace {

// A fixture from tests/data/platforms/feishu/: a whole event, its "_source" naming where it
// was copied from.
json feishu_fixture(const std::string& name) {
  std::ifstream in(std::string(PAIKE_TEST_DATA) + "/platforms/feishu/" + name);
  json fixture = json::parse(in, nullptr, false);
  REQUIRE(fixture.is_object());
  REQUIRE(fixture.contains("_source"));
  return fixture;
}

const int64_t kDocTime = 1608725989;  // header.create_time of the docs' example
const char* kDocToken = "rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV";

FeishuSettings feishu_doc_settings(std::string api_base, std::string encrypt_key = "",
                                   std::string bot_open_id = "ou_bot") {
  FeishuSettings s;
  s.app_id = "cli_9f5343c580712544";
  s.app_secret = "secret";
  s.encrypt_key = std::move(encrypt_key);
  s.verification_token = kDocToken;
  s.api_base = std::move(api_base);
  s.bot_open_id = std::move(bot_open_id);
  s.http.connect_timeout = std::chrono::seconds(2);
  s.http.read_timeout = std::chrono::seconds(5);
  return s;
}

FeishuPlatform feishu_doc_platform(std::string encrypt_key = "") {
  return FeishuPlatform(feishu_doc_settings("http://127.0.0.1:1", std::move(encrypt_key)),
                        PlatformRoster("feishu", test::platform_deployment()));
}

// The fixture through accept_webhook, in plain mode and encrypted + signed as Feishu pushes
// it; both must give the same event, parsed.
ChatEvent feishu_parsed(const std::string& name) {
  json event = feishu_fixture(name);
  auto plain = feishu_doc_platform();
  auto outcome = plain.accept_webhook(test::post(event.dump()), test::at_seconds(kDocTime));
  REQUIRE(outcome.status == 200);
  REQUIRE(outcome.events.size() == 1);
  CHECK(outcome.events[0].event_id == "5e3702a84e847582be8db7fb73283c02");
  CHECK(outcome.events[0].user_id == "ou_84aad35d084aa403a838cf73ee18467");

  auto encrypted = feishu_doc_platform("ek");
  std::string body = json{{"encrypt", feishu::encrypt("ek", event.dump())}}.dump();
  std::string ts = std::to_string(kDocTime);
  auto signed_outcome =
      encrypted.accept_webhook(test::post(body, {{"x-lark-request-timestamp", ts},
                                                 {"x-lark-request-nonce", "n"},
                                                 {"x-lark-signature", feishu::signature(ts, "n", "ek", body)}}),
                               test::at_seconds(kDocTime));
  REQUIRE(signed_outcome.events.size() == 1);
  CHECK(signed_outcome.events[0].payload == outcome.events[0].payload);

  auto parsed = plain.parse_event(outcome.events[0].payload);
  REQUIRE(parsed.ok());
  CHECK(outcome.events[0].group_id == parsed->group_id);  // the inbox keeps the chat parse_event names
  CHECK(outcome.events[0].direct == parsed->direct);
  CHECK(parsed->event_id == "5e3702a84e847582be8db7fb73283c02");
  CHECK(parsed->message_id == "om_5ce6d572455d361153b7cb51da133945");
  CHECK(parsed->user_id == "ou_84aad35d084aa403a838cf73ee18467");
  return *parsed;
}

void feishu_answer(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

// The token and bot-info answers as the docs show them.
void feishu_token_routes(test::FakeApi& api) {
  api.post("/open-apis/auth/v3/tenant_access_token/internal", [](const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (body.value("app_secret", "") != "secret")
      return feishu_answer(res, {{"code", 10014}, {"msg", "app secret invalid"}}, 400);
    feishu_answer(res, {{"code", 0}, {"msg", "ok"}, {"tenant_access_token", "t-1"}, {"expire", 7200}});
  });
  api.get("/open-apis/bot/v3/info", [](const httplib::Request&, httplib::Response& res) {
    feishu_answer(
        res,
        {{"code", 0},
         {"msg", "ok"},
         {"bot",
          {{"activate_status", 2}, {"app_name", "拍客"}, {"ip_white_list", json::array()}, {"open_id", "ou_bot"}}}});
  });
}

}  // namespace

TEST_CASE("platform: feishu: the docs' example message: a quoted reply @-mentioning a person") {
  auto e = feishu_parsed("text_at_person_quote.json");
  CHECK(e.text == "@Tom hello");
  CHECK(e.mentions == std::vector<std::string>{"ou_84aad35d084aa403a838cf73ee18467"});
  CHECK(e.reply_to == "om_5ce6d572455d361153b7cb5xxfsdfsdfdsf");
  CHECK(e.group_id == "oc_5ce6d572455d361153b7xx51da133945");
  CHECK_FALSE(e.direct);
}

TEST_CASE("platform: feishu: the bot's own @-mention is cut from the text and left out of mentions") {
  auto e = feishu_parsed("text_at_bot.json");
  CHECK(e.text == "#12 已整改");
  CHECK(e.mentions.empty());
  auto both = feishu_parsed("text_at_bot_and_person.json");
  CHECK(both.text == "南河桥有垃圾 @Bob 请看");
  CHECK(both.mentions == std::vector<std::string>{"ou_bob"});
  // A bare "@拍客" asks what the bot does.
  json bare = feishu_fixture("text_at_bot.json");
  bare["event"]["message"]["content"] = json{{"text", "@_user_1 "}}.dump();
  CHECK(feishu_doc_platform().parse_event(bare.dump())->text == "帮助");
}

TEST_CASE("platform: feishu: a failing bot info is not asked again for every message") {
  test::FakeApi api;
  // Registered before the good answer: httplib takes the first route that matches.
  api.get("/open-apis/bot/v3/info", [](const httplib::Request&, httplib::Response& res) {
    feishu_answer(res, {{"code", 9499}, {"msg", "Bad Request"}}, 500);
  });
  feishu_token_routes(api);
  FeishuPlatform p(feishu_doc_settings(api.base(), "", ""), PlatformRoster("feishu", test::platform_deployment()));
  json event = feishu_fixture("text_at_bot.json");
  REQUIRE(p.parse_event(event.dump()).ok());
  REQUIRE(p.parse_event(event.dump()).ok());  // still parsed, the @ left in place
  CHECK(api.count("/open-apis/bot/v3/info") == 1);
}

TEST_CASE("platform: feishu: without PAIKE_FEISHU_BOT_OPEN_ID the bot's open_id comes from bot info, asked once") {
  test::FakeApi api;
  feishu_token_routes(api);
  FeishuPlatform p(feishu_doc_settings(api.base(), "", ""), PlatformRoster("feishu", test::platform_deployment()));
  json event = feishu_fixture("text_at_bot.json");
  CHECK(p.parse_event(event.dump())->text == "#12 已整改");
  CHECK(p.parse_event(event.dump())->text == "#12 已整改");
  CHECK(api.count("/open-apis/bot/v3/info") == 1);
  // Configured: no call at all.
  std::map<std::string, std::string> env{{"PAIKE_FEISHU_APP_ID", "a"},
                                         {"PAIKE_FEISHU_APP_SECRET", "s"},
                                         {"PAIKE_FEISHU_VERIFICATION_TOKEN", "v"},
                                         {"PAIKE_FEISHU_BOT_OPEN_ID", "ou_bot"},
                                         {"PAIKE_FEISHU_API_BASE", api.base()}};
  auto settings = feishu_settings_from_env([&](const std::string& k) -> std::optional<std::string> {
    if (auto it = env.find(k); it != env.end()) return it->second;
    return std::nullopt;
  });
  REQUIRE(settings.ok());
  FeishuPlatform configured(*settings, PlatformRoster("feishu", test::platform_deployment()));
  CHECK(configured.parse_event(event.dump())->text == "#12 已整改");
  CHECK(api.count("/open-apis/bot/v3/info") == 1);
}

TEST_CASE("platform: feishu: image, post with @ and image, location, audio and a private chat from the fixtures") {
  auto image = feishu_parsed("image.json");
  REQUIRE(image.images.size() == 1);
  CHECK(image.images[0].media_ref == "om_5ce6d572455d361153b7cb51da133945/img_v3_xyz");
  auto post = feishu_parsed("post_at_img.json");
  CHECK(post.text == "Greeting\nhi @Bob");
  CHECK(post.mentions == std::vector<std::string>{"ou_bob"});
  REQUIRE(post.images.size() == 1);
  CHECK(post.images[0].media_ref == "om_5ce6d572455d361153b7cb51da133945/img_1");
  auto location = feishu_parsed("location.json");
  REQUIRE(location.location);
  CHECK(location.location->lat == Approx(39.9));
  CHECK(location.location->lng == Approx(116.4));
  CHECK(location.text == "Cafe");
  auto audio = feishu_parsed("audio.json");
  REQUIRE(audio.voice);
  CHECK(audio.voice->media_ref == "om_5ce6d572455d361153b7cb51da133945/a1");
  CHECK(audio.voice->transcript.empty());
  CHECK(audio.text.empty());
  auto dm = feishu_parsed("p2p_text.json");
  CHECK(dm.direct);
  CHECK(dm.group_id == "ou_84aad35d084aa403a838cf73ee18467");
  CHECK(dm.text == "hello");
}

TEST_CASE("platform: feishu: the SDK's own encrypted challenge is decrypted and answered") {
  json fixture = feishu_fixture("challenge_encrypted.json");
  FeishuSettings s = feishu_doc_settings("http://127.0.0.1:1", "mazhe.nerd");
  s.verification_token = "iRdCP2WwXNBXRM3mGLqhrgch3cn0gbT6";
  FeishuPlatform p(s, PlatformRoster("feishu", test::platform_deployment()));
  auto outcome = p.accept_webhook(test::post(fixture.dump()), test::at_seconds(kDocTime));
  REQUIRE(outcome.status == 200);
  CHECK(json::parse(outcome.body)["challenge"] == "5634b122-c042-4634-bc7f-b07a3c3e77ad");
}

TEST_CASE("platform: feishu: a voice note is fetched as a file resource") {
  test::FakeApi api;
  feishu_token_routes(api);
  api.get(R"(/open-apis/im/v1/messages/([^/]+)/resources/([^/]+))", [](const httplib::Request& req,
                                                                       httplib::Response& res) {
    res.set_content(req.get_param_value("type") == "file" ? "OggS-audio" : "wrong type", "application/octet-stream");
  });
  FeishuPlatform p(feishu_doc_settings(api.base()), PlatformRoster("feishu", test::platform_deployment()));
  auto bytes = p.fetch_voice(IncomingVoice{"om_1/a1", "", "opus", ""});
  REQUIRE(bytes.ok());
  CHECK(*bytes == "OggS-audio");
  CHECK(api.requests().back().path == "/open-apis/im/v1/messages/om_1/resources/a1?type=file");
}

TEST_CASE("platform: feishu: frequency limits (230020, 11232, 99991400 with HTTP 400) are retried later") {
  for (long code : {230020L, 11232L, 99991400L}) {
    test::FakeApi api;
    feishu_token_routes(api);
    bool reset_header = code == 11232;
    api.post("/open-apis/im/v1/messages", [&](const httplib::Request&, httplib::Response& res) {
      if (reset_header) res.set_header("x-ogw-ratelimit-reset", "7");
      feishu_answer(res, {{"code", code}, {"msg", "request trigger frequency limit"}}, 400);
    });
    FeishuPlatform p(feishu_doc_settings(api.base()), PlatformRoster("feishu", test::platform_deployment()));
    OutgoingMessage m;
    m.platform = "feishu";
    m.group_id = "oc_hanjia";
    m.text = "收到";
    SendFailure failure;
    CAPTURE(code);
    CHECK_FALSE(p.send(m, failure));
    CHECK(failure.retryable);
    REQUIRE(failure.retry_after);
    CHECK(*failure.retry_after == Duration(reset_header ? 7 : 1));
  }
}

TEST_CASE("platform: feishu: sends to one chat keep under 5 a second") {
  test::FakeApi api;
  feishu_token_routes(api);
  std::mutex mutex;
  std::vector<std::chrono::steady_clock::time_point> arrivals;
  api.post("/open-apis/im/v1/messages", [&](const httplib::Request&, httplib::Response& res) {
    {
      std::lock_guard lock(mutex);
      arrivals.push_back(std::chrono::steady_clock::now());
    }
    feishu_answer(res, {{"code", 0}, {"data", {{"message_id", "om_x"}}}});
  });
  FeishuPlatform p(feishu_doc_settings(api.base()), PlatformRoster("feishu", test::platform_deployment()));
  for (int i = 0; i < 12; ++i) {
    OutgoingMessage m;
    m.platform = "feishu";
    m.group_id = "oc_hanjia";
    m.text = "第" + std::to_string(i + 1) + "条";
    SendFailure failure;
    REQUIRE(p.send(m, failure));
  }
  REQUIRE(arrivals.size() == 12);
  // Any six in a row span more than a second: no second holds more than five.
  for (size_t i = 5; i < arrivals.size(); ++i) CHECK(arrivals[i] - arrivals[i - 5] >= std::chrono::seconds(1));
}

TEST_CASE("platform: feishu: a text over the body limit goes in numbered parts, the first quoting and mentioning") {
  test::FakeApi api;
  feishu_token_routes(api);
  std::vector<std::string> bodies;
  std::vector<std::string> paths;
  api.post(R"(/open-apis/im/v1/messages.*)", [&](const httplib::Request& req, httplib::Response& res) {
    bodies.push_back(req.body);
    paths.push_back(req.path);
    // The docs' limit for a text message's request body.
    if (req.body.size() > 150 * 1024) return feishu_answer(res, {{"code", 230001}, {"msg", "content too long"}}, 400);
    feishu_answer(res, {{"code", 0}, {"data", {{"message_id", "om_p" + std::to_string(bodies.size())}}}});
  });
  FeishuPlatform p(feishu_doc_settings(api.base()), PlatformRoster("feishu", test::platform_deployment()));
  std::string line = std::string(30, 'x') + "南河桥垃圾未清 \"待办\"\n";
  std::string text;
  while (text.size() < 120 * 1024) text += line;
  OutgoingMessage m;
  m.platform = "feishu";
  m.group_id = "oc_hanjia";
  m.text = "@韩德福 " + text;
  m.mentions = {"sim:handefu"};
  m.reply_to = "om_0";
  SendFailure failure;
  auto receipt = p.send(m, failure);
  REQUIRE(receipt);
  CHECK(receipt->platform_message_id == "om_p1");
  REQUIRE(bodies.size() >= 3);
  CHECK(paths[0] == "/open-apis/im/v1/messages/om_0/reply");
  for (size_t i = 0; i < bodies.size(); ++i) {
    CAPTURE(i);
    CHECK(bodies[i].size() <= 150 * 1024);
    std::string part = json::parse(json::parse(bodies[i])["content"].get<std::string>())["text"];
    CHECK(part.find("（" + std::to_string(i + 1) + "/" + std::to_string(bodies.size()) + "）") != std::string::npos);
    CHECK((part.find("<at user_id=\"ou_handefu\">") != std::string::npos) == (i == 0));
    if (i > 0) CHECK(paths[i] == "/open-apis/im/v1/messages");
  }
}

// Feishu posts at most one message per uuid within an hour (发送消息 / 回复消息, body field
// "uuid"): an outbox message sent again — by a second instance, or after an answer that was
// lost — carries the same uuid, so Feishu does not post it twice.
TEST_CASE("platform: feishu: each outbox message and part has its own uuid, the same on every try") {
  test::FakeApi api;
  feishu_token_routes(api);
  std::vector<json> bodies;
  api.post(R"(/open-apis/im/v1/messages.*)", [&](const httplib::Request& req, httplib::Response& res) {
    bodies.push_back(json::parse(req.body));
    feishu_answer(res, {{"code", 0}, {"data", {{"message_id", "om_u" + std::to_string(bodies.size())}}}});
  });
  FeishuPlatform p(feishu_doc_settings(api.base()), PlatformRoster("feishu", test::platform_deployment()));
  auto send = [&](int64_t outbox_id, const std::string& text) {
    OutgoingMessage m;
    m.platform = "feishu";
    m.group_id = "oc_hanjia";
    m.text = text;
    m.outbox_id = outbox_id;
    SendFailure failure;
    REQUIRE(p.send(m, failure));
  };
  send(7, "收到！#12");
  send(7, "收到！#12");  // the same outbox row again
  send(8, "收到！#12");  // another message with the same words
  send(0, "收到！#12");  // not from the outbox: no key
  REQUIRE(bodies.size() == 4);
  const std::string first = bodies[0].value("uuid", "");
  CHECK(first.starts_with("paike-"));
  CHECK(first.size() <= 50);
  CHECK(bodies[1].value("uuid", "") == first);
  CHECK(bodies[2].value("uuid", "").starts_with("paike-"));
  CHECK(bodies[2].value("uuid", "") != first);
  CHECK_FALSE(bodies[3].contains("uuid"));
}

TEST_CASE("platform: feishu: check-config --online: right secret, wrong secret, bot off, missing scope, unreachable") {
  test::FakeApi api;
  feishu_token_routes(api);
  bool scope_missing = false;
  api.get(R"(/open-apis/im/v1/messages/([^/]+)/resources/([^/]+))", [&](const httplib::Request&,
                                                                        httplib::Response& res) {
    if (scope_missing) {
      return feishu_answer(
          res, {{"code", 99991672}, {"msg", "Access denied. One of the following scopes is required: [im:resource]."}},
          400);
    }
    feishu_answer(res, {{"code", 234003}, {"msg", "File not in msg."}}, 400);
  });
  auto roster = PlatformRoster("feishu", test::platform_deployment());
  CHECK(FeishuPlatform(feishu_doc_settings(api.base()), roster).check_online().empty());

  auto wrong = feishu_doc_settings(api.base());
  wrong.app_secret = "typo";
  auto problems = FeishuPlatform(wrong, roster).check_online();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("PAIKE_FEISHU_APP_SECRET") != std::string::npos);
  CHECK(problems[0].find("10014") != std::string::npos);
  CHECK(problems[0].find("凭证与基础信息") != std::string::npos);

  scope_missing = true;
  problems = FeishuPlatform(feishu_doc_settings(api.base()), roster).check_online();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("im:resource") != std::string::npos);
  CHECK(problems[0].find("权限管理") != std::string::npos);

  auto other = feishu_doc_settings(api.base(), "", "ou_someone_else");
  scope_missing = false;
  problems = FeishuPlatform(other, roster).check_online();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("PAIKE_FEISHU_BOT_OPEN_ID") != std::string::npos);

  problems = FeishuPlatform(feishu_doc_settings("http://127.0.0.1:1"), roster).check_online();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("连不上飞书服务器") != std::string::npos);
}

TEST_CASE("platform: feishu: check-config --online tells to enable the bot capability") {
  test::FakeApi api;
  api.post("/open-apis/auth/v3/tenant_access_token/internal", [](const httplib::Request&, httplib::Response& res) {
    feishu_answer(res, {{"code", 0}, {"tenant_access_token", "t-1"}, {"expire", 7200}});
  });
  // An app without the bot capability has no bot to describe.
  api.get("/open-apis/bot/v3/info", [](const httplib::Request&, httplib::Response& res) {
    feishu_answer(res, {{"code", 0}, {"msg", "ok"}, {"bot", json::object()}});
  });
  api.get(R"(/open-apis/im/v1/messages/([^/]+)/resources/([^/]+))",
          [](const httplib::Request&, httplib::Response& res) {
            feishu_answer(res, {{"code", 234003}, {"msg", "File not in msg."}}, 400);
          });
  auto problems = FeishuPlatform(feishu_doc_settings(api.base()), PlatformRoster("feishu", test::platform_deployment()))
                      .check_online();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("机器人") != std::string::npos);
  CHECK(problems[0].find("添加应用能力") != std::string::npos);
}
