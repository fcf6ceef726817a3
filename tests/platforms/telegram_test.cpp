#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "bot/platforms/telegram/telegram_platform.h"
#include "bot/platforms/text_parts.h"
#include "config/load.h"
#include "tests/platforms/helpers.h"

using namespace paike;
using nlohmann::json;

namespace {

const int64_t kTelegramNow = 1763800000;

TelegramPlatform make_telegram(const std::string& base = "http://127.0.0.1:1", const std::string& bot_username = "") {
  TelegramSettings s{"123:ABC", "tgsecret", base, std::chrono::hours(24), {}};
  s.bot_username = bot_username;
  return TelegramPlatform(s, PlatformRoster("telegram", test::platform_deployment()));
}

// A fixture from tests/data/platforms/telegram/: {"_source": where its shape comes from, "payload": the Update}.
json telegram_fixture(const std::string& name) {
  std::ifstream in(std::string(PAIKE_TEST_DATA) + "/platforms/telegram/" + name + ".json");
  json fixture = json::parse(in, nullptr, false);
  REQUIRE(fixture.is_object());
  REQUIRE(fixture.contains("_source"));
  return fixture["payload"];
}

// Shape: Telegram Bot API, Update / Message objects.
json update(int64_t id, json message_fields, int64_t date = kTelegramNow) {
  json m{{"message_id", 40 + id},
         {"date", date},
         {"chat", {{"id", -1001}, {"type", "supergroup"}}},
         {"from", {{"id", 555}, {"is_bot", false}, {"first_name", "Wang"}}}};
  m.update(message_fields);
  return json{{"update_id", id}, {"message", m}};
}

WebhookRequest with_secret(const json& body, const std::string& secret = "tgsecret") {
  return test::post(body.dump(), {{"x-telegram-bot-api-secret-token", secret}});
}

}  // namespace

TEST_CASE("platform: telegram: photo with caption, largest size, reply and mention") {
  auto p = make_telegram();
  auto u =
      update(1, {{"caption", "垃圾"},
                 {"photo", json::array({{{"file_id", "small"}, {"width", 90}, {"height", 90}},
                                        {{"file_id", "big"}, {"width", 1280}, {"height", 960}}})},
                 {"reply_to_message", {{"message_id", 7}}},
                 {"caption_entities",
                  json::array({{{"type", "text_mention"}, {"offset", 0}, {"length", 1}, {"user", {{"id", 777}}}}})}});
  auto outcome = p.accept_webhook(with_secret(u), test::at_seconds(kTelegramNow));
  REQUIRE(outcome.events.size() == 1);
  CHECK(outcome.events[0].group_id == "-1001");
  auto e = p.parse_event(outcome.events[0].payload);
  REQUIRE(e.ok());
  CHECK(e->images.at(0).media_ref == "big");
  CHECK(e->reply_to == "7");
  CHECK(e->text == "垃圾");
  CHECK(e->mentions == std::vector<std::string>{"sim:handefu"});
}

TEST_CASE("platform: telegram: location, bots and stickers ignored") {
  auto p = make_telegram();
  auto loc = p.parse_event(update(2, {{"location", {{"latitude", 36.6}, {"longitude", 117.0}}}}).dump());
  CHECK(loc->location->lat == Approx(36.6));
  auto bot = update(3, {{"text", "x"}});
  bot["message"]["from"]["is_bot"] = true;
  CHECK(p.parse_event(bot.dump()).error().code == ErrorCode::ignored);
  CHECK(p.parse_event(update(4, {{"sticker", {{"file_id", "s"}}}}).dump()).error().code == ErrorCode::ignored);
}

TEST_CASE("platform: telegram: wrong secret, stale date, replay, malformed body") {
  auto p = make_telegram();
  auto u = update(5, {{"text", "hi"}});
  CHECK(p.accept_webhook(with_secret(u, "nope"), test::at_seconds(kTelegramNow)).status == 401);
  CHECK(p.accept_webhook(test::post(u.dump()), test::at_seconds(kTelegramNow)).status == 401);
  CHECK(p.accept_webhook(with_secret(update(6, {{"text", "hi"}}, kTelegramNow - 2 * 86400)),
                         test::at_seconds(kTelegramNow))
            .status == 403);
  CHECK(p.accept_webhook(with_secret(u), test::at_seconds(kTelegramNow)).events.size() == 1);
  CHECK(p.accept_webhook(with_secret(u), test::at_seconds(kTelegramNow)).events.empty());
  CHECK(p.accept_webhook(test::post("nope", {{"x-telegram-bot-api-secret-token", "tgsecret"}}),
                         test::at_seconds(kTelegramNow))
            .status == 400);
}

