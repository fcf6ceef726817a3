#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bot/platforms/telegram/telegram_platform.h"
#include "tests/platforms/helpers.h"

using namespace paike;
using nlohmann::json;

namespace {

const int64_t kTelegramNow = 1763800000;

TelegramPlatform make_telegram(const std::string& base = "http://127.0.0.1:1") {
  TelegramSettings s{"123:ABC", "tgsecret", base, std::chrono::hours(24), {}};
  return TelegramPlatform(s, PlatformRoster("telegram", test::platform_deployment()));
}

// Shape: Telegram Bot API, Update / Message objects.
json update(int64_t id, json message_fields, int64_t date = kTelegramNow) {
  json m{{"message_id", 40 + id}, {"date", date}, {"chat", {{"id", -1001}, {"type", "supergroup"}}},
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
  auto u = update(1, {{"caption", "垃圾"},
                      {"photo", json::array({{{"file_id", "small"}, {"width", 90}, {"height", 90}},
                                             {{"file_id", "big"}, {"width", 1280}, {"height", 960}}})},
                      {"reply_to_message", {{"message_id", 7}}},
                      {"caption_entities", json::array({{{"type", "text_mention"}, {"offset", 0}, {"length", 1},
                                                         {"user", {{"id", 777}}}}})}});
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
  CHECK(p.parse_event(bot.dump()).error().code == "ignored");
  CHECK(p.parse_event(update(4, {{"sticker", {{"file_id", "s"}}}}).dump()).error().code == "ignored");
}

TEST_CASE("platform: telegram: wrong secret, stale date, replay, malformed body") {
  auto p = make_telegram();
  auto u = update(5, {{"text", "hi"}});
  CHECK(p.accept_webhook(with_secret(u, "nope"), test::at_seconds(kTelegramNow)).status == 401);
  CHECK(p.accept_webhook(test::post(u.dump()), test::at_seconds(kTelegramNow)).status == 401);
  CHECK(p.accept_webhook(with_secret(update(6, {{"text", "hi"}}, kTelegramNow - 2 * 86400)), test::at_seconds(kTelegramNow)).status == 403);
  CHECK(p.accept_webhook(with_secret(u), test::at_seconds(kTelegramNow)).events.size() == 1);
  CHECK(p.accept_webhook(with_secret(u), test::at_seconds(kTelegramNow)).events.empty());
  CHECK(p.accept_webhook(test::post("nope", {{"x-telegram-bot-api-secret-token", "tgsecret"}}), test::at_seconds(kTelegramNow)).status == 400);
}

TEST_CASE("platform: telegram private chat of a roster person maps back to the telegram id") {
  PlatformRoster roster("telegram", test::platform_deployment());
  CHECK(roster.platform_group("dm:sim:handefu") == "dm:777");
  CHECK(roster.platform_group("-1001") == "-1001");
}
