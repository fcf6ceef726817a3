// Logging in to the ledger: by chat (link sent privately), by console, once, for 10 minutes.
#include "ledger_fixture.h"
#include "storage/inbox.h"

using namespace paike;
using paike::test::LedgerFixture;

namespace {

void say(LedgerFixture& f, const std::string& event_id, const std::string& group_id, const std::string& user_id,
         const std::string& text) {
  nlohmann::json body{{"event_id", event_id}, {"group_id", group_id}, {"user_id", user_id}, {"text", text}};
  auto res = f.http->Post("/webhook/sim", body.dump(), "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  f.app->worker().drain();
  f.app->sender().send_due();
}

std::string token_in(const std::string& text) {
  auto at = text.find("/login?token=");
  REQUIRE(at != std::string::npos);
  return text.substr(at + 13, 64);
}

}  // namespace

TEST_CASE("a secretary writing 台账 in the group gets the link privately, the group only hears it was sent") {
  LedgerFixture f;
  say(f, "e1", "g-hanjia", "sim:hanjianguo", "台账");
  auto group = f.messages("g-hanjia");
  REQUIRE(group.size() == 1);
  CHECK(group[0]["text"] == "登录链接已私信发给您。");
  CHECK(group[0]["text"].get<std::string>().find("token") == std::string::npos);
  auto dm = f.messages("dm:sim:hanjianguo");
  REQUIRE(dm.size() == 1);
  const std::string text = dm[0]["text"];
  CHECK(text.find("http://127.0.0.1:" + std::to_string(f.app->port()) + "/login?token=") != std::string::npos);

  // Opening the link shows a button (a link preview must not use it up); pressing it logs in.
  const std::string token = token_in(text);
  auto page = f.http->Get(("/login?token=" + token).c_str());
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("进入台账") != std::string::npos);
  auto res = f.http->Post("/login", "token=" + token, "application/x-www-form-urlencoded");
  REQUIRE(res);
  CHECK(res->status == 303);
  const std::string cookie = res->get_header_value("Set-Cookie");
  CHECK(cookie.find("paike_session=") == 0);
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Lax") != std::string::npos);
  CHECK(cookie.find("Max-Age=604800") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);  // plain http here
  auto list = f.get("/", cookie.substr(0, cookie.find(';')));
  REQUIRE(list);
  CHECK(list->status == 200);
  CHECK(list->body.find("韩建国") != std::string::npos);
}

TEST_CASE("a private 登录 gets the link in the private chat only") {
  LedgerFixture f;
  say(f, "e1", "dm:sim:zhaomin", "sim:zhaomin", "登录");
  auto dm = f.messages("dm:sim:zhaomin");
  REQUIRE(dm.size() == 1);
  CHECK(dm[0]["text"].get<std::string>().find("/login?token=") != std::string::npos);
}

TEST_CASE("a grid leader or villager asking for the ledger is politely refused and gets no link") {
  LedgerFixture f;
  say(f, "e1", "g-hanjia", "sim:zhangguilan", "台账");
  say(f, "e2", "g-hanjia", "sim:handefu", "台账");
  auto group = f.messages("g-hanjia");
  REQUIRE(group.size() == 2);
  CHECK(group[0]["text"].get<std::string>().find("抱歉") != std::string::npos);
  CHECK(f.messages("dm:sim:zhangguilan").empty());
  CHECK(f.messages("dm:sim:handefu").empty());
}

TEST_CASE("a login link works once") {
  LedgerFixture f;
  std::string link;
  {
    auto db = f.db();
    link = issue_login_link(*db, "sim:hanjianguo", "http://x", f.clock->now());
  }
  const std::string token = link.substr(link.find("token=") + 6);
  auto first = f.http->Post("/login", "token=" + token, "application/x-www-form-urlencoded");
  REQUIRE(first);
  CHECK(first->status == 303);
  auto again = f.http->Post("/login", "token=" + token, "application/x-www-form-urlencoded");
  REQUIRE(again);
  CHECK(again->status == 403);
  CHECK(again->get_header_value("Set-Cookie").empty());
}

TEST_CASE("a login link expires after 10 minutes") {
  LedgerFixture f;
  std::string link;
  {
    auto db = f.db();
    link = issue_login_link(*db, "sim:hanjianguo", "http://x", f.clock->now());
  }
  f.clock->advance(std::chrono::minutes(10) + std::chrono::seconds(1));
  auto res =
      f.http->Post("/login", "token=" + link.substr(link.find("token=") + 6), "application/x-www-form-urlencoded");
  REQUIRE(res);
  CHECK(res->status == 403);
  CHECK(res->body.find("链接已失效") != std::string::npos);
}

TEST_CASE("a made-up token, no cookie or an expired session do not get in") {
  LedgerFixture f;
  auto res = f.http->Post("/login", "token=" + std::string(64, 'a'), "application/x-www-form-urlencoded");
  REQUIRE(res);
  CHECK(res->status == 403);
  auto anonymous = f.http->Get("/");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  const std::string cookie = f.login("sim:hanjianguo");
  CHECK(f.get("/", cookie)->status == 200);
  f.clock->advance(std::chrono::days(7) + std::chrono::seconds(1));
  CHECK(f.get("/", cookie)->status == 401);
}

TEST_CASE("behind nginx with HTTPS the session cookie is Secure") {
  LedgerFixture f;
  std::string link;
  {
    auto db = f.db();
    link = issue_login_link(*db, "sim:hanjianguo", "http://x", f.clock->now());
  }
  auto res = f.http->Post("/login", httplib::Headers{{"X-Forwarded-Proto", "https"}},
                          "token=" + link.substr(link.find("token=") + 6), "application/x-www-form-urlencoded");
  REQUIRE(res);
  CHECK(res->get_header_value("Set-Cookie").find("; Secure") != std::string::npos);
}

TEST_CASE("logging out needs the CSRF token and ends the session") {
  LedgerFixture f;
  const std::string cookie = f.login("sim:hanjianguo");
  auto page = f.get("/", cookie);
  CHECK(f.post_form("/logout", cookie, "")->status == 403);
  CHECK(f.get("/", cookie)->status == 200);
  CHECK(f.post_form("/logout", cookie, "csrf=" + LedgerFixture::csrf_of(page->body))->status == 200);
  CHECK(f.get("/", cookie)->status == 401);
}