TEST_CASE("platform: telegram private chat of a roster person maps back to the telegram id") {
  PlatformRoster roster("telegram", test::platform_deployment());
  CHECK(roster.platform_chat("sim:handefu", true) == "777");
  CHECK(roster.platform_chat("-1001", false) == "-1001");
  CHECK(roster.platform_chat("sim:handefu", false) == "sim:handefu");  // a group's id is never a person's
}

namespace {

// The fixture through the webhook (secret header, at its own date) and the parser.
ChatEvent accept_and_parse(TelegramPlatform& p, const std::string& name) {
  json update = telegram_fixture(name);
  auto outcome = p.accept_webhook(with_secret(update), test::at_seconds(update["message"]["date"].get<int64_t>()));
  REQUIRE(outcome.status == 200);
  REQUIRE(outcome.events.size() == 1);
  auto e = p.parse_event(outcome.events[0].payload);
  REQUIRE(e.ok());
  return *e;
}

}  // namespace

TEST_CASE("platform: telegram fixtures: text, photo with caption, reply, location, private chat") {
  auto p = make_telegram("http://127.0.0.1:1", "paike_bot");
  auto text = accept_and_parse(p, "group_text");
  CHECK(text.text == "村口垃圾堆了三天");
  CHECK(text.group_id == "-1001234567890");
  CHECK_FALSE(text.direct);
  CHECK(text.user_name == "Wang Li");
  auto photo = accept_and_parse(p, "group_photo_caption");
  CHECK(photo.text == "村口垃圾");
  CHECK(photo.images.at(0).media_ref == "AgACAgUAAxkBAAIBbig");
  auto reply = accept_and_parse(p, "group_reply");
  CHECK(reply.reply_to == "703");
  CHECK(reply.text == "已经清理了");
  auto location = accept_and_parse(p, "group_location");
  REQUIRE(location.location);
  CHECK(location.location->lng == Approx(117.120095));
  auto dm = accept_and_parse(p, "private_start");
  CHECK(dm.direct);
  CHECK(dm.group_id == "sim:handefu");
  CHECK(dm.user_id == "sim:handefu");
  CHECK(dm.text == "帮助");  // /start, a private chat's first message, asks for the help text
}

// Issue 23 item 8: a user with a username is mentioned by a `mention` entity, no user id.
TEST_CASE("platform: telegram: @username mentions map through the roster's telegram_username column") {
  auto p = make_telegram("http://127.0.0.1:1", "paike_bot");
  auto e = accept_and_parse(p, "group_mention_username");
  CHECK(e.mentions == std::vector<std::string>{"sim:handefu"});
  CHECK(e.text == "#12 @HanDeFu_tg 请尽快整改");
  auto t = accept_and_parse(p, "group_text_mention");
  CHECK(t.mentions == std::vector<std::string>{"sim:handefu"});
  // Case and "@" do not matter; an unknown name is no one.
  PlatformRoster roster("telegram", test::platform_deployment());
  CHECK(roster.roster_id_by_username("handefu_TG") == "sim:handefu");
  CHECK(roster.roster_id_by_username("@HanDeFu_tg") == "sim:handefu");
  CHECK(roster.roster_id_by_username("someone").empty());
  // The roster sheet's telegram_username column fills it.
  ConfigProblems problems;
  Deployment d;
  d.people = parse_roster(
      "user_id,name,role,village,grid_id,telegram_id,telegram_username\n"
      "sim:lisi,李四,grid_leader,韩家村,g1,,@LiSi_88\n",
      "roster.csv", problems);
  REQUIRE(problems.empty());
  CHECK(PlatformRoster("telegram", d).roster_id_by_username("lisi_88") == "sim:lisi");
}

// Issue 23 item 5: the bot's own mention is cut, a command addressed to it loses "/…@bot".
TEST_CASE("platform: telegram: the bot's own @username and /command@bot reach the parser as typed elsewhere") {
  auto p = make_telegram("http://127.0.0.1:1", "paike_bot");
  auto e = accept_and_parse(p, "group_mention_bot");
  CHECK(e.text == "#12 已整改");
  CHECK(e.mentions.empty());
  CHECK(accept_and_parse(p, "group_bot_command").text == "帮助");
  auto cn = p.parse_event(update(20, {{"text", "/帮助@Paike_Bot"}}).dump());
  CHECK(cn->text == "帮助");
  auto other = p.parse_event(update(21, {{"text", "/start@otherbot"}}).dump());
  CHECK(other->text == "/start@otherbot");
  auto bare = update(
      22, {{"text", "@paike_bot"}, {"entities", json::array({{{"type", "mention"}, {"offset", 0}, {"length", 10}}})}});
  CHECK(p.parse_event(bare.dump())->text == "帮助");  // a bare "@bot" asks what it does
}

