// Bad input and abuse over the real HTTP server on loopback: floods are slowed down with one
// polite notice and lose nothing, long texts are cut, villagers' text is shown as text,
// path tricks reach no file, every response carries the security headers, and a person can
// end all their ledger sessions.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>

#include "config/base64.h"
#include "config/text.h"
#include "storage/web_login_repo.h"
#include "tests/bot/ledger_fixture.h"

using namespace paike;
using namespace paike::test;
using nlohmann::json;

namespace {

json sim_event(const std::string& event_id, const std::string& user_id, const std::string& user_name,
               const std::string& text) {
  return json{
      {"event_id", event_id}, {"group_id", "g-hanjia"}, {"user_id", user_id}, {"user_name", user_name}, {"text", text}};
}

int post_event(LedgerFixture& f, const json& event) {
  auto res = f.http->Post("/webhook/sim", event.dump(), "application/json");
  REQUIRE(res);
  return res->status;
}

int64_t count(LedgerFixture& f, const std::string& sql) {
  auto db = f.db();
  Statement q(*db, sql);
  q.step();
  return q.column(0).int64();
}

// Messages the bot queued for the group (the sender is not running in these tests).
int64_t notices(LedgerFixture& f, const std::string& words) {
  return count(f, "SELECT count(*) FROM outbox WHERE group_id = 'g-hanjia' AND instr(text, '" + words + "') > 0");
}

}  // namespace

TEST_CASE("abuse: a flooding villager gets one polite notice, the extra events are kept but not handled") {
  LedgerFixture f;
  const int limit = f.app->deployment().limits.user_events_per_minute;
  for (int i = 0; i < limit + 5; ++i) {
    CHECK(post_event(
              f, sim_event("flood-" + std::to_string(i), "sim:wangdaye", "王大爷", "你好" + std::to_string(i))) == 200);
  }
  f.app->worker().drain();
  CHECK(notices(f, "您发送太频繁了，请稍后再试") == 1);
  CHECK(count(f, "SELECT count(*) FROM inbox WHERE error = 'throttled_user'") == 5);
  // Nothing accepted is lost: every event is in the inbox and none is left pending or failed.
  CHECK(count(f, "SELECT count(*) FROM inbox WHERE state = 'done'") == limit + 5);

  // Someone else in the same group is not slowed down by it.
  CHECK(post_event(f, sim_event("other-1", "sim:handefu", "韩德福", "帮助")) == 200);
  f.app->worker().drain();
  CHECK(count(f, "SELECT count(*) FROM inbox WHERE event_id = 'other-1' AND error IS NULL") == 1);

  // A minute later the villager is heard again, and no second notice is sent.
  f.clock->advance(std::chrono::seconds(61));
  CHECK(post_event(f, sim_event("later-1", "sim:wangdaye", "王大爷", "帮助")) == 200);
  f.app->worker().drain();
  CHECK(count(f, "SELECT count(*) FROM inbox WHERE event_id = 'later-1' AND error IS NULL") == 1);
  CHECK(notices(f, "您发送太频繁了") == 1);
}

TEST_CASE("abuse: a whole group over its limit gets one notice for the group") {
  LedgerFixture f([](Deployment& d) { d.limits.group_events_per_minute = 10; });
  for (int i = 0; i < 13; ++i) {
    const std::string id = std::to_string(i);
    CHECK(post_event(f, sim_event("g-" + id, "sim:villager" + id, "村民" + id, "你好")) == 200);
  }
  f.app->worker().drain();
  CHECK(count(f, "SELECT count(*) FROM inbox WHERE error = 'throttled_group'") == 3);
  CHECK(notices(f, "本群消息太多了") == 1);
}

TEST_CASE("abuse: a very long text is cut to limits.text_chars, the inbox keeps it whole") {
  LedgerFixture f([](Deployment& d) { d.limits.text_chars = 100; });
  std::string text = "南河桥边上一大堆垃圾好几天没人管";
  for (int i = 0; i < 3000; ++i) text += "啊";
  json e = sim_event("long-1", "sim:handefu", "韩德福", text);
  e["image_b64"] = base64_encode(make_jpeg(640, 480, 3));
  CHECK(post_event(f, e) == 200);
  f.app->worker().drain();
  auto res = f.http->Get("/api/v1/tickets", httplib::Headers{{"Authorization", "Bearer demo-token"}});
  REQUIRE(res);
  auto tickets = json::parse(res->body)["tickets"];
  REQUIRE(tickets.size() == 1);
  const std::string stored = tickets[0]["text"].get<std::string>();
  CHECK(utf8_length(stored) == 100);
  CHECK(stored.rfind("南河桥边上一大堆垃圾", 0) == 0);
  CHECK(count(f,
              "SELECT length(p.payload) > 9000 FROM inbox i JOIN inbox_payloads p ON p.inbox_id = i.id "
              "WHERE i.event_id = 'long-1'") == 1);
}

TEST_CASE("abuse: a body over server.max_body is refused with 413 and a JSON reason") {
  LedgerFixture f([](Deployment& d) { d.server.max_body_bytes = 1000; });
  auto res = f.http->Post("/webhook/sim", std::string(5000, ' '), "application/json");
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(json::parse(res->body).contains("error"));
}

TEST_CASE("web: a villager's <script> is shown as text on the ledger pages") {
  LedgerFixture f;
  auto t = f.file("韩家村", "<script>alert(1)</script>\"'&", std::chrono::hours(24));
  const std::string cookie = f.login("sim:hanjianguo");
  for (const std::string& path : std::vector<std::string>{"/", "/tickets/" + std::to_string(t.id)}) {
    auto res = f.get(path, cookie);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->body.find("<script>alert(1)") == std::string::npos);
  }
  auto page = f.get("/tickets/" + std::to_string(t.id), cookie);
  CHECK(page->body.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;") != std::string::npos);
}

