#include "tests/bot/platform_fakes.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "bot/platforms/dingtalk/verify.h"
#include "bot/platforms/feishu/verify.h"
#include "bot/platforms/http.h"
#include "bot/platforms/onebot/verify.h"
#include "bot/platforms/wecom/verify.h"
#include "tests/support/demo_deployment.h"
#include "tests/support/test_database.h"

namespace paike::test {
namespace {

using nlohmann::json;

// WeCom's official sample credentials (see tests/platforms/wecom_test.cpp).
const std::string kWecomCorp = "wx5823bf96d3bd56c7";
const std::string kWecomToken = "QDG6eK";
const std::string kWecomKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

int64_t seconds(TimePoint t) { return t.time_since_epoch().count(); }

// A number derived from the event's id, for platforms with numeric ids.
int64_t numeric(const std::string& id) { return static_cast<int64_t>(std::hash<std::string>{}(id) % 1000000000); }

void answer_json(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

}  // namespace

const std::vector<PlatformFixture>& platform_fixtures() {
  static const std::vector<PlatformFixture> all = {
      {"feishu", "oc_hanjia", "ou_zhangguilan", "ou_handefu", "/open-apis/im/v1/messages"},
      {"dingtalk", "cidHanjia==", "staff_zhangguilan", "staff_handefu", "/session/hanjia"},
      {"wecom", "wrkHanjia", "ZhangGuiLan", "HanDeFu", "/cgi-bin/appchat/send"},
      {"onebot", "123456", "10003", "10001", "/send_group_msg"},
      {"telegram", "-100123", "703", "701", "/bot123:ABC/send"},
  };
  return all;
}

const PlatformFixture& fixture(const std::string& platform) {
  for (const auto& f : platform_fixtures()) {
    if (f.platform == platform) return f;
  }
  throw std::runtime_error("no fixture for " + platform);
}

Deployment township_on(const PlatformFixture& f) {
  Deployment d = demo_deployment();
  d.simulator = false;
  d.platforms = {f.platform};
  for (auto& person : d.people) {
    if (person.user_id == "sim:zhangguilan") person.platform_ids[f.platform] = f.leader_id;
    if (person.user_id == "sim:handefu") person.platform_ids[f.platform] = f.reporter_id;
  }
  Group group;
  group.platform = f.platform;
  group.group_id = f.group_id;
  group.name = "韩家村环境卫生拍客群";
  group.village = "韩家村";
  d.groups.push_back(group);
  return d;
}

EnvLookup fake_env(const PlatformFixture& f, const std::string& base) {
  std::map<std::string, std::string> vars = {
      {"PAIKE_FEISHU_APP_ID", "app"},       {"PAIKE_FEISHU_APP_SECRET", "secret"},
      {"PAIKE_FEISHU_ENCRYPT_KEY", "ek"},   {"PAIKE_FEISHU_VERIFICATION_TOKEN", "vtoken"},
      {"PAIKE_DINGTALK_APP_KEY", "appkey"}, {"PAIKE_DINGTALK_APP_SECRET", "appsecret"},
      {"PAIKE_WECOM_CORP_ID", kWecomCorp},  {"PAIKE_WECOM_TOKEN", kWecomToken},
      {"PAIKE_WECOM_AES_KEY", kWecomKey},   {"PAIKE_WECOM_SECRET", "secret"},
      {"PAIKE_ONEBOT_SECRET", "obsecret"},  {"PAIKE_ONEBOT_ACCESS_TOKEN", "obtoken"},
      {"PAIKE_TELEGRAM_TOKEN", "123:ABC"},  {"PAIKE_TELEGRAM_SECRET", "tgsecret"},
  };
  std::string upper = f.platform;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  vars["PAIKE_" + upper + "_API_BASE"] = base;
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

FakePlatformApi::FakePlatformApi(const PlatformFixture& f, std::string jpeg) {
  const std::string platform = f.platform;
  auto serve_jpeg = [jpeg](const httplib::Request&, httplib::Response& res) { res.set_content(jpeg, "image/jpeg"); };
  // A send route: answers by mood; an expired token is reported once, then the API is fine.
  auto send = [this, platform](json ok, json expired) {
    return [this, platform, ok, expired](const httplib::Request& req, httplib::Response& res) {
      switch (mood.load()) {
        case ApiMood::down:
          return answer_json(res, {{"error", "service unavailable"}}, 503);
        case ApiMood::rate_limited:
          res.set_header("Retry-After", std::to_string(retry_after_seconds.load()));
          return answer_json(res,
                             {{"code", 99991400},
                              {"errcode", 45009},
                              {"ok", false},
                              {"parameters", {{"retry_after", retry_after_seconds.load()}}}},
                             429);
        case ApiMood::token_expired:
          mood = ApiMood::ok;
          return answer_json(res, expired, platform == "dingtalk" ? 401 : 200);
        case ApiMood::ok:
          break;
      }
      std::lock_guard lock(mutex);
      if (req.is_multipart_form_data()) {
        json fields = json::object();
        for (const auto& [name, file] : req.files) fields[name] = file.content;
        accepted.push_back(fields.dump());
      } else {
        accepted.push_back(req.body);
      }
      answer_json(res, ok);
    };
  };
  // An image upload: 503 while failing_uploads counts down, else `ok`.
  auto upload = [this](json ok) {
    return [this, ok](const httplib::Request&, httplib::Response& res) {
      if (failing_uploads > 0) {
        --failing_uploads;
        return answer_json(res, {{"error", "service unavailable"}}, 503);
      }
      answer_json(res, ok);
    };
  };
  auto token = [this](std::function<json(const std::string&)> body) {
    return [this, body](const httplib::Request&, httplib::Response& res) {
      answer_json(res, body("t" + std::to_string(++tokens)));
    };
  };
  api.get("/files/photo.jpg", serve_jpeg);
  if (platform == "feishu") {
    api.post("/open-apis/auth/v3/tenant_access_token/internal", token([](const std::string& t) {
               return json{{"code", 0}, {"tenant_access_token", t}, {"expire", 7200}};
             }));
    api.get(R"(/open-apis/im/v1/messages/[^/]+/resources/[^/]+)", serve_jpeg);
    // The bot's identity (open.feishu.cn 获取机器人信息), for cutting its own @-mention.
    api.get("/open-apis/bot/v3/info", [](const httplib::Request&, httplib::Response& res) {
      answer_json(res, {{"code", 0}, {"msg", "ok"}, {"bot", {{"activate_status", 2}, {"open_id", "ou_paike_bot"}}}});
    });
    api.post("/open-apis/im/v1/images", upload({{"code", 0}, {"data", {{"image_key", "img_uploaded"}}}}));
    api.post(R"(/open-apis/im/v1/messages(/[^/]+/reply)?)", send({{"code", 0}, {"data", {{"message_id", "om_sent"}}}},
                                                                 {{"code", 99991663}, {"msg", "token invalid"}}));
  } else if (platform == "dingtalk") {
    api.post("/v1.0/oauth2/accessToken", token([](const std::string& t) {
               return json{{"accessToken", t}, {"expireIn", 7200}};
             }));
    std::string files = api.base() + "/files/photo.jpg";
    api.post("/v1.0/robot/messageFiles/download", [files](const httplib::Request&, httplib::Response& res) {
      answer_json(res, {{"downloadUrl", files}});
    });
    api.post("/media/upload", upload({{"errcode", 0}, {"media_id", "@media1"}}));
    api.post("/session/hanjia", send({{"errcode", 0}, {"errmsg", "ok"}}, {{"errcode", 0}}));
    api.post("/v1.0/robot/groupMessages/send",
             send({{"processQueryKey", "q1"}}, {{"code", "InvalidAuthentication"}, {"message", "token"}}));
    // A private chat without a live sessionWebhook (批量发送人与机器人会话中机器人消息).
    api.post("/v1.0/robot/oToMessages/batchSend",
             send({{"processQueryKey", "q2"}, {"invalidStaffIdList", json::array()}},
                  {{"code", "InvalidAuthentication"}, {"message", "token"}}));
  } else if (platform == "wecom") {
    // The intelligent robot's image urls serve the file encrypted with the EncodingAESKey.
    std::string encrypted = wecom::encrypt_media(kWecomKey, jpeg);
    api.get("/files/photo.wecom", [encrypted](const httplib::Request&, httplib::Response& res) {
      res.set_content(encrypted, "application/octet-stream");
    });
    api.get("/cgi-bin/gettoken", token([](const std::string& t) {
              return json{{"errcode", 0}, {"access_token", t}, {"expires_in", 7200}};
            }));
    api.post("/cgi-bin/media/upload", upload({{"errcode", 0}, {"type", "image"}, {"media_id", "m1"}}));
    api.post("/cgi-bin/appchat/send",
             send({{"errcode", 0}, {"errmsg", "ok"}}, {{"errcode", 42001}, {"errmsg", "expired"}}));
    // The response_url each intelligent-robot callback carries (智能机器人 消息回复: once, within the hour).
    api.post(R"(/wecom/response/[^/]+)",
             send({{"errcode", 0}, {"errmsg", "ok"}}, {{"errcode", 42001}, {"errmsg", "expired"}}));
  } else if (platform == "onebot") {
    api.post("/send_group_msg",
             send({{"status", "ok"}, {"retcode", 0}, {"data", {{"message_id", 42}}}}, json::object()));
  } else if (platform == "telegram") {
    api.get("/bot123:ABC/getFile", [](const httplib::Request&, httplib::Response& res) {
      answer_json(res, {{"ok", true}, {"result", {{"file_id", "big"}, {"file_path", "photos/p.jpg"}}}});
    });
    api.get("/file/bot123:ABC/photos/p.jpg", serve_jpeg);
    api.post(R"(/bot123:ABC/send(Message|Photo))",
             send({{"ok", true}, {"result", {{"message_id", 77}}}}, json::object()));
  }
}

WebhookRequest signed_image_event(const PlatformFixture& f, const std::string& base, const std::string& id,
                                  const std::string& text, TimePoint now) {
  const std::string ts = std::to_string(seconds(now));
  const std::string ts_ms = std::to_string(seconds(now) * 1000);
  if (f.platform == "feishu") {
    // im.message.receive_v1, schema 2.0, a rich-text post with the photo; encrypted + signed.
    json content{{"title", ""},
                 {"content", json::array({json::array({{{"tag", "text"}, {"text", text}}}),
                                          json::array({{{"tag", "img"}, {"image_key", "img_1"}}})})}};
    json event{{"schema", "2.0"},
               {"header",
                {{"event_id", "ev_" + id},
                 {"event_type", "im.message.receive_v1"},
                 {"token", "vtoken"},
                 {"create_time", ts_ms}}},
               {"event",
                {{"sender", {{"sender_id", {{"open_id", f.reporter_id}}}, {"sender_type", "user"}}},
                 {"message",
                  {{"message_id", "om_" + id},
                   {"chat_id", f.group_id},
                   {"chat_type", "group"},
                   {"message_type", "post"},
                   {"content", content.dump()},
                   {"create_time", ts_ms}}}}}};
    std::string body = json{{"encrypt", feishu::encrypt("ek", event.dump())}}.dump();
    return post(body, {{"x-lark-request-timestamp", ts},
                       {"x-lark-request-nonce", "n" + id},
                       {"x-lark-signature", feishu::signature(ts, "n" + id, "ek", body)}});
  }
  if (f.platform == "dingtalk") {
    // Enterprise robot callback, richText with a picture part; signed with the app secret.
    json body{
        {"msgId", "msg" + id},
        {"conversationId", f.group_id},
        {"conversationType", "2"},
        {"senderStaffId", f.reporter_id},
        {"senderNick", "韩德福"},
        {"chatbotUserId", "bot1"},
        {"msgtype", "richText"},
        {"content", {{"richText", json::array({{{"text", text}}, {{"downloadCode", "dc1"}, {"type", "picture"}}})}}},
        {"sessionWebhook", base + "/session/hanjia"},
        {"sessionWebhookExpiredTime", (seconds(now) + 3600) * 1000},
        {"createAt", seconds(now) * 1000}};
    return post(body.dump(), {{"timestamp", ts_ms}, {"sign", dingtalk::sign(ts_ms, "appsecret")}});
  }
  if (f.platform == "wecom") {
    // The intelligent robot's JSON callback (mixed text + image), encrypted with an empty receive id.
    json message{
        {"msgid", "msg" + id},
        {"aibotid", "bot1"},
        {"chatid", f.group_id},
        {"chattype", "group"},
        {"from", {{"userid", f.reporter_id}}},
        {"msgtype", "mixed"},
        {"response_url", base + "/wecom/response/" + id},
        {"mixed",
         {{"msg_item", json::array({{{"msgtype", "text"}, {"text", {{"content", text}}}},
                                    {{"msgtype", "image"}, {"image", {{"url", base + "/files/photo.wecom"}}}}})}}}};
    std::string enc = wecom::encrypt(kWecomKey, message.dump(), "");
    return post(json{{"encrypt", enc}}.dump(), {},
                {{"msg_signature", wecom::msg_signature(kWecomToken, ts, "n" + id, enc)},
                 {"timestamp", ts},
                 {"nonce", "n" + id}});
  }
  if (f.platform == "onebot") {
    // A group message event in array format; X-Signature over the raw body.
    json body{{"time", seconds(now)},
              {"self_id", 999},
              {"post_type", "message"},
              {"message_type", "group"},
              {"sub_type", "normal"},
              {"message_id", numeric(id)},
              {"group_id", std::stoll(f.group_id)},
              {"user_id", std::stoll(f.reporter_id)},
              {"sender", {{"nickname", "韩德福"}}},
              {"message",
               json::array({{{"type", "text"}, {"data", {{"text", text}}}},
                            {{"type", "image"}, {"data", {{"file", "p.jpg"}, {"url", base + "/files/photo.jpg"}}}}})}};
    std::string raw = body.dump();
    return post(raw, {{"x-signature", onebot::signature("obsecret", raw)}});
  }
  // Telegram: a photo (two sizes) with a caption, behind the webhook's secret token.
  json update{{"update_id", numeric(id)},
              {"message",
               {{"message_id", numeric(id)},
                {"date", seconds(now)},
                {"chat", {{"id", std::stoll(f.group_id)}, {"type", "supergroup"}}},
                {"from", {{"id", std::stoll(f.reporter_id)}, {"is_bot", false}, {"first_name", "德福"}}},
                {"caption", text},
                {"photo", json::array({{{"file_id", "small"}, {"width", 90}, {"height", 67}},
                                       {{"file_id", "big"}, {"width", 1280}, {"height", 960}}})}}}};
  return post(update.dump(), {{"x-telegram-bot-api-secret-token", "tgsecret"}});
}

RunningTownship::RunningTownship(const PlatformFixture& f, FakePlatformApi& fake) {
  AppOptions options;
  options.data_dir = dir.path();
  options.port = 0;
  options.env = fake_env(f, fake.api.base());
  Deployment deployment = township_on(f);
  deployment.storage = test_storage_settings(dir.path());
  auto created = App::create(std::move(deployment), std::move(options));
  REQUIRE(created.ok());
  app = std::move(*created);
  REQUIRE(app->start().ok());
}

httplib::Result RunningTownship::post(const std::string& platform, const WebhookRequest& request) {
  httplib::Client client("127.0.0.1", app->port());
  std::string path = "/webhook/" + platform;
  if (!request.query.empty()) {
    path += "?";
    for (const auto& [k, v] : request.query) path += k + "=" + url_encode(v) + "&";
    path.pop_back();
  }
  httplib::Headers headers;
  for (const auto& [k, v] : request.headers) headers.emplace(k, v);
  return client.Post(path, headers, request.body, "application/json");
}

std::string RunningTownship::metrics() {
  httplib::Client client("127.0.0.1", app->port());
  auto res = client.Get("/metrics");
  return res ? res->body : "";
}

json RunningTownship::tickets() {
  httplib::Client client("127.0.0.1", app->port());
  auto res = client.Get("/api/v1/tickets", {{"Authorization", "Bearer demo-token"}});
  REQUIRE(res);
  return json::parse(res->body)["tickets"];
}

std::vector<std::string> wait_for_sends(FakePlatformApi& fake, size_t count) {
  for (int i = 0; i < 300 && fake.accepted_bodies().size() < count; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return fake.accepted_bodies();
}

}  // namespace paike::test