TEST_CASE("platform: telegram: the bot's username comes from getMe once, cached") {
  test::FakeApi api;
  api.get("/bot123:ABC/getMe", [](const httplib::Request&, httplib::Response& res) {
    // core.telegram.org/bots/api#getme: a User.
    res.set_content(R"({"ok":true,"result":{"id":123,"is_bot":true,"first_name":"拍客","username":"paike_bot"}})",
                    "application/json");
  });
  auto p = make_telegram(api.base());
  CHECK(p.parse_event(telegram_fixture("group_text").dump())->text == "村口垃圾堆了三天");
  CHECK(api.count("/bot123:ABC/getMe") == 0);  // no "@" in it: no need to ask
  CHECK(accept_and_parse(p, "group_mention_bot").text == "#12 已整改");
  CHECK(accept_and_parse(p, "group_bot_command").text == "帮助");
  CHECK(api.count("/bot123:ABC/getMe") == 1);
}

TEST_CASE("platform: telegram: a failing getMe is not asked again for every message") {
  test::FakeApi api;
  api.get("/bot123:ABC/getMe", [](const httplib::Request&, httplib::Response& res) {
    res.status = 502;
    res.set_content("Bad Gateway", "text/plain");
  });
  auto p = make_telegram(api.base());
  CHECK(accept_and_parse(p, "group_mention_bot").text == "@paike_bot #12 已整改");  // kept: unknown who the bot is
  CHECK(accept_and_parse(p, "group_mention_username").mentions == std::vector<std::string>{"sim:handefu"});
  CHECK(api.count("/bot123:ABC/getMe") == 1);
}

TEST_CASE("platform: telegram: voice notes and audio files are ChatEvent::voice, fetched through getFile") {
  test::FakeApi api;
  api.get("/bot123:ABC/getFile", [](const httplib::Request& req, httplib::Response& res) {
    REQUIRE(req.get_param_value("file_id") == "AwACAgUAAxkBAAIBvoice");
    res.set_content(R"({"ok":true,"result":{"file_id":"AwACAgUAAxkBAAIBvoice","file_path":"voice/file_1.oga"}})",
                    "application/json");
  });
  api.get("/file/bot123:ABC/voice/file_1.oga",
          [](const httplib::Request&, httplib::Response& res) { res.set_content("OggS-bytes", "audio/ogg"); });
  auto p = make_telegram(api.base(), "paike_bot");
  auto voice = accept_and_parse(p, "group_voice");
  REQUIRE(voice.voice);
  CHECK(voice.voice->media_ref == "AwACAgUAAxkBAAIBvoice");
  CHECK(voice.voice->transcript.empty());
  CHECK(voice.voice->format == "ogg");
  CHECK(voice.text.empty());
  CHECK(p.fetch_voice(*voice.voice).value() == "OggS-bytes");
  auto audio = accept_and_parse(p, "group_audio");
  REQUIRE(audio.voice);
  CHECK(audio.voice->format == "mpeg");
}

namespace {

// A Bot API that answers every send with a new message id and records the texts.
void serve_sends(test::FakeApi& api) {
  auto next = std::make_shared<int>(100);
  api.post(R"(/bot123:ABC/send(Message|Photo))", [next](const httplib::Request&, httplib::Response& res) {
    res.set_content(json{{"ok", true}, {"result", {{"message_id", (*next)++}}}}.dump(), "application/json");
  });
}

}  // namespace

// Issue 23 item 8: "text 1-4096 characters after entities parsing"; a longer one was refused.
TEST_CASE("platform: telegram: a text over 4096 characters goes in numbered parts, the mention in the first") {
  test::FakeApi api;
  serve_sends(api);
  auto p = make_telegram(api.base(), "paike_bot");
  OutgoingMessage m;
  m.platform = "telegram";
  m.group_id = "-1001";
  m.mentions = {"sim:handefu"};
  m.reply_to = "9";
  m.text = "@韩德福 待办：\n";
  for (int i = 0; i < 400; ++i) m.text += "#" + std::to_string(i) + " 村口垃圾 😀\n";
  REQUIRE(text_length(m.text, TextUnit::utf16_units) > 4096);
  SendFailure failure;
  auto receipt = p.send(m, failure);
  REQUIRE(receipt);
  CHECK(receipt->platform_message_id == "100");
  auto sent = api.requests();
  REQUIRE(sent.size() >= 2);
  for (size_t i = 0; i < sent.size(); ++i) {
    json body = json::parse(sent[i].body);
    std::string visible = body["text"];
    CHECK(text_length(visible, TextUnit::utf16_units) <= 4096 + 64);  // the markup of a mention does not count
    CHECK(visible.find("（" + std::to_string(i + 1) + "/") != std::string::npos);
    CHECK(body.contains("reply_parameters") == (i == 0));
    CHECK((visible.find("tg://user?id=777") != std::string::npos) == (i == 0));
  }
}

