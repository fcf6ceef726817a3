#include <catch2/catch.hpp>

#include <atomic>
#include <nlohmann/json.hpp>

#include "bot/platforms/feishu/feishu_platform.h"
#include "bot/platforms/onebot/onebot_platform.h"
#include "bot/platforms/registry.h"
#include "bot/platforms/telegram/telegram_platform.h"
#include "bot/platforms/wecom/wecom_platform.h"
#include "tests/platforms/helpers.h"

using namespace paike;
using nlohmann::json;

namespace {

OutgoingMessage to_leader(const std::string& group) {
  OutgoingMessage m;
  m.group_id = group;
  m.text = "#12 南河桥垃圾堆，请@韩德福 明天前整改";
  m.mentions = {"sim:handefu"};
  return m;
}

}  // namespace

TEST_CASE("platform: feishu client: token fetched once and cached, refreshed on token-expired, real <at> mention") {
  test::FakeApi api;
  std::atomic<int> tokens{0};
  std::atomic<bool> expire_next{false};
  api.post("/open-apis/auth/v3/tenant_access_token/internal", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(json{{"code", 0}, {"tenant_access_token", "t" + std::to_string(++tokens)}, {"expire", 7200}}.dump(),
                    "application/json");
  });
  api.post("/open-apis/im/v1/messages", [&](const httplib::Request&, httplib::Response& res) {
    if (expire_next.exchange(false)) {
      res.set_content(R"({"code":99991663,"msg":"token invalid"})", "application/json");
      return;
    }
    res.set_content(R"({"code":0,"data":{"message_id":"om_sent"}})", "application/json");
  });
  api.get(R"(/open-apis/im/v1/messages/om_1/resources/img_1)",
          [](const httplib::Request&, httplib::Response& res) { res.set_content("JPEGDATA", "image/jpeg"); });
  FeishuSettings s{"app", "secret", "", "vt", api.base(), std::chrono::hours(1), {}};
  FeishuPlatform p(s, PlatformRoster("feishu", test::platform_deployment()));
  SendFailure failure;
  auto receipt = p.send(to_leader("oc_hanjia"), failure);
  REQUIRE(receipt);
  CHECK(receipt->platform_message_id == "om_sent");
  CHECK(p.send(to_leader("oc_hanjia"), failure));
  CHECK(tokens == 1);
  expire_next = true;
  CHECK(p.send(to_leader("oc_hanjia"), failure));
  CHECK(tokens == 2);
  auto sent = api.requests();
  auto last = std::find_if(sent.rbegin(), sent.rend(),
                           [](const auto& r) { return r.path.find("messages?") != std::string::npos; });
  REQUIRE(last != sent.rend());
  CHECK(last->headers.at("Authorization") == "Bearer t2");
  auto content = json::parse(json::parse(last->body)["content"].get<std::string>());
  CHECK(content["text"] == "#12 南河桥垃圾堆，请<at user_id=\"ou_handefu\">韩德福</at> 明天前整改");
  auto media = p.fetch_media(IncomingImage{"", "om_1/img_1", ""});
  REQUIRE(media.ok());
  CHECK(*media == "JPEGDATA");
}

TEST_CASE("platform: telegram client: 429 with retry_after is retryable, HTML mention and reply, getFile download") {
  test::FakeApi api;
  std::atomic<int> calls{0};
  api.post("/bot123:ABC/sendMessage", [&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) {
      res.status = 429;
      res.set_header("Retry-After", "7");
      res.set_content(
          R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}})",
          "application/json");
      return;
    }
    res.set_content(R"({"ok":true,"result":{"message_id":99}})", "application/json");
  });
  api.get("/bot123:ABC/getFile", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"ok":true,"result":{"file_id":"big","file_path":"photos/file_1.jpg"}})", "application/json");
  });
  api.get("/file/bot123:ABC/photos/file_1.jpg",
          [](const httplib::Request&, httplib::Response& res) { res.set_content("PHOTO", "image/jpeg"); });
  TelegramSettings s{"123:ABC", "sec", api.base(), std::chrono::hours(24), {}};
  TelegramPlatform p(s, PlatformRoster("telegram", test::platform_deployment()));
  SendFailure failure;
  auto message = to_leader("-1001");
  message.reply_to = "41";
  CHECK_FALSE(p.send(message, failure));
  CHECK(failure.retryable);
  REQUIRE(failure.retry_after);
  CHECK(failure.retry_after->count() == 7);
  auto receipt = p.send(message, failure);
  REQUIRE(receipt);
  CHECK(receipt->platform_message_id == "99");
  auto body = json::parse(api.requests().back().body);
  CHECK(body["text"] == "#12 南河桥垃圾堆，请<a href=\"tg://user?id=777\">@韩德福</a> 明天前整改");
  CHECK(body["reply_parameters"]["message_id"] == 41);
  CHECK(*p.fetch_media(IncomingImage{"", "big", ""}) == "PHOTO");
}

