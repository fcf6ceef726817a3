// End to end per platform: a signed image+text event posted to the real App (HTTP, inbox,
// worker, vision, intake, outbox, sender) → a ticket with the photo → the reply arrives at
// the platform's fake API with the grid leader's real @-mention in that platform's syntax.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "bot/app.h"
#include "bot/platforms/http.h"
#include "tests/bot/platform_fakes.h"
#include "tests/support/jpeg.h"
#include "tests/support/temp_dir.h"

using namespace paike;
using nlohmann::json;

namespace {

const std::string kReport = "南河桥边上有一大堆垃圾，好几天没人清理了";

// The first send the fake accepted, or "" when none came.
std::string first_send(test::FakePlatformApi& fake) {
  auto sent = test::wait_for_sends(fake, 1);
  return sent.empty() ? "" : sent.front();
}

}  // namespace

TEST_CASE("platform e2e: a signed photo report becomes a ticket and the grid leader is @-mentioned on each platform") {
  for (const auto& f : test::platform_fixtures()) {
    SECTION(f.platform) {
      test::FakePlatformApi fake(f, test::make_jpeg());
      test::RunningTownship township(f, fake);
      auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
      auto res = township.post(f.platform, test::signed_image_event(f, fake.api.base(), "e2e1", kReport, now));
      REQUIRE(res);
      CHECK(res->status < 300);

      std::string sent = first_send(fake);
      INFO(sent);
      REQUIRE_FALSE(sent.empty());
      CHECK(sent.find("已登记 #1") != std::string::npos);
      json body = json::parse(sent);
      if (f.platform == "feishu") {
        CHECK(json::parse(body["content"].get<std::string>())["text"].get<std::string>().find(
                  "<at user_id=\"ou_zhangguilan\">张桂兰</at>") != std::string::npos);
        CHECK(fake.api.count("/open-apis/im/v1/messages/om_e2e1/reply") == 1);  // quotes the report
      } else if (f.platform == "dingtalk") {
        CHECK(body["at"]["atUserIds"] == json::array({"staff_zhangguilan"}));
        CHECK(body["text"]["content"].get<std::string>().find("@staff_zhangguilan") != std::string::npos);
      } else if (f.platform == "wecom") {
        // The intelligent robot answers through the report's own response_url, never appchat
        // (which reaches only chats the app created); the name is written out.
        CHECK(fake.api.count("/wecom/response/e2e1") == 1);
        CHECK(fake.api.count("/cgi-bin/appchat/send") == 0);
        CHECK(body["msgtype"] == "markdown");
        CHECK(body["markdown"]["content"].get<std::string>().find("@张桂兰") != std::string::npos);
      } else if (f.platform == "onebot") {
        CHECK(body["group_id"] == 123456);
        bool at_leader = false;
        for (const auto& segment : body["message"])
          at_leader |= segment == json{{"type", "at"}, {"data", {{"qq", "10003"}}}};
        CHECK(at_leader);
        CHECK(body["message"][0]["type"] == "reply");
      } else if (f.platform == "telegram") {
        CHECK(body["text"].get<std::string>().find("<a href=\"tg://user?id=703\">@张桂兰</a>") != std::string::npos);
        CHECK(body["reply_parameters"]["message_id"].is_number());
      }

      json tickets = township.tickets();
      REQUIRE(tickets.size() == 1);
      CHECK(tickets[0]["grid_id"] == "hanjia-south");
      CHECK(tickets[0]["assignee"] == "sim:zhangguilan");
      CHECK(tickets[0]["reporter"] == "sim:handefu");
      CHECK(tickets[0]["photos"].size() == 1);  // downloaded through the platform's media API

      // The same event again (a platform retry or a replay) has no second effect.
      auto again = township.post(f.platform, test::signed_image_event(f, fake.api.base(), "e2e1", kReport, now));
      REQUIRE(again);
      CHECK(again->status < 300);
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      CHECK(township.tickets().size() == 1);
      CHECK(fake.accepted_bodies().size() == 1);
      CHECK(township.metrics().find("paike_outbox_messages{state=\"sent\"} 1\n") != std::string::npos);
    }
  }
}

TEST_CASE("platform e2e: forged requests are refused over HTTP and leave nothing behind") {
  for (const auto& f : test::platform_fixtures()) {
    SECTION(f.platform) {
      test::FakePlatformApi fake(f, test::make_jpeg());
      test::RunningTownship township(f, fake);
      auto now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
      auto request = test::signed_image_event(f, fake.api.base(), "forged", kReport, now);
      request.body.insert(request.body.size() - 1, " ");  // still JSON, no longer what was signed
      if (f.platform == "dingtalk" || f.platform == "telegram") {
        // Their signatures do not cover the body: forge the header instead.
        for (auto& [name, value] : request.headers) value = "forged";
      }
      if (f.platform == "wecom") request.query["msg_signature"] = std::string(40, '0');  // signs the ciphertext only
      auto res = township.post(f.platform, request);
      REQUIRE(res);
      CHECK((res->status == 401 || res->status == 403));
      CHECK(json::parse(res->body).contains("error"));
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      CHECK(township.tickets().empty());
      CHECK(fake.accepted_bodies().empty());
      CHECK(township.metrics().find("paike_webhook_events_total{outcome=\"refused\"} 1\n") != std::string::npos);
    }
  }
}

TEST_CASE("platform e2e: a missing secret stops start-up with the variable's name") {
  const auto& f = test::fixture("telegram");
  test::TempDir dir;
  AppOptions options;
  options.data_dir = dir.path();
  options.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "PAIKE_TELEGRAM_TOKEN") return std::string("123:ABC");
    return std::nullopt;
  };
  auto created = App::create(test::township_on(f), std::move(options));
  REQUIRE_FALSE(created.ok());
  CHECK(created.error().message.find("PAIKE_TELEGRAM_SECRET") != std::string::npos);
}