TEST_CASE("platform: telegram: a photo whose text is over the 1024-character caption goes as text, then photo") {
  test::FakeApi api;
  serve_sends(api);
  auto p = make_telegram(api.base(), "paike_bot");
  p.set_photo_loader([](const std::string&) { return std::optional<std::string>("jpeg-bytes"); });
  OutgoingMessage m;
  m.platform = "telegram";
  m.group_id = "-1001";
  m.image_sha256 = "ab";
  m.text = std::string(1100, 'x');
  SendFailure failure;
  REQUIRE(p.send(m, failure));
  auto sent = api.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].path == "/bot123:ABC/sendMessage");
  CHECK(sent[1].path == "/bot123:ABC/sendPhoto");
  m.text = "短说明";
  m.group_id = "-1002";
  REQUIRE(p.send(m, failure));
  CHECK(api.requests().size() == 3);
  CHECK(api.requests()[2].path == "/bot123:ABC/sendPhoto");
}

namespace {

// getMe and getWebhookInfo as the Bot API answers them (core.telegram.org/bots/api#getme,
// #getwebhookinfo: WebhookInfo {url, has_custom_certificate, pending_update_count, last_error_*}).
void serve_bot(test::FakeApi& api, json me, json webhook) {
  api.get("/bot123:ABC/getMe", [me](const httplib::Request&, httplib::Response& res) {
    res.set_content(json{{"ok", true}, {"result", me}}.dump(), "application/json");
  });
  api.get("/bot123:ABC/getWebhookInfo", [webhook](const httplib::Request&, httplib::Response& res) {
    res.set_content(json{{"ok", true}, {"result", webhook}}.dump(), "application/json");
  });
}

const json kMe{{"id", 123},
               {"is_bot", true},
               {"first_name", "拍客"},
               {"username", "paike_bot"},
               {"can_join_groups", true},
               {"can_read_all_group_messages", true},
               {"supports_inline_queries", false}};
const json kHook{{"url", "https://paike.example.cn/webhook/telegram"},
                 {"has_custom_certificate", false},
                 {"pending_update_count", 0},
                 {"max_connections", 40}};

}  // namespace

TEST_CASE("platform: telegram check_online: all well, then each problem in words a clerk can act on") {
  {
    test::FakeApi api;
    serve_bot(api, kMe, kHook);
    auto p = make_telegram(api.base());
    CHECK(p.check_online().empty());
  }
  {
    test::FakeApi api;  // core.telegram.org/bots/api "Making requests": {ok:false, error_code, description}
    api.get("/bot123:ABC/getMe", [](const httplib::Request&, httplib::Response& res) {
      res.status = 401;
      res.set_content(R"({"ok":false,"error_code":401,"description":"Unauthorized"})", "application/json");
    });
    auto problems = make_telegram(api.base()).check_online();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("PAIKE_TELEGRAM_TOKEN") != std::string::npos);
    CHECK(problems[0].find("@BotFather") != std::string::npos);
  }
  {
    auto problems = make_telegram("http://127.0.0.1:1").check_online();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("连不上") != std::string::npos);
  }
  {
    test::FakeApi api;
    json me = kMe;
    me["can_read_all_group_messages"] = false;
    json hook = kHook;
    hook["last_error_date"] = 1763800000;
    hook["last_error_message"] = "Wrong response from the webhook: 502 Bad Gateway";
    hook["pending_update_count"] = 250;
    serve_bot(api, me, hook);
    TelegramSettings s{"123:ABC", "tgsecret", api.base(), std::chrono::hours(24), {}};
    s.bot_username = "other_bot";
    s.webhook_url = "https://new.example.cn/webhook/telegram";
    auto problems = TelegramPlatform(s, PlatformRoster("telegram", test::platform_deployment())).check_online();
    REQUIRE(problems.size() == 5);
    CHECK(problems[0].find("PAIKE_TELEGRAM_BOT_USERNAME") != std::string::npos);
    CHECK(problems[1].find("/setprivacy") != std::string::npos);
    CHECK(problems[2].find("https://paike.example.cn/webhook/telegram") != std::string::npos);
    CHECK(problems[3].find("502 Bad Gateway") != std::string::npos);
    CHECK(problems[4].find("250") != std::string::npos);
  }
  {
    test::FakeApi api;
    json hook = kHook;
    hook["url"] = "";
    serve_bot(api, kMe, hook);
    auto problems = make_telegram(api.base()).check_online();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("setWebhook") != std::string::npos);
  }
}