TEST_CASE("platform: onebot client: 5xx retryable, 401 not, at segment and access token") {
  test::FakeApi api;
  std::atomic<int> status{503};
  api.post("/send_group_msg", [&](const httplib::Request&, httplib::Response& res) {
    res.status = status;
    res.set_content(R"({"status":"ok","retcode":0,"data":{"message_id":321}})", "application/json");
  });
  OnebotSettings s{"sec", "obtoken", api.base(), std::chrono::minutes(10), {}};
  OnebotPlatform p(s, PlatformRoster("onebot", test::platform_deployment()));
  SendFailure failure;
  CHECK_FALSE(p.send(to_leader("123456"), failure));
  CHECK(failure.retryable);
  status = 401;
  CHECK_FALSE(p.send(to_leader("123456"), failure));
  CHECK_FALSE(failure.retryable);
  status = 200;
  auto receipt = p.send(to_leader("123456"), failure);
  REQUIRE(receipt);
  CHECK(receipt->platform_message_id == "321");
  auto last = api.requests().back();
  CHECK(last.headers.at("Authorization") == "Bearer obtoken");
  auto body = json::parse(last.body);
  CHECK(body["group_id"] == 123456);
  CHECK(body["message"][1] == json{{"type", "at"}, {"data", {{"qq", "10001"}}}});
}

TEST_CASE("platform: wecom group robot: mentioned_list from the roster, rate limit retryable") {
  test::FakeApi api;
  std::atomic<int> calls{0};
  api.post("/cgi-bin/webhook/send", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        ++calls == 1 ? R"({"errcode":45009,"errmsg":"api freq out of limit"})" : R"({"errcode":0,"errmsg":"ok"})",
        "application/json");
  });
  WecomSettings s;
  s.robot_keys["robot:hanjia"] = "KEY1";
  s.api_base = api.base();
  WecomPlatform p(s, PlatformRoster("wecom", test::platform_deployment()));
  SendFailure failure;
  CHECK_FALSE(p.send(to_leader("robot:hanjia"), failure));
  CHECK(failure.retryable);
  CHECK(p.send(to_leader("robot:hanjia"), failure));
  auto last = api.requests().back();
  CHECK(last.path == "/cgi-bin/webhook/send?key=KEY1");
  CHECK(json::parse(last.body)["text"]["mentioned_list"] == json::array({"HanDeFu"}));
  CHECK(p.accept_webhook(test::post("x"), test::at_seconds(0)).status == 404);
}

TEST_CASE("platform: network down is a retryable failure") {
  OnebotSettings s{"sec", "tok", "http://127.0.0.1:1", std::chrono::minutes(10), {}};
  OnebotPlatform p(s, PlatformRoster("onebot", test::platform_deployment()));
  SendFailure failure;
  CHECK_FALSE(p.send(to_leader("1"), failure));
  CHECK(failure.retryable);
}

TEST_CASE("platform: registry: missing secret names the variable, all five build from env") {
  auto d = test::platform_deployment();
  std::map<std::string, std::string> vars{{"PAIKE_FEISHU_APP_ID", "a"},
                                          {"PAIKE_FEISHU_APP_SECRET", "b"},
                                          {"PAIKE_FEISHU_VERIFICATION_TOKEN", "c"},
                                          {"PAIKE_DINGTALK_APP_KEY", "k"},
                                          {"PAIKE_DINGTALK_APP_SECRET", "s"},
                                          {"PAIKE_WECOM_CORP_ID", "corp"},
                                          {"PAIKE_WECOM_TOKEN", "t"},
                                          {"PAIKE_WECOM_AES_KEY", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"},
                                          {"PAIKE_WECOM_SECRET", "s"},
                                          {"PAIKE_WECOM_ROBOT_KEY", "rk"},
                                          {"PAIKE_ONEBOT_SECRET", "s"},
                                          {"PAIKE_ONEBOT_ACCESS_TOKEN", "t"},
                                          {"PAIKE_TELEGRAM_TOKEN", "1:A"},
                                          {"PAIKE_TELEGRAM_SECRET", "s"}};
  EnvLookup env = [&](const std::string& n) -> std::optional<std::string> {
    auto it = vars.find(n);
    return it == vars.end() ? std::nullopt : std::optional(it->second);
  };
  for (const char* name : kKnownPlatforms) {  // every listed platform has its factory
    auto p = make_platform(name, d, env);
    REQUIRE(p.ok());
    CHECK((*p)->name() == name);
  }
  vars.erase("PAIKE_TELEGRAM_SECRET");
  auto missing = make_platform("telegram", d, env);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("PAIKE_TELEGRAM_SECRET") != std::string::npos);
  auto unknown = make_platform("myspace", d, env);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == ErrorCode::unknown_platform);
  CHECK(unknown.error().message.find("feishu, dingtalk, wecom, onebot, telegram") != std::string::npos);
}