TEST_CASE("web: the simulator page has no inline script or style and shows chat text with textContent") {
  LedgerFixture f;
  auto page = f.http->Get("/sim");
  REQUIRE(page);
  REQUIRE(page->status == 200);
  CHECK(page->body.find("<script>") == std::string::npos);  // only <script src=…>
  CHECK(page->body.find("style=") == std::string::npos);
  CHECK(page->body.find("onclick") == std::string::npos);
  auto js = f.http->Get("/sim/sim.js");
  REQUIRE(js);
  CHECK(js->body.find("innerHTML") == std::string::npos);
  CHECK(js->body.find("insertAdjacentHTML") == std::string::npos);
  CHECK(js->body.find("document.write") == std::string::npos);
}

TEST_CASE("web: every response carries nosniff, no-framing and referrer headers, HTML a strict CSP") {
  LedgerFixture f;
  for (const char* path : {"/sim", "/login?token=x", "/", "/ledger.css", "/sim/sim.js", "/healthz", "/no-such-page"}) {
    auto res = f.http->Get(path);
    REQUIRE(res);
    INFO(path);
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res->get_header_value("X-Frame-Options") == "DENY");
    CHECK(res->get_header_value("Referrer-Policy") == "same-origin");
    CHECK(res->get_header_value_count("X-Frame-Options") == 1);
    if (res->get_header_value("Content-Type").rfind("text/html", 0) == 0) {
      const std::string csp = res->get_header_value("Content-Security-Policy");
      CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
      CHECK(csp.find("script-src 'self'") != std::string::npos);
      CHECK(csp.find("unsafe-inline") == std::string::npos);
    }
  }
}

TEST_CASE("web: path traversal on photo and static routes reaches no file") {
  LedgerFixture f;
  for (const char* path :
       {"/photos/../paike.db", "/photos/%2e%2e/paike.db", "/photos/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/photos/..%2f..%2fpaike.db", "/sim/../paike.db", "/sim/%2e%2e/%2e%2e/etc/passwd", "/ledger.css/../../paike.db",
        "/%2e%2e/%2e%2e/etc/passwd", "/photos/....//....//etc/passwd"}) {
    auto res = f.http->Get(path);
    REQUIRE(res);
    INFO(path);
    CHECK(res->status >= 400);
    CHECK(res->status < 500);
    CHECK(res->body.find("SQLite format") == std::string::npos);
    CHECK(res->body.find("root:") == std::string::npos);
  }
}

TEST_CASE("web: 退出所有设备 ends every session of that person, and needs the CSRF token") {
  LedgerFixture f;
  const std::string phone = f.login("sim:hanjianguo");
  const std::string laptop = f.login("sim:hanjianguo");
  const std::string other = f.login("sim:zhaomin");
  auto page = f.get("/", phone);
  REQUIRE(page->status == 200);
  CHECK(page->body.find("退出所有设备") != std::string::npos);
  CHECK(f.post_form("/logout-all", phone, "csrf=wrong")->status == 403);
  CHECK(f.get("/", laptop)->status == 200);
  CHECK(f.post_form("/logout-all", phone, "csrf=" + LedgerFixture::csrf_of(page->body))->status == 200);
  CHECK(f.get("/", phone)->status == 401);
  CHECK(f.get("/", laptop)->status == 401);
  CHECK(f.get("/", other)->status == 200);
}

TEST_CASE("web: the CSRF token counts only in the POST body, never in the query string") {
  LedgerFixture f;
  const std::string cookie = f.login("sim:hanjianguo");
  auto page = f.get("/", cookie);
  REQUIRE(page->status == 200);
  const std::string csrf = LedgerFixture::csrf_of(page->body);
  // A query string ends up in logs, Referer headers and browser history: a token there is spent.
  CHECK(f.post_form("/logout-all?csrf=" + csrf, cookie, "")->status == 403);
  CHECK(f.post_form("/logout-all?csrf=" + csrf, cookie, "x=1")->status == 403);
  CHECK(f.get("/", cookie)->status == 200);
  CHECK(f.post_form("/logout-all", cookie, "csrf=" + csrf)->status == 200);
  CHECK(f.get("/", cookie)->status == 401);
}

TEST_CASE("web: sessions can be revoked from the console (paike logout-all) and links stay single-use") {
  LedgerFixture f;
  const std::string cookie = f.login("sim:hanjianguo");
  {
    auto db = f.db();
    CHECK(WebLoginRepo(*db).remove_user_sessions("sim:hanjianguo") == 1);
  }
  CHECK(f.get("/", cookie)->status == 401);
}

TEST_CASE("limits: idle connections give their server thread back after keep_alive_seconds") {
  LedgerFixture f([](Deployment& d) {
    d.server.http_threads = 2;
    d.limits.keep_alive_seconds = 1;
  });
  // Two silent clients hold both threads; a third must still be answered soon.
  std::vector<int> idle;
  for (int i = 0; i < 2; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(f.app->port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    idle.push_back(fd);
  }
  const auto started = std::chrono::steady_clock::now();
  httplib::Client late("127.0.0.1", f.app->port());
  late.set_read_timeout(20, 0);
  auto res = late.Get("/healthz");
  const auto waited = std::chrono::steady_clock::now() - started;
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(waited < std::chrono::seconds(4));
  for (int fd : idle) ::close(fd);
}
